import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, type MigratedDatabase } from './migrate-to';

let current: MigratedDatabase | undefined;
let raw: Database.Database;
afterEach(() => current?.db.destroy());

async function migrated() {
  current = await migrateTo('0002_filing_tables', { withFiling: true });
  raw = current.raw;
}

const TABLES = ['subjects', 'accounts', 'credentials', 'mcn_orgs', 'mcn_contracts', 'account_identifiers', 'enforcement_actions', 'follower_daily', 'account_transfers', 'contents', 'complaints', 'blacklist'];

describe('migration 0002_filing_tables', () => {
  it('creates one table per table of filing-package v1, each with source row and extra columns', async () => {
    await migrated();
    for (const table of TABLES) {
      const columns = (raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns, table).toEqual(expect.arrayContaining(['filing_id', 'src_row', 'extra_json']));
    }
  });

  it('refuses duplicate ids within a filing and booleans other than 0/1', async () => {
    await migrated();
    const insert = raw.prepare(
      "INSERT INTO subjects (filing_id, subject_id, subject_type, name, identity_key, src_row) VALUES (1, 'S1', 'individual', '张*', 'K1', ?)",
    );
    insert.run(2);
    expect(() => insert.run(3)).toThrow(/UNIQUE/);
    expect(() =>
      raw
        .prepare(
          "INSERT INTO accounts (filing_id, account_id, subject_id, display_name, content_category, registered_at, status, followers, is_news_account, src_row) VALUES (1, 'A1', 'S1', 'n', 'other', '2024-01-01 00:00:00', 'active', 0, 2, 2)",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('removes every row of a filing when the filing is deleted', async () => {
    await migrated();
    raw.prepare("INSERT INTO subjects (filing_id, subject_id, subject_type, name, identity_key, src_row) VALUES (1, 'S1', 'individual', '张*', 'K1', 2)").run();
    raw.prepare("INSERT INTO follower_daily (filing_id, account_id, date, followers, src_row) VALUES (1, 'A1', '2024-10-01', 5, 2)").run();
    raw.prepare('DELETE FROM filings WHERE id = 1').run();
    for (const table of TABLES) expect((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
  });
});
