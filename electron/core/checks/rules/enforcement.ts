import type { FindingDraft, RuleModule } from '../types';
import { acct, ev, params } from './util';

export const enforcementRumorNotClosed: RuleModule = {
  id: 'enforcement.rumor_not_closed',
  run(rc) {
    const rows = rc.db
      .prepare(
        `WITH rumor AS (
           SELECT account_id, json_group_array(json_array(action_id, action, start_at, src_row)) AS actions
           FROM enforcement_actions
           WHERE filing_id = @f AND reason = 'rumor_making' AND account_id IS NOT NULL AND substr(start_at, 1, 10) BETWEEN @start AND @end
           GROUP BY account_id
         )
         SELECT r.account_id, r.actions, a.display_name, a.src_row, s.identity_key,
           EXISTS (SELECT 1 FROM enforcement_actions x WHERE x.filing_id = @f AND x.account_id = r.account_id AND x.action = 'close') AS closed,
           EXISTS (SELECT 1 FROM enforcement_actions x WHERE x.filing_id = @f AND x.account_id = r.account_id AND x.action = 'close' AND x.reported = 1) AS reported,
           (EXISTS (SELECT 1 FROM enforcement_actions x WHERE x.filing_id = @f AND x.account_id = r.account_id AND x.action = 'blacklist')
            OR EXISTS (SELECT 1 FROM blacklist b WHERE b.filing_id = @f AND b.account_id = r.account_id)
            OR EXISTS (SELECT 1 FROM blacklist b WHERE b.filing_id = @f AND b.identity_key = s.identity_key)) AS blacklisted
         FROM rumor r
         JOIN accounts a ON a.filing_id = @f AND a.account_id = r.account_id
         JOIN subjects s ON s.filing_id = @f AND s.subject_id = a.subject_id`,
      )
      .all(params(rc)) as { account_id: string; actions: string; display_name: string; src_row: number; identity_key: string; closed: number; reported: number; blacklisted: number }[];
    const out: FindingDraft[] = [];
    for (const r of rows) {
      const missing = [
        ...(r.closed ? [] : ['未关闭账号']),
        ...(r.blacklisted ? [] : ['未列入黑名单']),
        ...(r.reported ? [] : [r.closed ? '关闭处置未报告网信部门' : '未有关闭处置报告网信部门']),
      ];
      if (missing.length === 0) continue;
      const actions = JSON.parse(r.actions) as [string, string, string, number][];
      out.push({
        entity: { type: 'account', id: r.account_id },
        accountId: r.account_id,
        identityKey: r.identity_key,
        explanation: `账号${acct(r.display_name, r.account_id)}在 ${rc.filing.start} 至 ${rc.filing.end} 因制作发布谣言受到处置（${actions
          .map(([id, , start]) => `${id}，${start}`)
          .join('；')}），但${missing.join('、')}。`,
        evidence: [
          ev('accounts', r.src_row, { account_id: r.account_id, display_name: r.display_name }),
          ...actions.map(([id, action, start, srcRow]) => ev('enforcement_actions', srcRow, { action_id: id, action, reason: 'rumor_making', start_at: start })),
        ],
      });
    }
    return out;
  },
};

export const enforcementRules = [enforcementRumorNotClosed];
