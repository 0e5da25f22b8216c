import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE filings (
      id INTEGER PRIMARY KEY,
      package_sha256 TEXT NOT NULL UNIQUE,
      package_id TEXT,
      source_name TEXT NOT NULL,
      platform_id TEXT NOT NULL,
      platform_name TEXT NOT NULL,
      operator TEXT,
      platform_uscc TEXT,
      platform_province TEXT,
      platform_news_license_no TEXT,
      period_start TEXT NOT NULL,
      period_end TEXT NOT NULL,
      generated_at TEXT,
      complaint_deadline_days INTEGER,
      version INTEGER NOT NULL,
      is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
      manifest_json TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL,
      UNIQUE (platform_id, version)
    ) STRICT`,
    `CREATE INDEX filings_platform_period ON filings (platform_id, period_end)`,
    `CREATE TABLE filing_documents (
      filing_id INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      title TEXT,
      file TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      size INTEGER NOT NULL,
      content BLOB NOT NULL,
      PRIMARY KEY (filing_id, file)
    ) STRICT`,
    `CREATE TABLE reference_sets (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('licenses', 'lexicon')),
      name TEXT NOT NULL,
      source_sha256 TEXT NOT NULL,
      is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
      is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
      row_count INTEGER NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL
    ) STRICT`,
    `CREATE UNIQUE INDEX reference_sets_one_active ON reference_sets (kind) WHERE is_active = 1`,
    `CREATE TABLE ref_licenses (
      set_id INTEGER NOT NULL REFERENCES reference_sets (id) ON DELETE CASCADE,
      license_no TEXT NOT NULL,
      holder_name TEXT NOT NULL,
      services TEXT,
      valid_until TEXT,
      province TEXT,
      PRIMARY KEY (set_id, license_no)
    ) STRICT`,
    `CREATE TABLE ref_lexicon (
      set_id INTEGER NOT NULL REFERENCES reference_sets (id) ON DELETE CASCADE,
      term TEXT NOT NULL,
      category TEXT NOT NULL,
      note TEXT,
      PRIMARY KEY (set_id, term, category)
    ) STRICT`,
    `CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT,
      detail_json TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    ) STRICT`,
    `CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END`,
    `CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END`,
  ]);
}
