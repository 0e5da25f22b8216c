import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ValidationReport } from '@shared/api/filings';
import { isAppError } from '@shared/errors';
import { EXIT, parseArgs, type CliCommand, type CliContext } from '../command';

/** Prints the first issues of a report on stderr: file, row, column, value, reason. */
export function printReport(ctx: CliContext, report: ValidationReport, max = 50): void {
  for (const issue of report.issues.slice(0, max)) {
    const where = [issue.file || '(数据包)', issue.row !== null ? `第 ${issue.row} 行` : null, issue.column].filter(Boolean).join(' ');
    const value = issue.value !== null ? ` 值「${issue.value}」` : '';
    ctx.err(`${issue.severity === 'error' ? '错误' : '警告'} ${where}${value}：${issue.message} [${issue.code}]`);
  }
  const more = report.issues.length - Math.min(report.issues.length, max) + report.omitted;
  if (more > 0) ctx.err(`……另有 ${more} 条未显示`);
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: '导入备案数据包（zip 或文件夹）/ import a filing package',
  usage: 'import PATH [--sample] [--json]',
  async run(ctx, argv) {
    const args = parseArgs(argv, { switches: ['sample'] });
    if (args.errors.length || args.positionals.length !== 1) {
      for (const e of args.errors) ctx.err(e);
      ctx.err(`用法：${this.usage}`);
      return EXIT.usage;
    }
    const services = await ctx.services();
    const jobId = randomUUID();
    const unsubscribe = services.bus.subscribe((event) => {
      if (event.name === 'job.progress' && event.payload.jobId === jobId) ctx.progress(event.payload);
    });
    try {
      const result = await services.api.filings.import({ source: { kind: 'path', path: path.resolve(args.positionals[0]) }, jobId, isSample: args.switches.has('sample') });
      if (ctx.json) ctx.out(JSON.stringify(result));
      else {
        const f = result.filing;
        ctx.out(`已导入 备案 #${f.id}：${f.platform.name}（${f.platform.platformId}）第 ${f.version} 版，期间 ${f.period.start} 至 ${f.period.end}`);
        ctx.out(`数据包 SHA-256：${f.packageSha256}`);
        for (const [table, rows] of Object.entries(f.tableCounts)) if (rows > 0) ctx.out(`  ${table.padEnd(22)} ${rows}`);
        if (result.report.warningCount > 0) printReport(ctx, result.report);
      }
      return EXIT.ok;
    } catch (error) {
      if (isAppError(error) && (error.code === 'invalid_input' || error.code === 'conflict')) {
        if (ctx.json) ctx.out(JSON.stringify({ error: { code: error.code, message: error.message, details: error.details ?? null } }));
        ctx.err(`已拒绝：${error.message}`);
        if (error.code === 'invalid_input' && error.details) printReport(ctx, error.details as ValidationReport);
        return EXIT.usage;
      }
      throw error;
    } finally {
      unsubscribe();
    }
  },
};
