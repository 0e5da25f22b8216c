import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointsSettled, isCheckpointing, startCheckpoint } from './checkpoint';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-checkpoint-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const walBytes = (dbPath: string) => (fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0);

/** A WAL database with `rows` rows committed to the log and none of them checkpointed yet. */
function databaseWithLog(rows: number): { dbPath: string; db: Database.Database } {
  const dbPath = path.join(dir, 'w.db');
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`第 ${i} 行的内容`.repeat(5));
  })();
  return { dbPath, db };
}

describe('startCheckpoint', () => {
  it('copies the log into the database file on another thread and empties it', async () => {
    const { dbPath, db } = databaseWithLog(20_000);
    const before = walBytes(dbPath);
    expect(before).toBeGreaterThan(1_000_000);
    const { done } = await startCheckpoint(dbPath);
    const result = await done;
    expect(result.frames).toBeGreaterThan(100);
    expect(result.copied).toBe(result.frames);
    expect(result.reset).toBe(true);
    expect(walBytes(dbPath)).toBe(0);
    expect(isCheckpointing(dbPath)).toBe(false);
    db.close();
    // Everything is in the database file itself: read without the log.
    fs.rmSync(`${dbPath}-wal`, { force: true });
    fs.rmSync(`${dbPath}-shm`, { force: true });
    const reopened = new Database(dbPath, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 20_000 });
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('leaves the log in place while a reader still uses it, and a later checkpoint empties it', async () => {
    const { dbPath, db } = databaseWithLog(5_000);
    const reader = new Database(dbPath, { readonly: true });
    const rows = reader.prepare('SELECT id FROM t').iterate();
    rows.next(); // an open read transaction on the log's snapshot
    const { done } = await startCheckpoint(dbPath);
    const result = await done;
    expect(result.copied).toBe(result.frames);
    expect(result.reset).toBe(false);
    expect(walBytes(dbPath)).toBeGreaterThan(0);
    rows.return?.();
    await (await startCheckpoint(dbPath)).done;
    expect(walBytes(dbPath)).toBe(0);
    reader.close();
    db.close();
  });

  it('reports a database that cannot be opened', async () => {
    const { done } = await startCheckpoint(path.join(dir, 'missing.db'));
    await expect(done).rejects.toThrow(/工作区检查点失败/);
    await checkpointsSettled(path.join(dir, 'missing.db'));
  });
});
