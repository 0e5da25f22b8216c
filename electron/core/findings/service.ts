import type { findingsContract, FindingDetail, FindingStatus, FindingSummary, ReviewAction } from '@shared/api/findings';
import { FINDING_STATUS_LABELS } from '@shared/api/findings';
import type { ServiceOf } from '@shared/api/contract';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import { nowUtc8 } from '../checks/store';

interface FindingRow {
  id: number; filing_id: number; rule_id: string; severity: FindingSummary['severity']; entity_json: string; title: string;
  explanation: string; status: FindingStatus; present: number; note: string | null; dismiss_reason: string | null;
  typical_case: number; typical_summary: string | null; first_seen_run: number; last_seen_run: number; created_at: string;
  updated_at: string; evidence_json: string; citations_json: string;
}

const SUMMARY_COLUMNS = `id, filing_id, rule_id, severity, entity_json, title, explanation, status, present, note, dismiss_reason,
  typical_case, first_seen_run, last_seen_run, updated_at`;

function toSummary(row: FindingRow): FindingSummary {
  return {
    id: row.id,
    filingId: row.filing_id,
    ruleId: row.rule_id,
    severity: row.severity,
    entity: JSON.parse(row.entity_json) as FindingSummary['entity'],
    title: row.title,
    explanation: row.explanation,
    status: row.status,
    present: row.present === 1,
    note: row.note,
    dismissReason: row.dismiss_reason,
    typicalCase: row.typical_case === 1,
    firstSeenRun: row.first_seen_run,
    lastSeenRun: row.last_seen_run,
    updatedAt: row.updated_at,
  };
}

/**
 * The review workflow: 待核实 → 已确认 / 已排除 (reason required) → 已整改, and back to 待核实
 * by reopening. Which states each action leaves from:
 */
const TRANSITIONS: Record<ReviewAction, { from: readonly FindingStatus[]; to: FindingStatus }> = {
  confirm: { from: ['pending'], to: 'confirmed' },
  dismiss: { from: ['pending', 'confirmed'], to: 'dismissed' },
  rectify: { from: ['confirmed'], to: 'rectified' },
  reopen: { from: ['confirmed', 'dismissed', 'rectified'], to: 'pending' },
};

const ACTION_LABELS: Record<ReviewAction, string> = { confirm: '确认', dismiss: '排除', rectify: '标记已整改', reopen: '重新打开' };

