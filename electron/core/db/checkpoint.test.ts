import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointsSettled, isCheckpointing, startCheckpoint, trackCheckpoint } from './checkpoint';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-checkpoint-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A WAL database with `rows` rows committed to the log and none of them copied into the file yet. */
function databaseWithLog(rows: number): { dbPath: string; db: Database.Database } {
  const dbPath = path.join(dir, 'w.db');
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`第 ${i} 行的内容`.repeat(5));
  })();
  return { dbPath, db };
}

describe('startCheckpoint', () => {
  it('copies the whole log into the database file on another thread', async () => {
    const { dbPath, db } = databaseWithLog(20_000);
    const fileBefore = fs.statSync(dbPath).size;
    expect(fs.statSync(`${dbPath}-wal`).size).toBeGreaterThan(1_000_000);
    const { done } = await startCheckpoint(dbPath);
    const result = await done;
    expect(result.frames).toBeGreaterThan(100);
    expect(result.copied).toBe(result.frames);
    expect(fs.statSync(dbPath).size).toBeGreaterThan(fileBefore + 1_000_000);
    expect(isCheckpointing(dbPath)).toBe(false);
    db.close();
    // Everything is in the database file itself: readable without the log.
    fs.rmSync(`${dbPath}-wal`, { force: true });
    fs.rmSync(`${dbPath}-shm`, { force: true });
    const reopened = new Database(dbPath, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 20_000 });
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('lets a transaction that reads and then writes go on while a reader holds the log (no write lock taken)', async () => {
    const { dbPath, db } = databaseWithLog(20_000);
    const reader = new Database(dbPath, { readonly: true });
    const rows = reader.prepare('SELECT id FROM t').iterate();
    rows.next(); // a read transaction that stays open during the checkpoint
    const { done } = await startCheckpoint(dbPath);
    const readThenWrite = db.transaction(() => {
      const { n } = db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number };
      db.prepare('INSERT INTO t (v) VALUES (?)').run(`第 ${n} 行`);
    });
    let settled = false;
    void done.finally(() => (settled = true)).catch(() => undefined);
    let writes = 0;
    // Writes all the while the checkpoint runs, the reader still open.
    do {
      readThenWrite();
      writes++;
      await new Promise((resolve) => setImmediate(resolve));
    } while (!settled);
    expect((await done).copied).toBeGreaterThan(0);
    rows.return?.();
    reader.close();
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 20_000 + writes });
    db.close();
  });

  it('counts a checkpoint as running until it ends, also when a later one on the same database ends first', async () => {
    const deferred = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    };
    const [first, second] = [deferred(), deferred()];
    trackCheckpoint('w.db', first.promise);
    trackCheckpoint('w.db', second.promise);
    let waited = false;
    const waiting = checkpointsSettled('w.db').then(() => (waited = true));
    second.resolve();
    await new Promise((r) => setImmediate(r));
    expect(isCheckpointing('w.db')).toBe(true);
    expect(waited).toBe(false);
    first.resolve();
    await waiting;
    expect(isCheckpointing('w.db')).toBe(false);
  });

  it('reports a database that cannot be opened', async () => {
    const { done } = await startCheckpoint(path.join(dir, 'missing.db'));
    await expect(done).rejects.toThrow(/工作区检查点失败/);
    await checkpointsSettled(path.join(dir, 'missing.db'));
  });
});
