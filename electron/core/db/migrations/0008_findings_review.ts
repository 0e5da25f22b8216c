import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

/*
 * The findings desk at a million findings (docs: issue 5, 核查发现).
 *
 * Two count tables, kept exact by triggers for every writer (the check engine's upserts, reviews,
 * deletions, in any process), answer the desk's facet counts and totals instead of grouping a
 * million finding rows eight times per filter change:
 *
 * - finding_facets: present findings per (filing, rule, severity, status, content category of the
 *   finding's account). Small (rules × statuses × categories, ~1,700 rows per filing at a million
 *   findings): it answers every count whose filter and facet leave MCN out, i.e. almost all.
 * - finding_facets_mcn: the same with the MCN as well. Larger (~90,000 rows per filing at a
 *   million findings, MCN × category combinations), read only by the MCN facet and when the
 *   filter names MCNs; keyed and indexed so that an MCN or a category filter reads a small range.
 *
 * Each written finding costs two small upserts. '' stands for "none" in mcn_id and
 * content_category so the keys stay NOT NULL. The content category is the account's at the time
 * the finding is written: a filing's rows never change after import. Filing deletion cascades to
 * the rows; findings deleted by the same cascade may decrement rows already gone, which is harmless.
 *
 * severity_rank orders high → info; with the indexes below the table pages in severity order
 * by keyset (filing or all filings, optionally one status), never sorting a million rows.
 */
const category = (r: 'NEW' | 'OLD') =>
  `coalesce((SELECT content_category FROM accounts WHERE filing_id = ${r}.filing_id AND account_id = ${r}.account_id), '')`;
const upsert = (when: string) => [
  `INSERT INTO finding_facets (filing_id, rule_id, severity, status, content_category, n)
     SELECT NEW.filing_id, NEW.rule_id, NEW.severity, NEW.status, ${category('NEW')}, 1 WHERE ${when}
     ON CONFLICT DO UPDATE SET n = n + 1;`,
  `INSERT INTO finding_facets_mcn (filing_id, mcn_id, content_category, rule_id, severity, status, n)
     SELECT NEW.filing_id, coalesce(NEW.mcn_id, ''), ${category('NEW')}, NEW.rule_id, NEW.severity, NEW.status, 1 WHERE ${when}
     ON CONFLICT DO UPDATE SET n = n + 1;`,
];
const decrement = (when: string) => [
  `UPDATE finding_facets SET n = n - 1 WHERE ${when} AND filing_id = OLD.filing_id AND rule_id = OLD.rule_id AND severity = OLD.severity
     AND status = OLD.status AND content_category = ${category('OLD')};`,
  `UPDATE finding_facets_mcn SET n = n - 1 WHERE ${when} AND filing_id = OLD.filing_id AND mcn_id = coalesce(OLD.mcn_id, '')
     AND content_category = ${category('OLD')} AND rule_id = OLD.rule_id AND severity = OLD.severity AND status = OLD.status;`,
];

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
      content_category TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (filing_id, rule_id, severity, status, content_category)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE finding_facets_mcn (
      filing_id INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE,
      mcn_id TEXT NOT NULL,
      content_category TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      severity TEXT NOT NULL,
      status TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (filing_id, mcn_id, content_category, rule_id, severity, status)
    ) STRICT, WITHOUT ROWID`,
    // An MCN filter across filings, and a category filter, each read a small range.
    `CREATE INDEX finding_facets_mcn_by_mcn ON finding_facets_mcn (mcn_id, filing_id)`,
    `CREATE INDEX finding_facets_mcn_by_category ON finding_facets_mcn (content_category, filing_id)`,
    `INSERT INTO finding_facets_mcn (filing_id, mcn_id, content_category, rule_id, severity, status, n)
       SELECT f.filing_id, coalesce(f.mcn_id, ''), coalesce(a.content_category, ''), f.rule_id, f.severity, f.status, count(*)
       FROM findings f LEFT JOIN accounts a ON a.filing_id = f.filing_id AND a.account_id = f.account_id
       WHERE f.present = 1
       GROUP BY 1, 2, 3, 4, 5, 6`,
    `INSERT INTO finding_facets (filing_id, rule_id, severity, status, content_category, n)
       SELECT filing_id, rule_id, severity, status, content_category, sum(n) FROM finding_facets_mcn GROUP BY 1, 2, 3, 4, 5`,
    `CREATE TRIGGER findings_facets_insert AFTER INSERT ON findings WHEN NEW.present = 1
     BEGIN
       ${upsert('1').join('\n       ')}
     END`,
    `CREATE TRIGGER findings_facets_delete AFTER DELETE ON findings WHEN OLD.present = 1
     BEGIN
       ${decrement('1').join('\n       ')}
     END`,
    `CREATE TRIGGER findings_facets_update AFTER UPDATE OF filing_id, rule_id, severity, status, present, mcn_id, account_id ON findings
     WHEN OLD.present IS NOT NEW.present OR OLD.status IS NOT NEW.status OR OLD.severity IS NOT NEW.severity OR OLD.rule_id IS NOT NEW.rule_id
       OR OLD.mcn_id IS NOT NEW.mcn_id OR OLD.account_id IS NOT NEW.account_id OR OLD.filing_id IS NOT NEW.filing_id
     BEGIN
       ${decrement('OLD.present = 1').join('\n       ')}
       ${upsert('NEW.present = 1').join('\n       ')}
     END`,
  ]);
}
