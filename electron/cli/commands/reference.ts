import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ValidationReport } from '@shared/api/filings';
import { referenceKindSchema } from '@shared/api/reference';
import { isAppError } from '@shared/errors';
import { EXIT, parseArgs, type CliCommand } from '../command';
import { printReport } from './import';

export const referenceCommand: CliCommand = {
  name: 'reference',
  summary: '导入并替换新闻许可证名录或敏感名称词库 / import reference data',
  usage: 'reference import licenses|lexicon FILE [--json]',
  async run(ctx, argv) {
    const args = parseArgs(argv, {});
    const [verb, kindArg, file] = args.positionals;
    const kind = referenceKindSchema.safeParse(kindArg);
    if (args.errors.length || verb !== 'import' || !kind.success || !file || args.positionals.length !== 3) {
      for (const e of args.errors) ctx.err(e);
      ctx.err(`用法：${this.usage}`);
      return EXIT.usage;
    }
    const services = await ctx.services();
    try {
      const result = await services.api.reference.import({ kind: kind.data, source: { kind: 'path', path: path.resolve(file) }, jobId: randomUUID() });
      if (ctx.json) ctx.out(JSON.stringify(result));
      else ctx.out(`已导入并启用：${result.set.name}（${result.set.rowCount} 条，编号 ${result.set.id}）`);
      if (!ctx.json && result.report.warningCount > 0) printReport(ctx, result.report);
      return EXIT.ok;
    } catch (error) {
      if (isAppError(error) && (error.code === 'invalid_input' || error.code === 'not_found')) {
        if (ctx.json) ctx.out(JSON.stringify({ error: { code: error.code, message: error.message, details: error.details ?? null } }));
        ctx.err(`已拒绝：${error.message}`);
        if (error.details) printReport(ctx, error.details as ValidationReport);
        return EXIT.usage;
      }
      throw error;
    }
  },
};
