import { z } from 'zod';
import { ENUMS } from './filing-schema';
import { LEXICON_CATEGORIES, LEXICON_CATEGORY_LABELS } from './reference';
import { RULE_IDS, ruleById } from './rules';

/*
 * A campaign (专项行动) as data: window, scope, problem categories, and for each category the
 * rules whose findings and the enforcement reasons whose actions count toward it
 * (rules-v1.md, "Campaign categories"; docs/campaigns.md). The shipped QL2024 lives in
 * resources/campaigns/ql2024.json in this shape.
 */

export type ViolationReason = keyof typeof ENUMS.violation_reason & string;
export type EnforcementAction = keyof typeof ENUMS.enforcement_action & string;

export const VIOLATION_REASONS = Object.keys(ENUMS.violation_reason) as ViolationReason[];
export const ENFORCEMENT_ACTIONS = Object.keys(ENUMS.enforcement_action) as EnforcementAction[];
export const VIOLATION_REASON_LABELS: Readonly<Record<ViolationReason, string>> = ENUMS.violation_reason;
export const ENFORCEMENT_ACTION_LABELS: Readonly<Record<EnforcementAction, string>> = ENUMS.enforcement_action;

/**
 * The action types the summary sheet reports as columns (the issue's "accounts warned,
 * banned, suspended, closed, blacklisted, with monetisation suspended or revoked"); the
 * statistics carry all twelve.
 */
export const SUMMARY_ACTIONS: readonly EnforcementAction[] = [
  'warning', 'ban', 'suspend_update', 'close', 'blacklist', 'suspend_monetization', 'revoke_monetization',
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const dateSchema = (what: string) =>
  z
    .string({ error: `${what}必须是日期文本` })
    .regex(DATE, { error: `${what}应为 YYYY-MM-DD 格式的日期` })
    .refine(isRealDate, { error: `${what}不是有效日期` });

const knownRules = new Set<string>(RULE_IDS);
const knownReasons = new Set<string>(VIOLATION_REASONS);
const knownLexicon = new Set<string>(LEXICON_CATEGORIES);

export const categoryRuleSchema = z.object({
  rule: z.string().refine((id) => knownRules.has(id), {
    error: (issue) => `未知的规则编号“${String(issue.input)}”（可用的规则见核查规则目录 rules-v1）`,
  }),
  /**
   * Only findings whose account's display name contains a lexicon term of one of these
   * categories count (QL2024 category 3 counts name.impersonation_suspect for news_media terms only).
   */
  lexiconCategories: z
    .array(
      z.string().refine((c) => knownLexicon.has(c), {
        error: (issue) => `未知的词库类别“${String(issue.input)}”（可用：${LEXICON_CATEGORIES.map((c) => `${c} ${LEXICON_CATEGORY_LABELS[c].zh}`).join('、')}）`,
      }),
    )
    .min(1, { error: '词库类别条件不能为空列表（不限类别时请省略）' })
    .optional(),
});
export type CategoryRule = z.infer<typeof categoryRuleSchema>;

export const campaignCategorySchema = z.object({
  /** Stable within the campaign; used in links (`/findings?campaign=…&category=…`). */
  code: z
    .string({ error: '类别编号必须是文本' })
    .trim()
    .min(1, { error: '类别编号不能为空' })
    .max(20, { error: '类别编号最长 20 个字符' })
    .regex(/^[\w-]+$/, { error: '类别编号只能包含字母、数字、下划线或连字符' }),
  name: z.string({ error: '类别名称必须是文本' }).trim().min(1, { error: '类别名称不能为空' }).max(100, { error: '类别名称最长 100 个字符' }),
  description: z.string().max(2000).optional(),
  rules: z.array(categoryRuleSchema),
  reasons: z.array(
    z.string().refine((r) => knownReasons.has(r), {
      error: (issue) => `未知的违规类型“${String(issue.input)}”（可用：${VIOLATION_REASONS.map((r) => `${r} ${VIOLATION_REASON_LABELS[r]}`).join('、')}）`,
    }),
  ),
});
export type CampaignCategory = z.infer<typeof campaignCategorySchema>;

export const campaignScopeSchema = z.object({
  /** platform_id values; empty = every platform. */
  platforms: z.array(z.string().trim().min(1)).default([]),
  /** Filing ids; when given, exactly these filings (and `platforms` is ignored). */
  filings: z.array(z.number().int().positive()).default([]),
});
export type CampaignScope = z.infer<typeof campaignScopeSchema>;

/** What an inspector edits (and what resources/campaigns/*.json holds, plus `format`). */
export const campaignInputSchema = z
  .object({
    code: z
      .string({ error: '行动编号必须是文本' })
      .trim()
      .min(1, { error: '行动编号不能为空' })
      .max(40, { error: '行动编号最长 40 个字符' })
      .regex(/^[\w-]+$/, { error: '行动编号只能包含字母、数字、下划线或连字符' }),
    name: z.string({ error: '行动名称必须是文本' }).trim().min(1, { error: '行动名称不能为空' }).max(200, { error: '行动名称最长 200 个字符' }),
    issuer: z.string().trim().max(100, { error: '发文单位最长 100 个字符' }).default(''),
    windowStart: dateSchema('开始日期'),
    windowEnd: dateSchema('结束日期'),
    scope: campaignScopeSchema.default({ platforms: [], filings: [] }),
    categories: z.array(campaignCategorySchema).min(1, { error: '至少需要一个问题类别' }).max(30, { error: '问题类别最多 30 个' }),
  })
  .superRefine((c, ctx) => {
    if (c.windowEnd < c.windowStart) {
      ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: `结束日期 ${c.windowEnd} 早于开始日期 ${c.windowStart}` });
    }
    const seen = new Set<string>();
    c.categories.forEach((cat, i) => {
      if (seen.has(cat.code)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'code'], message: `类别编号“${cat.code}”重复` });
      seen.add(cat.code);
      if (cat.rules.length === 0 && cat.reasons.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['categories', i], message: `类别“${cat.name}”既没有对应规则也没有对应违规类型，统计不到任何数据` });
      }
      const ruleSeen = new Set<string>();
      cat.rules.forEach((r, j) => {
        if (ruleSeen.has(r.rule)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'rules', j], message: `类别“${cat.name}”重复列出规则 ${r.rule}` });
        ruleSeen.add(r.rule);
      });
    });
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** The file format of resources/campaigns/*.json. */
export const campaignFileSchema = z.intersection(z.object({ format: z.literal('campaign'), formatVersion: z.literal('1.0') }), campaignInputSchema);

