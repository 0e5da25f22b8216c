import { z } from 'zod';
import { method, noArgs } from './contract';
import { packageSourceSchema, validationReportSchema } from './filings';

export const referenceKindSchema = z.enum(['licenses', 'lexicon']);
export type ReferenceKind = z.infer<typeof referenceKindSchema>;

export const referenceSetSchema = z.object({
  id: z.number().int(),
  kind: referenceKindSchema,
  name: z.string(),
  sourceSha256: z.string(),
  isDefault: z.boolean(),
  rowCount: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string(),
});
export type ReferenceSetSummary = z.infer<typeof referenceSetSchema>;

export const referenceContract = {
  /** The active set of each kind (the shipped default until an inspector imports one). */
  status: method(noArgs, z.object({ licenses: referenceSetSchema.nullable(), lexicon: referenceSetSchema.nullable() })),
  import: method(
    z.object({ kind: referenceKindSchema, source: packageSourceSchema, jobId: z.string().min(1).optional() }),
    z.object({ set: referenceSetSchema, report: validationReportSchema }),
    { job: true },
  ),
  resetToDefault: method(z.object({ kind: referenceKindSchema }), z.object({ set: referenceSetSchema })),
};
