import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

/*
 * Check runs, findings and their review history (docs/rules.md, "Findings storage").
 * Same storage conventions as 0002: times 'YYYY-MM-DD HH:MM:SS' in UTC+8, booleans 0/1,
 * lists and objects as JSON text.
 *
 * A finding's identity is (filing_id, rule_id, entity_key): re-running the checks upserts on
 * it, so review status, notes and history survive. A finding that a later run of its rule no
 * longer produces (only possible when the reference data or the rule set changed, since a
 * filing's rows never change) is kept with `present` = 0 and its `last_seen_run`; its review
 * status is untouched, and it comes back to `present` = 1 if a later run finds it again.
 */
const filingRef = 'filing_id INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE check_runs (
      id INTEGER PRIMARY KEY,
      ${filingRef},
      rule_set_version TEXT NOT NULL,
      rules_json TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      duration_ms INTEGER,
      rule_stats_json TEXT,
      reference_json TEXT NOT NULL,
      findings_total INTEGER,
      actor TEXT NOT NULL,
      error TEXT
    ) STRICT`,
    `CREATE INDEX check_runs_filing ON check_runs (filing_id, id)`,

    `CREATE TABLE findings (
      id INTEGER PRIMARY KEY,
      ${filingRef},
      rule_id TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low', 'info')),
      entity_type TEXT NOT NULL,
      entity_key TEXT NOT NULL,
      entity_json TEXT NOT NULL,
      account_id TEXT,
      identity_key TEXT,
      mcn_id TEXT,
      title TEXT NOT NULL,
      explanation TEXT NOT NULL,
      evidence_json TEXT NOT NULL,
      citations_json TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed', 'rectified')),
      dismiss_reason TEXT,
      note TEXT,
      typical_case INTEGER NOT NULL DEFAULT 0 CHECK (typical_case IN (0, 1)),
      typical_summary TEXT,
      present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
      first_seen_run INTEGER NOT NULL REFERENCES check_runs (id),
      last_seen_run INTEGER NOT NULL REFERENCES check_runs (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (filing_id, rule_id, entity_key)
    ) STRICT`,
    `CREATE INDEX findings_filing_rule ON findings (filing_id, rule_id, id)`,
    `CREATE INDEX findings_filing_status ON findings (filing_id, status, id)`,
    `CREATE INDEX findings_filing_severity ON findings (filing_id, severity, id)`,
    `CREATE INDEX findings_filing_id ON findings (filing_id, id)`,
    `CREATE INDEX findings_account ON findings (filing_id, account_id) WHERE account_id IS NOT NULL`,
    `CREATE INDEX findings_identity ON findings (filing_id, identity_key) WHERE identity_key IS NOT NULL`,
    `CREATE INDEX findings_mcn ON findings (filing_id, mcn_id) WHERE mcn_id IS NOT NULL`,

    `CREATE TABLE finding_history (
      id INTEGER PRIMARY KEY,
      finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('confirm', 'dismiss', 'rectify', 'reopen', 'note')),
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      reason TEXT,
      note TEXT
    ) STRICT`,
    `CREATE INDEX finding_history_finding ON finding_history (finding_id, id)`,

    // Rule queries (docs/rules.md, "Performance"): contents in time order for the near-duplicate
    // scan without sorting the text-heavy table; blacklist lookups by account and identity_key.
    `CREATE INDEX contents_published ON contents (filing_id, published_at)`,
    `CREATE INDEX blacklist_account ON blacklist (filing_id, account_id) WHERE account_id IS NOT NULL`,
    `CREATE INDEX blacklist_identity ON blacklist (filing_id, identity_key) WHERE identity_key IS NOT NULL`,
  ]);
}
