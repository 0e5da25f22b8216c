import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from './connection';
import { migrations } from './migrations';

let ws: Workspace | null = null;
let dir = '';
afterEach(async () => {
  await ws?.close();
  ws = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function fresh(): Promise<Workspace> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-conn-'));
  ws = await openWorkspace(path.join(dir, 'nested', 'workspace.db'));
  return ws;
}

describe('openWorkspace', () => {
  it('creates the folder and opens with WAL, FULL sync and foreign keys', async () => {
    const w = await fresh();
    expect(w.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(w.raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(w.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // Reads through a memory map (the checks walk millions of rows); SQLite caps the size it accepts.
    expect(w.raw.pragma('mmap_size', { simple: true })).toBeGreaterThanOrEqual(2 ** 30);
  });

  it('creates a new workspace with 16 KiB pages and keeps the pages of an existing one', async () => {
    const w = await fresh();
    expect(w.raw.pragma('page_size', { simple: true })).toBe(16_384);
    await w.close();
    const older = path.join(dir, 'older.db');
    const made = new Database(older);
    made.pragma('journal_mode = WAL');
    made.exec('CREATE TABLE t (x)');
    made.close();
    ws = await openWorkspace(older);
    expect(ws.raw.pragma('page_size', { simple: true })).toBe(4096);
    expect(ws.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('applies every listed migration once, in name order, and again is a no-op', async () => {
    const w = await fresh();
    const applied = (w.raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    expect(applied).toEqual(Object.keys(migrations).sort());
    await w.close();
    ws = await openWorkspace(w.path);
    expect((ws.raw.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n).toBe(applied.length);
  });

  it('makes every application table STRICT', async () => {
    const w = await fresh();
    const tables = w.raw
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
      .all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      // FTS shadow tables are created by SQLite itself.
      if (/_(data|idx|content|docsize|config)$/.test(table.name)) continue;
      expect(table.sql, table.name).toMatch(/\)\s*(WITHOUT ROWID\s*,\s*)?STRICT(\s*,\s*WITHOUT ROWID)?\s*$/);
    }
  });

  it('refuses a file that is not a SQLite database with a clear error', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-conn-'));
    const bogus = path.join(dir, 'workspace.db');
    fs.writeFileSync(bogus, 'this is not a database, just text'.repeat(200));
    await expect(openWorkspace(bogus)).rejects.toThrow(/not a database/);
  });
});
