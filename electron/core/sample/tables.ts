/** Column order of every table the sample writes (filing-package-v1.md). */
export const TABLE_COLUMNS = {
  subjects: [
    'subject_id', 'subject_type', 'name', 'identity_key', 'uscc', 'verification_methods', 'verified_at',
    'registered_region', 'operating_region', 'contact', 'business_scope', 'credit_level',
  ],
  accounts: [
    'account_id', 'subject_id', 'display_name', 'bio', 'avatar_sha256', 'content_category', 'is_news_account',
    'registered_at', 'last_active_at', 'status', 'closed_at', 'agreement_signed', 'manual_review', 'domain_label',
    'news_license_no', 'license_displayed', 'mcn_displayed', 'followers', 'monetization_enabled',
    'monetization_enabled_at', 'ip_region',
  ],
  credentials: [
    'account_id', 'domain', 'credential_type', 'credential_no', 'issuer', 'valid_from', 'valid_until',
    'verification_result', 'verified_at', 'badge_displayed',
  ],
  mcn_orgs: ['mcn_id', 'name', 'uscc', 'registered_region', 'status', 'measures'],
  mcn_contracts: ['mcn_id', 'account_id', 'signed_at', 'ended_at'],
  account_identifiers: ['account_id', 'kind', 'value_hash'],
  enforcement_actions: [
    'action_id', 'target_type', 'account_id', 'mcn_id', 'action', 'reason', 'start_at', 'end_at', 'reported', 'content_id',
  ],
  follower_daily: ['account_id', 'date', 'followers'],
  account_transfers: [
    'transfer_id', 'account_id', 'from_subject_id', 'to_subject_id', 'applied_at', 'approved_at', 'effective_at', 'disclosed',
  ],
  contents: [
    'content_id', 'account_id', 'published_at', 'title', 'text', 'topic', 'is_original', 'source_label',
    'ai_generated', 'ai_label', 'fictional', 'fiction_label', 'rumor_label', 'dispute_label',
  ],
  complaints: ['complaint_id', 'account_id', 'content_id', 'received_at', 'resolved_at', 'outcome'],
  blacklist: ['entry_id', 'identity_key', 'display_name', 'account_id', 'listed_at', 'reason'],
} as const;

export type TableName = keyof typeof TABLE_COLUMNS;
export const TABLE_NAMES = Object.keys(TABLE_COLUMNS) as TableName[];

export type SubjectType = 'individual' | 'enterprise' | 'government' | 'news_unit' | 'institution' | 'social_org' | 'other';
export type Category =
  | 'news' | 'finance' | 'education' | 'medical' | 'judicial' | 'government_affairs' | 'entertainment'
  | 'lifestyle' | 'technology' | 'culture' | 'sports' | 'other';
export type Domain = 'finance' | 'education' | 'medical' | 'judicial';
export type Topic =
  | 'politics' | 'economy' | 'military' | 'diplomacy' | 'major_incident' | 'public_policy' | 'social_event'
  | 'finance' | 'education' | 'medical' | 'judicial' | 'entertainment' | 'lifestyle' | 'other';
export type ActionKind =
  | 'warning' | 'restrict_interaction' | 'ban' | 'suspend_update' | 'suspend_monetization' | 'revoke_monetization'
  | 'clear_followers' | 'freeze_followers' | 'stop_ads' | 'close' | 'blacklist' | 'ban_reregistration';
export type Reason =
  | 'rumor_making' | 'rumor_forwarding' | 'hype' | 'matrix' | 'impersonation' | 'uncredentialed' | 'fake_news'
  | 'extortion' | 'unlicensed_news' | 'license_fraud' | 'data_fraud' | 'vulgar' | 'other';

export const DOMAINS: readonly Domain[] = ['finance', 'education', 'medical', 'judicial'];
export const NEWS_TOPICS: readonly Topic[] = ['politics', 'economy', 'military', 'diplomacy', 'major_incident'];
export const CURRENT_AFFAIRS_TOPICS: readonly Topic[] = [...NEWS_TOPICS, 'public_policy', 'social_event'];

/** Topics the compliant population publishes per category: never a news topic without a licence. */
export const SAFE_TOPICS: Readonly<Record<Category, readonly Topic[]>> = {
  news: ['politics', 'economy', 'diplomacy', 'major_incident', 'public_policy', 'social_event'],
  finance: ['finance'],
  education: ['education'],
  medical: ['medical'],
  judicial: ['judicial'],
  government_affairs: ['public_policy', 'social_event'],
  entertainment: ['entertainment'],
  lifestyle: ['lifestyle', 'entertainment'],
  technology: ['lifestyle', 'entertainment'],
  culture: ['lifestyle', 'entertainment'],
  sports: ['lifestyle', 'entertainment'],
  other: ['lifestyle', 'entertainment', 'other'],
};
