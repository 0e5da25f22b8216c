import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Workstation {
  /** The URL printed at launch, token included. */
  url: string;
  origin: string;
  token: string;
  workspaceDir: string;
  /** Runs the CLI against this test's workspace (e.g. to import a package quickly). */
  cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts browser mode exactly as `npm start` does, on a fresh workspace per test. */
async function launch(workspaceDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'electron/server/main.ts'), '--workspace', workspaceDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`浏览器模式未在 30 秒内启动：${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`浏览器模式进程退出（${code}）：${output}`)));
  });
  return { child, url };
}

export const test = base.extend<{ workstation: Workstation }>({
  // Playwright reads the fixture's dependencies from this parameter's pattern: it must stay an object pattern.
  // eslint-disable-next-line no-empty-pattern
  workstation: async ({}, use) => {
    const workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-e2e-'));
    const { child, url } = await launch(workspaceDir);
    const parsed = new URL(url);
    await use({
      url,
      origin: parsed.origin,
      token: parsed.searchParams.get('token')!,
      workspaceDir,
      cli: (...args) =>
        new Promise((resolve) => {
          const c = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'electron/cli/main.ts'), '--workspace', workspaceDir, ...args], { cwd: ROOT });
          let stdout = '';
          let stderr = '';
          c.stdout.on('data', (d) => (stdout += d));
          c.stderr.on('data', (d) => (stderr += d));
          c.on('exit', (code) => resolve({ code, stdout, stderr }));
        }),
    });
    child.kill('SIGTERM');
    fs.rmSync(workspaceDir, { recursive: true, force: true });
  },
});

export { expect };