export function createFindingsService(ctx: CoreContext): ServiceOf<typeof findingsContract> {
  const db = ctx.ws.raw;

  function getRow(id: number): FindingRow {
    const row = db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
    if (!row) throw new AppError('not_found', `核查结果不存在：${id}`);
    return row;
  }

  return {
    list: ({ filingId, ruleId, severity, status, includeGone, limit, after }) => {
      const where = ['filing_id = @filingId', 'id > @after'];
      if (ruleId) where.push('rule_id = @ruleId');
      if (severity) where.push('severity = @severity');
      if (status) where.push('status = @status');
      if (!includeGone) where.push('present = 1');
      const rows = db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM findings WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`)
        .all({ filingId, ruleId, severity, status, after: after ?? 0, limit: limit + 1 }) as FindingRow[];
      const page = rows.slice(0, limit);
      return { items: page.map(toSummary), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },

    get: ({ id }): FindingDetail => {
      const row = getRow(id);
      const history = db
        .prepare('SELECT id, at, actor, action, from_status, to_status, reason, note FROM finding_history WHERE finding_id = ? ORDER BY id')
        .all(id) as { id: number; at: string; actor: string; action: FindingDetail['history'][number]['action']; from_status: FindingStatus; to_status: FindingStatus; reason: string | null; note: string | null }[];
      return {
        ...toSummary(row),
        evidence: JSON.parse(row.evidence_json) as FindingDetail['evidence'],
        citations: JSON.parse(row.citations_json) as FindingDetail['citations'],
        typicalSummary: row.typical_summary,
        createdAt: row.created_at,
        history: history.map((h) => ({ id: h.id, at: h.at, actor: h.actor, action: h.action, fromStatus: h.from_status, toStatus: h.to_status, reason: h.reason, note: h.note })),
      };
    },

    review: ({ ids, action, reason, note }) => {
      const transition = TRANSITIONS[action];
      if (action === 'dismiss' && !reason) throw new AppError('invalid_argument', '排除核查结果必须填写理由');
      const unique = [...new Set(ids)];
      const now = nowUtc8();
      const select = db.prepare('SELECT id, filing_id, status FROM findings WHERE id = ?');
      const update = db.prepare(
        `UPDATE findings SET status = @to, dismiss_reason = CASE WHEN @to = 'dismissed' THEN @reason WHEN @to = 'pending' THEN NULL ELSE dismiss_reason END,
           note = coalesce(@note, note), updated_at = @now WHERE id = @id`,
      );
      const history = db.prepare(
        `INSERT INTO finding_history (finding_id, at, actor, action, from_status, to_status, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const filings = db.transaction(() => {
        const rows = unique.map((id) => {
          const row = select.get(id) as { id: number; filing_id: number; status: FindingStatus } | undefined;
          if (!row) throw new AppError('not_found', `核查结果不存在：${id}`);
          return row;
        });
        const refused = rows.filter((r) => !transition.from.includes(r.status));
        if (refused.length > 0) {
          throw new AppError(
            'conflict',
            `不能${ACTION_LABELS[action]}：${refused
              .slice(0, 10)
              .map((r) => `#${r.id}（${FINDING_STATUS_LABELS[r.status]}）`)
              .join('、')}${refused.length > 10 ? ` 等 ${refused.length} 条` : ''}；该操作只适用于${transition.from.map((s) => FINDING_STATUS_LABELS[s]).join('、')}状态。整批未做任何修改。`,
          );
        }
        for (const row of rows) {
          update.run({ id: row.id, to: transition.to, reason: reason ?? null, note: note ?? null, now });
          history.run(row.id, now, ctx.actor, action, row.status, transition.to, reason ?? null, note ?? null);
        }
        return new Set(rows.map((r) => r.filing_id));
      })();
      ctx.audit.record('findings.review', [...filings].map((f) => `filing:${f}`).join(','), { action, ids: unique, reason: reason ?? null, note: note ?? null });
      for (const filingId of filings) ctx.bus.emit('data.changed', { scope: 'findings', filingId });
      return { updated: unique.length, status: transition.to };
    },

    setNote: ({ id, note }) => {
      const now = nowUtc8();
      const row = db.transaction(() => {
        const before = getRow(id);
        db.prepare('UPDATE findings SET note = ?, updated_at = ? WHERE id = ?').run(note, now, id);
        db.prepare(
          `INSERT INTO finding_history (finding_id, at, actor, action, from_status, to_status, reason, note) VALUES (?, ?, ?, 'note', ?, ?, NULL, ?)`,
        ).run(id, now, ctx.actor, before.status, before.status, note);
        return getRow(id);
      })();
      ctx.audit.record('findings.note', `finding:${id}`, { note });
      ctx.bus.emit('data.changed', { scope: 'findings', filingId: row.filing_id });
      return toSummary(row);
    },

    counts: ({ filingId }) => {
      const rows = db
        .prepare('SELECT rule_id, severity, status, count(*) AS n FROM findings WHERE filing_id = ? AND present = 1 GROUP BY rule_id, severity, status')
        .all(filingId) as { rule_id: string; severity: string; status: string; n: number }[];
      const byRule: Record<string, number> = {};
      const bySeverity: Record<string, number> = {};
      const byStatus: Record<string, number> = {};
      let total = 0;
      for (const r of rows) {
        byRule[r.rule_id] = (byRule[r.rule_id] ?? 0) + r.n;
        bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + r.n;
        byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
        total += r.n;
      }
      return { total, byRule, bySeverity, byStatus };
    },
  };
}
