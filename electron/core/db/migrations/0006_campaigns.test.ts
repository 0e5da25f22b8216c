import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, type MigratedDatabase } from './migrate-to';

let current: MigratedDatabase | undefined;
afterEach(() => current?.db.destroy());

async function migrated(): Promise<Database.Database> {
  current = await migrateTo('0006_campaigns');
  return current.raw;
}

const insert = (raw: Database.Database, code: string, start: string, end: string) =>
  raw
    .prepare(
      `INSERT INTO campaigns (code, name, window_start, window_end, scope_json, categories_json, created_at, created_by, updated_at)
       VALUES (?, '行动', ?, ?, '{}', '[]', 't', 'a', 't')`,
    )
    .run(code, start, end);

describe('migration 0006_campaigns', () => {
  it('keeps campaign codes unique and windows in order', async () => {
    const raw = await migrated();
    insert(raw, 'QL2024', '2024-10-01', '2024-12-31');
    expect(() => insert(raw, 'QL2024', '2024-10-01', '2024-12-31')).toThrow(/UNIQUE/);
    expect(() => insert(raw, 'X', '2024-10-02', '2024-10-01')).toThrow(/CHECK/);
  });

  it('registers exports by opaque id', async () => {
    const raw = await migrated();
    const add = raw.prepare(`INSERT INTO exports (id, kind, target, file_name, path, bytes, sha256, created_at, created_by) VALUES ('e1', 'campaign', 'campaign:1', 'a.xlsx', '/x', 1, 's', 't', 'a')`);
    add.run();
    expect(() => add.run()).toThrow(/UNIQUE/);
  });
});
