import { z } from 'zod';
import { CitationSchema, DocCodeSchema } from '../domain/provisions';
import { RuleIdSchema, SeveritySchema } from '../domain/rules';
import { method, noArgs } from './contract';

/** Open findings are counted over the whole workspace, or over one filing when given. */
const filingScope = z.object({ filingId: z.number().int().positive().optional() });

/** A rule as the provisions library shows it: what it is called, how severe, how much is open under it. */
export const provisionRuleSchema = z.object({
  id: RuleIdSchema,
  titleZh: z.string(),
  titleEn: z.string(),
  severity: SeveritySchema,
  /** Findings of this rule with status 待核实 (pending) or 已确认 (confirmed), still produced by the latest run. */
  openFindings: z.number().int().nonnegative(),
});
export type ProvisionRule = z.infer<typeof provisionRuleSchema>;

/** A rule citing an article, with the parts of the article it cites (第八条第一款, 第十八条(一)). */
export const articleRuleSchema = provisionRuleSchema.extend({
  cites: z.array(z.object({ id: z.string(), locator: z.string() })),
});
export type ArticleRule = z.infer<typeof articleRuleSchema>;

const documentMetaSchema = z.object({
  code: DocCodeSchema,
  title: z.string(),
  issuer: z.string(),
  /** YYYY-MM-DD, or YYYY-MM where the source gives no day. */
  issuedOn: z.string(),
  effectiveOn: z.string().optional(),
  publishedOn: z.string().optional(),
});

export const provisionDocumentSummarySchema = documentMetaSchema.extend({
  articleCount: z.number().int(),
  /** Rules citing the document or any part of it. */
  ruleCount: z.number().int(),
});
export type ProvisionDocumentSummary = z.infer<typeof provisionDocumentSummarySchema>;

export const provisionItemViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** How the item is marked in the text: （一）. */
  marker: z.string(),
  text: z.string(),
});

export const provisionClauseViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  text: z.string(),
  items: z.array(provisionItemViewSchema),
});

export const provisionArticleViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  chapter: z.string().optional(),
  heading: z.string().optional(),
  clauses: z.array(provisionClauseViewSchema),
  rules: z.array(articleRuleSchema),
});
export type ProvisionArticleView = z.infer<typeof provisionArticleViewSchema>;

export const provisionDocumentViewSchema = documentMetaSchema.extend({
  source: z.string(),
  preamble: z.array(z.string()),
  articles: z.array(provisionArticleViewSchema),
  closing: z.array(z.string()),
  /** Rules citing the document as a whole (e.g. `QL2024`), not one of its articles. */
  documentRules: z.array(provisionRuleSchema),
});
export type ProvisionDocumentView = z.infer<typeof provisionDocumentViewSchema>;

export const traceabilityRowSchema = z.object({
  /** The provision id of the obligation (GZ2021/8). */
  id: z.string(),
  citation: CitationSchema,
  /** GZ2021 第八条 */
  reference: z.string(),
  docTitle: z.string(),
  summaryZh: z.string(),
  rules: z.array(provisionRuleSchema),
  /** At least one rule checks the obligation. */
  checked: z.boolean(),
});
export type TraceabilityRowView = z.infer<typeof traceabilityRowSchema>;

export const resolvedCitationSchema = z.object({
  citation: CitationSchema,
  /** The cited element's id in the provisions scheme (GZ2021/18/1/4). */
  id: z.string(),
  /** GZ2021 第十八条(四) */
  reference: z.string(),
  docTitle: z.string(),
  articleLabel: z.string().optional(),
  locator: z.string(),
  /** The cited text, verbatim. */
  text: z.string(),
});
export type ResolvedCitationView = z.infer<typeof resolvedCitationSchema>;

export const provisionsContract = {
  documents: method(noArgs, z.array(provisionDocumentSummarySchema)),
  document: method(filingScope.extend({ code: DocCodeSchema }), provisionDocumentViewSchema),
  traceability: method(filingScope.optional(), z.array(traceabilityRowSchema)),
  resolve: method(z.object({ citations: z.array(CitationSchema).min(1).max(500) }), z.array(resolvedCitationSchema)),
};
