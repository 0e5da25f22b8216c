import type { networkContract } from '@shared/api/network';
import type { ServiceOf } from '@shared/api/contract';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import { analyseNetwork, readAnalysis } from './analyse';
import { nodeListWorkbook } from './export-nodes';
import { buildGraph } from './graph';
import { listMatrices, listMembers, locateAccounts } from './matrices';
import { mcnStatistics } from './mcn-stats';

/** Export reads the whole focus, not the canvas limit, so a filtered view of a big matrix is complete. */
const EXPORT_MAX_ACCOUNTS = 20_000;

export function createNetworkService(ctx: CoreContext): ServiceOf<typeof networkContract> {
  const db = ctx.ws.raw;
  const requireFiling = (filingId: number) => {
    const row = db.prepare('SELECT id, platform_name, version FROM filings WHERE id = ?').get(filingId) as { id: number; platform_name: string; version: number } | undefined;
    if (!row) throw new AppError('not_found', `备案数据不存在：${filingId}`);
    return row;
  };
  return {
    filings: () =>
      (
        db
          .prepare(
            `SELECT f.id, f.platform_name, f.period_start, f.period_end, f.version, n.analysed_at,
                    (SELECT count(*) FROM matrices m WHERE m.filing_id = f.id) AS matrix_count
             FROM filings f LEFT JOIN network_analyses n ON n.filing_id = f.id ORDER BY f.imported_at DESC, f.id DESC`,
          )
          .all() as { id: number; platform_name: string; period_start: string; period_end: string; version: number; analysed_at: string | null; matrix_count: number }[]
      ).map((r) => ({
        filingId: r.id,
        platformName: r.platform_name,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        version: r.version,
        analysedAt: r.analysed_at,
        matrixCount: r.analysed_at === null ? null : r.matrix_count,
      })),
    analyse: async ({ filingId, jobId }) => {
      const filing = requireFiling(filingId);
      const analysis = await ctx.jobs.run('network', async (job) => analyseNetwork(db, filingId, job), jobId);
      ctx.audit.record('network.analyse', `filing:${filingId}`, { platform: filing.platform_name, version: filing.version, matrices: analysis.stats.matrices, durationMs: analysis.durationMs });
      ctx.bus.emit('data.changed', { scope: 'network', filingId });
      return analysis;
    },
    matrices: ({ filingId, limit, offset, minAccounts }) => {
      requireFiling(filingId);
      return { analysis: readAnalysis(db, filingId), ...listMatrices(db, filingId, { limit, offset, minAccounts }) };
    },
    members: ({ filingId, matrixId }) => listMembers(db, filingId, matrixId),
    mcn: ({ filingId }) => mcnStatistics(db, filingId),
    graph: ({ filingId, focus, maxAccounts }) => buildGraph(db, filingId, focus, maxAccounts),
    locate: ({ filingId, query, limit }) => locateAccounts(db, filingId, query, limit),
    exportNodes: async ({ filingId, focus, keys }) => {
      const graph = buildGraph(db, filingId, focus, EXPORT_MAX_ACCOUNTS);
      const { buffer, rows } = await nodeListWorkbook(graph, keys ? new Set(keys) : null);
      const tag = focus.kind === 'matrix' ? `matrix-${focus.matrixId}` : focus.kind === 'mcn' ? `mcn-${focus.mcnId}` : `account-${focus.accountId}`;
      ctx.audit.record('network.export_nodes', `filing:${filingId}`, { focus, rows });
      return { fileName: `network-${filingId}-${tag.replace(/[^\w.-]+/g, '_')}.xlsx`, base64: buffer.toString('base64'), rows };
    },
  };
}
