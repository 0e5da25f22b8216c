import type { Generated } from 'kysely';

/*
 * Row types of the workspace tables, mirroring the migrations (docs/schema.md).
 * Booleans are 0 | 1 | null, lists are JSON array text or null, times are UTC+8 text.
 */
type Bool = 0 | 1 | null;

export interface MetaTable { key: string; value: string }

export interface FilingsTable {
  id: Generated<number>;
  package_sha256: string;
  package_id: string | null;
  source_name: string;
  platform_id: string;
  platform_name: string;
  operator: string | null;
  platform_uscc: string | null;
  platform_province: string | null;
  platform_news_license_no: string | null;
  period_start: string;
  period_end: string;
  generated_at: string | null;
  complaint_deadline_days: number | null;
  version: number;
  is_sample: 0 | 1;
  manifest_json: string;
  imported_at: string;
  imported_by: string;
}

export interface FilingDocumentsTable {
  filing_id: number;
  kind: string;
  title: string | null;
  file: string;
  sha256: string;
  size: number;
  content: Buffer;
}

export interface ReferenceSetsTable {
  id: Generated<number>;
  kind: 'licenses' | 'lexicon';
  name: string;
  source_sha256: string;
  is_default: 0 | 1;
  is_active: 0 | 1;
  row_count: number;
  imported_at: string;
  imported_by: string;
}

export interface RefLicensesTable {
  set_id: number;
  license_no: string;
  holder_name: string;
  services: string | null;
  valid_until: string | null;
  province: string | null;
}

export interface RefLexiconTable { set_id: number; term: string; category: string; note: string | null }

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail_json: string | null;
  prev_hash: string;
  hash: string;
}

interface SourceRow { filing_id: number; src_row: number; extra_json: string | null }

export interface SubjectsTable extends SourceRow {
  subject_id: string;
  subject_type: string;
  name: string;
  identity_key: string;
  uscc: string | null;
  verification_methods: string | null;
  verified_at: string | null;
  registered_region: string | null;
  operating_region: string | null;
  contact: string | null;
  business_scope: string | null;
  credit_level: string | null;
}

export interface AccountsTable extends SourceRow {
  account_id: string;
  subject_id: string;
  display_name: string;
  bio: string | null;
  avatar_sha256: string | null;
  content_category: string;
  is_news_account: Bool;
  registered_at: string;
  last_active_at: string | null;
  status: string;
  closed_at: string | null;
  agreement_signed: Bool;
  manual_review: string | null;
  domain_label: string | null;
  news_license_no: string | null;
  license_displayed: Bool;
  mcn_displayed: Bool;
  followers: number;
  monetization_enabled: Bool;
  monetization_enabled_at: string | null;
  ip_region: string | null;
}

export interface CredentialsTable extends SourceRow {
  account_id: string;
  domain: string;
  credential_type: string;
  credential_no: string | null;
  issuer: string | null;
  valid_from: string | null;
  valid_until: string | null;
  verification_result: string;
  verified_at: string | null;
  badge_displayed: Bool;
}

export interface McnOrgsTable extends SourceRow {
  mcn_id: string;
  name: string;
  uscc: string | null;
  registered_region: string | null;
  status: string | null;
  measures: string | null;
}

export interface McnContractsTable extends SourceRow {
  mcn_id: string;
  account_id: string;
  signed_at: string;
  ended_at: string | null;
}

export interface AccountIdentifiersTable extends SourceRow { account_id: string; kind: string; value_hash: string }

export interface EnforcementActionsTable extends SourceRow {
  action_id: string;
  target_type: string;
  account_id: string | null;
  mcn_id: string | null;
  action: string;
  reason: string;
  start_at: string;
  end_at: string | null;
  reported: Bool;
  content_id: string | null;
}

export interface FollowerDailyTable extends SourceRow { account_id: string; date: string; followers: number }

export interface AccountTransfersTable extends SourceRow {
  transfer_id: string;
  account_id: string;
  from_subject_id: string;
  to_subject_id: string;
  applied_at: string | null;
  approved_at: string | null;
  effective_at: string;
  disclosed: Bool;
}

export interface ContentsTable extends SourceRow {
  content_id: string;
  account_id: string;
  published_at: string;
  title: string | null;
  text: string | null;
  topic: string;
  is_original: Bool;
  source_label: string | null;
  ai_generated: Bool;
  ai_label: Bool;
  fictional: Bool;
  fiction_label: Bool;
  rumor_label: Bool;
  dispute_label: Bool;
}

export interface ComplaintsTable extends SourceRow {
  complaint_id: string;
  account_id: string | null;
  content_id: string | null;
  received_at: string;
  resolved_at: string | null;
  outcome: string | null;
}

export interface BlacklistTable extends SourceRow {
  entry_id: string;
  identity_key: string | null;
  display_name: string | null;
  account_id: string | null;
  listed_at: string;
  reason: string | null;
}

export interface WorkspaceSchema {
  meta: MetaTable;
  filings: FilingsTable;
  filing_documents: FilingDocumentsTable;
  reference_sets: ReferenceSetsTable;
  ref_licenses: RefLicensesTable;
  ref_lexicon: RefLexiconTable;
  audit_log: AuditLogTable;
  subjects: SubjectsTable;
  accounts: AccountsTable;
  credentials: CredentialsTable;
  mcn_orgs: McnOrgsTable;
  mcn_contracts: McnContractsTable;
  account_identifiers: AccountIdentifiersTable;
  enforcement_actions: EnforcementActionsTable;
  follower_daily: FollowerDailyTable;
  account_transfers: AccountTransfersTable;
  contents: ContentsTable;
  complaints: ComplaintsTable;
  blacklist: BlacklistTable;
}
