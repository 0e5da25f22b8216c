import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../db/connection';
import { GOOD_SUBJECTS, packageFiles, zipFiles } from './testing/package-builder';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-atomic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function bigPackage(accounts: number): string {
  const lines = ['account_id,subject_id,display_name,content_category,registered_at,status,followers'];
  for (let i = 0; i < accounts; i++) lines.push(`A${i},S${1 + (i % 2)},账号名称${i},lifestyle,2024-01-01 10:00:00,active,${i}`);
  const file = path.join(dir, 'big.zip');
  fs.writeFileSync(file, zipFiles(packageFiles([{ table: 'subjects', file: 'subjects.csv', content: GOOD_SUBJECTS }, { table: 'accounts', file: 'accounts.csv', content: `${lines.join('\n')}\n` }])));
  return file;
}

describe('atomic import', () => {
  it('leaves a whole database and no trace of the filing when the process is killed mid-import', async () => {
    const dbPath = path.join(dir, 'workspace.db');
    await (await openWorkspace(dbPath)).close();
    const source = bigPackage(300_000);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing/import-child.ts'), dbPath, source, path.join(dir, 'tmp')], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killedAt = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const done = [...buffer.matchAll(/progress read (\d+)\n/g)].at(-1)?.[1];
        if (done && Number(done) > 10_000 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve(done);
        } else if (buffer.includes('finished')) reject(new Error('the import finished before it could be killed'));
      });
      child.on('exit', (code) => (code !== null ? reject(new Error(`child exited ${code}: ${stderr}`)) : undefined));
    });
    await new Promise((r) => child.once('exit', r));
    expect(Number(killedAt)).toBeGreaterThan(10_000);

    const db = new Database(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) AS n FROM filings').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM subjects').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // The workspace still opens and takes the same package afterwards.
    const ws = await openWorkspace(dbPath);
    try {
      const { importPackage } = await import('./import');
      const outcome = await importPackage(ws.raw, { source, actor: 'tester', tmpDir: path.join(dir, 'tmp') });
      expect(outcome.filingId).not.toBeNull();
      expect(ws.raw.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 300_000 });
    } finally {
      await ws.close();
    }
  }, 120_000);
});
