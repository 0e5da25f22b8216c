import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './index';

let db: Kysely<unknown>;
afterEach(() => db?.destroy());

async function migrated() {
  const raw = new Database(':memory:');
  raw.pragma('foreign_keys = ON');
  db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('0007_profiles_dashboard');
  if (error) throw error;
  raw
    .prepare(
      `INSERT INTO filings (id, package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
       VALUES (1, 'sha', 'p.zip', 'P001', '平台', '2024-10-01', '2024-12-31', 1, '{}', 't', 'a')`,
    )
    .run();
  return raw;
}

describe('migration 0007_profiles_dashboard', () => {
  it('finds Chinese substrings of three characters through the trigram index, kept in step with the rows', async () => {
    const raw = await migrated();
    const insert = raw.prepare(`INSERT INTO name_search_rows (filing_id, kind, entity_id, name) VALUES (1, ?, ?, ?)`);
    insert.run('account', 'A1', '晴天跑步中');
    insert.run('subject', 'S1', '雨天跑步俱乐部');
    const match = (q: string) => (raw.prepare(`SELECT r.entity_id FROM name_search JOIN name_search_rows r ON r.id = name_search.rowid WHERE name_search MATCH ? ORDER BY r.id`).all(q) as { entity_id: string }[]).map((r) => r.entity_id);
    expect(match('"天跑步"')).toEqual(['A1', 'S1']);
    expect(match('"晴天跑"')).toEqual(['A1']);
    raw.prepare(`DELETE FROM name_search_rows WHERE entity_id = 'A1'`).run();
    expect(match('"天跑步"')).toEqual(['S1']);
  });

  it('refuses an unknown kind and removes the rows and their index entries with the filing', async () => {
    const raw = await migrated();
    expect(() => raw.prepare(`INSERT INTO name_search_rows (filing_id, kind, entity_id, name) VALUES (1, 'mcn', 'M1', '某机构')`).run()).toThrow(/CHECK/);
    raw.prepare(`INSERT INTO name_search_rows (filing_id, kind, entity_id, name) VALUES (1, 'account', 'A1', '晴天跑步中')`).run();
    raw.prepare(`INSERT INTO name_search_filings (filing_id, row_count, indexed_at) VALUES (1, 1, 't')`).run();
    raw.prepare('DELETE FROM filings WHERE id = 1').run();
    expect(raw.prepare('SELECT count(*) AS n FROM name_search_rows').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM name_search_filings').get()).toEqual({ n: 0 });
    expect(raw.prepare(`SELECT count(*) AS n FROM name_search WHERE name_search MATCH '"晴天跑"'`).get()).toEqual({ n: 0 });
  });
});
