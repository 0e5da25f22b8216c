import type { ServiceOf } from '@shared/api/contract';
import type { referenceContract } from '@shared/api/reference';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import { resolveSource } from '../filing/service';
import { activate, activeSet, ensureDefaultSet, ensureReferenceLoaded, readOrRefuse, REFERENCE_KIND_LABELS, storeSet, toSummary } from './store';

export function createReferenceService(ctx: CoreContext): ServiceOf<typeof referenceContract> {
  const summaryOf = (id: number) => {
    const row = ctx.ws.raw.prepare('SELECT * FROM reference_sets WHERE id = ?').get(id);
    return toSummary(row as Parameters<typeof toSummary>[0]);
  };
  return {
    status: async () => {
      await ensureReferenceLoaded(ctx);
      const licenses = activeSet(ctx.ws.raw, 'licenses');
      const lexicon = activeSet(ctx.ws.raw, 'lexicon');
      return { licenses: licenses ? toSummary(licenses) : null, lexicon: lexicon ? toSummary(lexicon) : null };
    },
    import: ({ kind, source, jobId }) =>
      ctx.jobs.run(
        'reference',
        async (job) => {
          const resolved = resolveSource(ctx, source);
          job.progress({ phase: 'read', label: `读取 ${resolved.name}`, done: 0, total: null });
          let file;
          try {
            file = await readOrRefuse(ctx, kind, resolved.path);
          } catch (error) {
            ctx.audit.record('reference.import.refused', null, { kind, source: resolved.name, message: error instanceof Error ? error.message : String(error) });
            throw error;
          }
          job.throwIfCancelled();
          const id = storeSet(ctx.ws.raw, file, { name: resolved.name, isDefault: false, activate: true, actor: ctx.actor });
          ctx.audit.record('reference.import', `reference_set:${id}`, { kind, source: resolved.name, sha256: file.sha256, rows: file.data.rows.length });
          ctx.bus.emit('data.changed', { scope: 'reference', filingId: null });
          job.progress({ phase: 'done', label: `已导入${REFERENCE_KIND_LABELS[kind]}`, done: file.data.rows.length, total: file.data.rows.length });
          return { set: summaryOf(id), report: file.report };
        },
        jobId,
      ),
    resetToDefault: async ({ kind }) => {
      const id = await ensureDefaultSet(ctx, kind);
      if (id === null) throw new AppError('not_found', `找不到内置的${REFERENCE_KIND_LABELS[kind]}文件`);
      activate(ctx.ws.raw, kind, id);
      ctx.audit.record('reference.reset', `reference_set:${id}`, { kind });
      ctx.bus.emit('data.changed', { scope: 'reference', filingId: null });
      return { set: summaryOf(id) };
    },
  };
}
