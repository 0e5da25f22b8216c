import { z } from 'zod';

/** Progress of a long job (import, checks, export): pushed to the UI and printed by the CLI. */
export const jobProgressSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['import', 'check', 'export', 'reference', 'network', 'sample']),
  phase: z.string(),
  /** Human label of the current step in Chinese, e.g. "读取 accounts.csv". */
  label: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  /** Items per second over the job so far. */
  rate: z.number().nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobFinishedSchema = z.object({
  jobId: z.string(),
  kind: jobProgressSchema.shape.kind,
  outcome: z.enum(['succeeded', 'failed', 'cancelled']),
  message: z.string().nullable(),
});
export type JobFinished = z.infer<typeof jobFinishedSchema>;

export const dataChangedSchema = z.object({
  /** Which slice of data changed, so views refetch only what they show. */
  scope: z.enum(['filings', 'findings', 'reference', 'campaigns', 'audit', 'settings', 'network']),
  filingId: z.number().nullable(),
});
export type DataChanged = z.infer<typeof dataChangedSchema>;

export const appEventSchemas = {
  'job.progress': jobProgressSchema,
  'job.finished': jobFinishedSchema,
  'data.changed': dataChangedSchema,
} as const;
export type AppEventName = keyof typeof appEventSchemas;
export type AppEvents = { [K in AppEventName]: z.infer<(typeof appEventSchemas)[K]> };
export type AppEvent = { [K in AppEventName]: { name: K; payload: AppEvents[K] } }[AppEventName];
export const APP_EVENT_NAMES = Object.keys(appEventSchemas) as AppEventName[];
