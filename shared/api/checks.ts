import { z } from 'zod';
import { EntityTypeSchema, RuleFamilySchema, SeveritySchema } from '../domain/rules';
import { method, noArgs } from './contract';

export const citationViewSchema = z.object({
  doc: z.string(),
  article: z.number().optional(),
  clause: z.number().optional(),
  item: z.number().optional(),
  /** Chinese form as rules-v1 writes it, e.g. `GZ2021 第八条第一款`. */
  text: z.string(),
});
export type CitationView = z.infer<typeof citationViewSchema>;

export const ruleStatSchema = z.object({
  ruleId: z.string(),
  ms: z.number(),
  findings: z.number(),
  /** Findings this run saw for the first time. */
  new: z.number(),
  /** Findings of earlier runs that this run no longer produces (kept with their review status). */
  gone: z.number(),
});
export type RuleStat = z.infer<typeof ruleStatSchema>;

export const referenceUsedSchema = z.object({
  kind: z.enum(['licenses', 'lexicon']),
  name: z.string(),
  /** SHA-256 of the records as used (sorted, canonical JSON), so two runs can be compared. */
  sha256: z.string(),
  rows: z.number(),
});

export const checkRunSchema = z.object({
  runId: z.number(),
  filingId: z.number(),
  ruleSetVersion: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  rules: z.array(z.string()),
  ruleStats: z.array(ruleStatSchema),
  reference: z.array(referenceUsedSchema),
  findingsTotal: z.number().nullable(),
  actor: z.string(),
  error: z.string().nullable(),
});
export type CheckRun = z.infer<typeof checkRunSchema>;

export const ruleCatalogueEntrySchema = z.object({
  id: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  severity: SeveritySchema,
  entityType: EntityTypeSchema,
  family: RuleFamilySchema,
  citations: z.array(citationViewSchema),
});
export type RuleCatalogueEntry = z.infer<typeof ruleCatalogueEntrySchema>;

export const checksContract = {
  run: method(
    z.object({
      filingId: z.number().int().positive(),
      rules: z.array(z.string().min(1)).optional(),
      /** Reference files for this run only, instead of the workspace's active sets (read and validated, never stored). */
      licensesFile: z.string().min(1).optional(),
      lexiconFile: z.string().min(1).optional(),
      /** Chosen by the caller so it can cancel through jobs.cancel and match progress events. */
      jobId: z.string().min(1).optional(),
    }),
    checkRunSchema,
    { job: true },
  ),
  runs: method(z.object({ filingId: z.number().int().positive() }), z.array(checkRunSchema)),
  rules: method(noArgs, z.array(ruleCatalogueEntrySchema)),
};
