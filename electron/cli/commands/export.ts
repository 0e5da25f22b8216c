import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EXIT, parseArgs, type CliCommand, type CliContext } from '../command';
import { findExport } from '../../core/exports/downloads';
import { resolveCampaign } from './campaign';
import { FINDING_STATUSES, FINDING_STATUS_LABELS, type FindingStatus } from '@shared/api/findings';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '@shared/domain/rules';

/** One kind of export: `export KIND ...`. Other kinds (findings, …) add a row to SUBCOMMANDS. */
interface ExportSubcommand {
  usage: string;
  run(ctx: CliContext, argv: string[]): Promise<number>;
}

const SUBCOMMANDS: Record<string, ExportSubcommand> = {
  campaign: {
    usage: 'export campaign ID|CODE --out FILE.xlsx',
    async run(ctx, argv) {
      const args = parseArgs(argv, { flags: ['out'], switches: ['json'] });
      const out = args.flags.out;
      if (args.errors.length || args.positionals.length !== 1 || !out) {
        for (const e of args.errors) ctx.err(e);
        if (!out) ctx.err('缺少 --out：要写入的 .xlsx 文件');
        ctx.err(`用法：${SUBCOMMANDS.campaign.usage}`);
        return EXIT.usage;
      }
      if (path.extname(out).toLowerCase() !== '.xlsx') {
        ctx.err(`--out 应为 .xlsx 文件：${out}`);
        return EXIT.usage;
      }
      const services = await ctx.services();
      const campaign = await resolveCampaign(services, args.positionals[0]);
      const jobId = randomUUID();
      const unsubscribe = services.bus.subscribe((event) => {
        if (event.name === 'job.progress' && event.payload.jobId === jobId) ctx.progress(event.payload);
      });
      const started = performance.now();
      try {
        const result = await services.api.campaigns.export({ id: campaign.id, jobId });
        const record = findExport(services.context, result.exportId)!;
        const target = path.resolve(out);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(record.path, target);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (ctx.json || args.switches.has('json')) ctx.out(JSON.stringify({ ...result, path: target, seconds: Number(seconds) }));
        else ctx.out(`已导出 ${campaign.code} 专项行动统计表：${target}（${result.bytes} 字节，SHA-256 ${result.sha256}，用时 ${seconds} 秒）`);
        return EXIT.ok;
      } finally {
        unsubscribe();
      }
    },
  },
  findings: {
    usage: 'export findings FILING|all [--status pending,confirmed] [--rule RULE,…] [--severity high,…] [--q NAME] --out FILE.xlsx',
    async run(ctx, argv) {
      const args = parseArgs(argv, { flags: ['out', 'status', 'rule', 'severity', 'q'], switches: ['json', 'include-gone'] });
      const out = args.flags.out;
      const usage = () => ctx.err(`用法：${SUBCOMMANDS.findings.usage}`);
      if (args.errors.length || args.positionals.length !== 1 || !out) {
        for (const e of args.errors) ctx.err(e);
        if (!out) ctx.err('缺少 --out：要写入的 .xlsx 文件');
        usage();
        return EXIT.usage;
      }
      if (path.extname(out).toLowerCase() !== '.xlsx') {
        ctx.err(`--out 应为 .xlsx 文件：${out}`);
        return EXIT.usage;
      }
      const target = args.positionals[0];
      const filingId = target === 'all' ? null : Number(target);
      if (filingId !== null && !(Number.isInteger(filingId) && filingId > 0)) {
        ctx.err(`备案编号应为正整数或 all：${target}`);
        return EXIT.usage;
      }
      const list = (name: string) => (args.flags[name] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      // Statuses and severities by code or by their Chinese label (待核实, 高, …).
      const statuses = list('status').map((v) => FINDING_STATUSES.find((s) => s === v || FINDING_STATUS_LABELS[s] === v) ?? v);
      const severities = list('severity').map((v) => SEVERITIES.find((s) => s === v || SEVERITY_LABELS[s].zh === v) ?? v);
      const unknown = [
        ...statuses.filter((s) => !FINDING_STATUSES.includes(s as FindingStatus)).map((s) => `未知的状态：${s}（可选 ${FINDING_STATUSES.map((x) => `${x}/${FINDING_STATUS_LABELS[x]}`).join('、')}）`),
        ...severities.filter((s) => !SEVERITIES.includes(s as Severity)).map((s) => `未知的严重程度：${s}（可选 ${SEVERITIES.join('、')}）`),
      ];
      if (unknown.length) {
        for (const u of unknown) ctx.err(u);
        return EXIT.usage;
      }
      const services = await ctx.services();
      const jobId = randomUUID();
      const unsubscribe = services.bus.subscribe((event) => {
        if (event.name === 'job.progress' && event.payload.jobId === jobId) ctx.progress(event.payload);
      });
      const started = performance.now();
      try {
        const result = await services.api.findings.export({
          jobId,
          ...(filingId !== null ? { filings: [filingId] } : {}),
          ...(statuses.length ? { statuses: statuses as FindingStatus[] } : {}),
          ...(severities.length ? { severities: severities as Severity[] } : {}),
          ...(list('rule').length ? { rules: list('rule') } : {}),
          ...(args.flags.q ? { q: args.flags.q } : {}),
          includeGone: args.switches.has('include-gone'),
        });
        const record = findExport(services.context, result.exportId)!;
        const file = path.resolve(out);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.copyFileSync(record.path, file);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (ctx.json || args.switches.has('json')) ctx.out(JSON.stringify({ ...result, path: file, seconds: Number(seconds) }));
        else ctx.out(`已导出核查问题清单：${file}（${result.rows} 条，工作表 ${result.sheets.join('、')}，${result.bytes} 字节，SHA-256 ${result.sha256}，用时 ${seconds} 秒）`);
        return EXIT.ok;
      } finally {
        unsubscribe();
      }
    },
  },
};

const USAGE = Object.values(SUBCOMMANDS)
  .map((s) => s.usage)
  .join(' | ');

export const exportCommand: CliCommand = {
  name: 'export',
  summary: '导出 Excel 统计表 / export workbooks',
  usage: USAGE,
  async run(ctx, argv) {
    const [kind, ...rest] = argv;
    const sub = kind ? SUBCOMMANDS[kind] : undefined;
    if (!sub) {
      ctx.err(kind ? `未知的导出类型：${kind}` : '缺少导出类型');
      ctx.err(`用法：${USAGE}`);
      return EXIT.usage;
    }
    return sub.run(ctx, rest);
  },
};
