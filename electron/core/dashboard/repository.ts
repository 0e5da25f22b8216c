import type Database from 'better-sqlite3';

/*
 * All SQL of the dashboard: set-based aggregates over present findings. The counts read only
 * the covering partial index findings_present_rule (filing_id, rule_id, status, severity) in
 * its own order, so no finding row is touched and no sort is needed; top accounts read
 * findings_present_account (migration 0007). Figures are grouped per filing in SQL and summed
 * across filings in the service, which keeps every GROUP BY in index order.
 */

export interface CountRow { filing_id: number; rule_id: string; status: string; severity: string; n: number }

export interface FilingRow {
  id: number; platform_name: string; period_start: string; period_end: string; version: number; is_sample: 0 | 1;
  manifest_json: string; checked_at: string | null;
}

export class DashboardRepository {
  constructor(private readonly db: Database.Database) {}

  filings(): FilingRow[] {
    return this.db
      .prepare(
        `SELECT f.id, f.platform_name, f.period_start, f.period_end, f.version, f.is_sample, f.manifest_json,
           (SELECT max(r.finished_at) FROM check_runs r WHERE r.filing_id = f.id AND r.status = 'succeeded') AS checked_at
         FROM filings f ORDER BY f.platform_id, f.period_end DESC, f.version DESC`,
      )
      .all() as FilingRow[];
  }

  counts(filingId: number | null): CountRow[] {
    return this.db
      .prepare(
        `SELECT filing_id, rule_id, status, severity, count(*) AS n FROM findings INDEXED BY findings_present_rule
         WHERE present = 1 ${filingId === null ? '' : 'AND filing_id = @filingId'}
         GROUP BY filing_id, rule_id, status, severity`,
      )
      .all(filingId === null ? {} : { filingId }) as CountRow[];
  }

  topAccounts(filingId: number | null, limit: number) {
    return this.db
      .prepare(
        `WITH top AS (
           SELECT filing_id, account_id, count(*) AS total, sum(status = 'pending') AS pending
           FROM findings INDEXED BY findings_present_account
           WHERE present = 1 AND account_id IS NOT NULL ${filingId === null ? '' : 'AND filing_id = @filingId'}
           GROUP BY filing_id, account_id ORDER BY total DESC, filing_id, account_id LIMIT @limit)
         SELECT top.*, a.display_name FROM top
         LEFT JOIN accounts a ON a.filing_id = top.filing_id AND a.account_id = top.account_id
         ORDER BY top.total DESC, top.filing_id, top.account_id`,
      )
      .all(filingId === null ? { limit } : { filingId, limit }) as {
      filing_id: number; account_id: string; display_name: string | null; total: number; pending: number;
    }[];
  }

  /**
   * MCNs ranked by the present findings of the accounts they signed (any contract in the
   * filing, each account counted once per MCN) plus the findings naming the MCN itself. Driven
   * from the contracts, which are far fewer than findings, through findings_present_account.
   */
  topMcns(filingId: number | null, limit: number) {
    const byFiling = (alias: string) => (filingId === null ? '' : `AND ${alias}.filing_id = @filingId`);
    return this.db
      .prepare(
        `WITH signed AS (
           SELECT DISTINCT c.filing_id, c.mcn_id, c.account_id FROM mcn_contracts c WHERE 1 = 1 ${byFiling('c')}),
         per_account AS (
           SELECT s.filing_id, s.mcn_id, s.account_id,
             (SELECT count(*) FROM findings x INDEXED BY findings_present_account
               WHERE x.filing_id = s.filing_id AND x.account_id = s.account_id AND x.present = 1) AS n
           FROM signed s),
         via_accounts AS (
           SELECT filing_id, mcn_id, sum(n) AS account_findings, sum(n > 0) AS accounts_with_findings
           FROM per_account GROUP BY filing_id, mcn_id HAVING sum(n) > 0),
         own AS (
           SELECT filing_id, mcn_id, count(*) AS own_findings FROM findings x
           WHERE x.mcn_id IS NOT NULL AND x.present = 1 ${byFiling('x')} GROUP BY filing_id, mcn_id),
         ranked AS (
           SELECT filing_id, mcn_id, sum(account_findings) AS account_findings, sum(accounts_with_findings) AS accounts_with_findings,
             sum(own_findings) AS own_findings
           FROM (SELECT filing_id, mcn_id, account_findings, accounts_with_findings, 0 AS own_findings FROM via_accounts
                 UNION ALL SELECT filing_id, mcn_id, 0, 0, own_findings FROM own)
           GROUP BY filing_id, mcn_id)
         SELECT r.*, r.account_findings + r.own_findings AS total, o.name FROM ranked r
         LEFT JOIN mcn_orgs o ON o.filing_id = r.filing_id AND o.mcn_id = r.mcn_id
         ORDER BY total DESC, r.filing_id, r.mcn_id LIMIT @limit`,
      )
      .all(filingId === null ? { limit } : { filingId, limit }) as {
      filing_id: number; mcn_id: string; name: string | null; total: number; account_findings: number; own_findings: number; accounts_with_findings: number;
    }[];
  }
}
