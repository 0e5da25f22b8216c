import { z } from 'zod';
import { CitationSchema, citationId, type Citation } from './provisions';

/**
 * The rule catalogue of rules-v1.md: metadata only (what each rule is called, how severe it is,
 * what kind of entity a finding names and which provisions it cites). The queries live elsewhere.
 */

export const RULE_SET_VERSION = 'rules-v1';

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const ENTITY_TYPES = ['platform', 'subject', 'account', 'mcn', 'complaint', 'transfer', 'account_group'] as const;
export const EntityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityTypeSchema>;

export const RULE_FAMILIES = [
  'identity',
  'name',
  'credential',
  'content',
  'subject',
  'account',
  'monetization',
  'followers',
  'mcn',
  'news',
  'enforcement',
  'transfer',
  'registration',
  'complaint',
  'platform',
  'agreement',
  'matrix',
] as const;
export const RuleFamilySchema = z.enum(RULE_FAMILIES);
export type RuleFamily = z.infer<typeof RuleFamilySchema>;

export interface Label {
  zh: string;
  en: string;
}

export const SEVERITY_LABELS: Readonly<Record<Severity, Label>> = {
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
  info: { zh: '提示', en: 'Info' },
};

export const ENTITY_TYPE_LABELS: Readonly<Record<EntityType, Label>> = {
  platform: { zh: '平台', en: 'Platform' },
  subject: { zh: '主体', en: 'Subject' },
  account: { zh: '账号', en: 'Account' },
  mcn: { zh: 'MCN机构', en: 'MCN' },
  complaint: { zh: '投诉举报', en: 'Complaint' },
  transfer: { zh: '账号转让', en: 'Transfer' },
  account_group: { zh: '账号组', en: 'Account group' },
};

interface RuleMetadata {
  readonly id: string;
  /** The 问题 column of rules-v1.md, verbatim. */
  readonly titleZh: string;
  readonly titleEn: string;
  readonly severity: Severity;
  readonly entityType: EntityType;
  /** The 'cites' column of rules-v1.md, in its order. */
  readonly citations: readonly Citation[];
  readonly family: RuleFamily;
}

