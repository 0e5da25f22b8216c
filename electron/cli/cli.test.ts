import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-cli-'));
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'electron/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI', () => {
  it('prints help listing its commands with exit code 0', () => {
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--workspace PATH');
    expect(stdout).toMatch(/info \[--json\]/);
  });

  it('uses the given workspace and prints JSON with --json', () => {
    const { code, stdout } = cli('--workspace', workspace, '--json', 'info');
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ door: 'cli', workspacePath: path.join(workspace, 'workspace.db') });
    expect(fs.existsSync(path.join(workspace, 'workspace.db'))).toBe(true);
  });

  it('exits 2 with a Chinese message on an unknown command', () => {
    const { code, stderr } = cli('--workspace', workspace, 'frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('未知命令');
  });
});
