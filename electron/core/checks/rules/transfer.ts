import type { FindingDraft, RuleModule } from '../types';
import { sqlCompare } from '../time';
import { acct, ev, params } from './util';

export const transferUnapproved: RuleModule = {
  id: 'transfer.unapproved',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT t.transfer_id, t.account_id, t.approved_at, t.effective_at, t.disclosed, t.src_row,
                a.display_name, (t.approved_at IS NOT NULL AND ${sqlCompare('t.approved_at', '>', 't.effective_at')}) AS late
         FROM account_transfers t LEFT JOIN accounts a ON a.filing_id = t.filing_id AND a.account_id = t.account_id
         WHERE t.filing_id = @f
           AND (t.approved_at IS NULL OR ${sqlCompare('t.approved_at', '>', 't.effective_at')} OR t.disclosed IS NOT 1)`,
      )
      .all(params(rc)) as { transfer_id: string; account_id: string; approved_at: string | null; effective_at: string; disclosed: number | null; src_row: number; display_name: string | null; late: number }[];
    return rows.map((t): FindingDraft => {
      const problems = [
        ...(t.approved_at === null ? ['未经平台审核通过（审核通过时间为空）'] : []),
        ...(t.late === 1 ? [`平台审核通过时间 ${t.approved_at} 晚于变更生效时间 ${t.effective_at}`] : []),
        ...(t.disclosed !== 1 ? [t.disclosed === 0 ? '未公示' : '未登记公示情况'] : []),
      ];
      return {
        entity: { type: 'transfer', id: t.transfer_id },
        accountId: t.account_id,
        explanation: `账号${acct(t.display_name, t.account_id)}的主体变更 ${t.transfer_id}（${t.effective_at} 生效）：${problems.join('；')}。`,
        evidence: [ev('account_transfers', t.src_row, { transfer_id: t.transfer_id, approved_at: t.approved_at, effective_at: t.effective_at, disclosed: t.disclosed })],
      };
    });
  },
};

export const transferRules = [transferUnapproved];
