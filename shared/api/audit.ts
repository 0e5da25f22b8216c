import { z } from 'zod';
import { method, noArgs } from './contract';

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.unknown(),
  hash: z.string(),
});

export const auditContract = {
  list: method(
    z.object({ limit: z.number().int().min(1).max(1000).default(200), beforeId: z.number().int().positive().optional() }),
    z.array(auditEntrySchema),
  ),
  verify: method(noArgs, z.object({ ok: z.boolean(), brokenAtId: z.number().nullable(), entries: z.number() })),
};
