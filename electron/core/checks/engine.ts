import { createHash } from 'node:crypto';
import { RULE_SET_VERSION } from '@shared/domain/rules';
import type { CheckRun, RuleStat } from '@shared/api/checks';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs';
import { getActiveReference } from '../reference/store';
import { scanNames, type NameScan } from './name-scan';
import { selectRules } from './registry';
import { nowUtc8, writeFindings } from './store';
import { addMonths } from './time';
import type { CheckReference, FilingFacts, RuleContext } from './types';
import { readRun } from './runs';
import { checkpointsSettled, isCheckpointing } from '../db/checkpoint';

export interface RunChecksOptions {
  filingId: number;
  rules?: readonly string[];
  /** Reference data other than the workspace's active sets: records (tests) or files for this run only (CLI --licenses / --lexicon). */
  reference?: CheckReference | { licensesFile?: string; lexiconFile?: string };
}

export function loadFiling(ctx: CoreContext, filingId: number): FilingFacts {
  const row = ctx.ws.raw
    .prepare('SELECT id, platform_id, platform_name, period_start, period_end, complaint_deadline_days, manifest_json FROM filings WHERE id = ?')
    .get(filingId) as
    | { id: number; platform_id: string; platform_name: string; period_start: string; period_end: string; complaint_deadline_days: number | null; manifest_json: string }
    | undefined;
  if (!row) throw new AppError('not_found', `备案数据包不存在：${filingId}`);
  const manifest = JSON.parse(row.manifest_json) as { documents?: { kind?: unknown }[] };
  return {
    id: row.id,
    platformId: row.platform_id,
    platformName: row.platform_name,
    start: row.period_start,
    end: row.period_end,
    complaintDeadlineDays: row.complaint_deadline_days,
    documentKinds: (manifest.documents ?? []).map((d) => String(d.kind ?? '')),
  };
}

function referenceRecord(reference: CheckReference) {
  const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  const licenses = [...reference.licenses.values()]
    .map((l) => [l.license_no, l.holder_name, l.valid_until ?? null])
    .sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1));
  const lexicon = reference.lexicon.map((t) => [t.term, t.category]).sort((x, y) => (x.join('\t') < y.join('\t') ? -1 : 1));
  return [
    { kind: 'licenses' as const, name: reference.licensesName, sha256: hash(licenses), rows: licenses.length },
    { kind: 'lexicon' as const, name: reference.lexiconName, sha256: hash(lexicon), rows: lexicon.length },
  ];
}

/**
 * Runs the chosen rules (all by default) over one filing: each rule's query, timed, its
 * findings upserted on the stable key in their own transaction. The run record keeps the
 * rule-set version, the reference data used (names and hashes) and per-rule time and counts.
 */
export async function runChecks(ctx: CoreContext, options: RunChecksOptions, job: JobContext): Promise<CheckRun> {
  const db = ctx.ws.raw;
  // A filing just imported may still be on its way from the write-ahead log into the workspace
  // file (db/checkpoint.ts). The rules read all of it, through the memory map once it is there.
  if (isCheckpointing(ctx.ws.path)) {
    job.progress({ phase: 'prepare', label: '等待导入的数据写入工作区文件', done: 0, total: null });
    await checkpointsSettled(ctx.ws.path);
  }
  const filing = loadFiling(ctx, options.filingId);
  const rules = selectRules(options.rules);
  const reference = options.reference && 'licenses' in options.reference ? options.reference : await getActiveReference(ctx, options.reference ?? {});
  const startedAt = nowUtc8();
  const t0 = performance.now();
  const runId = Number(
    db
      .prepare(
        `INSERT INTO check_runs (filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor)
         VALUES (?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(filing.id, RULE_SET_VERSION, JSON.stringify(rules.map((r) => r.id)), startedAt, JSON.stringify(referenceRecord(reference)), ctx.actor).lastInsertRowid,
  );

  registerFunctions(ctx);
  db.exec('DROP TABLE IF EXISTS temp.check_licenses');
  db.exec('CREATE TEMP TABLE check_licenses (license_no TEXT PRIMARY KEY, holder_name TEXT NOT NULL, valid_until TEXT) STRICT');
  const insertLicense = db.prepare('INSERT OR REPLACE INTO temp.check_licenses VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const l of reference.licenses.values()) insertLicense.run(l.license_no, l.holder_name, l.valid_until || null);
  })();

  let names: NameScan | undefined;
  let ruleIndex = 0;
  let ruleLabel = '';
  // Work a rule started early (prepare) stops with the run, whichever way the run ends.
  let stopped = false;
  const throwIfCancelled = () => {
    if (stopped) throw new AppError('cancelled', '核查运行已结束');
    job.throwIfCancelled();
  };
  const rc: RuleContext = {
    db,
    filing,
    reference,
    names: () => (names ??= scanNames(db, filing.id, reference.lexicon, throwIfCancelled)),
    job: { throwIfCancelled },
    progress: (detail) => job.progress({ phase: 'rule', label: `${ruleLabel}：${detail}`, done: ruleIndex, total: rules.length }),
  };
  const stats: RuleStat[] = [];
  const finish = (status: CheckRun['status'], error: string | null) =>
    db
      .prepare(
        `UPDATE check_runs SET status = ?, finished_at = ?, duration_ms = ?, rule_stats_json = ?, findings_total = ?, error = ? WHERE id = ?`,
      )
      .run(status, nowUtc8(), Math.round(performance.now() - t0), JSON.stringify(stats), stats.reduce((n, s) => n + s.findings, 0), error, runId);
  /** When each rule's work began: a prepared rule's time counts from its start, overlap included. */
  const began = new Map<string, number>();
  try {
    for (const rule of rules) {
      const at = performance.now();
      if (rule.prepare?.(rc)) began.set(rule.id, at);
    }
    for (const [i, rule] of rules.entries()) {
      job.throwIfCancelled();
      ruleIndex = i;
      ruleLabel = `核查规则 ${rule.id}（${rule.meta.titleZh}）`;
      job.progress({ phase: 'rule', label: ruleLabel, done: i, total: rules.length });
      const started = began.get(rule.id) ?? performance.now();
      const drafts = await rule.run(rc);
      const written = writeFindings(db, filing.id, runId, rule, drafts);
      stats.push({ ruleId: rule.id, ms: Math.round(performance.now() - started), ...written });
      // Yield to the event loop between rules so progress events and cancellation get through.
      await new Promise((resolve) => setImmediate(resolve));
    }
    job.progress({ phase: 'done', label: '核查完成', done: rules.length, total: rules.length });
    finish('succeeded', null);
  } catch (error) {
    const cancelled = error instanceof AppError && error.code === 'cancelled';
    finish(cancelled ? 'cancelled' : 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    stopped = true;
    db.exec('DROP TABLE IF EXISTS temp.check_licenses');
  }
  ctx.audit.record('checks.run', `filing:${filing.id}`, { runId, rules: rules.length, findings: stats.reduce((n, s) => n + s.findings, 0) });
  ctx.bus.emit('data.changed', { scope: 'findings', filingId: filing.id });
  return readRun(db, runId);
}

/** SQL function the rule queries use: calendar months with clamping (rules-v1). */
function registerFunctions(ctx: CoreContext): void {
  const db = ctx.ws.raw;
  db.function('fi_add_months', { deterministic: true }, (value: unknown, months: unknown) =>
    typeof value === 'string' ? addMonths(value, Number(months)) : null,
  );
}
