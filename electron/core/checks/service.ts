import type { checksContract } from '@shared/api/checks';
import type { ServiceOf } from '@shared/api/contract';
import type { CoreContext } from '../context';
import { runChecks } from './engine';
import { CHECK_RULES } from './registry';
import { listRuns } from './runs';
import { citationViews } from './store';

export function createChecksService(ctx: CoreContext): ServiceOf<typeof checksContract> {
  return {
    run: ({ filingId, rules, licensesFile, lexiconFile, jobId }) =>
      ctx.jobs.run('check', (job) => runChecks(ctx, { filingId, rules, reference: { licensesFile, lexiconFile } }, job), jobId),
    runs: ({ filingId }) => listRuns(ctx.ws.raw, filingId),
    rules: () =>
      CHECK_RULES.map(({ meta }) => ({
        id: meta.id,
        titleZh: meta.titleZh,
        titleEn: meta.titleEn,
        severity: meta.severity,
        entityType: meta.entityType,
        family: meta.family,
        citations: citationViews(meta.citations),
      })),
  };
}
