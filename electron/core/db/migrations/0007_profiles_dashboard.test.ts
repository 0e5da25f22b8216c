import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, type MigratedDatabase } from './migrate-to';

let current: MigratedDatabase | undefined;
afterEach(() => current?.db.destroy());

async function migrated() {
  current = await migrateTo('0007_profiles_dashboard', { withFiling: true });
  return current.raw;
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
