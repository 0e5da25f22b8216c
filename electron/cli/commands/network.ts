import { randomUUID } from 'node:crypto';
import type { McnStat, NetworkAnalysis } from '@shared/api/network';
import { SEVERITY_LABELS } from '@shared/domain/rules';
import { EXIT, parseArgs, type CliCommand, type CliContext } from '../command';
import type { Services } from '../../core/services';

const USAGE = 'network matrices|mcn FILING [--refresh] [--min-accounts N] [--json]';
const PAGE = 2000;

/** The stored analysis, run first when the filing has none (or when --refresh asks for a new one). */
async function ensureAnalysis(ctx: CliContext, services: Services, filingId: number, refresh: boolean): Promise<NetworkAnalysis> {
  const stored = await services.api.network.matrices({ filingId, limit: 1, offset: 0, minAccounts: 2 });
  if (stored.analysis && !refresh) return stored.analysis;
  const jobId = randomUUID();
  const unsubscribe = services.bus.subscribe((event) => {
    if (event.name === 'job.progress' && event.payload.jobId === jobId) ctx.progress(event.payload);
  });
  try {
    const analysis = await services.api.network.analyse({ filingId, jobId });
    ctx.err(`网络分析完成：备案 #${filingId}，${analysis.stats.accounts} 个账号，${analysis.stats.matrices} 个账号组，用时 ${(analysis.durationMs / 1000).toFixed(1)} 秒`);
    if (analysis.checkRunId === null) ctx.err('提示：该备案尚未运行核查，雷同内容批量发布与核查发现未计入（先运行 check）');
    return analysis;
  } finally {
    unsubscribe();
  }
}

async function printMatrices(ctx: CliContext, services: Services, filingId: number, minAccounts: number, json: boolean): Promise<void> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await services.api.network.matrices({ filingId, limit: PAGE, offset, minAccounts });
    for (const m of page.items) {
      const members = await services.api.network.members({ filingId, matrixId: m.matrixId });
      const subjects = [...new Set(members.map((x) => x.identityKey))].sort();
      const accounts = members.map((x) => x.accountId).sort();
      if (json) {
        ctx.out(JSON.stringify({ ...m, sampleAccounts: undefined, accountIds: accounts, identityKeys: subjects }));
      } else {
        const severity = m.worstSeverity ? `，最高风险 ${SEVERITY_LABELS[m.worstSeverity].zh}` : '';
        ctx.out(
          `#${m.matrixId}\t得分 ${m.score}\t${m.accounts} 个账号 / ${m.subjects} 个主体${severity}\t账号 ${accounts.join(',')}\t主体 ${subjects.join(',')}\t理由 ${m.reasons
            .map((r) => `${r.label}（+${r.points}）`)
            .join('；')}`,
        );
      }
    }
    if (offset + PAGE >= page.total) return;
  }
}

function printMcn(ctx: CliContext, items: McnStat[], periodEnd: string, json: boolean): void {
  const sorted = [...items].sort((x, y) => y.findings - x.findings || y.accountsWithActions - x.accountsWithActions || (x.mcnId < y.mcnId ? -1 : 1));
  for (const s of sorted) {
    if (json) {
      ctx.out(JSON.stringify({ ...s, periodEnd }));
      continue;
    }
    const rules = Object.entries(s.findingsByRule)
      .sort(([, a], [, b]) => b - a)
      .map(([rule, n]) => `${rule}×${n}`)
      .join(',');
    const against = Object.entries(s.actionsAgainst).map(([a, n]) => `${a}×${n}`).join(',');
    ctx.out(
      `${s.mcnId}\t${s.name}\t状态 ${s.status ?? '—'}\t期末签约 ${s.signedAccounts} 个账号（累计 ${s.contractedAccounts}）\t粉丝 ${s.followers}\t受处置账号 ${s.accountsWithActions}（${s.actions} 次）\t核查发现 ${s.findings}${rules ? `（${rules}）` : ''}\t已采取措施 ${s.measures.join(',') || '无'}${against ? `\t对机构处置 ${against}` : ''}`,
    );
  }
}

export const networkCommand: CliCommand = {
  name: 'network',
  summary: '账号矩阵与 MCN 统计（首次自动分析）/ account matrices and MCN statistics',
  usage: USAGE,
  async run(ctx, argv) {
    const args = parseArgs(argv, { flags: ['min-accounts'], switches: ['json', 'refresh'] });
    const [what, target] = args.positionals;
    const minAccounts = Number(args.flags['min-accounts'] ?? 2);
    if (args.errors.length || args.positionals.length !== 2 || !['matrices', 'mcn'].includes(what) || !/^\d+$/.test(target) || !(minAccounts >= 2)) {
      for (const e of args.errors) ctx.err(e);
      if (target !== undefined && !/^\d+$/.test(target)) ctx.err(`备案编号应为正整数：${target}（npm run cli -- filings 查看）`);
      ctx.err(`用法：${USAGE}`);
      return EXIT.usage;
    }
    const json = ctx.json || args.switches.has('json');
    const filingId = Number(target);
    const services = await ctx.services();
    if (what === 'mcn') {
      const { periodEnd, items } = await services.api.network.mcn({ filingId });
      printMcn(ctx, items, periodEnd, json);
      if (!json && items.length === 0) ctx.err('该备案没有 MCN 机构');
      return EXIT.ok;
    }
    await ensureAnalysis(ctx, services, filingId, args.switches.has('refresh'));
    await printMatrices(ctx, services, filingId, Math.floor(minAccounts), json);
    return EXIT.ok;
  },
};
