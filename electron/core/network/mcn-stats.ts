import type Database from 'better-sqlite3';
import type { McnStat } from '@shared/api/network';
import type { Severity } from '@shared/domain/rules';
import { AppError } from '@shared/errors';
import { worse } from './severity';

/*
 * Per MCN, in the literal readings of rules-v1:
 *  - signed at period end: signed_at's date ≤ end and ended_at empty or its date > end (as mcn.name_hidden);
 *  - accounts with actions: an enforcement action starting in the period while the account was
 *    under contract with the MCN at the action's start time (as mcn.repeat_violations_unhandled);
 *  - findings: present, not dismissed findings of its signed accounts (including account groups
 *    they belong to) and findings about the MCN itself.
 */
export function mcnStatistics(db: Database.Database, filingId: number): { periodEnd: string; items: McnStat[] } {
  const filing = db.prepare('SELECT period_start, period_end FROM filings WHERE id = ?').get(filingId) as { period_start: string; period_end: string } | undefined;
  if (!filing) throw new AppError('not_found', `备案数据不存在：${filingId}`);
  const p = { f: filingId, start: filing.period_start, end: filing.period_end };

  const stats = new Map<string, McnStat>();
  const orgs = db.prepare('SELECT mcn_id, name, status, measures FROM mcn_orgs WHERE filing_id = @f ORDER BY mcn_id').all(p) as {
    mcn_id: string;
    name: string;
    status: string | null;
    measures: string | null;
  }[];
  for (const o of orgs) {
    stats.set(o.mcn_id, {
      mcnId: o.mcn_id,
      name: o.name,
      status: o.status,
      measures: o.measures ? (JSON.parse(o.measures) as string[]) : [],
      actionsAgainst: {},
      signedAccounts: 0,
      contractedAccounts: 0,
      followers: 0,
      accountsWithActions: 0,
      actions: 0,
      findingsByRule: {},
      findings: 0,
      worstSeverity: null,
    });
  }
  const at = (mcnId: string) => stats.get(mcnId);

  const signedRows = db
    .prepare(
      `SELECT DISTINCT c.mcn_id, c.account_id, a.followers FROM mcn_contracts c
       JOIN accounts a ON a.filing_id = c.filing_id AND a.account_id = c.account_id
       WHERE c.filing_id = @f AND substr(c.signed_at, 1, 10) <= @end AND (c.ended_at IS NULL OR substr(c.ended_at, 1, 10) > @end)`,
    )
    .raw()
    .iterate(p) as Iterable<[string, string, number]>;
  const signedBy = new Map<string, string[]>();
  for (const [mcnId, accountId, followers] of signedRows) {
    const s = at(mcnId);
    if (!s) continue;
    s.signedAccounts++;
    s.followers += followers;
    const list = signedBy.get(accountId);
    if (list) list.push(mcnId);
    else signedBy.set(accountId, [mcnId]);
  }

  for (const r of db.prepare('SELECT mcn_id, count(DISTINCT account_id) AS n FROM mcn_contracts WHERE filing_id = @f GROUP BY mcn_id').all(p) as { mcn_id: string; n: number }[]) {
    const s = at(r.mcn_id);
    if (s) s.contractedAccounts = r.n;
  }

  const actionRows = db
    .prepare(
      `SELECT c.mcn_id, count(DISTINCT e.account_id) AS accounts, count(DISTINCT e.action_id) AS actions
       FROM enforcement_actions e
       JOIN mcn_contracts c ON c.filing_id = e.filing_id AND c.account_id = e.account_id
       WHERE e.filing_id = @f AND e.target_type = 'account' AND substr(e.start_at, 1, 10) BETWEEN @start AND @end
         AND c.signed_at <= e.start_at AND (c.ended_at IS NULL OR c.ended_at > e.start_at)
       GROUP BY c.mcn_id`,
    )
    .all(p) as { mcn_id: string; accounts: number; actions: number }[];
  for (const r of actionRows) {
    const s = at(r.mcn_id);
    if (!s) continue;
    s.accountsWithActions = r.accounts;
    s.actions = r.actions;
  }

  const againstRows = db
    .prepare(`SELECT mcn_id, action, count(*) AS n FROM enforcement_actions WHERE filing_id = @f AND target_type = 'mcn' AND mcn_id IS NOT NULL GROUP BY mcn_id, action`)
    .all(p) as { mcn_id: string; action: string; n: number }[];
  for (const r of againstRows) {
    const s = at(r.mcn_id);
    if (s) s.actionsAgainst[r.action] = r.n;
  }

  const findingRows = db
    .prepare(
      `SELECT rule_id, severity, account_id, mcn_id, CASE WHEN entity_type = 'account_group' THEN entity_json END FROM findings
       WHERE filing_id = @f AND present = 1 AND status <> 'dismissed' AND (account_id IS NOT NULL OR mcn_id IS NOT NULL OR entity_type = 'account_group')`,
    )
    .raw()
    .iterate(p) as Iterable<[string, Severity, string | null, string | null, string | null]>;
  for (const [ruleId, severity, accountId, mcnId, groupJson] of findingRows) {
    const hit = new Set<string>();
    if (mcnId !== null) hit.add(mcnId);
    if (accountId !== null) for (const m of signedBy.get(accountId) ?? []) hit.add(m);
    if (groupJson !== null) for (const id of (JSON.parse(groupJson) as { ids: string[] }).ids) for (const m of signedBy.get(id) ?? []) hit.add(m);
    for (const m of hit) {
      const s = at(m);
      if (!s) continue;
      s.findingsByRule[ruleId] = (s.findingsByRule[ruleId] ?? 0) + 1;
      s.findings++;
      s.worstSeverity = worse(s.worstSeverity, severity);
    }
  }
  return { periodEnd: filing.period_end, items: [...stats.values()] };
}
