import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

/*
 * The findings desk at a million findings (docs: issue 5, 核查发现).
 *
 * finding_facets: the count of present findings per (filing, rule, severity, status, MCN,
 * content category of the finding's account). The desk's facet counts and totals read this
 * small table instead of grouping a million finding rows seven times per filter change.
 * Triggers keep it exact for every writer (the check engine's upserts, reviews, deletions, in
 * any process), which costs one small upsert per written finding. '' stands for "none" in
 * mcn_id and content_category so the primary key stays NOT NULL. The content category is the
 * account's at the time the finding is written: a filing's rows never change after import.
 * Filing deletion cascades to the rows; findings deleted by the same cascade may decrement
 * rows already gone, which is harmless.
 *
 * severity_rank orders high → info; with the indexes below the table pages in severity order
 * by keyset (filing or all filings, optionally one status), never sorting a million rows.
 */
const dims = (r: 'NEW' | 'OLD') =>
  `${r}.filing_id, ${r}.rule_id, ${r}.severity, ${r}.status, coalesce(${r}.mcn_id, ''),
   coalesce((SELECT content_category FROM accounts WHERE filing_id = ${r}.filing_id AND account_id = ${r}.account_id), '')`;
const keyOld = `filing_id = OLD.filing_id AND rule_id = OLD.rule_id AND severity = OLD.severity AND status = OLD.status
   AND mcn_id = coalesce(OLD.mcn_id, '')
   AND content_category = coalesce((SELECT content_category FROM accounts WHERE filing_id = OLD.filing_id AND account_id = OLD.account_id), '')`;

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE findings ADD COLUMN severity_rank INTEGER
       GENERATED ALWAYS AS (CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END) VIRTUAL`,
    `CREATE INDEX findings_sort_severity ON findings (filing_id, severity_rank, id) WHERE present = 1`,
    `CREATE INDEX findings_sort_status_severity ON findings (filing_id, status, severity_rank, id) WHERE present = 1`,
    `CREATE INDEX findings_all_severity ON findings (severity_rank, id) WHERE present = 1`,
    `CREATE INDEX accounts_category ON accounts (filing_id, content_category)`,

    `CREATE TABLE finding_facets (
      filing_id INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE,
      rule_id TEXT NOT NULL,
      severity TEXT NOT NULL,
      status TEXT NOT NULL,
      mcn_id TEXT NOT NULL,
      content_category TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (filing_id, rule_id, severity, status, mcn_id, content_category)
    ) STRICT, WITHOUT ROWID`,
    `INSERT INTO finding_facets (filing_id, rule_id, severity, status, mcn_id, content_category, n)
       SELECT f.filing_id, f.rule_id, f.severity, f.status, coalesce(f.mcn_id, ''), coalesce(a.content_category, ''), count(*)
       FROM findings f LEFT JOIN accounts a ON a.filing_id = f.filing_id AND a.account_id = f.account_id
       WHERE f.present = 1
       GROUP BY 1, 2, 3, 4, 5, 6`,
    `CREATE TRIGGER findings_facets_insert AFTER INSERT ON findings WHEN NEW.present = 1
     BEGIN
       INSERT INTO finding_facets (filing_id, rule_id, severity, status, mcn_id, content_category, n)
       SELECT ${dims('NEW')}, 1 WHERE 1
       ON CONFLICT DO UPDATE SET n = n + 1;
     END`,
    `CREATE TRIGGER findings_facets_delete AFTER DELETE ON findings WHEN OLD.present = 1
     BEGIN
       UPDATE finding_facets SET n = n - 1 WHERE ${keyOld};
     END`,
    `CREATE TRIGGER findings_facets_update AFTER UPDATE OF filing_id, rule_id, severity, status, present, mcn_id, account_id ON findings
     WHEN OLD.present IS NOT NEW.present OR OLD.status IS NOT NEW.status OR OLD.severity IS NOT NEW.severity OR OLD.rule_id IS NOT NEW.rule_id
       OR OLD.mcn_id IS NOT NEW.mcn_id OR OLD.account_id IS NOT NEW.account_id OR OLD.filing_id IS NOT NEW.filing_id
     BEGIN
       UPDATE finding_facets SET n = n - 1 WHERE OLD.present = 1 AND ${keyOld};
       INSERT INTO finding_facets (filing_id, rule_id, severity, status, mcn_id, content_category, n)
       SELECT ${dims('NEW')}, 1 WHERE NEW.present = 1
       ON CONFLICT DO UPDATE SET n = n + 1;
     END`,
  ]);
}
