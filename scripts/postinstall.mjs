#!/usr/bin/env node
// After `npm install`: report whether the desktop shell can run, make the Electron type
// declarations available even when its binary could not be downloaded, and record which
// runtime the native SQLite addon was built for.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronInstall, loadsInNode, recordTarget, root } from './native-build.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = pkg.optionalDependencies.electron;

const electron = electronInstall();
if (electron) {
  console.log(`[postinstall] Electron ${electron.version} 已就绪：npm start 打开桌面应用 / desktop app available`);
} else {
  console.log('[postinstall] 未能下载 Electron 二进制（本机无法访问其下载地址）：npm start 将以浏览器模式运行 / Electron binary unavailable: npm start uses browser mode');
  ensureElectronPackage();
}

// A fresh install builds better-sqlite3 for Node; `npm run native -- electron` switches it.
if (loadsInNode()) recordTarget('node');
else console.log('[postinstall] better-sqlite3 不能在本 Node 中加载：运行 npm run native -- node / run npm run native -- node');

/**
 * npm removes the optional electron package when its binary download fails. Put the package
 * itself back (its JS and electron.d.ts, no binary), the state ELECTRON_SKIP_BINARY_DOWNLOAD
 * leaves: the build tools and the type checker need it; `npm rebuild electron` fetches the
 * binary later where the network allows.
 */
function ensureElectronPackage() {
  const target = path.join(root, 'node_modules', 'electron');
  if (fs.existsSync(path.join(target, 'package.json'))) return;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-pkg-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tarball = execFileSync(npm, ['pack', `electron@${electronVersion}`, '--silent'], { cwd: work, encoding: 'utf8', shell: process.platform === 'win32' }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', tarball], { cwd: work });
    fs.cpSync(path.join(work, 'package'), target, { recursive: true });
    console.log('[postinstall] 已安装 Electron 的 npm 包（不含二进制）供构建与类型检查使用 / electron package placed without its binary');
  } catch (error) {
    console.log(`[postinstall] 无法获取 Electron 的 npm 包 / could not fetch the electron package: ${error instanceof Error ? error.message : error}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
