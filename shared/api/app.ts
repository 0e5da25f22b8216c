import { z } from 'zod';
import { method, noArgs } from './contract';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  door: z.enum(['electron', 'browser', 'cli']),
  workspacePath: z.string(),
  schemaVersion: z.string(),
});

export const jobsContract = {
  cancel: method(z.object({ jobId: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
};

export const appContract = {
  info: method(noArgs, appInfoSchema),
};
