// Which runtime the compiled better-sqlite3 addon targets: Node (tests, CLI, browser mode) or
// Electron (the desktop app). One build at a time; the current one is recorded in a marker file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const MARKER = path.join(root, 'node_modules', '.native-target');

export function recordedTarget() {
  try {
    return fs.readFileSync(MARKER, 'utf8').trim();
  } catch {
    return null;
  }
}

export function recordTarget(target) {
  fs.writeFileSync(MARKER, `${target}\n`);
}

/** True when the addon loads in this Node (the only reliable check for the Node build). */
export function loadsInNode() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

/** The installed Electron's version and binary, or null when the package or its binary is absent. */
export function electronInstall() {
  try {
    const pkg = require('electron/package.json');
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? { version: pkg.version, binary } : null;
  } catch {
    return null;
  }
}

export function rebuildFor(target) {
  const env = { ...process.env };
  if (target === 'electron') {
    const electron = electronInstall();
    if (!electron) throw new Error('Electron 未安装，无法为 Electron 构建 better-sqlite3 / Electron is not installed');
    Object.assign(env, { npm_config_runtime: 'electron', npm_config_target: electron.version, npm_config_disturl: 'https://electronjs.org/headers' });
  }
  console.error(`[native] 正在为 ${target} 构建 better-sqlite3（约两分钟）/ building better-sqlite3 for ${target}…`);
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  recordTarget(target);
}

export function ensureTarget(target) {
  if (target === 'node') {
    if (loadsInNode()) {
      if (recordedTarget() !== 'node') recordTarget('node');
      return;
    }
    rebuildFor('node');
    if (!loadsInNode()) throw new Error('better-sqlite3 重新构建后仍无法在 Node 中加载 / still does not load in Node');
    return;
  }
  if (recordedTarget() !== 'electron') rebuildFor('electron');
}
