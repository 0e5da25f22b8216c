import type {
  FacetName,
  FacetValue,
  FindingDetailView,
  FindingRow,
  findingsContract,
  FindingStatus,
  ParsedFindingFilter,
  ReviewAction,
} from '@shared/api/findings';
import { FINDING_STATUS_LABELS, FINDING_STATUSES } from '@shared/api/findings';
import type { ServiceOf } from '@shared/api/contract';
import { ENUMS } from '@shared/domain/filing-schema';
import { ruleById, RULES, SEVERITIES, SEVERITY_LABELS } from '@shared/domain/rules';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import { nowUtc8 } from '../checks/store';
import { compileFilter, facetCounts, ROW_COLUMNS, selectPage, type CompileOptions, type PageRow } from './query';
import { CampaignRepository } from '../campaigns/definitions';
import { computeStats } from '../campaigns/stats';
import { buildLexiconMatcher } from '../reference/lexicon-matcher';
import { activeLexiconMatcher } from '../reference/store';
import { exportFindings } from './export';
import { toSummary, type StoredRow } from './rows';


function toRow(row: PageRow): FindingRow {
  return {
    ...toSummary(row),
    platformName: row.platform_name,
    accountId: row.account_id,
    accountName: row.account_name,
    subjectName: row.subject_name,
    identityKey: row.identity_key,
    mcnId: row.mcn_id,
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

const CATEGORY_LABELS: Readonly<Record<string, string>> = ENUMS.content_category;
/** The MCN facet lists the busiest MCNs (and whatever is selected); a filing may sign thousands. */
const MCN_FACET_LIMIT = 100;

export function createFindingsService(ctx: CoreContext): ServiceOf<typeof findingsContract> {
  const db = ctx.ws.raw;

  function getRow(id: number): StoredRow {
    const row = db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as StoredRow | undefined;
    if (!row) throw new AppError('not_found', `核查结果不存在：${id}`);
    return row;
  }

  // --- campaign scope: the findings a campaign counts, kept in a temp table per connection ---
  let scopeGeneration = 0;
  ctx.bus.subscribe((event) => {
    if (event.name === 'data.changed' && (event.payload.scope === 'findings' || event.payload.scope === 'campaigns')) scopeGeneration++;
  });
  const scopes = new Map<string, string>();
  const lexiconMatcher = activeLexiconMatcher(ctx);

  async function prepareCampaignScope(filter: ParsedFindingFilter): Promise<CompileOptions> {
    const options: CompileOptions = {
      campaignScope: (c) => {
        const key = scopes.get(`${c.id}\u0000${c.category ?? ''}`);
        if (!key) throw new AppError('internal', '专项行动范围尚未准备');
        return key;
      },
    };
    if (!filter.campaign) return options;
    const { id, category } = filter.campaign;
    // A check run in another process (the CLI) changes the set too: the latest run id is part of the key.
    const lastRun = db.prepare('SELECT coalesce(max(id), 0) FROM check_runs').pluck().get() as number;
    const key = `${id}:${category ?? ''}:${lastRun}:${scopeGeneration}`;
    const slot = `${id}\u0000${category ?? ''}`;
    if (scopes.get(slot) === key) return options;
    const campaign = new CampaignRepository(db).get(id);
    const needsLexicon = campaign.categories.some((c) => c.rules.some((r) => r.lexiconCategories));
    const matcher = needsLexicon ? await lexiconMatcher() : buildLexiconMatcher([]);
    const { counted } = computeStats(db, campaign, () => matcher);
    db.exec('CREATE TEMP TABLE IF NOT EXISTS finding_scope (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID');
    db.transaction(() => {
      const previous = scopes.get(slot);
      if (previous) db.prepare('DELETE FROM temp.finding_scope WHERE key = ?').run(previous);
      const insert = db.prepare('INSERT OR IGNORE INTO temp.finding_scope (key, id) VALUES (?, ?)');
      for (const f of counted) if (!category || f.categories.includes(category)) insert.run(key, f.id);
    })();
    scopes.set(slot, key);
    return options;
  }

  function labelsFor(facet: FacetName, values: string[]): Map<string, string> {
    const labels = new Map<string, string>();
    for (const v of values) {
      switch (facet) {
        case 'rule':
          labels.set(v, ruleById(v)?.titleZh ?? v);
          break;
        case 'severity':
          labels.set(v, SEVERITY_LABELS[v as keyof typeof SEVERITY_LABELS]?.zh ?? v);
          break;
        case 'status':
          labels.set(v, FINDING_STATUS_LABELS[v as FindingStatus] ?? v);
          break;
        case 'category':
          labels.set(v, v === '' ? '（无账号）' : (CATEGORY_LABELS[v] ?? v));
          break;
        case 'mcn':
          if (v === '') labels.set(v, '（无 MCN）');
          break;
        default:
          break;
      }
    }
    if (facet === 'filing' && values.length) {
      const rows = db
        .prepare(`SELECT id, platform_name, period_start, period_end, version FROM filings WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(values.map(Number))) as { id: number; platform_name: string; period_start: string; period_end: string; version: number }[];
      for (const r of rows) labels.set(String(r.id), `#${r.id} ${r.platform_name} ${r.period_start}～${r.period_end} 第${r.version}版`);
    }
    if (facet === 'platform' && values.length) {
      const rows = db.prepare('SELECT platform_id, max(platform_name) AS name FROM filings GROUP BY platform_id').all() as { platform_id: string; name: string }[];
      for (const r of rows) labels.set(r.platform_id, r.name);
    }
    if (facet === 'mcn') {
      const real = values.filter((v) => v !== '');
      if (real.length) {
        const rows = db
          .prepare('SELECT mcn_id, max(name) AS name FROM mcn_orgs WHERE mcn_id IN (SELECT value FROM json_each(?)) GROUP BY mcn_id')
          .all(JSON.stringify(real)) as { mcn_id: string; name: string }[];
        for (const r of rows) labels.set(r.mcn_id, r.name);
      }
    }
    return labels;
  }

  const ORDER: Partial<Record<FacetName, readonly string[]>> = { severity: SEVERITIES, status: FINDING_STATUSES };

  async function facets(filter: ParsedFindingFilter) {
    const options = await prepareCampaignScope(filter);
    const { total, counts } = facetCounts(db, filter, options);
    const out = {} as Record<FacetName, FacetValue[]>;
    for (const facet of Object.keys(counts) as FacetName[]) {
      let entries = [...counts[facet].entries()];
      const fixed = ORDER[facet];
      if (fixed) entries.sort((a, b) => fixed.indexOf(a[0]) - fixed.indexOf(b[0]));
      else if (facet === 'rule') entries.sort((a, b) => b[1] - a[1] || RULES.findIndex((r) => r.id === a[0]) - RULES.findIndex((r) => r.id === b[0]));
      else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (facet === 'mcn' && entries.length > MCN_FACET_LIMIT) {
        const selected = new Set(filter.mcns ?? []);
        entries = entries.filter((e, i) => i < MCN_FACET_LIMIT || selected.has(e[0]));
      }
      const labels = labelsFor(facet, entries.map((e) => e[0]));
      out[facet] = entries.map(([value, count]) => ({ value, count, ...(labels.has(value) ? { label: labels.get(value)! } : {}) }));
    }
    return { total, facets: out };
  }

  async function compiled(filter: ParsedFindingFilter) {
    const options = await prepareCampaignScope(filter);
    return compileFilter(db, filter, options);
  }

  function applyReview(ids: number[], action: ReviewAction, reason: string | null, note: string | null) {
    const transition = TRANSITIONS[action];
    const now = nowUtc8();
    const select = db.prepare('SELECT id, filing_id, status FROM findings WHERE id = ?');
    const update = db.prepare(
      `UPDATE findings SET status = @to, dismiss_reason = CASE WHEN @to = 'dismissed' THEN @reason WHEN @to = 'pending' THEN NULL ELSE dismiss_reason END,
         note = coalesce(@note, note), updated_at = @now WHERE id = @id`,
    );
    const history = db.prepare(
      `INSERT INTO finding_history (finding_id, at, actor, action, from_status, to_status, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return db.transaction(() => {
      const rows = ids.map((id) => {
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
        update.run({ id: row.id, to: transition.to, reason, note, now });
        history.run(row.id, now, ctx.actor, action, row.status, transition.to, reason, note);
      }
      return [...new Set(rows.map((r) => r.filing_id))];
    })();
  }

  /** The whole filtered set, set-based: history rows first (they read the old status), then one UPDATE. */
  async function applyReviewToFilter(filter: ParsedFindingFilter, action: ReviewAction, reason: string | null, note: string | null) {
    const transition = TRANSITIONS[action];
    const { where, params } = await compiled(filter);
    const cond = where.length ? where.join(' AND ') : '1';
    const all = { ...params, rFrom: JSON.stringify(transition.from), rTo: transition.to, rReason: reason, rNote: note, rNow: nowUtc8(), rActor: ctx.actor, rAction: action };
    return db.transaction(() => {
      const matching = db.prepare(`SELECT count(*) FROM findings f WHERE ${cond}`).pluck().get(all) as number;
      const eligible = `${cond} AND f.status IN (SELECT value FROM json_each(@rFrom))`;
      const filings = db.prepare(`SELECT DISTINCT f.filing_id FROM findings f WHERE ${eligible}`).pluck().all(all) as number[];
      db.prepare(
        `INSERT INTO finding_history (finding_id, at, actor, action, from_status, to_status, reason, note)
         SELECT f.id, @rNow, @rActor, @rAction, f.status, @rTo, @rReason, @rNote FROM findings f WHERE ${eligible} ORDER BY f.id`,
      ).run(all);
      const updated = db
        .prepare(
          `UPDATE findings AS f SET status = @rTo,
             dismiss_reason = CASE WHEN @rTo = 'dismissed' THEN @rReason WHEN @rTo = 'pending' THEN NULL ELSE dismiss_reason END,
             note = coalesce(@rNote, note), updated_at = @rNow
           WHERE ${eligible}`,
        )
        .run(all).changes;
      return { updated, skipped: matching - updated, filings };
    })();
  }

  return {
    list: async ({ filingId, after, cursor, offset, sort, limit, ...filter }) => {
      const scoped: ParsedFindingFilter = filingId ? { ...filter, filings: [...new Set([...(filter.filings ?? []), filingId])] } : filter;
      const c = await compiled(scoped);
      const legacyAfter = after !== undefined && cursor === undefined && (sort ?? 'id') === 'id' ? JSON.stringify([after]) : undefined;
      const { rows, next } = selectPage(db, scoped, c, { sort: sort ?? 'id', limit, cursor: cursor ?? legacyAfter, offset });
      return { items: rows.map(toRow), next, nextCursor: next === null ? null : rows[rows.length - 1].id };
    },

    facets: (filter) => facets(filter),

    get: ({ id }): FindingDetailView => {
      const row = getRow(id);
      const history = db
        .prepare('SELECT id, at, actor, action, from_status, to_status, reason, note FROM finding_history WHERE finding_id = ? ORDER BY id')
        .all(id) as { id: number; at: string; actor: string; action: FindingDetailView['history'][number]['action']; from_status: FindingStatus; to_status: FindingStatus; reason: string | null; note: string | null }[];
      const names = db
        .prepare(`SELECT platform_name, account_name, identity_key, subject_name, (SELECT name FROM mcn_orgs WHERE filing_id = f.filing_id AND mcn_id = f.mcn_id) AS mcn_name
                  FROM (SELECT ${ROW_COLUMNS} FROM findings f WHERE f.id = ?) f`)
        .get(id) as { platform_name: string; account_name: string | null; identity_key: string | null; subject_name: string | null; mcn_name: string | null };
      return {
        ...toSummary(row),
        evidence: JSON.parse(row.evidence_json) as FindingDetailView['evidence'],
        citations: JSON.parse(row.citations_json) as FindingDetailView['citations'],
        typicalSummary: row.typical_summary,
        createdAt: row.created_at,
        history: history.map((h) => ({ id: h.id, at: h.at, actor: h.actor, action: h.action, fromStatus: h.from_status, toStatus: h.to_status, reason: h.reason, note: h.note })),
        platformName: names.platform_name,
        accountId: row.account_id,
        accountName: names.account_name,
        subjectName: names.subject_name,
        identityKey: names.identity_key,
        mcnId: row.mcn_id,
        mcnName: names.mcn_name,
      };
    },

    // Synchronous for a selection (a refused transition throws at once); the filter path may first
    // materialize a campaign's scope.
    review: ({ ids, filter, action, reason, note }) => {
      if (action === 'dismiss' && !reason) throw new AppError('invalid_argument', '排除核查结果必须填写理由');
      const transition = TRANSITIONS[action];
      if (ids) {
        const unique = [...new Set(ids)];
        const filings = applyReview(unique, action, reason ?? null, note ?? null);
        ctx.audit.record('findings.review', filings.map((f) => `filing:${f}`).join(','), { action, ids: unique, reason: reason ?? null, note: note ?? null });
        for (const filingId of filings) ctx.bus.emit('data.changed', { scope: 'findings', filingId });
        return { updated: unique.length, status: transition.to };
      }
      return applyReviewToFilter(filter!, action, reason ?? null, note ?? null).then((result) => {
        ctx.audit.record('findings.review', result.filings.map((f) => `filing:${f}`).join(','), {
          action,
          filter,
          updated: result.updated,
          skipped: result.skipped,
          reason: reason ?? null,
          note: note ?? null,
        });
        for (const filingId of result.filings) ctx.bus.emit('data.changed', { scope: 'findings', filingId });
        return { updated: result.updated, skipped: result.skipped, status: transition.to };
      });
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
        .prepare('SELECT rule_id, severity, status, sum(n) AS n FROM finding_facets WHERE filing_id = ? AND n > 0 GROUP BY rule_id, severity, status')
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

    export: ({ jobId, ...filter }) =>
      ctx.jobs.run(
        'export',
        async (job) => {
          const options = await prepareCampaignScope(filter);
          return exportFindings(ctx, filter, options, job);
        },
        jobId,
      ),
  };
}
