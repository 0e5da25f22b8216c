import type { FindingDraft, RuleModule } from '../types';
import { ev, params } from './util';

export const complaintOverdue: RuleModule = {
  id: 'complaint.overdue',
  run(rc) {
    const d = rc.filing.complaintDeadlineDays;
    if (d === null) return [];
    // Open: the calendar date of received_at + d days is before `end`. Resolved: took more than d × 24 hours.
    const rows = rc.db
      .prepare(
        `SELECT complaint_id, account_id, received_at, resolved_at, src_row,
                date(substr(received_at, 1, 10), '+' || @d || ' days') AS due,
                (unixepoch(resolved_at) - unixepoch(received_at)) AS took
         FROM complaints
         WHERE filing_id = @f
           AND ((resolved_at IS NULL AND date(substr(received_at, 1, 10), '+' || @d || ' days') < @end)
                OR (resolved_at IS NOT NULL AND unixepoch(resolved_at) - unixepoch(received_at) > @d * 86400))`,
      )
      .all({ ...params(rc), d }) as { complaint_id: string; account_id: string | null; received_at: string; resolved_at: string | null; src_row: number; due: string; took: number | null }[];
    return rows.map((c): FindingDraft => ({
      entity: { type: 'complaint', id: c.complaint_id },
      accountId: c.account_id,
      explanation:
        c.resolved_at === null
          ? `投诉举报 ${c.complaint_id} 于 ${c.received_at} 收到，处理时限 ${d} 天（应于 ${c.due} 前办结），截至 ${rc.filing.end} 仍未办结。`
          : `投诉举报 ${c.complaint_id} 于 ${c.received_at} 收到，${c.resolved_at} 办结，用时约 ${Math.round(((c.took ?? 0) / 86_400) * 10) / 10} 天，超过处理时限 ${d} 天（${d * 24} 小时）。`,
      evidence: [ev('complaints', c.src_row, { complaint_id: c.complaint_id, received_at: c.received_at, resolved_at: c.resolved_at })],
    }));
  },
};

export const complaintRules = [complaintOverdue];
