import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import {
  DOC_CODES,
  ProvisionDocumentSchema,
  citationId,
  clauseFullText,
  formatCitation,
  formatLocator,
  type Citation,
  type DocCode,
  type ProvisionArticle,
  type ProvisionDocument,
} from '@shared/domain/provisions';
import { ObligationsFileSchema, ruleById, type Obligation, type RuleDefinition } from '@shared/domain/rules';

/** The repository's `resources/` folder, seen from this file (electron/core/provisions/). */
export const DEFAULT_RESOURCES_DIR = fileURLToPath(new URL('../../../resources', import.meta.url));

export interface ResolvedCitation {
  citation: Citation;
  /** The citation in Chinese, e.g. `GZ2021 第十八条(四)`. */
  reference: string;
  docTitle: string;
  /** The cited article's label (第十八条, 第1条, (三), 持证亮牌); absent for a whole document. */
  articleLabel?: string;
  /** The part after the document code: 第十八条(四); empty for a whole document. */
  locator: string;
  /** The cited text, verbatim; a whole document's or article's parts one per line. */
  text: string;
}

export interface TraceabilityRow {
  obligation: Obligation;
  reference: string;
  rules: RuleDefinition[];
  checked: boolean;
}

export interface DocumentSummary {
  code: DocCode;
  title: string;
  issuer: string;
  issuedOn: string;
  effectiveOn?: string;
  publishedOn?: string;
  articleCount: number;
}

export interface ProvisionsLibrary {
  documents(): DocumentSummary[];
  document(code: DocCode): ProvisionDocument;
  resolveCitation(citation: Citation): ResolvedCitation;
  traceability(): TraceabilityRow[];
}

export class ProvisionsError extends Error {
  override name = 'ProvisionsError';
}

/**
 * Loads and validates `provisions/<CODE>.json` for the five documents and
 * `provisions/obligations.json` from `resourcesDir` (the folder holding `provisions/`).
 * Throws a ProvisionsError naming the file, the field and the reason when one is unusable.
 */
export function loadProvisionsLibrary(resourcesDir: string = DEFAULT_RESOURCES_DIR): ProvisionsLibrary {
  const dir = join(resourcesDir, 'provisions');
  const docs = new Map<DocCode, ProvisionDocument>();
  for (const code of DOC_CODES) {
    const file = join(dir, `${code}.json`);
    const doc = readValidated(file, ProvisionDocumentSchema);
    if (doc.code !== code) {
      throw new ProvisionsError(`条文库文件 ${file} 字段 code 的值为 ${doc.code}，应为 ${code}`);
    }
    docs.set(code, doc);
  }
  const obligationsFile = join(dir, 'obligations.json');
  const { obligations } = readValidated(obligationsFile, ObligationsFileSchema);

  const documentOf = (code: DocCode): ProvisionDocument => {
    const doc = docs.get(code);
    if (doc === undefined) throw new ProvisionsError(`条文库中没有文件 ${code}`);
    return doc;
  };

  const resolveCitation = (citation: Citation): ResolvedCitation => {
    const doc = documentOf(citation.doc);
    const reference = formatCitation(citation);
    const base = { citation, reference, docTitle: doc.title, locator: formatLocator(citation) };
    if (citation.article === undefined) {
      return { ...base, text: doc.articles.map((a) => a.text).join('\n') };
    }
    const fail = (what: string): never => {
      throw new ProvisionsError(`无法解析引用 ${reference}（${citationId(citation)}）：${doc.title}中没有${what}`);
    };
    const article: ProvisionArticle = doc.articles[citation.article - 1] ?? fail('该条');
    const resolved = { ...base, articleLabel: article.label };
    if (citation.clause === undefined && citation.item === undefined) return { ...resolved, text: article.text };
    const clause = article.clauses[(citation.clause ?? 1) - 1] ?? fail('该款');
    if (citation.item === undefined) return { ...resolved, text: clauseFullText(clause) };
    const item = clause.items?.[citation.item - 1] ?? fail('该项');
    return { ...resolved, text: item.text };
  };

  // Resolving every obligation now turns a stale obligations.json into a load error, not a
  // surprise later in the traceability view.
  for (const obligation of obligations) resolveCitation(obligation.citation);

  return {
    documents: () =>
      DOC_CODES.map((code) => {
        const { title, issuer, issuedOn, effectiveOn, publishedOn, articles } = documentOf(code);
        return { code, title, issuer, issuedOn, effectiveOn, publishedOn, articleCount: articles.length };
      }),
    document: documentOf,
    resolveCitation,
    traceability: () =>
      obligations.map((obligation) => {
        const rules = obligation.ruleIds.map((id) => ruleById(id));
        return { obligation, reference: formatCitation(obligation.citation), rules, checked: rules.length > 0 };
      }),
  };
}

function readValidated<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `不是有效的 JSON：${error.message}` : `无法读取：${String(error)}`;
    throw new ProvisionsError(`条文库文件 ${file} ${reason}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => {
        const value = valueAt(raw, issue.path);
        const shown = value === undefined ? '' : `（值：${JSON.stringify(value)?.slice(0, 80)}）`;
        return `字段 ${issue.path.join('.') || '（根）'}${shown}：${issue.message}`;
      })
      .join('；');
    throw new ProvisionsError(`条文库文件 ${file} 校验失败：${issues}`);
  }
  return parsed.data;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
