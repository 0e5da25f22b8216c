import { z } from 'zod';
import { SeveritySchema } from '../domain/rules';
import { method } from './contract';

const countMap = z.record(z.string(), z.number());

export const dashboardFilingSchema = z.object({
  filingId: z.number(),
  platformName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  version: z.number(),
  isSample: z.boolean(),
  accounts: z.number(),
  /** Finish time of the latest successful check run; null = never checked. */
  checkedAt: z.string().nullable(),
  total: z.number(),
  /** Findings no longer 待核实 (confirmed, dismissed or rectified). */
  reviewed: z.number(),
  bySeverity: countMap,
});
export type DashboardFiling = z.infer<typeof dashboardFilingSchema>;

export const dashboardOverviewSchema = z.object({
  /** The filing the figures are for; null = every filing of the workspace. */
  filingId: z.number().nullable(),
  total: z.number(),
  reviewed: z.number(),
  byStatus: countMap,
  bySeverity: countMap,
  /** Per rule, most findings first. */
  byRule: z.array(z.object({ ruleId: z.string(), severity: SeveritySchema, total: z.number(), byStatus: countMap })),
  /** Every filing of the workspace (the selector lists them), with its own figures. */
  filings: z.array(dashboardFilingSchema),
  /** Accounts named by the most findings (by account_id). */
  topAccounts: z.array(
    z.object({ filingId: z.number(), accountId: z.string(), displayName: z.string().nullable(), total: z.number(), pending: z.number() }),
  ),
  /** MCNs by the findings of the accounts they signed plus their own. */
  topMcns: z.array(
    z.object({
      filingId: z.number(),
      mcnId: z.string(),
      name: z.string().nullable(),
      total: z.number(),
      accountFindings: z.number(),
      ownFindings: z.number(),
      accountsWithFindings: z.number(),
    }),
  ),
});
export type DashboardOverview = z.infer<typeof dashboardOverviewSchema>;

export const TOP_LIMIT = 10;

export const dashboardContract = {
  overview: method(z.object({ filingId: z.number().int().positive().optional() }).default({}), dashboardOverviewSchema),
};