/** One readable line per problem, naming where in the definition it is: what the UI and CLI show. */
export function describeCampaignIssues(error: z.ZodError, input?: unknown): string[] {
  return error.issues.map((issue) => `${issuePath(issue.path, input)}：${issue.message}`);
}

function issuePath(path: readonly PropertyKey[], input: unknown): string {
  const parts: string[] = [];
  const at = (i: number) => path[i];
  for (let i = 0; i < path.length; i++) {
    const key = at(i);
    if (key === 'categories' && typeof at(i + 1) === 'number') {
      const index = at(i + 1) as number;
      const name = (input as { categories?: { name?: unknown }[] } | undefined)?.categories?.[index]?.name;
      parts.push(`第 ${index + 1} 个类别${typeof name === 'string' && name ? `“${name}”` : ''}`);
      i++;
    } else if (key === 'rules' && typeof at(i + 1) === 'number') {
      parts.push(`第 ${(at(i + 1) as number) + 1} 条规则`);
      i++;
    } else if (key === 'reasons' && typeof at(i + 1) === 'number') {
      parts.push(`第 ${(at(i + 1) as number) + 1} 个违规类型`);
      i++;
    } else parts.push(FIELD_LABELS[String(key)] ?? String(key));
  }
  return parts.length ? parts.join(' · ') : '行动定义';
}

const FIELD_LABELS: Record<string, string> = {
  code: '编号', name: '名称', issuer: '发文单位', windowStart: '开始日期', windowEnd: '结束日期', scope: '范围',
  categories: '问题类别', rules: '规则', reasons: '违规类型', lexiconCategories: '词库类别', rule: '规则编号', platforms: '平台', filings: '备案数据包',
};

/** Chinese title of a rule for display, falling back to the id. */
export function ruleTitle(id: string): string {
  return ruleById(id)?.titleZh ?? id;
}
