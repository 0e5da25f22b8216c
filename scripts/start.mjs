#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is installed, browser mode otherwise
// (or with --browser). Rebuilds the UI when its sources are newer than the build.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronInstall, ensureTarget, root } from './native-build.mjs';

const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');
const electron = forceBrowser ? null : electronInstall();

if (!electron) {
  console.log(
    forceBrowser
      ? '浏览器模式（--browser）：界面由本机 127.0.0.1 提供 / browser mode (--browser): UI served on 127.0.0.1'
      : '未找到 Electron 可执行文件，改用浏览器模式：界面由本机 127.0.0.1 提供 / Electron binary not found: browser mode on 127.0.0.1',
  );
}

buildIfStale();
if (electron) {
  ensureTarget('electron');
  run(electron.binary, ['.', ...passThrough]);
} else {
  ensureTarget('node');
  run(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'electron', 'server', 'main.ts'), ...passThrough]);
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

function buildIfStale() {
  const built = path.join(root, 'out', 'renderer', 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sources = ['renderer', 'shared', 'electron/main', 'electron/preload', 'electron.vite.config.ts'].map((p) => path.join(root, p));
  if (builtAt > 0 && newestMtime(sources) <= builtAt) return;
  console.log('正在构建界面 / building the UI…');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}
