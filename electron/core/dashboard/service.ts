import type { ServiceOf } from '@shared/api/contract';
import { TOP_LIMIT, type DashboardFiling, type DashboardOverview, type dashboardContract } from '@shared/api/dashboard';
import { ruleById, type Severity } from '@shared/domain/rules';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../context';
import { DashboardRepository } from './repository';

export function createDashboardService(ctx: CoreContext): ServiceOf<typeof dashboardContract> {
  const repo = new DashboardRepository(ctx.ws.raw);

  return {
    overview: ({ filingId }): DashboardOverview => {
      const filingRows = repo.filings();
      if (filingId !== undefined && !filingRows.some((f) => f.id === filingId)) throw new AppError('not_found', `备案 #${filingId} 不存在`);
      const scope = filingId ?? null;

      // Per-filing figures for every filing (the selector shows them); the scope's figures from the same rows.
      const counts = repo.counts(null);
      const perFiling = new Map<number, { total: number; reviewed: number; bySeverity: Record<string, number> }>();
      const byStatus: Record<string, number> = {};
      const bySeverity: Record<string, number> = {};
      const byRule = new Map<string, { severity: string; total: number; byStatus: Record<string, number> }>();
      let total = 0;
      let reviewed = 0;
      for (const row of counts) {
        const filing = perFiling.get(row.filing_id) ?? { total: 0, reviewed: 0, bySeverity: {} };
        filing.total += row.n;
        if (row.status !== 'pending') filing.reviewed += row.n;
        add(filing.bySeverity, row.severity, row.n);
        perFiling.set(row.filing_id, filing);
        if (scope !== null && row.filing_id !== scope) continue;
        total += row.n;
        if (row.status !== 'pending') reviewed += row.n;
        add(byStatus, row.status, row.n);
        add(bySeverity, row.severity, row.n);
        const rule = byRule.get(row.rule_id) ?? { severity: ruleById(row.rule_id)?.severity ?? row.severity, total: 0, byStatus: {} };
        rule.total += row.n;
        add(rule.byStatus, row.status, row.n);
        byRule.set(row.rule_id, rule);
      }

      const filings: DashboardFiling[] = filingRows.map((f) => {
        const figures = perFiling.get(f.id) ?? { total: 0, reviewed: 0, bySeverity: {} };
        return {
          filingId: f.id, platformName: f.platform_name, periodStart: f.period_start, periodEnd: f.period_end, version: f.version,
          isSample: f.is_sample === 1, accounts: accountsOf(f.manifest_json), checkedAt: f.checked_at, ...figures,
        };
      });

      return {
        filingId: scope,
        total,
        reviewed,
        byStatus,
        bySeverity,
        byRule: [...byRule.entries()]
          .map(([ruleId, r]) => ({ ruleId, severity: r.severity as Severity, total: r.total, byStatus: r.byStatus }))
          .sort((a, b) => b.total - a.total || a.ruleId.localeCompare(b.ruleId)),
        filings,
        topAccounts: repo.topAccounts(scope, TOP_LIMIT).map((a) => ({
          filingId: a.filing_id, accountId: a.account_id, displayName: a.display_name, total: a.total, pending: a.pending,
        })),
        topMcns: repo.topMcns(scope, TOP_LIMIT).map((m) => ({
          filingId: m.filing_id, mcnId: m.mcn_id, name: m.name, total: m.total, accountFindings: m.account_findings,
          ownFindings: m.own_findings, accountsWithFindings: m.accounts_with_findings,
        })),
      };
    },
  };
}

function add(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
}

/** The import verified the declared row counts, so the manifest holds the number of accounts. */
function accountsOf(manifestJson: string): number {
  const manifest = JSON.parse(manifestJson) as { tables?: { table: string; rows: number }[] };
  return manifest.tables?.find((t) => t.table === 'accounts')?.rows ?? 0;
}
