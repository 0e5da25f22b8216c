import { sql } from 'kysely';
import type { ProvisionRule, ArticleRule, provisionsContract } from '@shared/api/provisions';
import type { ServiceOf } from '@shared/api/contract';
import { AppError } from '@shared/errors';
import { citationId, formatLocator, itemMarker, type Citation, type DocCode } from '@shared/domain/provisions';
import { RULES, type RuleDefinition } from '@shared/domain/rules';
import type { Workspace } from '../db/connection';
import { ProvisionsError, loadProvisionsLibrary, type ProvisionsLibrary } from './library';

export type ProvisionsService = ServiceOf<typeof provisionsContract>;

/**
 * Statuses of a finding still waiting for an outcome: 待核实 and 已确认 (confirmed but not yet
 * rectified). 已排除 and 已整改 are closed.
 */
const OPEN_STATUSES = ['pending', 'confirmed'] as const;

interface RuleCitingArticle {
  rule: RuleDefinition;
  cites: Citation[];
}

/** Which rules cite which article (or a whole document), derived once from the catalogue. */
function indexRuleCitations() {
  const byArticle = new Map<string, RuleCitingArticle[]>();
  const byDocument = new Map<DocCode, RuleDefinition[]>();
  const citingDocument = new Map<DocCode, Set<string>>();
  for (const rule of RULES) {
    for (const citation of rule.citations) {
      let citing = citingDocument.get(citation.doc);
      if (citing === undefined) citingDocument.set(citation.doc, (citing = new Set()));
      citing.add(rule.id);
      if (citation.article === undefined) {
        const list = byDocument.get(citation.doc) ?? [];
        if (!list.includes(rule)) list.push(rule);
        byDocument.set(citation.doc, list);
        continue;
      }
      const articleId = citationId({ doc: citation.doc, article: citation.article });
      const list = byArticle.get(articleId) ?? [];
      const entry = list.find((e) => e.rule === rule);
      if (entry === undefined) list.push({ rule, cites: [citation] });
      else entry.cites.push(citation);
      byArticle.set(articleId, list);
    }
  }
  return { byArticle, byDocument, citingDocument };
}

/**
 * The provisions library over a workspace: the documents (loaded once, on first use, from
 * `resourcesDir`), which rules implement each article, and how many findings are open under them.
 */
export function createProvisionsService({ ws, resourcesDir }: { ws: Workspace; resourcesDir: string }): ProvisionsService {
  let library: ProvisionsLibrary | undefined;
  const lib = (): ProvisionsLibrary => (library ??= loadProvisionsLibrary(resourcesDir));
  const index = indexRuleCitations();

  /** Open findings per rule id; rules without any are absent. */
  async function openFindingsByRule(filingId: number | undefined): Promise<Map<string, number>> {
    if (filingId !== undefined) {
      const filing = await ws.db.selectFrom('filings').select('id').where('id', '=', filingId).executeTakeFirst();
      if (filing === undefined) throw new AppError('not_found', `备案 ${filingId} 不存在`);
    }
    // A finding the latest run no longer produces (present = 0) is not an open problem of the
    // filing's data, whatever its review status says.
    const { rows } = await sql<{ rule_id: string; open: number }>`
      SELECT rule_id, COUNT(*) AS open FROM findings
      WHERE status IN (${sql.join(OPEN_STATUSES)}) AND present = 1
        ${filingId === undefined ? sql`` : sql`AND filing_id = ${filingId}`}
      GROUP BY rule_id`.execute(ws.db);
    return new Map(rows.map((r) => [r.rule_id, r.open]));
  }

  const ruleView = (rule: RuleDefinition, open: Map<string, number>): ProvisionRule => ({
    id: rule.id,
    titleZh: rule.titleZh,
    titleEn: rule.titleEn,
    severity: rule.severity,
    openFindings: open.get(rule.id) ?? 0,
  });

  return {
    documents: () =>
      lib()
        .documents()
        .map((doc) => ({ ...doc, ruleCount: index.citingDocument.get(doc.code)?.size ?? 0 })),

    document: async ({ code, filingId }) => {
      const doc = lib().document(code);
      const open = await openFindingsByRule(filingId);
      return {
        code: doc.code,
        title: doc.title,
        issuer: doc.issuer,
        issuedOn: doc.issuedOn,
        effectiveOn: doc.effectiveOn,
        publishedOn: doc.publishedOn,
        source: doc.source,
        preamble: doc.preamble ?? [],
        closing: doc.closing ?? [],
        documentRules: (index.byDocument.get(code) ?? []).map((rule) => ruleView(rule, open)),
        articles: doc.articles.map((article) => ({
          id: article.id,
          label: article.label,
          chapter: article.chapter,
          heading: article.heading,
          clauses: article.clauses.map((clause) => ({
            id: clause.id,
            label: clause.label,
            text: clause.text,
            items: (clause.items ?? []).map((item, i) => ({ ...item, marker: itemMarker(i + 1) })),
          })),
          rules: (index.byArticle.get(article.id) ?? []).map(
            ({ rule, cites }): ArticleRule => ({
              ...ruleView(rule, open),
              cites: cites.map((c) => ({ id: citationId(c), locator: formatLocator(c) })),
            }),
          ),
        })),
      };
    },

    traceability: async (args) => {
      const open = await openFindingsByRule(args?.filingId);
      const library = lib();
      return library.traceability().map(({ obligation, reference, rules, checked }) => ({
        id: obligation.id,
        citation: obligation.citation,
        reference,
        docTitle: library.document(obligation.citation.doc).title,
        summaryZh: obligation.summaryZh,
        rules: rules.map((rule) => ruleView(rule, open)),
        checked,
      }));
    },

    resolve: ({ citations }) => {
      const library = lib();
      return citations.map((citation) => {
        try {
          return { ...library.resolveCitation(citation), id: citationId(citation) };
        } catch (error) {
          if (error instanceof ProvisionsError) throw new AppError('not_found', error.message);
          throw error;
        }
      });
    },
  };
}
