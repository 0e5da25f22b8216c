import type Database from 'better-sqlite3';

/*
 * Hand-made rows for the profiles and dashboard tests, inserted straight into a fresh workspace
 * (createTestServices) so each test states exactly the rows its assertions rest on.
 */

export function addFiling(db: Database.Database, id: number, options: { platform?: string; periodEnd?: string; accounts?: number } = {}): void {
  const manifest = JSON.stringify({ tables: [{ table: 'accounts', rows: options.accounts ?? 0 }] });
  db.prepare(
    `INSERT INTO filings (id, package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
     VALUES (?, ?, 'p.zip', ?, ?, '2024-10-01', ?, 1, ?, '2025-01-06 09:00:00', 'tester')`,
  ).run(id, `sha-${id}`, `P${id}`, options.platform ?? `平台${id}`, options.periodEnd ?? '2024-12-31', manifest);
}

let srcRow = 1;

export function addSubject(db: Database.Database, filingId: number, subjectId: string, name: string, identityKey: string, type = 'individual'): void {
  db.prepare(
    `INSERT INTO subjects (filing_id, subject_id, subject_type, name, identity_key, verification_methods, src_row) VALUES (?, ?, ?, ?, ?, '["mobile","face"]', ?)`,
  ).run(filingId, subjectId, type, name, identityKey, srcRow++);
}

export function addAccount(db: Database.Database, filingId: number, accountId: string, subjectId: string, name: string, extra: { status?: string; followers?: number } = {}): void {
  db.prepare(
    `INSERT INTO accounts (filing_id, account_id, subject_id, display_name, content_category, registered_at, status, followers, agreement_signed, src_row)
     VALUES (?, ?, ?, ?, 'lifestyle', '2023-01-01 08:00:00', ?, ?, 1, ?)`,
  ).run(filingId, accountId, subjectId, name, extra.status ?? 'active', extra.followers ?? 100, srcRow++);
}

/** A succeeded check run of the filing, which findings reference. */
export function addRun(db: Database.Database, filingId: number): number {
  return Number(
    db
      .prepare(
        `INSERT INTO check_runs (filing_id, rule_set_version, rules_json, status, started_at, finished_at, reference_json, actor)
         VALUES (?, 'rules-v1', '[]', 'succeeded', '2025-01-07 10:00:00', '2025-01-07 10:00:05', '{}', 'tester')`,
      )
      .run(filingId).lastInsertRowid,
  );
}

export interface FindingSpec {
  ruleId: string;
  severity?: 'high' | 'medium' | 'low' | 'info';
  status?: 'pending' | 'confirmed' | 'dismissed' | 'rectified';
  accountId?: string;
  identityKey?: string;
  mcnId?: string;
  groupIds?: string[];
  present?: boolean;
  title?: string;
}

let entitySeq = 1;

export function addFinding(db: Database.Database, filingId: number, runId: number, f: FindingSpec): number {
  const entity = f.groupIds
    ? { type: 'account_group', ids: f.groupIds }
    : f.accountId
      ? { type: 'account', id: f.accountId }
      : f.mcnId
        ? { type: 'mcn', id: f.mcnId }
        : { type: 'subject', id: f.identityKey ?? 'none' };
  return Number(
    db
      .prepare(
        `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, identity_key, mcn_id, title, explanation,
           evidence_json, citations_json, status, present, first_seen_run, last_seen_run, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '说明', '[]', '[]', ?, ?, ?, ?, '2025-01-07 10:00:05', '2025-01-07 10:00:05')`,
      )
      .run(
        filingId, f.ruleId, f.severity ?? 'medium', entity.type, `k${entitySeq++}`, JSON.stringify(entity), f.accountId ?? null,
        f.identityKey ?? null, f.mcnId ?? null, f.title ?? f.ruleId, f.status ?? 'pending', f.present === false ? 0 : 1, runId, runId,
      ).lastInsertRowid,
  );
}