const RULE_TABLE = [
  {
    id: 'identity.unverified',
    titleZh: '未实名核验',
    titleEn: 'Real-identity verification missing',
    severity: 'high',
    entityType: 'account',
    citations: [
      { doc: 'GZ2021', article: 8, clause: 1 },
      { doc: 'JSTX2014', article: 6 },
    ],
    family: 'identity',
  },
  {
    id: 'name.protected_unreviewed',
    titleZh: '含党政军、媒体或行政区划名称未经人工审核',
    titleEn: 'Name with party, government, military, media or place names not manually reviewed',
    severity: 'medium',
    entityType: 'account',
    citations: [
      { doc: 'ZMT2023', article: 1 },
      { doc: 'GZ2021', article: 8, clause: 2 },
    ],
    family: 'name',
  },
  {
    id: 'name.impersonation_suspect',
    titleZh: '疑似假冒仿冒党政军机关或新闻媒体',
    titleEn: 'Suspected impersonation of party, government or military organs or news media',
    severity: 'high',
    entityType: 'account',
    citations: [
      { doc: 'ZMT2023', article: 1 },
      { doc: 'GZ2021', article: 8, clause: 2 },
      { doc: 'GZ2021', article: 18, item: 1 },
      { doc: 'GZ2021', article: 18, item: 2 },
    ],
    family: 'name',
  },
  {
    id: 'name.news_word_unlicensed',
    titleZh: '擅自使用“新闻”“报道”等新闻属性名称',
    titleEn: 'Unlicensed use of news-like names such as “新闻” or “报道”',
    severity: 'high',
    entityType: 'account',
    citations: [{ doc: 'QL2024', article: 3 }],
    family: 'name',
  },
  {
    id: 'credential.missing',
    titleZh: '金融、教育、医疗卫生、司法类账号无资质',
    titleEn: 'Finance, education, medical or judicial account without credentials',
    severity: 'high',
    entityType: 'account',
    citations: [
      { doc: 'GZ2021', article: 9, clause: 1 },
      { doc: 'ZMT2023', article: 2 },
      { doc: 'ZMT2023', article: 12 },
    ],
    family: 'credential',
  },
  {
    id: 'credential.expired',
    titleZh: '资质过期仍开放领域发布',
    titleEn: 'Credential expired but publishing in the domain still enabled',
    severity: 'high',
    entityType: 'account',
    citations: [{ doc: 'ZMT2023', article: 2 }],
    family: 'credential',
  },
  {
    id: 'credential.badge_hidden',
    titleZh: '未展示资质认证标识或领域标签',
    titleEn: 'Credential badge or domain label not displayed',
    severity: 'low',
    entityType: 'account',
    citations: [
      { doc: 'GZ2021', article: 9, clause: 2 },
      { doc: 'ZMT2023', article: 2 },
    ],
    family: 'credential',
  },
  {
    id: 'content.uncredentialed_domain',
    titleZh: '无资质发布金融、教育、医疗卫生、司法内容',
    titleEn: 'Finance, education, medical or judicial content published without credentials',
    severity: 'medium',
    entityType: 'account',
    citations: [
      { doc: 'ZMT2023', article: 2 },
      { doc: 'ZMT2023', article: 12 },
      { doc: 'GZ2021', article: 9 },
    ],
    family: 'content',
  },
  {
    id: 'subject.account_cap',
    titleZh: '超出“一人一号、一企两号”',
    titleEn: 'More accounts than “one per person, two per enterprise”',
    severity: 'medium',
    entityType: 'subject',
    citations: [
      { doc: 'ZMT2023', article: 7 },
      { doc: 'GZ2021', article: 10, clause: 1 },
    ],
    family: 'subject',
  },
  {
    id: 'account.reregistered',
    titleZh: '被关闭账号重新注册',
    titleEn: 'Closed account registered again',
    severity: 'high',
    entityType: 'account',
    citations: [
      { doc: 'GZ2021', article: 8, clause: 3 },
      { doc: 'ZMT2023', article: 7 },
    ],
    family: 'account',
  },
  {
    id: 'monetization.recent_violation',
    titleZh: '三个月内有违规记录即开通营利权限',
    titleEn: 'Monetisation enabled despite a violation within three months',
    severity: 'medium',
    entityType: 'account',
    citations: [{ doc: 'ZMT2023', article: 8 }],
    family: 'monetization',
  },
  {
    id: 'monetization.after_transfer',
    titleZh: '主体变更未满三个月即有营利权限',
    titleEn: 'Monetisation within three months of a change of subject',
    severity: 'medium',
    entityType: 'transfer',
    citations: [{ doc: 'ZMT2023', article: 8 }],
    family: 'monetization',
  },
  {
    id: 'monetization.ban_not_suspended',
    titleZh: '禁言未同步暂停营利权限两至三倍时长',
    titleEn: 'Posting ban without a monetisation suspension of two to three times its length',
    severity: 'medium',
    entityType: 'account',
    citations: [{ doc: 'ZMT2023', article: 9 }],
    family: 'monetization',
  },
  {
    id: 'followers.gain_during_ban',
    titleZh: '禁言期间新增粉丝',
    titleEn: 'Followers gained during a ban',
    severity: 'medium',
    entityType: 'account',
    citations: [{ doc: 'ZMT2023', article: 10 }],
    family: 'followers',
  },
  {
    id: 'followers.abnormal_spike',
    titleZh: '粉丝数异常增长（疑似数据造假）',
    titleEn: 'Abnormal follower growth (suspected fake figures)',
    severity: 'low',
    entityType: 'account',
    citations: [{ doc: 'GZ2021', article: 12 }],
    family: 'followers',
  },
  {
    id: 'mcn.name_hidden',
    titleZh: '未展示所属MCN机构名称',
    titleEn: 'MCN name not displayed',
    severity: 'low',
    entityType: 'account',
    citations: [{ doc: 'ZMT2023', article: 11 }],
    family: 'mcn',
  },
  {
    id: 'mcn.repeat_violations_unhandled',
    titleZh: 'MCN签约账号多次违规未采取措施',
    titleEn: 'No measures against an MCN whose signed accounts repeatedly violate',
    severity: 'medium',
    entityType: 'mcn',
    citations: [{ doc: 'ZMT2023', article: 11 }],
    family: 'mcn',
  },
  {
    id: 'news.unlicensed_publishing',
    titleZh: '未经许可发布、转载时政类新闻',
    titleEn: 'Current-political news published or reprinted without a licence',
    severity: 'high',
    entityType: 'account',
    citations: [
      { doc: 'GZ2021', article: 5 },
      { doc: 'JSTX2014', article: 7 },
      { doc: 'QL2024', article: 4 },
      { doc: 'ZZ2021' },
    ],
    family: 'news',
  },
  {
    id: 'news.license_invalid',
    titleZh: '许可证编号无效、过期或与持证主体不符',
    titleEn: 'Licence number invalid, expired or held by another subject',
    severity: 'high',
    entityType: 'account',
    citations: [
      { doc: 'QL2024', article: 5 },
      { doc: 'GZ2021', article: 5 },
    ],
    family: 'news',
  },
  {
    id: 'news.account_without_license',
    titleZh: '新闻类账号无新闻许可',
    titleEn: 'News account without a news licence',
    severity: 'high',
    entityType: 'account',
    citations: [{ doc: 'QL2024' }, { doc: 'JSTX2014', article: 7 }],
    family: 'news',
  },
  {
    id: 'news.license_not_displayed',
    titleZh: '新闻类账号未“持证亮牌”',
    titleEn: 'News account does not display its licence',
    severity: 'low',
    entityType: 'account',
    citations: [{ doc: 'QL2024' }],
    family: 'news',
  },
  {
    id: 'content.ai_unlabeled',
    titleZh: '技术生成内容未标注',
    titleEn: 'AI-generated content not labelled',
    severity: 'medium',
    entityType: 'account',
    citations: [{ doc: 'ZMT2023', article: 3 }],
    family: 'content',
  },
  {
    id: 'content.source_unlabeled',
    titleZh: '时事、公共政策、社会事件信息未标注来源',
    titleEn: 'Current affairs, public policy or social event content without a source label',
    severity: 'medium',
    entityType: 'account',
    citations: [
      { doc: 'ZMT2023', article: 3 },
      { doc: 'GZ2021', article: 17 },
    ],
    family: 'content',
  },
  {
    id: 'content.fiction_unlabeled',
    titleZh: '虚构演绎内容未标注',
    titleEn: 'Fictional or dramatised content not labelled',
    severity: 'low',
    entityType: 'account',
    citations: [{ doc: 'ZMT2023', article: 5 }],
    family: 'content',
  },
  {
    id: 'account.category_mismatch',
    titleZh: '超出登记内容类别发布',
    titleEn: 'Publishing outside the registered content category',
    severity: 'low',
    entityType: 'account',
    citations: [{ doc: 'GZ2021', article: 15, clause: 2 }],
    family: 'account',
  },
  {
    id: 'enforcement.rumor_not_closed',
    titleZh: '制作发布谣言账号未关闭、未列入黑名单或未报告',
    titleEn: 'Rumour-making account not closed, blacklisted or reported',
    severity: 'high',
    entityType: 'account',
    citations: [
      { doc: 'ZMT2023', article: 12 },
      { doc: 'GZ2021', article: 13, clause: 2 },
    ],
    family: 'enforcement',
  },
  {
    id: 'transfer.unapproved',
    titleZh: '账号转让未经审核或未公示',
    titleEn: 'Account transfer not approved or not disclosed',
    severity: 'medium',
    entityType: 'transfer',
    citations: [{ doc: 'GZ2021', article: 11 }],
    family: 'transfer',
  },
  {
    id: 'registration.incomplete',
    titleZh: '注册信息不完整',
    titleEn: 'Incomplete registration information',
    severity: 'low',
    entityType: 'subject',
    citations: [
      { doc: 'GZ2021', article: 15, clause: 1 },
      { doc: 'GZ2021', article: 9, clause: 2 },
    ],
    family: 'registration',
  },
  {
    id: 'account.dormant',
    titleZh: '超过六个月未登录使用',
    titleEn: 'Not logged in or used for over six months',
    severity: 'info',
    entityType: 'account',
    citations: [{ doc: 'GZ2021', article: 10, clause: 2 }],
    family: 'account',
  },
  {
    id: 'complaint.overdue',
    titleZh: '投诉举报超期未办结',
    titleEn: 'Complaint not handled within the deadline',
    severity: 'medium',
    entityType: 'complaint',
    citations: [{ doc: 'GZ2021', article: 20 }],
    family: 'complaint',
  },
  {
    id: 'platform.complaint_deadline_missing',
    titleZh: '未明确投诉处理时限',
    titleEn: 'No complaint handling deadline stated',
    severity: 'medium',
    entityType: 'platform',
    citations: [{ doc: 'GZ2021', article: 20 }],
    family: 'platform',
  },
  {
    id: 'platform.documents_missing',
    titleZh: '平台管理规则、公约或服务协议未备案',
    titleEn: 'Management rules, platform convention or service agreement not filed',
    severity: 'medium',
    entityType: 'platform',
    citations: [
      { doc: 'GZ2021', article: 7, clause: 3 },
      { doc: 'GZ2021', article: 6, clause: 2 },
    ],
    family: 'platform',
  },
  {
    id: 'agreement.unsigned',
    titleZh: '未签署服务协议（“七条底线”）',
    titleEn: 'Service agreement (“seven bottom lines”) not signed',
    severity: 'low',
    entityType: 'account',
    citations: [
      { doc: 'JSTX2014', article: 6, clause: 2 },
      { doc: 'GZ2021', article: 6, clause: 2 },
    ],
    family: 'agreement',
  },
  {
    id: 'matrix.coordinated_duplicates',
    titleZh: '多账号批量发布雷同内容（矩阵）',
    titleEn: 'Several accounts publishing near-identical content in bulk (matrix)',
    severity: 'medium',
    entityType: 'account_group',
    citations: [
      { doc: 'GZ2021', article: 18, item: 4 },
      { doc: 'ZMT2023', article: 7 },
    ],
    family: 'matrix',
  },
  {
    id: 'matrix.shared_identifiers',
    titleZh: '不同主体账号共用手机号、设备或收款账户',
    titleEn: 'Accounts of different subjects sharing phone numbers, devices or payment accounts',
    severity: 'medium',
    entityType: 'account_group',
    citations: [
      { doc: 'GZ2021', article: 10, clause: 3 },
      { doc: 'GZ2021', article: 18, item: 8 },
      { doc: 'ZMT2023', article: 7 },
    ],
    family: 'matrix',
  },
] as const satisfies readonly RuleMetadata[];

