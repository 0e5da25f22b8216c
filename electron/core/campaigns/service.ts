import type { CampaignFinding, CampaignStats, campaignsContract } from '@shared/api/campaigns';
import type { ServiceOf } from '@shared/api/contract';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import { buildLexiconMatcher } from '../reference/lexicon-matcher';
import { activeLexiconMatcher } from '../reference/store';
import { nowUtc8 } from '../checks/store';
import { buildCampaignWorkbook } from '../exports/campaign-workbook';
import { saveExport } from '../exports/downloads';
import { toSummary } from '../findings/rows';
import { CampaignRepository, parseCampaignInput, seedBuiltinCampaigns } from './definitions';
import { computeStats, scopeFilings, type CountedFinding } from './stats';

export function createCampaignsService(ctx: CoreContext): ServiceOf<typeof campaignsContract> & {
  /** Statistics plus the counted findings behind them (for the drill-down and the workbook). */
  compute(id: number, throwIfCancelled?: () => void): Promise<{ stats: CampaignStats; counted: CountedFinding[] }>;
  repository: CampaignRepository;
} {
  const db = ctx.ws.raw;
  const repo = new CampaignRepository(db);
  seedBuiltinCampaigns(db, ctx.resourcesDir, repo);

  const changed = () => ctx.bus.emit('data.changed', { scope: 'campaigns', filingId: null });

  const lexiconMatcher = activeLexiconMatcher(ctx);
  const noLexicon = buildLexiconMatcher([]);

  async function compute(id: number, throwIfCancelled?: () => void) {
    const campaign = repo.get(id);
    // Only a rule mapping with a lexicon condition (QL2024 category 3) needs the active lexicon,
    // compiled once per reference set for the life of the service.
    const needsLexicon = campaign.categories.some((c) => c.rules.some((r) => r.lexiconCategories));
    const matcher = needsLexicon ? await lexiconMatcher() : noLexicon;
    const { counted, ...stats } = computeStats(db, campaign, () => matcher, throwIfCancelled);
    return { stats, counted };
  }

  /** Counted findings joined to their rows, filtered and paged by finding id. */
  function findingsOf(counted: CountedFinding[], stats: CampaignStats, filter: { category?: string; platform?: string; typicalOnly?: boolean }) {
    const names = new Map(stats.platforms.map((p) => [p.platformId, p.platformName]));
    const matches = counted
      .filter((f) => (!filter.category || f.categories.includes(filter.category)) && (!filter.platform || f.platformId === filter.platform) && (!filter.typicalOnly || f.typical))
      .sort((a, b) => a.id - b.id);
    const select = db.prepare(
      `SELECT id, filing_id, rule_id, severity, entity_json, title, explanation, status, present, note, dismiss_reason,
              typical_case, typical_summary, first_seen_run, last_seen_run, updated_at FROM findings WHERE id = ?`,
    );
    const toItem = (f: CountedFinding): CampaignFinding => {
      const row = select.get(f.id) as Parameters<typeof toSummary>[0] & { typical_summary: string | null };
      return {
        ...toSummary(row),
        platformId: f.platformId,
        platformName: names.get(f.platformId) ?? f.platformId,
        categories: f.categories,
        eventDate: f.date,
        typicalSummary: row.typical_summary,
      };
    };
    return { matches, toItem };
  }

  return {
    repository: repo,
    compute,

    list: () => repo.list(),
    get: ({ id }) => repo.get(id),

    create: ({ campaign }) => {
      const created = repo.insert(parseCampaignInput(campaign), ctx.actor);
      ctx.audit.record('campaigns.create', `campaign:${created.id}`, { code: created.code, name: created.name });
      changed();
      return created;
    },

    update: ({ id, campaign }) => {
      const before = repo.get(id);
      const updated = repo.update(id, parseCampaignInput(campaign));
      ctx.audit.record('campaigns.update', `campaign:${id}`, { before: { code: before.code, windowStart: before.windowStart, windowEnd: before.windowEnd, categories: before.categories.length }, after: { code: updated.code, windowStart: updated.windowStart, windowEnd: updated.windowEnd, categories: updated.categories.length } });
      changed();
      return updated;
    },

    duplicate: ({ id }) => {
      const source = repo.get(id);
      const copy = repo.insert(
        { code: repo.freeCode(source.code), name: `${source.name}（副本）`.slice(0, 200), issuer: source.issuer, windowStart: source.windowStart, windowEnd: source.windowEnd, scope: source.scope, categories: source.categories },
        ctx.actor,
      );
      ctx.audit.record('campaigns.duplicate', `campaign:${copy.id}`, { from: id, code: copy.code });
      changed();
      return copy;
    },

    remove: ({ id }) => {
      const before = repo.get(id);
      const removed = repo.remove(id);
      ctx.audit.record('campaigns.remove', `campaign:${id}`, { code: before.code, name: before.name });
      changed();
      return { removed };
    },

    scopeOptions: () => ({ filings: scopeFilings(db, { scope: { platforms: [], filings: [] }, windowStart: '0000-01-01', windowEnd: '9999-12-31' }) }),

    stats: async ({ id }) => (await compute(id)).stats,

    findings: async ({ id, category, platform, typicalOnly, limit, after }) => {
      const { stats, counted } = await compute(id);
      if (category && !stats.campaign.categories.some((c) => c.code === category)) throw new AppError('not_found', `专项行动“${stats.campaign.name}”没有编号为“${category}”的问题类别`);
      const { matches, toItem } = findingsOf(counted, stats, { category, platform, typicalOnly });
      const rest = after ? matches.filter((f) => f.id > after) : matches;
      const page = rest.slice(0, limit);
      return { items: page.map(toItem), total: matches.length, nextCursor: rest.length > limit ? page[page.length - 1].id : null };
    },

    markTypical: ({ id, typical, summary }) => {
      if (typical && !summary) throw new AppError('invalid_argument', '标记典型案例时必须填写案例摘要');
      const row = db.prepare('SELECT id, filing_id FROM findings WHERE id = ?').get(id) as { id: number; filing_id: number } | undefined;
      if (!row) throw new AppError('not_found', `核查结果不存在：${id}`);
      const typicalSummary = typical ? summary! : null;
      db.prepare('UPDATE findings SET typical_case = ?, typical_summary = ?, updated_at = ? WHERE id = ?').run(typical ? 1 : 0, typicalSummary, nowUtc8(), id);
      ctx.audit.record(typical ? 'findings.typical' : 'findings.untypical', `finding:${id}`, { summary: typicalSummary });
      ctx.bus.emit('data.changed', { scope: 'findings', filingId: row.filing_id });
      return { id, typicalCase: typical, typicalSummary };
    },

    export: ({ id, jobId }) =>
      ctx.jobs.run(
        'export',
        async (job) => {
          job.progress({ phase: 'stats', label: '统计专项行动数据', done: 0, total: 3 });
          const { stats, counted } = await compute(id, job.throwIfCancelled);
          job.throwIfCancelled();
          job.progress({ phase: 'typical', label: '整理典型案例', done: 1, total: 3 });
          const { matches, toItem } = findingsOf(counted, stats, { typicalOnly: true });
          const typical = matches.map(toItem);
          job.throwIfCancelled();
          job.progress({ phase: 'write', label: '生成 Excel 统计表', done: 2, total: 3 });
          const content = await buildCampaignWorkbook({ stats, typical, actor: ctx.actor });
          job.throwIfCancelled();
          const fileName = `${stats.campaign.code}_专项行动统计表_${stats.generatedAt.slice(0, 10)}.xlsx`;
          const record = saveExport(ctx, 'campaign', `campaign:${id}`, fileName, content);
          ctx.audit.record('campaigns.export', `campaign:${id}`, {
            exportId: record.id,
            fileName,
            sha256: record.sha256,
            filings: stats.filings.map((f) => ({ id: f.id, sha256: f.packageSha256 })),
          });
          job.progress({ phase: 'done', label: '完成', done: 3, total: 3 });
          return { exportId: record.id, fileName, bytes: record.bytes, sha256: record.sha256 };
        },
        jobId,
      ),
  };
}
