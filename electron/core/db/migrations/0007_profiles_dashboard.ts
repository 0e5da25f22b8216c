import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

/*
 * Profiles search and the dashboard.
 *
 * name_search: ONE substring index over the names of a filing's accounts (display_name) and
 * subjects (name), shared by the profiles search and the findings search. FTS5 with the
 * trigram tokenizer, because Chinese names have no word boundaries: any substring of three or
 * more characters is found through the index. The rows live in `name_search_rows` (an
 * INTEGER PRIMARY KEY, so VACUUM keeps the rowids the FTS index refers to) and cascade with
 * their filing; triggers keep the FTS index equal to the rows. `name_search_filings` records
 * which filings are indexed (filled after import, see electron/core/profiles/name-index.ts).
 * identity_key is the subject's, for an account the key of its subject, so a name hit leads to
 * findings stored by account_id or by identity_key alike.
 *
 * The indexes below serve set-based aggregates over a million findings without reading the
 * wide finding rows (only present findings count: partial indexes on present = 1), and the
 * complaints of one account on its profile page.
 */
const filingRef = 'filing_id INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE name_search_filings (
      filing_id INTEGER PRIMARY KEY REFERENCES filings (id) ON DELETE CASCADE,
      row_count INTEGER NOT NULL,
      indexed_at TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE name_search_rows (
      id INTEGER PRIMARY KEY,
      ${filingRef},
      kind TEXT NOT NULL CHECK (kind IN ('account', 'subject')),
      entity_id TEXT NOT NULL,
      identity_key TEXT,
      name TEXT NOT NULL
    ) STRICT`,
    // (filing_id, kind) then rowid: one filing's names in rowid order, and the cascade by filing.
    `CREATE INDEX name_search_rows_filing ON name_search_rows (filing_id, kind)`,
    `CREATE VIRTUAL TABLE name_search USING fts5(name, content = 'name_search_rows', content_rowid = 'id', tokenize = 'trigram')`,
    `CREATE TRIGGER name_search_rows_insert AFTER INSERT ON name_search_rows
      BEGIN INSERT INTO name_search (rowid, name) VALUES (new.id, new.name); END`,
    `CREATE TRIGGER name_search_rows_delete AFTER DELETE ON name_search_rows
      BEGIN INSERT INTO name_search (name_search, rowid, name) VALUES ('delete', old.id, old.name); END`,

    `CREATE INDEX findings_present_rule ON findings (filing_id, rule_id, status, severity) WHERE present = 1`,
    `CREATE INDEX findings_present_account ON findings (filing_id, account_id, status) WHERE present = 1 AND account_id IS NOT NULL`,
    `CREATE INDEX complaints_account ON complaints (filing_id, account_id, received_at) WHERE account_id IS NOT NULL`,
  ]);
}
