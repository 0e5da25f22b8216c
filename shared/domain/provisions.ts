import { z } from 'zod';

/**
 * The provisions library: the documents the workstation checks against, transcribed verbatim
 * from the seeds (see resources/provisions/*.json) and the citations that point into them.
 *
 * Id scheme (stable, citable; ordinals are 1-based positions in the document):
 *   article  `<CODE>/<a>`            e.g. GZ2021/8       (第八条)
 *   clause   `<CODE>/<a>/<k>`        e.g. GZ2021/8/2     (第八条第二款; 款 = paragraph of the article)
 *   item     `<CODE>/<a>/<k>/<i>`    e.g. GZ2021/18/1/4  (第十八条(四); 项 = (一)(二)… inside a clause)
 * Every article has at least one clause, so a one-paragraph article still has clause `<a>/1`.
 * For GZ2021 and JSTX2014 `<a>` is the article number (第八条 → 8); for ZMT2023 the point
 * number (第8条 → 8); for QL2024 1–5 are the problem categories (一)…(五) and 6–10 the
 * accompanying requirements in document order; for ZZ2021 the passages of the platform notice.
 */

export const DOC_CODES = ['GZ2021', 'ZMT2023', 'JSTX2014', 'QL2024', 'ZZ2021'] as const;
export const DocCodeSchema = z.enum(DOC_CODES);
export type DocCode = z.infer<typeof DocCodeSchema>;

/**
 * Entries that have no number in their document carry a name instead; the JSON labels must
 * equal these (checked by the tests) so a citation can be formatted without loading the library.
 */
export const NAMED_ARTICLE_LABELS: Partial<Record<DocCode, Readonly<Record<number, string>>>> = {
  QL2024: { 6: '组织领导', 7: '新闻类账号', 8: '持证亮牌', 9: '优先推送', 10: '投诉举报' },
  ZZ2021: { 1: '资质提醒', 2: '发布建议' },
};

const CHINESE_DIGITS = '一二三四五六七八九';

/** 1 → 一, 10 → 十, 18 → 十八, 23 → 二十三 (the numbering of articles, clauses and items). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) {
    throw new RangeError(`无法转换为中文序号：${n}（仅支持 1–99 的整数）`);
  }
  const tens = Math.floor(n / 10);
  const units = n % 10;
  const unitText = units === 0 ? '' : CHINESE_DIGITS.charAt(units - 1);
  if (tens === 0) return unitText;
  return `${tens === 1 ? '' : CHINESE_DIGITS.charAt(tens - 1)}十${unitText}`;
}

/** The article part of a citation as rules-v1.md writes it: 第八条, 第1条, (三), 持证亮牌. */
export function articleLabel(doc: DocCode, article: number): string {
  const named = NAMED_ARTICLE_LABELS[doc]?.[article];
  if (named !== undefined) return named;
  switch (doc) {
    case 'GZ2021':
    case 'JSTX2014':
      return `第${chineseNumeral(article)}条`;
    case 'ZMT2023':
      return `第${article}条`;
    case 'QL2024':
      if (article <= 5) return `(${chineseNumeral(article)})`;
      break;
    case 'ZZ2021':
      break;
  }
  throw new RangeError(`${doc} 没有第 ${article} 个条目`);
}

export function clauseLabel(clause: number): string {
  return `第${chineseNumeral(clause)}款`;
}

export function itemLabel(item: number): string {
  return `(${chineseNumeral(item)})`;
}

/** How an item is marked inside the article text (the seeds use full-width brackets). */
export function itemMarker(item: number): string {
  return `（${chineseNumeral(item)}）`;
}

const ordinal = z.number().int().min(1);

/**
 * A citation of a whole document (`QL2024`), an article, a clause or an item. An item without
 * a clause lies in the article's first clause, written the way rules-v1.md does: 第十八条(一).
 */
export const CitationSchema = z
  .object({
    doc: DocCodeSchema,
    article: ordinal.optional(),
    clause: ordinal.optional(),
    item: ordinal.optional(),
  })
  .refine((c) => c.article !== undefined || (c.clause === undefined && c.item === undefined), {
    message: '引用了款或项，但没有指明条',
  });
export type Citation = z.infer<typeof CitationSchema>;

/** The id of the cited element in the id scheme above (GZ2021, GZ2021/8, GZ2021/18/1/4). */
export function citationId(c: Citation): string {
  if (c.article === undefined) return c.doc;
  const parts: Array<string | number> = [c.doc, c.article];
  if (c.clause !== undefined || c.item !== undefined) parts.push(c.clause ?? 1);
  if (c.item !== undefined) parts.push(c.item);
  return parts.join('/');
}

/** The part after the document code: 第八条第一款, 第十八条(一), (三); empty for a whole document. */
export function formatLocator(c: Citation): string {
  if (c.article === undefined) return '';
  let text = articleLabel(c.doc, c.article);
  if (c.clause !== undefined) text += clauseLabel(c.clause);
  if (c.item !== undefined) text += itemLabel(c.item);
  return text;
}

/** One citation in Chinese, e.g. `GZ2021 第八条第一款`, `ZMT2023 第1条`, `QL2024 (三)`, `ZZ2021`. */
export function formatCitation(c: Citation): string {
  const locator = formatLocator(c);
  return locator === '' ? c.doc : `${c.doc} ${locator}`;
}

