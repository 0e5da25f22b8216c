import { z } from 'zod';
import { campaignCategorySchema, type CampaignInput } from '../domain/campaigns';
import { findingSummarySchema } from './findings';
import { method, noArgs } from './contract';

export const campaignSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  issuer: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  scope: z.object({ platforms: z.array(z.string()), filings: z.array(z.number()) }),
  categories: z.array(campaignCategorySchema),
  /** Shipped with the app (resources/campaigns/); still editable and deletable. */
  builtin: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type CampaignView = z.infer<typeof campaignSchema>;

const campaignId = z.object({ id: z.number().int().positive() });

/**
 * The definition is checked by the service with campaignInputSchema, so a refusal names the
 * category and field in Chinese (`第 2 个类别“…” · 第 1 条规则：未知的规则编号…`) instead of a
 * schema path.
 */
const campaignInput = z.custom<CampaignInput>((v) => typeof v === 'object' && v !== null, { message: '行动定义必须是对象' });

export const scopeFilingSchema = z.object({
  id: z.number(),
  platformId: z.string(),
  platformName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  packageSha256: z.string(),
  version: z.number(),
  sourceName: z.string(),
});
export type ScopeFiling = z.infer<typeof scopeFilingSchema>;

const counts = { findings: z.number(), confirmed: z.number(), rectified: z.number(), accounts: z.number() };

export const campaignStatsSchema = z.object({
  campaign: campaignSchema,
  generatedAt: z.string(),
  ruleSetVersion: z.string(),
  filings: z.array(scopeFilingSchema),
  platforms: z.array(z.object({ platformId: z.string(), platformName: z.string() })),
  /** Per platform × category, from findings. `confirmed` includes rectified ones (rectify follows confirm). */
  cells: z.array(z.object({ platformId: z.string(), category: z.string(), ...counts })),
  categoryTotals: z.array(z.object({ category: z.string(), ...counts, actions: z.number(), actionAccounts: z.number() })),
  platformTotals: z.array(z.object({ platformId: z.string(), ...counts, actions: z.number(), actionAccounts: z.number() })),
  totals: z.object({ ...counts, actions: z.number(), actionAccounts: z.number() }),
  /** Platform-reported enforcement actions in the window, per platform and action type (all twelve types). */
  actionsByType: z.array(z.object({ platformId: z.string(), action: z.string(), actions: z.number(), accounts: z.number() })),
  /** The same actions through the campaign's reason mapping. */
  actionsByCategory: z.array(z.object({ platformId: z.string(), category: z.string(), actions: z.number(), accounts: z.number() })),
  weeks: z.array(
    z.object({
      week: z.number(),
      start: z.string(),
      end: z.string(),
      findings: z.number(),
      confirmed: z.number(),
      actions: z.number(),
      findingsByCategory: z.record(z.string(), z.number()),
      actionsByCategory: z.record(z.string(), z.number()),
    }),
  ),
  typicalCases: z.number(),
  durationMs: z.number(),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const campaignFindingSchema = findingSummarySchema.extend({
  platformId: z.string(),
  platformName: z.string(),
  categories: z.array(z.string()),
  /** The date the finding counts at inside the window (docs/campaigns.md, "Which date counts"). */
  eventDate: z.string(),
  typicalSummary: z.string().nullable(),
});
export type CampaignFinding = z.infer<typeof campaignFindingSchema>;

export const campaignExportSchema = z.object({
  exportId: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  sha256: z.string(),
});

export const campaignsContract = {
  list: method(noArgs, z.array(campaignSchema)),
  get: method(campaignId, campaignSchema),
  create: method(z.object({ campaign: campaignInput }), campaignSchema),
  update: method(z.object({ id: z.number().int().positive(), campaign: campaignInput }), campaignSchema),
  duplicate: method(campaignId, campaignSchema),
  remove: method(campaignId, z.object({ removed: z.boolean() })),
  /** Platforms and filings an inspector can put in a campaign's scope. */
  scopeOptions: method(noArgs, z.object({ filings: z.array(scopeFilingSchema) })),
  stats: method(campaignId, campaignStatsSchema),
  /** The findings behind a number of the statistics. */
  findings: method(
    z.object({
      id: z.number().int().positive(),
      category: z.string().optional(),
      platform: z.string().optional(),
      typicalOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(100),
      after: z.number().int().nonnegative().optional(),
    }),
    z.object({ items: z.array(campaignFindingSchema), total: z.number(), nextCursor: z.number().nullable() }),
  ),
  /** 典型案例 (ZMT2023 point 13): a summary is required when marking. */
  markTypical: method(
    z.object({ id: z.number().int().positive(), typical: z.boolean(), summary: z.string().trim().max(2000).optional() }),
    z.object({ id: z.number(), typicalCase: z.boolean(), typicalSummary: z.string().nullable() }),
  ),
  /** 专项行动统计表 (xlsx) written under the workspace's exports folder. */
  export: method(z.object({ id: z.number().int().positive(), jobId: z.string().min(1).optional() }), campaignExportSchema, { job: true }),
};
