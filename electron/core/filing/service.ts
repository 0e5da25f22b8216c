import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, isAppError } from '@shared/errors';
import type { filingsContract, FilingSummary, PackageSource } from '@shared/api/filings';
import type { ServiceOf } from '@shared/api/contract';
import { TABLE_NAMES, isTableName } from '@shared/domain/filing-schema';
import type { CoreContext } from '../context';
import { configureConnection } from '../db/connection';
import { ensureNameIndex } from '../profiles/name-index';
import { resolveUpload } from '../uploads';
import { importPackage, type ImportLimits, type ImportOutcome } from './import';

export const SAMPLE_PACKAGE = path.join('samples', 'demo-filing.zip');

interface FilingRow {
  id: number; package_sha256: string; package_id: string | null; source_name: string; platform_id: string;
  platform_name: string; operator: string | null; platform_uscc: string | null; platform_province: string | null;
  platform_news_license_no: string | null; period_start: string; period_end: string; generated_at: string | null;
  complaint_deadline_days: number | null; version: number; is_sample: 0 | 1; manifest_json: string;
  imported_at: string; imported_by: string;
}

/** A path or an upload id → the file or folder to read and the name to show. */
export function resolveSource(ctx: CoreContext, source: PackageSource): { path: string; name: string } {
  if (source.kind === 'upload') return resolveUpload(ctx.dataDir, source.uploadId);
  const resolved = path.resolve(source.path);
  if (!fs.existsSync(resolved)) throw new AppError('not_found', `找不到文件或文件夹：${source.path}`);
  return { path: resolved, name: path.basename(resolved) };
}

/**
 * Runs `work` on a connection of its own: the import holds one long write transaction while it
 * awaits file reads, and on the shared connection every other service's statements would join
 * (and be rolled back with) it. An in-memory workspace has only the one connection.
 */
export async function withWriteConnection<T>(ctx: CoreContext, work: (db: Database.Database) => Promise<T>): Promise<T> {
  if (ctx.ws.path === ':memory:') return work(ctx.ws.raw);
  const db = new Database(ctx.ws.path);
  try {
    configureConnection(db);
    return await work(db);
  } finally {
    db.close();
  }
}

export function summarize(ctx: CoreContext, row: FilingRow): FilingSummary {
  const manifest = JSON.parse(row.manifest_json) as { tables?: { table: string; rows: number }[] };
  const tableCounts: Record<string, number> = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0]));
  // Declared rows were verified equal to the rows read, so the manifest holds the counts.
  for (const t of manifest.tables ?? []) if (isTableName(t.table)) tableCounts[t.table] = t.rows;
  const documents = ctx.ws.raw
    .prepare('SELECT kind, title, file, sha256, size FROM filing_documents WHERE filing_id = ? ORDER BY file')
    .all(row.id) as FilingSummary['documents'];
  return {
    id: row.id,
    packageSha256: row.package_sha256,
    packageId: row.package_id,
    sourceName: row.source_name,
    platform: {
      platformId: row.platform_id, name: row.platform_name, operator: row.operator, uscc: row.platform_uscc,
      province: row.platform_province, newsLicenseNo: row.platform_news_license_no,
    },
    period: { start: row.period_start, end: row.period_end },
    generatedAt: row.generated_at,
    complaintDeadlineDays: row.complaint_deadline_days,
    version: row.version,
    isSample: row.is_sample === 1,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    tableCounts,
    documents,
  };
}

export function getFiling(ctx: CoreContext, id: number): FilingSummary {
  const row = ctx.ws.raw.prepare('SELECT * FROM filings WHERE id = ?').get(id) as FilingRow | undefined;
  if (!row) throw new AppError('not_found', `备案 #${id} 不存在`);
  return summarize(ctx, row);
}

export interface FilingServiceOptions {
  /** Test hook: smaller limits to exercise the refusals with small fixtures. */
  limits?: Partial<ImportLimits>;
}

export function createFilingService(ctx: CoreContext, options: FilingServiceOptions = {}): ServiceOf<typeof filingsContract> {
  const tmpDir = path.join(ctx.dataDir, 'tmp');

  const runImport = async (source: { path: string; name: string }, args: { jobId?: string; isSample?: boolean; dryRun?: boolean }): Promise<ImportOutcome> =>
    ctx.jobs.run(
      'import',
      (job) =>
        withWriteConnection(ctx, (db) =>
          importPackage(db, {
            source: source.path, sourceName: source.name, actor: ctx.actor, isSample: args.isSample,
            dryRun: args.dryRun, job, limits: options.limits, tmpDir,
          }),
        ),
      args.jobId,
    );

  const importAndAudit = async (source: { path: string; name: string }, args: { jobId?: string; isSample?: boolean }) => {
    try {
      const outcome = await runImport(source, args);
      const filing = getFiling(ctx, outcome.filingId as number);
      ctx.audit.record('filing.import', `filing:${filing.id}`, {
        source: source.name, packageSha256: filing.packageSha256, platformId: filing.platform.platformId,
        version: filing.version, isSample: filing.isSample, warnings: outcome.report.warningCount,
      });
      // The shared name index (profiles and findings search) is filled now rather than on first search.
      ensureNameIndex(ctx.ws.raw, filing.id);
      ctx.bus.emit('data.changed', { scope: 'filings', filingId: filing.id });
      return { filing, report: outcome.report };
    } catch (error) {
      const code = isAppError(error) ? error.code : 'internal';
      ctx.audit.record('filing.import.refused', null, { source: source.name, code, message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };

  return {
    list: ({ platformId, periodStart, periodEnd }) => {
      const conditions: [string, string | undefined][] = [
        ['platform_id = ?', platformId],
        ['period_start <= ?', periodEnd],
        ['period_end >= ?', periodStart],
      ];
      const active = conditions.filter((c): c is [string, string] => Boolean(c[1]));
      const where = active.map(([sql]) => sql);
      const params = active.map(([, value]) => value);
      const rows = ctx.ws.raw
        .prepare(`SELECT * FROM filings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY platform_id, period_end DESC, version DESC`)
        .all(...params) as FilingRow[];
      return rows.map((row) => summarize(ctx, row));
    },
    get: ({ id }) => getFiling(ctx, id),
    import: ({ source, jobId, isSample }) => importAndAudit(resolveSource(ctx, source), { jobId, isSample }),
    validate: async ({ source, jobId }) => {
      const outcome = await runImport(resolveSource(ctx, source), { jobId, dryRun: true });
      return { packageSha256: outcome.packageSha256, existingFilingId: outcome.existingFilingId, report: outcome.report };
    },
    delete: ({ id }) => {
      const row = ctx.ws.raw.prepare('SELECT id, platform_id, platform_name, version, package_sha256 FROM filings WHERE id = ?').get(id) as
        | { id: number; platform_id: string; platform_name: string; version: number; package_sha256: string }
        | undefined;
      if (!row) return { deleted: false };
      ctx.ws.raw.prepare('DELETE FROM filings WHERE id = ?').run(id);
      ctx.audit.record('filing.delete', `filing:${id}`, { platformId: row.platform_id, platformName: row.platform_name, version: row.version, packageSha256: row.package_sha256 });
      ctx.bus.emit('data.changed', { scope: 'filings', filingId: id });
      return { deleted: true };
    },
    importSample: (args) => {
      const file = path.join(ctx.resourcesDir, SAMPLE_PACKAGE);
      if (!fs.existsSync(file)) throw new AppError('not_found', `找不到内置示例数据包：${file}`);
      return importAndAudit({ path: file, name: '示例数据 demo-filing.zip' }, { jobId: args?.jobId, isSample: true });
    },
  };
}
