import { z } from 'zod';
import { SeveritySchema } from '../domain/rules';
import { method } from './contract';
import { FindingStatusSchema } from './findings';

const filingId = z.number().int().positive();

/** One attribute of a row as the inspector reads it: the format's Chinese label and a display value. */
export const attributeSchema = z.object({
  /** Column name (English) or, for an unknown column kept by the import, its header. */
  name: z.string(),
  label: z.string(),
  /** Display text: enumerations by their Chinese label, booleans 是/否, lists joined by 、; null = empty. */
  value: z.string().nullable(),
});
export type Attribute = z.infer<typeof attributeSchema>;

export const filingRefSchema = z.object({
  id: z.number(),
  platformName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  version: z.number(),
  isSample: z.boolean(),
});
export type FilingRef = z.infer<typeof filingRefSchema>;

export const PROFILE_KINDS = ['account', 'subject'] as const;
export const ProfileKindSchema = z.enum(PROFILE_KINDS);
export type ProfileKind = z.infer<typeof ProfileKindSchema>;

export const profileHitSchema = z.object({
  kind: ProfileKindSchema,
  filing: filingRefSchema,
  /** account_id or subject_id. */
  entityId: z.string(),
  name: z.string(),
  identityKey: z.string().nullable(),
  /** What matched: the id (prefix of account_id, subject_id or identity_key) or the name (substring). */
  matchedBy: z.enum(['id', 'name']),
  /** Accounts: the subject's name, status and followers. */
  subjectName: z.string().nullable(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  followers: z.number().nullable(),
  /** Subjects: type label and number of accounts in that filing. */
  subjectTypeLabel: z.string().nullable(),
  accountCount: z.number().nullable(),
  /** Present findings naming this account (by account_id) or subject (by identity_key) in that filing. */
  findingCount: z.number(),
});
export type ProfileHit = z.infer<typeof profileHitSchema>;

export const findingBriefSchema = z.object({
  id: z.number(),
  filingId: z.number(),
  ruleId: z.string(),
  severity: SeveritySchema,
  status: FindingStatusSchema,
  title: z.string(),
  /** How the finding names this profile: the account itself, a group of accounts it belongs to, or its subject. */
  via: z.enum(['account', 'group', 'subject']),
});
export type FindingBrief = z.infer<typeof findingBriefSchema>;

export const enforcementEntrySchema = z.object({
  actionId: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  reason: z.string(),
  reasonLabel: z.string(),
  startAt: z.string(),
  endAt: z.string().nullable(),
  reported: z.boolean().nullable(),
  contentId: z.string().nullable(),
});
export type EnforcementEntry = z.infer<typeof enforcementEntrySchema>;

export const accountBriefSchema = z.object({
  filing: filingRefSchema,
  accountId: z.string(),
  displayName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  categoryLabel: z.string(),
  followers: z.number(),
  findingCount: z.number(),
});
export type AccountBrief = z.infer<typeof accountBriefSchema>;

/** Lists on a profile are bounded; the totals say how many there are. */
export const PROFILE_LIST_LIMIT = 500;

export const accountProfileSchema = z.object({
  filing: filingRefSchema,
  accountId: z.string(),
  displayName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  attributes: z.array(attributeSchema),
  subject: z
    .object({
      subjectId: z.string(),
      name: z.string(),
      identityKey: z.string(),
      subjectTypeLabel: z.string(),
      attributes: z.array(attributeSchema),
      /** Accounts of this subject in this filing, and filings in which its identity_key appears. */
      accountCount: z.number(),
      filingCount: z.number(),
    })
    .nullable(),
  credentials: z.array(z.array(attributeSchema)),
  mcnContracts: z.array(
    z.object({
      mcnId: z.string(),
      name: z.string().nullable(),
      statusLabel: z.string().nullable(),
      measures: z.string().nullable(),
      signedAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  identifiers: z.array(
    z.object({
      kind: z.string(),
      kindLabel: z.string(),
      valueHash: z.string(),
      /** Other accounts of the filing with the same kind and hash. */
      otherCount: z.number(),
      others: z.array(z.object({ accountId: z.string(), displayName: z.string() })),
    }),
  ),
  enforcement: z.array(enforcementEntrySchema),
  enforcementTotal: z.number(),
  followerSeries: z.array(z.object({ date: z.string(), followers: z.number() })),
  transfers: z.array(
    z.object({
      transferId: z.string(),
      fromSubjectId: z.string(),
      fromName: z.string().nullable(),
      toSubjectId: z.string(),
      toName: z.string().nullable(),
      appliedAt: z.string().nullable(),
      approvedAt: z.string().nullable(),
      effectiveAt: z.string(),
      disclosed: z.boolean().nullable(),
    }),
  ),
  complaints: z.array(
    z.object({
      complaintId: z.string(),
      contentId: z.string().nullable(),
      receivedAt: z.string(),
      resolvedAt: z.string().nullable(),
      outcome: z.string().nullable(),
    }),
  ),
  complaintsTotal: z.number(),
  findings: z.array(findingBriefSchema),
  findingsTotal: z.number(),
  contentsTotal: z.number(),
});
export type AccountProfile = z.infer<typeof accountProfileSchema>;

export const contentRowSchema = z.object({
  contentId: z.string(),
  publishedAt: z.string(),
  title: z.string().nullable(),
  /** The first characters of the text; the full text stays in the package. */
  excerpt: z.string().nullable(),
  topicLabel: z.string(),
  /** Labels the platform set or detected, as display text (e.g. 原创, 技术生成, 谣言标签). */
  flags: z.array(z.string()),
  sourceLabel: z.string().nullable(),
});
export type ContentRow = z.infer<typeof contentRowSchema>;

export const subjectProfileSchema = z.object({
  identityKey: z.string(),
  /** The subject as each filing reports it, newest filing first. */
  records: z.array(
    z.object({
      filing: filingRefSchema,
      subjectId: z.string(),
      name: z.string(),
      subjectTypeLabel: z.string(),
      attributes: z.array(attributeSchema),
      accountCount: z.number(),
    }),
  ),
  accounts: z.array(accountBriefSchema),
  accountsTotal: z.number(),
  findings: z.array(findingBriefSchema),
  findingsTotal: z.number(),
});
export type SubjectProfile = z.infer<typeof subjectProfileSchema>;

export const profilesContract = {
  /**
   * Accounts or subjects whose id starts with the query (account_id, subject_id, identity_key),
   * then those whose name contains it; keyset paged with an opaque cursor.
   */
  search: method(
    z.object({
      query: z.string().trim().min(1).max(200),
      kind: ProfileKindSchema.default('account'),
      filingId: filingId.optional(),
      limit: z.number().int().min(1).max(200).default(50),
      cursor: z.string().max(1000).optional(),
    }),
    z.object({ items: z.array(profileHitSchema), nextCursor: z.string().nullable() }),
  ),
  account: method(z.object({ filingId, accountId: z.string().min(1) }), accountProfileSchema),
  /** An account's contents, newest first. */
  contents: method(
    z.object({
      filingId,
      accountId: z.string().min(1),
      limit: z.number().int().min(1).max(200).default(50),
      cursor: z.string().max(1000).optional(),
    }),
    z.object({ items: z.array(contentRowSchema), nextCursor: z.string().nullable() }),
  ),
  subject: method(z.object({ identityKey: z.string().min(1) }), subjectProfileSchema),
};
