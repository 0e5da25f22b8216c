import { sqlCompare } from '../time';
import type { FindingDraft, RuleModule } from '../types';
import { acct, ACTION_LABELS, ev, params } from './util';

export const mcnNameHidden: RuleModule = {
  id: 'mcn.name_hidden',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row, a.mcn_displayed, k.mcn_id, k.signed_at, k.ended_at, k.src_row AS k_row, m.name AS mcn_name
         FROM mcn_contracts k
         JOIN accounts a ON a.filing_id = k.filing_id AND a.account_id = k.account_id
         LEFT JOIN mcn_orgs m ON m.filing_id = k.filing_id AND m.mcn_id = k.mcn_id
         WHERE k.filing_id = @f AND substr(k.signed_at, 1, 10) <= @end AND (k.ended_at IS NULL OR substr(k.ended_at, 1, 10) > @end)
           AND a.status <> 'closed' AND a.mcn_displayed IS NOT 1
         ORDER BY a.account_id, k.signed_at`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number; mcn_displayed: number | null; mcn_id: string; signed_at: string; ended_at: string | null; k_row: number; mcn_name: string | null }[];
    const byAccount = new Map<string, typeof rows>();
    for (const r of rows) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);
    return [...byAccount.values()].map((list): FindingDraft => {
      const a = list[0];
      return {
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        mcnId: a.mcn_id,
        explanation: `未关闭账号${acct(a.display_name, a.account_id)}在 ${rc.filing.end} 与 MCN 机构${list
          .map((k) => `“${k.mcn_name ?? k.mcn_id}”（${k.mcn_id}，${k.signed_at} 签约）`)
          .join('、')}处于签约状态，但${a.mcn_displayed === 0 ? '明确' : ''}未展示所属 MCN 机构名称。`,
        evidence: [
          ev('accounts', a.src_row, { account_id: a.account_id, display_name: a.display_name, mcn_displayed: a.mcn_displayed }),
          ...list.map((k) => ev('mcn_contracts', k.k_row, { mcn_id: k.mcn_id, account_id: k.account_id, signed_at: k.signed_at, ended_at: k.ended_at })),
        ],
      };
    });
  },
};

export const mcnRepeatViolationsUnhandled: RuleModule = {
  id: 'mcn.repeat_violations_unhandled',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT m.mcn_id, m.name, m.src_row AS m_row, k.account_id, k.src_row AS k_row,
                x.action_id, x.action, x.reason, x.start_at, x.src_row AS x_row
         FROM mcn_orgs m
         JOIN mcn_contracts k ON k.filing_id = m.filing_id AND k.mcn_id = m.mcn_id
         JOIN enforcement_actions x ON x.filing_id = k.filing_id AND x.account_id = k.account_id
         WHERE m.filing_id = @f AND m.status = 'active' AND (m.measures IS NULL OR m.measures = '' OR m.measures = '[]')
           AND substr(x.start_at, 1, 10) BETWEEN @start AND @end
           AND ${sqlCompare('k.signed_at', '<=', 'x.start_at')}
           AND (k.ended_at IS NULL OR ${sqlCompare('k.ended_at', '>', 'x.start_at')})
           AND NOT EXISTS (SELECT 1 FROM enforcement_actions y WHERE y.filing_id = @f AND y.target_type = 'mcn' AND y.mcn_id = m.mcn_id
                           AND substr(y.start_at, 1, 10) BETWEEN @start AND @end)
         ORDER BY m.mcn_id, k.account_id, x.start_at`,
      )
      .all(params(rc)) as { mcn_id: string; name: string; m_row: number; account_id: string; k_row: number; action_id: string; action: string; reason: string; start_at: string; x_row: number }[];
    const byMcn = new Map<string, typeof rows>();
    for (const r of rows) byMcn.set(r.mcn_id, [...(byMcn.get(r.mcn_id) ?? []), r]);
    const out: FindingDraft[] = [];
    for (const list of byMcn.values()) {
      const accounts = [...new Set(list.map((r) => r.account_id))];
      if (accounts.length < 3) continue;
      const m = list[0];
      const actionRows = [...new Map(list.map((r) => [r.action_id, r])).values()];
      const contractRows = [...new Map(list.map((r) => [r.k_row, r])).values()];
      out.push({
        entity: { type: 'mcn', id: m.mcn_id },
        mcnId: m.mcn_id,
        explanation: `MCN 机构“${m.name}”（${m.mcn_id}）状态正常，其签约账号中有 ${accounts.length} 个（阈值 3 个）在 ${rc.filing.start} 至 ${rc.filing.end} 受到处置（处置时处于签约期）：${accounts.join('、')}；共 ${actionRows.length} 条处置（${actionRows
          .slice(0, 10)
          .map((x) => `${x.start_at} ${ACTION_LABELS[x.action] ?? x.action}`)
          .join('；')}），但该机构未登记任何已采取措施，期间也无针对该机构的处置记录。`,
        evidence: [
          ev('mcn_orgs', m.m_row, { mcn_id: m.mcn_id, name: m.name, status: 'active', measures: null }),
          ...contractRows.map((k) => ev('mcn_contracts', k.k_row, { mcn_id: k.mcn_id, account_id: k.account_id })),
          ...actionRows.map((x) => ev('enforcement_actions', x.x_row, { action_id: x.action_id, account_id: x.account_id, action: x.action, start_at: x.start_at })),
        ],
      });
    }
    return out;
  },
};

export const mcnRules = [mcnNameHidden, mcnRepeatViolationsUnhandled];
