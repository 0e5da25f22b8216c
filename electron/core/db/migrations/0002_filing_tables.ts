import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

/*
 * The tables of filing-package v1, one row per source row, scoped by filing.
 * Storage conventions (see docs/schema.md):
 *  - dates 'YYYY-MM-DD'; times 'YYYY-MM-DD HH:MM:SS' in China Standard Time (UTC+8), so the
 *    calendar date in UTC+8 is substr(t, 1, 10) and text order is time order;
 *  - booleans 0/1, NULL = unknown; enumerations by code; lists as a JSON array, NULL = empty;
 *  - src_row is the row number as the inspector sees it in the source file (evidence);
 *  - extra_json keeps unknown columns as {header: value}.
 */
const filingRef = 'filing_id INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE';
const bool = (name: string) => `${name} INTEGER CHECK (${name} IN (0, 1))`;

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE subjects (
      ${filingRef},
      subject_id TEXT NOT NULL,
      subject_type TEXT NOT NULL,
      name TEXT NOT NULL,
      identity_key TEXT NOT NULL,
      uscc TEXT,
      verification_methods TEXT,
      verified_at TEXT,
      registered_region TEXT,
      operating_region TEXT,
      contact TEXT,
      business_scope TEXT,
      credit_level TEXT,
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, subject_id)
    ) STRICT`,
    `CREATE INDEX subjects_identity ON subjects (filing_id, identity_key)`,

    `CREATE TABLE accounts (
      ${filingRef},
      account_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      bio TEXT,
      avatar_sha256 TEXT,
      content_category TEXT NOT NULL,
      ${bool('is_news_account')},
      registered_at TEXT NOT NULL,
      last_active_at TEXT,
      status TEXT NOT NULL,
      closed_at TEXT,
      ${bool('agreement_signed')},
      manual_review TEXT,
      domain_label TEXT,
      news_license_no TEXT,
      ${bool('license_displayed')},
      ${bool('mcn_displayed')},
      followers INTEGER NOT NULL,
      ${bool('monetization_enabled')},
      monetization_enabled_at TEXT,
      ip_region TEXT,
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, account_id)
    ) STRICT`,
    `CREATE INDEX accounts_subject ON accounts (filing_id, subject_id)`,

    `CREATE TABLE credentials (
      ${filingRef},
      account_id TEXT NOT NULL,
      domain TEXT NOT NULL,
      credential_type TEXT NOT NULL,
      credential_no TEXT,
      issuer TEXT,
      valid_from TEXT,
      valid_until TEXT,
      verification_result TEXT NOT NULL,
      verified_at TEXT,
      ${bool('badge_displayed')},
      src_row INTEGER NOT NULL,
      extra_json TEXT
    ) STRICT`,
    `CREATE INDEX credentials_account ON credentials (filing_id, account_id, domain)`,

    `CREATE TABLE mcn_orgs (
      ${filingRef},
      mcn_id TEXT NOT NULL,
      name TEXT NOT NULL,
      uscc TEXT,
      registered_region TEXT,
      status TEXT,
      measures TEXT,
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, mcn_id)
    ) STRICT`,

    `CREATE TABLE mcn_contracts (
      ${filingRef},
      mcn_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      ended_at TEXT,
      src_row INTEGER NOT NULL,
      extra_json TEXT
    ) STRICT`,
    `CREATE INDEX mcn_contracts_account ON mcn_contracts (filing_id, account_id)`,
    `CREATE INDEX mcn_contracts_mcn ON mcn_contracts (filing_id, mcn_id)`,

    `CREATE TABLE account_identifiers (
      ${filingRef},
      account_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      value_hash TEXT NOT NULL,
      src_row INTEGER NOT NULL,
      extra_json TEXT
    ) STRICT`,
    `CREATE INDEX account_identifiers_value ON account_identifiers (filing_id, kind, value_hash)`,
    `CREATE INDEX account_identifiers_account ON account_identifiers (filing_id, account_id)`,

    `CREATE TABLE enforcement_actions (
      ${filingRef},
      action_id TEXT NOT NULL,
      target_type TEXT NOT NULL DEFAULT 'account',
      account_id TEXT,
      mcn_id TEXT,
      action TEXT NOT NULL,
      reason TEXT NOT NULL,
      start_at TEXT NOT NULL,
      end_at TEXT,
      ${bool('reported')},
      content_id TEXT,
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, action_id)
    ) STRICT`,
    `CREATE INDEX enforcement_actions_account ON enforcement_actions (filing_id, account_id, action)`,
    `CREATE INDEX enforcement_actions_mcn ON enforcement_actions (filing_id, mcn_id)`,

    `CREATE TABLE follower_daily (
      ${filingRef},
      account_id TEXT NOT NULL,
      date TEXT NOT NULL,
      followers INTEGER NOT NULL,
      src_row INTEGER NOT NULL,
      extra_json TEXT
    ) STRICT`,
    `CREATE INDEX follower_daily_account_date ON follower_daily (filing_id, account_id, date)`,

    `CREATE TABLE account_transfers (
      ${filingRef},
      transfer_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      from_subject_id TEXT NOT NULL,
      to_subject_id TEXT NOT NULL,
      applied_at TEXT,
      approved_at TEXT,
      effective_at TEXT NOT NULL,
      ${bool('disclosed')},
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, transfer_id)
    ) STRICT`,
    `CREATE INDEX account_transfers_account ON account_transfers (filing_id, account_id)`,

    `CREATE TABLE contents (
      ${filingRef},
      content_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      published_at TEXT NOT NULL,
      title TEXT,
      text TEXT,
      topic TEXT NOT NULL,
      ${bool('is_original')},
      source_label TEXT,
      ${bool('ai_generated')},
      ${bool('ai_label')},
      ${bool('fictional')},
      ${bool('fiction_label')},
      ${bool('rumor_label')},
      ${bool('dispute_label')},
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, content_id)
    ) STRICT`,
    `CREATE INDEX contents_account ON contents (filing_id, account_id, published_at)`,

    `CREATE TABLE complaints (
      ${filingRef},
      complaint_id TEXT NOT NULL,
      account_id TEXT,
      content_id TEXT,
      received_at TEXT NOT NULL,
      resolved_at TEXT,
      outcome TEXT,
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, complaint_id)
    ) STRICT`,

    `CREATE TABLE blacklist (
      ${filingRef},
      entry_id TEXT NOT NULL,
      identity_key TEXT,
      display_name TEXT,
      account_id TEXT,
      listed_at TEXT NOT NULL,
      reason TEXT,
      src_row INTEGER NOT NULL,
      extra_json TEXT,
      PRIMARY KEY (filing_id, entry_id)
    ) STRICT`,
  ]);
}
