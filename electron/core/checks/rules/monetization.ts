import { epochSeconds, wholeDays } from '../time';
import { sqlCompare } from '../time';
import type { EvidenceRow, FindingDraft, RuleModule } from '../types';
import { acct, ACTION_LABELS, ev, params } from './util';

export const monetizationRecentViolation: RuleModule = {
  id: 'monetization.recent_violation',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row, a.monetization_enabled_at AS enabled_at,
                fi_add_months(a.monetization_enabled_at, -3) AS window_start,
                x.action_id, x.action, x.reason, x.start_at, x.src_row AS x_row
         FROM accounts a JOIN enforcement_actions x ON x.filing_id = a.filing_id AND x.account_id = a.account_id
         WHERE a.filing_id = @f AND a.monetization_enabled_at IS NOT NULL
           AND ${sqlCompare('x.start_at', '>=', 'fi_add_months(a.monetization_enabled_at, -3)')}
           AND ${sqlCompare('x.start_at', '<=', 'a.monetization_enabled_at')}
         ORDER BY a.account_id, x.start_at`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number; enabled_at: string; window_start: string; action_id: string; action: string; reason: string; start_at: string; x_row: number }[];
    const byAccount = new Map<string, typeof rows>();
    for (const r of rows) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);
    return [...byAccount.values()].map((list): FindingDraft => {
      const a = list[0];
      return {
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        explanation: `账号${acct(a.display_name, a.account_id)}于 ${a.enabled_at} 开通营利权限，而此前三个月内（${a.window_start} 至 ${a.enabled_at}）有 ${list.length} 条处置记录：${list
          .map((x) => `${x.start_at} ${ACTION_LABELS[x.action] ?? x.action}（${x.action_id}）`)
          .join('；')}。`,
        evidence: [
          ev('accounts', a.src_row, { account_id: a.account_id, display_name: a.display_name, monetization_enabled_at: a.enabled_at }),
          ...list.map((x) => ev('enforcement_actions', x.x_row, { action_id: x.action_id, action: x.action, reason: x.reason, start_at: x.start_at })),
        ],
      };
    });
  },
};

export const monetizationAfterTransfer: RuleModule = {
  id: 'monetization.after_transfer',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT t.transfer_id, t.effective_at, t.src_row AS t_row, fi_add_months(t.effective_at, 3) AS window_end,
                a.account_id, a.display_name, a.src_row, a.monetization_enabled, a.monetization_enabled_at AS enabled_at
         FROM account_transfers t JOIN accounts a ON a.filing_id = t.filing_id AND a.account_id = t.account_id
         WHERE t.filing_id = @f
           AND ((a.monetization_enabled_at IS NOT NULL
                 AND ${sqlCompare('a.monetization_enabled_at', '>=', 't.effective_at')}
                 AND ${sqlCompare('a.monetization_enabled_at', '<', 'fi_add_months(t.effective_at, 3)')})
                OR (a.monetization_enabled = 1 AND @end < substr(fi_add_months(t.effective_at, 3), 1, 10)))`,
      )
      .all(params(rc)) as { transfer_id: string; effective_at: string; t_row: number; window_end: string; account_id: string; display_name: string; src_row: number; monetization_enabled: number | null; enabled_at: string | null }[];
    return rows.map((r): FindingDraft => {
      const enabledInWindow = r.enabled_at !== null && r.enabled_at >= r.effective_at && r.enabled_at < r.window_end;
      const reasons = [
        ...(enabledInWindow ? [`营利权限于 ${r.enabled_at} 开通，在变更生效后三个月内（${r.effective_at} 至 ${r.window_end} 前）`] : []),
        ...(r.monetization_enabled === 1 && rc.filing.end < r.window_end.slice(0, 10)
          ? [`截至 ${rc.filing.end} 仍有营利权限，而变更生效未满三个月（满三个月为 ${r.window_end}）`]
          : []),
      ];
      return {
        entity: { type: 'transfer', id: r.transfer_id },
        accountId: r.account_id,
        explanation: `账号${acct(r.display_name, r.account_id)}的主体变更 ${r.transfer_id} 于 ${r.effective_at} 生效：${reasons.join('；')}。`,
        evidence: [
          ev('account_transfers', r.t_row, { transfer_id: r.transfer_id, account_id: r.account_id, effective_at: r.effective_at }),
          ev('accounts', r.src_row, { account_id: r.account_id, monetization_enabled: r.monetization_enabled, monetization_enabled_at: r.enabled_at }),
        ],
      };
    });
  },
};