type RuleIdsOf<T extends readonly { id: string }[]> = { readonly [K in keyof T]: T[K]['id'] };

/** The rule ids in catalogue order, as a tuple so that `z.enum(RULE_IDS)` works. */
export const RULE_IDS = RULE_TABLE.map((rule) => rule.id) as unknown as RuleIdsOf<typeof RULE_TABLE>;
export const RuleIdSchema = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleIdSchema>;

export interface RuleDefinition extends RuleMetadata {
  readonly id: RuleId;
}

/** The 35 rules of rules-v1.md in table order. */
export const RULES: readonly RuleDefinition[] = RULE_TABLE;

const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: RuleId): RuleDefinition;
export function ruleById(id: string): RuleDefinition | undefined;
export function ruleById(id: string): RuleDefinition | undefined {
  return RULES_BY_ID.get(id);
}

/**
 * The obligations of provisions.md (one per bullet) and the rules that check them
 * (resources/provisions/obligations.json). An empty `ruleIds` means not checked yet.
 */
export const ObligationSchema = z.object({
  /** The id of the provision the bullet is about, in the provisions id scheme (GZ2021/8). */
  id: z.string().min(1),
  citation: CitationSchema,
  summaryZh: z.string().trim().min(1),
  ruleIds: z.array(RuleIdSchema),
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const ObligationsFileSchema = z
  .object({
    ruleSetVersion: z.literal(RULE_SET_VERSION),
    obligations: z.array(ObligationSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.obligations.forEach((o, i) => {
      if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['obligations', i, 'id'], message: `义务编号重复：${o.id}` });
      seen.add(o.id);
      if (o.citation.article === undefined) {
        ctx.addIssue({ code: 'custom', path: ['obligations', i, 'citation'], message: `义务 ${o.id} 应指向具体条目` });
      } else if (o.id !== citationId(o.citation)) {
        ctx.addIssue({ code: 'custom', path: ['obligations', i, 'id'], message: `义务编号应为 ${citationId(o.citation)}，实为 ${o.id}` });
      }
      if (new Set(o.ruleIds).size !== o.ruleIds.length) {
        ctx.addIssue({ code: 'custom', path: ['obligations', i, 'ruleIds'], message: `规则重复列出：${o.id}` });
      }
    });
  });
export type ObligationsFile = z.infer<typeof ObligationsFileSchema>;
