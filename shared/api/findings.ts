import { z } from 'zod';
import { SEVERITIES, SeveritySchema } from '../domain/rules';
import { citationViewSchema } from './checks';
import { method } from './contract';

export const FINDING_STATUSES = ['pending', 'confirmed', 'dismissed', 'rectified'] as const;
export const FindingStatusSchema = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatusSchema>;

export const FINDING_STATUS_LABELS: Readonly<Record<FindingStatus, string>> = {
  pending: '待核实',
  confirmed: '已确认',
  dismissed: '已排除',
  rectified: '已整改',
};

export const REVIEW_ACTIONS = ['confirm', 'dismiss', 'rectify', 'reopen'] as const;
export const ReviewActionSchema = z.enum(REVIEW_ACTIONS);
export type ReviewAction = z.infer<typeof ReviewActionSchema>;

export const findingEntitySchema = z.union([
  z.object({ type: z.enum(['platform', 'subject', 'account', 'mcn', 'complaint', 'transfer']), id: z.string() }),
  z.object({ type: z.literal('account_group'), ids: z.array(z.string()) }),
]);
export type FindingEntityView = z.infer<typeof findingEntitySchema>;

export const evidenceRowSchema = z.object({
  table: z.string(),
  src_row: z.number(),
  key: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type EvidenceRowView = z.infer<typeof evidenceRowSchema>;

export const findingSummarySchema = z.object({
  id: z.number(),
  filingId: z.number(),
  ruleId: z.string(),
  severity: SeveritySchema,
  entity: findingEntitySchema,
  title: z.string(),
  explanation: z.string(),
  status: FindingStatusSchema,
  /** False when the latest run of its rule no longer found it (kept with its review status). */
  present: z.boolean(),
  note: z.string().nullable(),
  dismissReason: z.string().nullable(),
  typicalCase: z.boolean(),
  firstSeenRun: z.number(),
  lastSeenRun: z.number(),
  updatedAt: z.string(),
});
export type FindingSummary = z.infer<typeof findingSummarySchema>;

export const findingHistoryEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['confirm', 'dismiss', 'rectify', 'reopen', 'note']),
  fromStatus: FindingStatusSchema,
  toStatus: FindingStatusSchema,
  reason: z.string().nullable(),
  note: z.string().nullable(),
});

export const findingDetailSchema = findingSummarySchema.extend({
  evidence: z.array(evidenceRowSchema),
  citations: z.array(citationViewSchema),
  typicalSummary: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(findingHistoryEntrySchema),
});
export type FindingDetail = z.infer<typeof findingDetailSchema>;

const countMap = z.record(z.string(), z.number());

/*
 * The findings desk's filter: every facet is a list (values of one facet combine with OR,
 * facets with AND), plus the name search and the narrowing links of other pages (one account,
 * one subject, a campaign's category). Shared by list, facets, bulk review and the workbook, so
 * "what the table shows" means the same thing everywhere.
 */
const idList = z.array(z.number().int().positive()).max(1000);
const textList = z.array(z.string().min(1).max(200)).max(1000);
export const findingFilterSchema = z.object({
  filings: idList.optional(),
  platforms: textList.optional(),
  rules: textList.optional(),
  severities: z.array(SeveritySchema).max(SEVERITIES.length).optional(),
  statuses: z.array(FindingStatusSchema).max(FINDING_STATUSES.length).optional(),
  mcns: textList.optional(),
  /** Content categories of the finding's account (accounts.content_category). */
  categories: textList.optional(),
  accountId: z.string().min(1).max(200).optional(),
  identityKey: z.string().min(1).max(200).optional(),
  /** Substring of an account's display name or a subject's name (FTS5 trigram, see profiles/name-index). */
  q: z.string().trim().max(100).optional(),
  /** The findings a campaign counts (optionally in one of its categories), as its statistics do. */
  campaign: z.object({ id: z.number().int().positive(), category: z.string().min(1).max(50).optional() }).optional(),
  /** Include findings the latest run no longer produced. */
  includeGone: z.boolean().default(false),
});
export type FindingFilter = z.input<typeof findingFilterSchema>;
export type ParsedFindingFilter = z.output<typeof findingFilterSchema>;

