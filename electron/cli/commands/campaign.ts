import type { CampaignStats, CampaignView } from '@shared/api/campaigns';
import { ENFORCEMENT_ACTION_LABELS, type EnforcementAction } from '@shared/domain/campaigns';
import { AppError } from '@shared/errors';
import { EXIT, parseArgs, type CliCommand, type CliContext } from '../command';
import type { Services } from '../../core/services';

const USAGE = 'campaign list | campaign stats ID|CODE [--json]';

/** A campaign by numeric id or by its code (QL2024). */
export async function resolveCampaign(services: Services, ref: string): Promise<CampaignView> {
  const all = await services.api.campaigns.list(undefined);
  const found = all.find((c) => c.code === ref) ?? (/^\d+$/.test(ref) ? all.find((c) => c.id === Number(ref)) : undefined);
  if (!found) throw new AppError('not_found', `专项行动不存在：${ref}（npm run cli -- campaign list 查看全部）`);
  return found;
}

function printStats(ctx: CliContext, s: CampaignStats): void {
  const c = s.campaign;
  ctx.out(`${c.code}\t${c.name}\t${c.windowStart} 至 ${c.windowEnd}`);
  ctx.out(`备案数据包 ${s.filings.length} 个：${s.filings.map((f) => `#${f.id} ${f.platformName}（${f.periodStart}~${f.periodEnd}）`).join('；') || '无'}`);
  const names = new Map(s.platforms.map((p) => [p.platformId, p.platformName]));
  ctx.out(['平台', ...c.categories.map((x) => `${x.code}.${x.name} 发现/确认/整改/账号`)].join('\t'));
  for (const p of s.platforms) {
    const cells = c.categories.map((cat) => {
      const x = s.cells.find((y) => y.platformId === p.platformId && y.category === cat.code)!;
      return `${x.findings}/${x.confirmed}/${x.rectified}/${x.accounts}`;
    });
    ctx.out([`${p.platformName}(${p.platformId})`, ...cells].join('\t'));
  }
  ctx.out(['合计', ...s.categoryTotals.map((x) => `${x.findings}/${x.confirmed}/${x.rectified}/${x.accounts}`)].join('\t'));
  const byType = new Map<string, { actions: number; accounts: number }>();
  for (const a of s.actionsByType) {
    const t = byType.get(a.action) ?? { actions: 0, accounts: 0 };
    byType.set(a.action, { actions: t.actions + a.actions, accounts: t.accounts + a.accounts });
  }
  const actions = [...byType].filter(([, t]) => t.actions > 0).map(([a, t]) => `${ENFORCEMENT_ACTION_LABELS[a as EnforcementAction] ?? a} ${t.actions} 次/${t.accounts} 个账号`);
  ctx.out(`处置措施：${actions.join('；') || '无'}`);
  ctx.out(`合计：发现问题 ${s.totals.findings}，已确认 ${s.totals.confirmed}，已整改 ${s.totals.rectified}，涉及账号 ${s.totals.accounts}；处置 ${s.totals.actions} 次，涉及账号 ${s.totals.actionAccounts}；典型案例 ${s.typicalCases}`);
  ctx.out(`按周：${s.weeks.map((w) => `第${w.week}周 ${w.findings}/${w.actions}`).join('  ')}`);
  if (names.size === 0) ctx.err('提示：范围内没有备案数据包（报送期间与统计时段无交集）');
}

export const campaignCommand: CliCommand = {
  name: 'campaign',
  summary: '专项行动列表与统计 / campaign list and statistics',
  usage: USAGE,
  async run(ctx, argv) {
    const args = parseArgs(argv, { switches: ['json'] });
    const json = ctx.json || args.switches.has('json');
    const [what, ref] = args.positionals;
    const valid = args.errors.length === 0 && ((what === 'list' && args.positionals.length === 1) || (what === 'stats' && args.positionals.length === 2));
    if (!valid) {
      for (const e of args.errors) ctx.err(e);
      ctx.err(`用法：${USAGE}`);
      return EXIT.usage;
    }
    const services = await ctx.services();
    if (what === 'list') {
      for (const c of await services.api.campaigns.list(undefined)) {
        if (json) ctx.out(JSON.stringify(c));
        else ctx.out(`${c.id}\t${c.code}\t${c.name}\t${c.windowStart} 至 ${c.windowEnd}\t${c.categories.length} 个类别${c.builtin ? '\t内置' : ''}`);
      }
      return EXIT.ok;
    }
    const campaign = await resolveCampaign(services, ref);
    const stats = await services.api.campaigns.stats({ id: campaign.id });
    if (json) ctx.out(JSON.stringify(stats));
    else printStats(ctx, stats);
    return EXIT.ok;
  },
};
