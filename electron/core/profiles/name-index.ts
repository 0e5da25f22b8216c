import type Database from 'better-sqlite3';
import { nowUtc8 } from '../checks/store';

/*
 * The one substring index over account and subject names (migration 0007, `name_search`),
 * shared by the profiles search and the findings search.
 *
 * Filled per filing by `ensureNameIndex`: the import service calls it right after a filing is
 * imported, and every search calls it again for the filings it reads, so a filing imported
 * before the index existed (or whose indexing was interrupted) is indexed on first search.
 * Rows and the FTS index go away with their filing (foreign key cascade + trigger).
 */

/** FTS5 trigram needs three characters; shorter queries scan the rows of the filing instead. */
export const TRIGRAM_MIN_CHARS = 3;

/** Indexes the names of one filing unless already done. Returns the number of rows it added. */
export function ensureNameIndex(db: Database.Database, filingId: number): number {
  const done = db.prepare('SELECT 1 FROM name_search_filings WHERE filing_id = ?').get(filingId);
  if (done) return 0;
  return db.transaction(() => {
    // Re-checked inside the write transaction: two doors may race to index the same filing.
    if (db.prepare('SELECT 1 FROM name_search_filings WHERE filing_id = ?').get(filingId)) return 0;
    if (!db.prepare('SELECT 1 FROM filings WHERE id = ?').get(filingId)) return 0;
    db.prepare('DELETE FROM name_search_rows WHERE filing_id = ?').run(filingId);
    const accounts = db
      .prepare(
        `INSERT INTO name_search_rows (filing_id, kind, entity_id, identity_key, name)
         SELECT a.filing_id, 'account', a.account_id, s.identity_key, a.display_name
         FROM accounts a LEFT JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
         WHERE a.filing_id = ? ORDER BY a.rowid`,
      )
      .run(filingId).changes;
    const subjects = db
      .prepare(
        `INSERT INTO name_search_rows (filing_id, kind, entity_id, identity_key, name)
         SELECT filing_id, 'subject', subject_id, identity_key, name FROM subjects WHERE filing_id = ? ORDER BY rowid`,
      )
      .run(filingId).changes;
    db.prepare('INSERT INTO name_search_filings (filing_id, row_count, indexed_at) VALUES (?, ?, ?)').run(filingId, accounts + subjects, nowUtc8());
    return accounts + subjects;
  })();
}

/** Indexes every filing of the workspace not yet indexed (filings are few; rows are many). */
export function ensureAllNameIndexes(db: Database.Database): void {
  const missing = db.prepare('SELECT id FROM filings WHERE id NOT IN (SELECT filing_id FROM name_search_filings) ORDER BY id').all() as { id: number }[];
  for (const { id } of missing) ensureNameIndex(db, id);
}

export interface NameMatchSql {
  /**
   * `SELECT id, filing_id, kind, entity_id, identity_key, name FROM …` over the rows whose name
   * contains the query (case-insensitive for Latin letters), in rowid order. Compose it as a
   * sub-query, e.g. `account_id IN (SELECT entity_id FROM (${sql}) WHERE kind = 'account')`.
   */
  sql: string;
  /** Named parameters the SQL binds; prefixed `ns` so they do not collide with the caller's. */
  params: { nsQuery: string; nsFilingId?: number };
}

/**
 * The name rows of one filing (or of all filings when `filingId` is null) containing `query`.
 * Call `ensureNameIndex` for the filing(s) first. Three or more characters go through the
 * trigram index; one or two characters scan the filing's rows (the trigram index cannot
 * answer them), which on a million names takes a few hundred milliseconds at worst and stops
 * early when the caller takes a page with LIMIT.
 */
export function nameMatchSql(query: string, filingId: number | null): NameMatchSql {
  const q = query.trim();
  const byFiling = filingId === null ? '' : 'AND r.filing_id = @nsFilingId';
  const params: NameMatchSql['params'] = filingId === null ? { nsQuery: q } : { nsQuery: q, nsFilingId: filingId };
  if ([...q].length >= TRIGRAM_MIN_CHARS) {
    return {
      // The id comes from the FTS side so a caller's `id > ?` and `ORDER BY id` reach the FTS index.
      sql: `SELECT name_search.rowid AS id, r.filing_id, r.kind, r.entity_id, r.identity_key, r.name
            FROM name_search CROSS JOIN name_search_rows r ON r.id = name_search.rowid
            WHERE name_search MATCH @nsQuery ${byFiling}`,
      params: { ...params, nsQuery: ftsPhrase(q) },
    };
  }
  return {
    // Rowid order without a sort: name_search_rows_filing holds (filing_id, kind, rowid) for one filing;
    // across filings the table itself is in rowid order.
    sql: `SELECT r.id, r.filing_id, r.kind, r.entity_id, r.identity_key, r.name
          FROM name_search_rows r ${filingId === null ? 'NOT INDEXED' : 'INDEXED BY name_search_rows_filing'}
          WHERE instr(lower(r.name), lower(@nsQuery)) > 0 ${byFiling}`,
    params,
  };
}

/** A query as one FTS5 phrase: with the trigram tokenizer, a phrase matches as a substring. */
function ftsPhrase(query: string): string {
  return `"${query.replaceAll('"', '""')}"`;
}
