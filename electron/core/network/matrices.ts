import type Database from 'better-sqlite3';
import type { MatrixMember, MatrixReason, MatrixView } from '@shared/api/network';
import type { Severity } from '@shared/domain/rules';

interface MatrixRow {
  matrix_id: number;
  score: number;
  account_count: number;
  subject_count: number;
  identifier_count: number;
  burst_count: number;
  mcn_count: number;
  finding_count: number;
  followers_total: number;
  worst_severity: Severity | null;
  community_count: number;
  reasons_json: string;
  sample_accounts_json: string;
}

function toView(row: MatrixRow): MatrixView {
  return {
    matrixId: row.matrix_id,
    score: row.score,
    accounts: row.account_count,
    subjects: row.subject_count,
    identifiers: row.identifier_count,
    bursts: row.burst_count,
    mcns: row.mcn_count,
    findings: row.finding_count,
    followers: row.followers_total,
    worstSeverity: row.worst_severity,
    communities: row.community_count,
    reasons: JSON.parse(row.reasons_json) as MatrixReason[],
    sampleAccounts: JSON.parse(row.sample_accounts_json) as MatrixView['sampleAccounts'],
  };
}

export function listMatrices(db: Database.Database, filingId: number, opts: { limit: number; offset: number; minAccounts: number }): { total: number; items: MatrixView[] } {
  const total = (db.prepare('SELECT count(*) FROM matrices WHERE filing_id = ? AND account_count >= ?').pluck().get(filingId, opts.minAccounts) as number) ?? 0;
  const rows = db
    .prepare('SELECT * FROM matrices WHERE filing_id = ? AND account_count >= ? ORDER BY score DESC, matrix_id LIMIT ? OFFSET ?')
    .all(filingId, opts.minAccounts, opts.limit, opts.offset) as MatrixRow[];
  return { total, items: rows.map(toView) };
}

export function getMatrix(db: Database.Database, filingId: number, matrixId: number): MatrixView | null {
  const row = db.prepare('SELECT * FROM matrices WHERE filing_id = ? AND matrix_id = ?').get(filingId, matrixId) as MatrixRow | undefined;
  return row ? toView(row) : null;
}

export function matrixOfAccount(db: Database.Database, filingId: number, accountId: string): number | null {
  return (db.prepare('SELECT matrix_id FROM matrix_members WHERE filing_id = ? AND account_id = ?').pluck().get(filingId, accountId) as number | undefined) ?? null;
}

export function listMembers(db: Database.Database, filingId: number, matrixId: number): MatrixMember[] {
  return (
    db
      .prepare(
        `SELECT m.account_id, a.display_name, coalesce(s.identity_key, '') AS identity_key, coalesce(s.name, '') AS subject_name, a.followers, a.status, m.community
         FROM matrix_members m
         JOIN accounts a ON a.filing_id = m.filing_id AND a.account_id = m.account_id
         LEFT JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
         WHERE m.filing_id = ? AND m.matrix_id = ? ORDER BY a.followers DESC, m.account_id`,
      )
      .all(filingId, matrixId) as { account_id: string; display_name: string; identity_key: string; subject_name: string; followers: number; status: string; community: number }[]
  ).map((r) => ({
    accountId: r.account_id,
    displayName: r.display_name,
    identityKey: r.identity_key,
    subjectName: r.subject_name,
    followers: r.followers,
    status: r.status,
    community: r.community,
  }));
}

/** Accounts by exact id first, then by name or id containing the query, most followed first. */
export function locateAccounts(db: Database.Database, filingId: number, query: string, limit: number) {
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = db
    .prepare(
      `SELECT a.account_id, a.display_name, a.followers, m.matrix_id FROM accounts a
       LEFT JOIN matrix_members m ON m.filing_id = a.filing_id AND m.account_id = a.account_id
       WHERE a.filing_id = @f AND (a.account_id = @q OR a.display_name LIKE @like ESCAPE '\\' OR a.account_id LIKE @like ESCAPE '\\')
       ORDER BY a.account_id = @q DESC, m.matrix_id IS NULL, a.followers DESC, a.account_id LIMIT @limit`,
    )
    .all({ f: filingId, q: query, like, limit }) as { account_id: string; display_name: string; followers: number; matrix_id: number | null }[];
  return rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, followers: r.followers, matrixId: r.matrix_id }));
}