export const FINDING_SORTS = ['severity', 'id', 'rule', 'status'] as const;
export const FindingSortSchema = z.enum(FINDING_SORTS);
export type FindingSort = z.infer<typeof FindingSortSchema>;

export const FACETS = ['filing', 'platform', 'rule', 'severity', 'status', 'mcn', 'category'] as const;
export type FacetName = (typeof FACETS)[number];

/** The names behind a finding's ids, as the table and the detail panel show them. */
const findingNamesShape = {
  platformName: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  subjectName: z.string().nullable(),
  identityKey: z.string().nullable(),
  mcnId: z.string().nullable(),
};

/** A row of the findings table: the summary plus the names the table shows. */
export const findingRowSchema = findingSummarySchema.extend(findingNamesShape);
export type FindingRow = z.infer<typeof findingRowSchema>;

const facetValueSchema = z.object({ value: z.string(), count: z.number(), label: z.string().optional() });
export type FacetValue = z.infer<typeof facetValueSchema>;

/** One finding as the detail panel shows it: the stored detail plus the names behind its ids. */
export const findingDetailViewSchema = findingDetailSchema.extend({ ...findingNamesShape, mcnName: z.string().nullable() });
export type FindingDetailView = z.infer<typeof findingDetailViewSchema>;

export const findingExportSchema = z.object({
  exportId: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  rows: z.number(),
  sheets: z.array(z.string()),
});
export type FindingExport = z.infer<typeof findingExportSchema>;

export const findingsContract = {
  /**
   * One page of the table. Keyset paging: pass the previous page's `next` as `cursor`; to jump
   * (a scrollbar dragged far away) pass `offset` instead. `after`/`nextCursor` are the older
   * id-order cursor (valid with sort 'id').
   */
  list: method(
    findingFilterSchema.extend({
      filingId: z.number().int().positive().optional(),
      /** Default 'id' (discovery order). */
      sort: FindingSortSchema.optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      cursor: z.string().max(500).optional(),
      offset: z.number().int().nonnegative().max(10_000_000).optional(),
      after: z.number().int().nonnegative().optional(),
    }),
    z.object({ items: z.array(findingRowSchema), next: z.string().nullable(), nextCursor: z.number().nullable() }),
  ),
  /** Counts per value of each facet under the filter, each facet ignoring its own selection (so values stay combinable). */
  facets: method(
    findingFilterSchema,
    z.object({ total: z.number(), facets: z.record(z.enum(FACETS), z.array(facetValueSchema)) }),
  ),
  get: method(z.object({ id: z.number().int().positive() }), findingDetailViewSchema),
  /** Review a selection (`ids`, all or nothing) or everything the filter shows (`filter`, in SQL: findings in another state are skipped). */
  review: method(
    z
      .object({
        ids: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
        filter: findingFilterSchema.optional(),
        action: ReviewActionSchema,
        reason: z.string().trim().min(1).max(2000).optional(),
        note: z.string().max(10_000).optional(),
      })
      .refine((a) => (a.ids === undefined) !== (a.filter === undefined), { message: '请指定要复核的核查结果（ids）或筛选条件（filter），二者取其一' }),
    /** skipped: with a filter, the matching findings in a state the action does not leave from. */
    z.object({ updated: z.number(), skipped: z.number().optional(), status: FindingStatusSchema }),
  ),
  setNote: method(z.object({ id: z.number().int().positive(), note: z.string().max(10_000).nullable() }), findingSummarySchema),
  counts: method(
    z.object({ filingId: z.number().int().positive() }),
    z.object({ total: z.number(), byRule: countMap, bySeverity: countMap, byStatus: countMap }),
  ),
  /** 核查问题清单 (xlsx) of what the filter shows, written under the workspace's exports folder. */
  export: method(findingFilterSchema.extend({ jobId: z.string().min(1).optional() }), findingExportSchema, { job: true }),
};
