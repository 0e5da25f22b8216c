import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, type MigratedDatabase } from './migrate-to';

let migrated: MigratedDatabase | undefined;
let raw: Database.Database;
afterEach(() => migrated?.db.destroy());

async function migrate() {
  migrated = await migrateTo('0001_workspace');
  raw = migrated.raw;
}

describe('migration 0001_workspace', () => {
  it('creates the workspace tables', async () => {
    await migrate();
    const names = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['meta', 'filings', 'filing_documents', 'reference_sets', 'ref_licenses', 'ref_lexicon', 'audit_log']));
  });

  it('keeps the audit log append-only', async () => {
    await migrate();
    raw.prepare("INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES ('t', 'a', 'x', 'p', 'h')").run();
    expect(() => raw.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/只能追加/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/只能追加/);
  });

  it('allows one active reference set per kind', async () => {
    await migrate();
    const insert = raw.prepare("INSERT INTO reference_sets (kind, name, source_sha256, is_default, is_active, row_count, imported_at, imported_by) VALUES (?, 'n', 's', 0, ?, 0, 't', 'a')");
    insert.run('lexicon', 1);
    insert.run('licenses', 1);
    insert.run('lexicon', 0);
    expect(() => insert.run('lexicon', 1)).toThrow(/UNIQUE/);
  });

  it('rejects values of the wrong type (STRICT)', async () => {
    await migrate();
    expect(() => raw.prepare("INSERT INTO meta (key, value) VALUES ('k', ?)").run(Buffer.from('x'))).toThrow(/cannot store BLOB/);
  });
});
