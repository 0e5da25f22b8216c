import { z } from 'zod';
import { method } from './contract';

/** One problem found in a package: where it is, what was there, and why it is a problem. */
export const validationIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** Path of the file inside the package ('' for the package itself). */
  file: z.string(),
  /** Row as numbered in the source (CSV physical line, XLSX sheet row, JSONL line); null when not row-bound. */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  /** Stable machine code, e.g. `enum_unknown`, `ref_dangling`. */
  code: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export const validationReportSchema = z.object({
  /** No errors: the package may be imported (warnings do not block). */
  ok: z.boolean(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  /** The first issues up to the collection bound. */
  issues: z.array(validationIssueSchema),
  /** How many issues were found beyond the bound. */
  omitted: z.number().int(),
});
export type ValidationReport = z.infer<typeof validationReportSchema>;

export const packageSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1) }),
  z.object({ kind: z.literal('upload'), uploadId: z.string().min(1) }),
]);
export type PackageSource = z.infer<typeof packageSourceSchema>;

export const filingDocumentSchema = z.object({
  kind: z.string(),
  title: z.string().nullable(),
  file: z.string(),
  sha256: z.string(),
  size: z.number().int(),
});

export const filingSummarySchema = z.object({
  id: z.number().int(),
  packageSha256: z.string(),
  packageId: z.string().nullable(),
  sourceName: z.string(),
  platform: z.object({
    platformId: z.string(),
    name: z.string(),
    operator: z.string().nullable(),
    uscc: z.string().nullable(),
    province: z.string().nullable(),
    newsLicenseNo: z.string().nullable(),
  }),
  period: z.object({ start: z.string(), end: z.string() }),
  generatedAt: z.string().nullable(),
  complaintDeadlineDays: z.number().int().nullable(),
  version: z.number().int(),
  isSample: z.boolean(),
  importedAt: z.string(),
  importedBy: z.string(),
  /** Rows per table (every table of the format, 0 when absent). */
  tableCounts: z.record(z.string(), z.number().int()),
  documents: z.array(filingDocumentSchema),
});
export type FilingSummary = z.infer<typeof filingSummarySchema>;

export const importResultSchema = z.object({ filing: filingSummarySchema, report: validationReportSchema });
export type ImportResult = z.infer<typeof importResultSchema>;

export const validateResultSchema = z.object({
  packageSha256: z.string().nullable(),
  /** The filing this exact package was already imported as, if any. */
  existingFilingId: z.number().int().nullable(),
  report: validationReportSchema,
});

export const filingsContract = {
  list: method(
    z
      .object({
        platformId: z.string().optional(),
        /** Filings whose period overlaps [periodStart, periodEnd] ('YYYY-MM-DD'). */
        periodStart: z.string().optional(),
        periodEnd: z.string().optional(),
      })
      .default({}),
    z.array(filingSummarySchema),
  ),
  get: method(z.object({ id: z.number().int().positive() }), filingSummarySchema),
  import: method(
    z.object({ source: packageSourceSchema, jobId: z.string().min(1).optional(), isSample: z.boolean().optional() }),
    importResultSchema,
    { job: true },
  ),
  validate: method(z.object({ source: packageSourceSchema, jobId: z.string().min(1).optional() }), validateResultSchema, { job: true }),
  delete: method(z.object({ id: z.number().int().positive() }), z.object({ deleted: z.boolean() })),
  importSample: method(z.object({ jobId: z.string().min(1).optional() }).optional(), importResultSchema, { job: true }),
};
