import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

/*
 * Network analysis results (written by electron/core/network/analyse.ts).
 * One analysis per filing, replaced as a whole when re-run: a filing's rows never change, only
 * the findings it reads (duplicate bursts, finding counts) do.
 *  - network_analyses: when it ran, on which check run's findings, and the figures of the run;
 *  - matrices: one row per connected group of accounts over the control edges, ranked by score;
 *    reasons_json lists what makes it a matrix ({ code, label, value, points });
 *  - matrix_members: the accounts of each matrix with their Louvain community inside it
 *    (0 for matrices too small to split), indexed by account for "which matrix is this account in".
 */
const filingRef = 'filing_id INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE network_analyses (
      ${filingRef} PRIMARY KEY,
      analysed_at TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      check_run_id INTEGER,
      stats_json TEXT NOT NULL
    ) STRICT`,

    `CREATE TABLE matrices (
      ${filingRef},
      matrix_id INTEGER NOT NULL,
      score REAL NOT NULL,
      account_count INTEGER NOT NULL,
      subject_count INTEGER NOT NULL,
      identifier_count INTEGER NOT NULL,
      burst_count INTEGER NOT NULL,
      mcn_count INTEGER NOT NULL,
      finding_count INTEGER NOT NULL,
      followers_total INTEGER NOT NULL,
      worst_severity TEXT CHECK (worst_severity IN ('high', 'medium', 'low', 'info')),
      community_count INTEGER NOT NULL,
      reasons_json TEXT NOT NULL,
      sample_accounts_json TEXT NOT NULL,
      PRIMARY KEY (filing_id, matrix_id)
    ) STRICT`,
    `CREATE INDEX matrices_score ON matrices (filing_id, score DESC, matrix_id)`,

    `CREATE TABLE matrix_members (
      ${filingRef},
      matrix_id INTEGER NOT NULL,
      account_id TEXT NOT NULL,
      community INTEGER NOT NULL,
      PRIMARY KEY (filing_id, matrix_id, account_id)
    ) STRICT`,
    `CREATE UNIQUE INDEX matrix_members_account ON matrix_members (filing_id, account_id)`,
  ]);
}
