import { z } from 'zod';
import { SeveritySchema } from '../domain/rules';
import { method, noArgs } from './contract';

const filingId = z.number().int().positive();

/** Kinds of node on the network canvas. Bursts are `matrix.coordinated_duplicates` findings. */
export const NODE_KINDS = ['account', 'subject', 'mcn', 'identifier', 'burst'] as const;
export const NodeKindSchema = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKindSchema>;

/**
 * Kinds of edge. owns: real subject → account; contract: MCN → account (signed / ended dates);
 * phone, device, payment, ip: account → shared identifier; transfer: former subject → account
 * (effective date); burst: account → near-duplicate burst (first publication time).
 */
export const EDGE_KINDS = ['owns', 'contract', 'phone', 'device', 'payment', 'ip', 'transfer', 'burst'] as const;
export const EdgeKindSchema = z.enum(EDGE_KINDS);
export type EdgeKind = z.infer<typeof EdgeKindSchema>;

export const networkFilingSchema = z.object({
  filingId: z.number(),
  platformName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  version: z.number(),
  analysedAt: z.string().nullable(),
  matrixCount: z.number().nullable(),
});
export type NetworkFiling = z.infer<typeof networkFilingSchema>;

export const analysisStatsSchema = z.object({
  accounts: z.number(),
  /** Account pairs joined by each kind of control link (after aggregation, before union). */
  links: z.object({ identity: z.number(), identifier: z.number(), burst: z.number() }),
  bursts: z.number(),
  matrices: z.number(),
  accountsInMatrices: z.number(),
  largestMatrix: z.number(),
  /** Matrices big enough to be split into Louvain communities. */
  splitMatrices: z.number(),
  communities: z.number(),
  /** Milliseconds per phase. */
  phases: z.record(z.string(), z.number()),
});
export type AnalysisStats = z.infer<typeof analysisStatsSchema>;

export const analysisSchema = z.object({
  filingId: z.number(),
  analysedAt: z.string(),
  durationMs: z.number(),
  /** The check run whose findings were read (bursts, counts); null when checks never ran. */
  checkRunId: z.number().nullable(),
  stats: analysisStatsSchema,
});
export type NetworkAnalysis = z.infer<typeof analysisSchema>;

export const matrixReasonSchema = z.object({
  code: z.enum(['accounts', 'subjects', 'identifiers', 'bursts', 'findings', 'followers']),
  /** Chinese sentence with the figure, e.g. "共用 3 个手机号、设备或收款账户". */
  label: z.string(),
  value: z.number(),
  points: z.number(),
});
export type MatrixReason = z.infer<typeof matrixReasonSchema>;

export const matrixSchema = z.object({
  matrixId: z.number(),
  score: z.number(),
  accounts: z.number(),
  subjects: z.number(),
  identifiers: z.number(),
  bursts: z.number(),
  mcns: z.number(),
  findings: z.number(),
  followers: z.number(),
  worstSeverity: SeveritySchema.nullable(),
  communities: z.number(),
  reasons: z.array(matrixReasonSchema),
  /** The most followed accounts, for the list. */
  sampleAccounts: z.array(z.object({ accountId: z.string(), displayName: z.string() })),
});
export type MatrixView = z.infer<typeof matrixSchema>;

export const matrixMemberSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  identityKey: z.string(),
  subjectName: z.string(),
  followers: z.number(),
  status: z.string(),
  community: z.number(),
});
export type MatrixMember = z.infer<typeof matrixMemberSchema>;

export const mcnStatSchema = z.object({
  mcnId: z.string(),
  name: z.string(),
  status: z.string().nullable(),
  /** mcn_orgs.measures codes. */
  measures: z.array(z.string()),
  /** Enforcement actions targeting the MCN itself, by action code. */
  actionsAgainst: z.record(z.string(), z.number()),
  /** Accounts whose contract is active at period end. */
  signedAccounts: z.number(),
  /** Accounts ever contracted (any date). */
  contractedAccounts: z.number(),
  followers: z.number(),
  /** Distinct accounts with an enforcement action starting in the period while under contract with the MCN. */
  accountsWithActions: z.number(),
  actions: z.number(),
  findingsByRule: z.record(z.string(), z.number()),
  findings: z.number(),
  worstSeverity: SeveritySchema.nullable(),
});
export type McnStat = z.infer<typeof mcnStatSchema>;

export const graphFocusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('matrix'), matrixId: z.number().int().positive() }),
  z.object({ kind: z.literal('mcn'), mcnId: z.string().min(1) }),
  /** The matrix of an account, or the account alone with its direct links when it is in none. */
  z.object({ kind: z.literal('account'), accountId: z.string().min(1) }),
]);
export type GraphFocus = z.infer<typeof graphFocusSchema>;

export const graphNodeSchema = z.object({
  key: z.string(),
  kind: NodeKindSchema,
  label: z.string(),
  /** The id the details link uses: account_id, identity_key, mcn_id, finding id, or kind:hash. */
  ref: z.string(),
  followers: z.number().nullable(),
  severity: SeveritySchema.nullable(),
  findings: z.number(),
  community: z.number().nullable(),
  /** Details shown on hover (Chinese keys are labelled in the renderer). */
  meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z.object({
  key: z.string(),
  source: z.string(),
  target: z.string(),
  kind: EdgeKindSchema,
  /** Dated edges: contract signed_at / ended_at, transfer effective_at, burst first and last publication. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const graphSchema = z.object({
  title: z.string(),
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  /** Accounts in the focus before the limit; more than the nodes shown when truncated. */
  totalAccounts: z.number(),
  truncated: z.boolean(),
  /** The matrix shown (focus matrix, or the account's), with its reasons. */
  matrix: matrixSchema.nullable(),
  periodEnd: z.string(),
});
export type GraphView = z.infer<typeof graphSchema>;

export const networkContract = {
  filings: method(noArgs, z.array(networkFilingSchema)),
  analyse: method(z.object({ filingId, jobId: z.string().min(1).optional() }), analysisSchema, { job: true }),
  matrices: method(
    z.object({
      filingId,
      limit: z.number().int().min(1).max(5000).default(200),
      offset: z.number().int().min(0).default(0),
      minAccounts: z.number().int().min(2).default(2),
    }),
    z.object({ analysis: analysisSchema.nullable(), total: z.number(), items: z.array(matrixSchema) }),
  ),
  members: method(z.object({ filingId, matrixId: z.number().int().positive() }), z.array(matrixMemberSchema)),
  mcn: method(z.object({ filingId }), z.object({ periodEnd: z.string(), items: z.array(mcnStatSchema) })),
  graph: method(z.object({ filingId, focus: graphFocusSchema, maxAccounts: z.number().int().min(1).max(20_000).default(3000) }), graphSchema),
  locate: method(
    z.object({ filingId, query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(100).default(20) }),
    z.array(z.object({ accountId: z.string(), displayName: z.string(), followers: z.number(), matrixId: z.number().nullable() })),
  ),
  exportNodes: method(
    z.object({
      filingId,
      focus: graphFocusSchema,
      /** The node keys in view (filters, ego view); all nodes of the focus when absent. */
      keys: z.array(z.string()).max(100_000).optional(),
    }),
    z.object({ fileName: z.string(), base64: z.string(), rows: z.number() }),
  ),
};