/**
 * A list of citations the way the 'cites' column of rules-v1.md writes it: consecutive
 * citations of one document share its code and are separated by `, `, documents by `; `, and
 * consecutive items of the same clause run together: `GZ2021 第八条第二款, 第十八条(一)(二)`.
 */
export function formatCitations(citations: readonly Citation[]): string {
  const groups: string[] = [];
  let current: { doc: DocCode; parts: string[] } | undefined;
  let previous: Citation | undefined;
  for (const c of citations) {
    const continuesItems =
      previous?.item !== undefined &&
      previous.doc === c.doc &&
      previous.article === c.article &&
      previous.clause === c.clause;
    if (current !== undefined && continuesItems && c.item !== undefined) {
      current.parts[current.parts.length - 1] += itemLabel(c.item);
    } else if (current !== undefined && current.doc === c.doc) {
      current.parts.push(formatLocator(c));
    } else {
      if (current !== undefined) groups.push(renderGroup(current));
      current = { doc: c.doc, parts: [formatLocator(c)] };
    }
    previous = c;
  }
  if (current !== undefined) groups.push(renderGroup(current));
  return groups.join('; ');
}

function renderGroup(group: { doc: DocCode; parts: string[] }): string {
  const locators = group.parts.filter((p) => p !== '').join(', ');
  return locators === '' ? group.doc : `${group.doc} ${locators}`;
}

const nonEmpty = z.string().trim().min(1);
const datePattern = /^\d{4}-\d{2}(-\d{2})?$/;
/** A calendar date, or only year and month where the source gives no day (QL2024, ZZ2021). */
const partialDate = z.string().regex(datePattern, '日期格式应为 YYYY-MM-DD 或 YYYY-MM');

export const ProvisionItemSchema = z.object({ id: nonEmpty, label: nonEmpty, text: nonEmpty });
export type ProvisionItem = z.infer<typeof ProvisionItemSchema>;

export const ProvisionClauseSchema = z.object({
  id: nonEmpty,
  label: nonEmpty,
  text: nonEmpty,
  items: z.array(ProvisionItemSchema).min(1).optional(),
});
export type ProvisionClause = z.infer<typeof ProvisionClauseSchema>;

export const ProvisionArticleSchema = z.object({
  id: nonEmpty,
  label: nonEmpty,
  /** The chapter the article stands in (GZ2021), verbatim. */
  chapter: nonEmpty.optional(),
  heading: nonEmpty.optional(),
  /** The whole article: its clauses one per line, each followed by its items with their markers. */
  text: nonEmpty,
  clauses: z.array(ProvisionClauseSchema).min(1),
});
export type ProvisionArticle = z.infer<typeof ProvisionArticleSchema>;

/** A clause with its items, as it reads in the document. */
export function clauseFullText(clause: ProvisionClause): string {
  const items = (clause.items ?? []).map((item, i) => itemMarker(i + 1) + item.text);
  return [clause.text, ...items].join('\n');
}

export const ProvisionDocumentSchema = z
  .object({
    code: DocCodeSchema,
    title: nonEmpty,
    issuer: nonEmpty,
    issuedOn: partialDate,
    effectiveOn: partialDate.optional(),
    publishedOn: partialDate.optional(),
    /** The seed file the text was transcribed from. */
    source: nonEmpty,
    /** Text before the first article (addressees, purpose), verbatim. */
    preamble: z.array(nonEmpty).optional(),
    articles: z.array(ProvisionArticleSchema).min(1),
    /** Text after the last article, verbatim. */
    closing: z.array(nonEmpty).optional(),
  })
  .superRefine((doc, ctx) => {
    doc.articles.forEach((article, ai) => {
      const a = ai + 1;
      const at = (path: Array<string | number>, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['articles', ai, ...path], message });
      if (article.id !== `${doc.code}/${a}`) at(['id'], `条目编号应为 ${doc.code}/${a}，实为 ${article.id}`);
      const expectedLabel = safeArticleLabel(doc.code, a);
      if (article.label !== expectedLabel) {
        at(['label'], `条目名称应为 ${expectedLabel ?? '（无此条目）'}，实为 ${article.label}`);
      }
      article.clauses.forEach((clause, ki) => {
        const k = ki + 1;
        const clauseId = `${doc.code}/${a}/${k}`;
        if (clause.id !== clauseId) at(['clauses', ki, 'id'], `款编号应为 ${clauseId}，实为 ${clause.id}`);
        if (clause.label !== clauseLabel(k)) at(['clauses', ki, 'label'], `款名称应为 ${clauseLabel(k)}，实为 ${clause.label}`);
        (clause.items ?? []).forEach((item, ii) => {
          const i = ii + 1;
          if (item.id !== `${clauseId}/${i}`) at(['clauses', ki, 'items', ii, 'id'], `项编号应为 ${clauseId}/${i}，实为 ${item.id}`);
          if (item.label !== itemLabel(i)) at(['clauses', ki, 'items', ii, 'label'], `项名称应为 ${itemLabel(i)}，实为 ${item.label}`);
        });
      });
      const composed = article.clauses.map(clauseFullText).join('\n');
      if (article.text !== composed) at(['text'], '条文全文与各款、各项的文字不一致');
    });
  });
export type ProvisionDocument = z.infer<typeof ProvisionDocumentSchema>;

function safeArticleLabel(doc: DocCode, article: number): string | undefined {
  try {
    return articleLabel(doc, article);
  } catch {
    return undefined;
  }
}
