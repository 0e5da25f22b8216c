import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CheckRun } from '@shared/api/checks';
import { isAppError } from '@shared/errors';
import { EXIT, parseArgs, type CliCommand, type CliContext } from '../command';
import type { Services } from '../../core/services';
import { printReport } from './import';
import type { ValidationReport } from '@shared/api/filings';

/** The filing to check: an id, or a package path imported first (an already imported package is reused). */
async function resolveFiling(ctx: CliContext, services: Services, target: string, jobId: string): Promise<number | null> {
  if (/^\d+$/.test(target) && !fs.existsSync(target)) return Number(target);
  try {
    const result = await services.api.filings.import({ source: { kind: 'path', path: path.resolve(target) }, jobId, isSample: false });
    ctx.err(`已导入 备案 #${result.filing.id}（${result.filing.platform.name}，${result.filing.period.start} 至 ${result.filing.period.end}）`);
    return result.filing.id;
  } catch (error) {
    if (isAppError(error) && error.code === 'conflict') {
      const existing = (error.details as { existingFilingId?: number } | undefined)?.existingFilingId;
      if (existing !== undefined) {
        ctx.err(`该数据包已导入为备案 #${existing}，直接核查`);
        return existing;
      }
    }
    if (isAppError(error) && error.code === 'invalid_input') {
      if (ctx.json) ctx.out(JSON.stringify({ error: { code: error.code, message: error.message, details: error.details ?? null } }));
      ctx.err(`已拒绝：${error.message}`);
      if (error.details) printReport(ctx, error.details as ValidationReport);
      return null;
    }
    throw error;
  }
}

interface FindingLine {
  rule_id: string; severity: string; entity_json: string; title: string; explanation: string; citations_json: string; evidence_json: string;
}

function printSummary(ctx: CliContext, run: CheckRun): void {
  ctx.out(`核查完成：备案 #${run.filingId}，规则集 ${run.ruleSetVersion}，${run.rules.length} 条规则，用时 ${((run.durationMs ?? 0) / 1000).toFixed(1)} 秒，发现 ${run.findingsTotal ?? 0} 项问题`);
  for (const ref of run.reference) ctx.out(`  参考数据 ${ref.kind === 'licenses' ? '许可证登记库' : '敏感名称词库'}：${ref.name}（${ref.rows} 条，SHA-256 ${ref.sha256.slice(0, 12)}…）`);
  for (const s of run.ruleStats) ctx.out(`  ${s.ruleId.padEnd(38)} ${String(s.findings).padStart(7)} 项  ${String(s.ms).padStart(6)} ms${s.new > 0 && s.new !== s.findings ? `  新增 ${s.new}` : ''}${s.gone > 0 ? `  不再出现 ${s.gone}` : ''}`);
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: '核查备案（按 rules-v1 全部或部分规则）/ run the cross-check rules',
  usage: 'check FILING|PACKAGE [--licenses FILE] [--lexicon FILE] [--rules a,b] [--json]',
  async run(ctx, argv) {
    const args = parseArgs(argv, { flags: ['licenses', 'lexicon', 'rules'], switches: ['json'] });
    if (args.errors.length || args.positionals.length !== 1) {
      for (const e of args.errors) ctx.err(e);
      ctx.err(`用法：${this.usage}`);
      return EXIT.usage;
    }
    const json = ctx.json || args.switches.has('json');
    const services = await ctx.services();
    const jobId = randomUUID();
    const unsubscribe = services.bus.subscribe((event) => {
      if (event.name === 'job.progress' && event.payload.jobId === jobId) ctx.progress(event.payload);
    });
    try {
      const filingId = await resolveFiling(ctx, services, args.positionals[0], jobId);
      if (filingId === null) return EXIT.usage;
      const rules = args.flags.rules?.split(',').map((r) => r.trim()).filter(Boolean);
      const run = await services.api.checks.run({
        filingId,
        rules,
        licensesFile: args.flags.licenses ? path.resolve(args.flags.licenses) : undefined,
        lexiconFile: args.flags.lexicon ? path.resolve(args.flags.lexicon) : undefined,
        jobId,
      });
      if (!json) {
        printSummary(ctx, run);
        return EXIT.ok;
      }
      const order = new Map(run.rules.map((id, i) => [id, i]));
      const rows = services.context.ws.raw
        .prepare(
          `SELECT rule_id, severity, entity_json, title, explanation, citations_json, evidence_json FROM findings
           WHERE filing_id = ? AND last_seen_run = ? ORDER BY rule_id, entity_key`,
        )
        .all(filingId, run.runId) as FindingLine[];
      rows.sort((x, y) => (order.get(x.rule_id) ?? 0) - (order.get(y.rule_id) ?? 0));
      for (const f of rows) {
        ctx.out(
          JSON.stringify({
            rule: f.rule_id,
            severity: f.severity,
            entity: JSON.parse(f.entity_json) as unknown,
            title: f.title,
            explanation: f.explanation,
            citations: (JSON.parse(f.citations_json) as { text: string }[]).map((c) => c.text),
            evidence: JSON.parse(f.evidence_json) as unknown,
          }),
        );
      }
      ctx.out(JSON.stringify({ summary: { ...run, findings: rows.length } }));
      return EXIT.ok;
    } finally {
      unsubscribe();
    }
  },
};
