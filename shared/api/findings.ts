import { z } from 'zod';
import { SeveritySchema } from '../domain/rules';
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

export const findingsContract = {
  list: method(
    z.object({
      filingId: z.number().int().positive(),
      ruleId: z.string().min(1).optional(),
      severity: SeveritySchema.optional(),
      status: FindingStatusSchema.optional(),
      /** Include findings the latest run no longer produced. */
      includeGone: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(100),
      /** Keyset paging: the `nextCursor` of the previous page. */
      after: z.number().int().nonnegative().optional(),
    }),
    z.object({ items: z.array(findingSummarySchema), nextCursor: z.number().nullable() }),
  ),
  get: method(z.object({ id: z.number().int().positive() }), findingDetailSchema),
  review: method(
    z.object({
      ids: z.array(z.number().int().positive()).min(1).max(100_000),
      action: ReviewActionSchema,
      reason: z.string().trim().min(1).max(2000).optional(),
      note: z.string().max(10_000).optional(),
    }),
    z.object({ updated: z.number(), status: FindingStatusSchema }),
  ),
  setNote: method(z.object({ id: z.number().int().positive(), note: z.string().max(10_000).nullable() }), findingSummarySchema),
  counts: method(
    z.object({ filingId: z.number().int().positive() }),
    z.object({ total: z.number(), byRule: countMap, bySeverity: countMap, byStatus: countMap }),
  ),
};