interface Action { action_id: string; start_at: string; end_at: string | null; src_row: number }

/** A suspension satisfies a ban when it starts within 24 hours of it and lasts at least twice as long (rules-v1). */
function suspensionCovers(ban: Action, suspension: Action): boolean {
  if (Math.abs(epochSeconds(suspension.start_at) - epochSeconds(ban.start_at)) > 86_400) return false;
  if (suspension.end_at === null) return true;
  if (ban.end_at === null) return false;
  return wholeDays(suspension.start_at, suspension.end_at) >= 2 * wholeDays(ban.start_at, ban.end_at);
}

export const monetizationBanNotSuspended: RuleModule = {
  id: 'monetization.ban_not_suspended',
  run(rc) {
    const bans = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row AS a_row, x.action_id, x.start_at, x.end_at, x.src_row
         FROM enforcement_actions x JOIN accounts a ON a.filing_id = x.filing_id AND a.account_id = x.account_id
         WHERE x.filing_id = @f AND x.action = 'ban'
           AND (a.monetization_enabled = 1 OR a.monetization_enabled_at IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM enforcement_actions r WHERE r.filing_id = @f AND r.account_id = a.account_id AND r.action = 'revoke_monetization')
         ORDER BY a.account_id, x.start_at`,
      )
      .all(params(rc)) as (Action & { account_id: string; display_name: string; a_row: number })[];
    const suspensionsOf = rc.db.prepare(
      `SELECT action_id, start_at, end_at, src_row FROM enforcement_actions
       WHERE filing_id = @f AND account_id = @a AND action = 'suspend_monetization' ORDER BY start_at`,
    );
    const byAccount = new Map<string, typeof bans>();
    for (const ban of bans) byAccount.set(ban.account_id, [...(byAccount.get(ban.account_id) ?? []), ban]);
    const out: FindingDraft[] = [];
    for (const [accountId, list] of byAccount) {
      const suspensions = suspensionsOf.all({ f: rc.filing.id, a: accountId }) as Action[];
      const uncovered = list.filter((ban) => !suspensions.some((s) => suspensionCovers(ban, s)));
      if (uncovered.length === 0) continue;
      const a = list[0];
      const describe = (ban: Action) =>
        ban.end_at === null
          ? `${ban.action_id}（${ban.start_at} 起，未定期限，需未定期限的暂停或取消营利权限）`
          : `${ban.action_id}（${ban.start_at} 至 ${ban.end_at}，${wholeDays(ban.start_at, ban.end_at)} 天，需 24 小时内开始、至少 ${2 * wholeDays(ban.start_at, ban.end_at)} 天的暂停营利权限）`;
      const evidence: EvidenceRow[] = [
        ev('accounts', a.a_row, { account_id: accountId, display_name: a.display_name }),
        ...uncovered.map((b) => ev('enforcement_actions', b.src_row, { action_id: b.action_id, action: 'ban', start_at: b.start_at, end_at: b.end_at })),
        ...suspensions.map((s) => ev('enforcement_actions', s.src_row, { action_id: s.action_id, action: 'suspend_monetization', start_at: s.start_at, end_at: s.end_at })),
      ];
      out.push({
        entity: { type: 'account', id: accountId },
        accountId,
        explanation: `账号${acct(a.display_name, accountId)}有营利权限，其 ${uncovered.length} 次禁言未同步暂停营利权限两至三倍时长，也无取消营利权限：${uncovered
          .map(describe)
          .join('；')}${suspensions.length > 0 ? `；已有的暂停营利权限：${suspensions.map((s) => `${s.action_id}（${s.start_at} 至 ${s.end_at ?? '未定期限'}）`).join('、')}` : ''}。`,
        evidence,
      });
    }
    return out;
  },
};

export const monetizationRules = [monetizationRecentViolation, monetizationAfterTransfer, monetizationBanNotSuspended];
