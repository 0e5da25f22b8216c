import type Database from 'better-sqlite3';
import { openWorkspace, type Workspace } from '../db/connection';

/**
 * Hand-made filings for the network tests: rows go straight into the tables (no package, no
 * import), so each test states exactly the graph it is about.
 */
export class NetworkFixture {
  private row = 2;
  private findingId = 0;
  private runId: number | null = null;

  constructor(
    readonly ws: Workspace,
    readonly filingId: number,
  ) {}

  static async open(period = { start: '2024-10-01', end: '2024-12-31' }): Promise<NetworkFixture> {
    const ws = await openWorkspace(':memory:');
    const id = ws.raw
      .prepare(
        `INSERT INTO filings (package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
         VALUES ('sha-1', 'p.zip', 'P001', '测试平台', ?, ?, 1, '{}', '2025-01-06 09:00:00', 'tester')`,
      )
      .run(period.start, period.end).lastInsertRowid as number;
    return new NetworkFixture(ws, id);
  }

  get db(): Database.Database {
    return this.ws.raw;
  }

  subject(subjectId: string, identityKey: string, type = 'individual', name = `主体${subjectId}`): this {
    this.db
      .prepare('INSERT INTO subjects (filing_id, subject_id, subject_type, name, identity_key, src_row) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.filingId, subjectId, type, name, identityKey, this.row++);
    return this;
  }

  account(accountId: string, subjectId: string, followers = 100, extra: { status?: string; name?: string } = {}): this {
    this.db
      .prepare(
        `INSERT INTO accounts (filing_id, account_id, subject_id, display_name, content_category, registered_at, status, followers, src_row)
         VALUES (?, ?, ?, ?, 'lifestyle', '2023-01-01 00:00:00', ?, ?, ?)`,
      )
      .run(this.filingId, accountId, subjectId, extra.name ?? `账号${accountId}`, extra.status ?? 'active', followers, this.row++);
    return this;
  }

  /** One subject per account, each its own real person. */
  loners(...accountIds: string[]): this {
    for (const id of accountIds) this.subject(`S-${id}`, `K-${id}`).account(id, `S-${id}`);
    return this;
  }

  identifier(accountId: string, kind: string, valueHash: string): this {
    this.db
      .prepare('INSERT INTO account_identifiers (filing_id, account_id, kind, value_hash, src_row) VALUES (?, ?, ?, ?, ?)')
      .run(this.filingId, accountId, kind, valueHash, this.row++);
    return this;
  }

  mcn(mcnId: string, name = `机构${mcnId}`, status = 'active', measures: string[] | null = null): this {
    this.db
      .prepare('INSERT INTO mcn_orgs (filing_id, mcn_id, name, status, measures, src_row) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.filingId, mcnId, name, status, measures ? JSON.stringify(measures) : null, this.row++);
    return this;
  }

  contract(mcnId: string, accountId: string, signedAt: string, endedAt: string | null = null): this {
    this.db
      .prepare('INSERT INTO mcn_contracts (filing_id, mcn_id, account_id, signed_at, ended_at, src_row) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.filingId, mcnId, accountId, signedAt, endedAt, this.row++);
    return this;
  }

  action(actionId: string, target: { accountId?: string; mcnId?: string }, action: string, startAt: string): this {
    this.db
      .prepare(
        `INSERT INTO enforcement_actions (filing_id, action_id, target_type, account_id, mcn_id, action, reason, start_at, src_row)
         VALUES (?, ?, ?, ?, ?, ?, 'hype', ?, ?)`,
      )
      .run(this.filingId, actionId, target.mcnId ? 'mcn' : 'account', target.accountId ?? null, target.mcnId ?? null, action, startAt, this.row++);
    return this;
  }

  transfer(transferId: string, accountId: string, fromSubject: string, toSubject: string, effectiveAt: string): this {
    this.db
      .prepare(
        `INSERT INTO account_transfers (filing_id, transfer_id, account_id, from_subject_id, to_subject_id, effective_at, src_row)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(this.filingId, transferId, accountId, fromSubject, toSubject, effectiveAt, this.row++);
    return this;
  }

  private checkRun(): number {
    this.runId ??= this.db
      .prepare(
        `INSERT INTO check_runs (filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor)
         VALUES (?, 'rules-v1', '[]', 'succeeded', '2025-01-06 10:00:00', '[]', 'tester')`,
      )
      .run(this.filingId).lastInsertRowid as number;
    return this.runId;
  }

  /** A finding as the checks engine stores it; returns its id. */
  finding(
    ruleId: string,
    severity: 'high' | 'medium' | 'low' | 'info',
    entity: { type: string; id: string } | { type: 'account_group'; ids: string[] },
    opts: { accountId?: string; identityKey?: string; mcnId?: string; evidence?: unknown[]; status?: string } = {},
  ): number {
    const run = this.checkRun();
    const key = 'ids' in entity ? entity.ids.join(',') : entity.id;
    this.findingId++;
    return this.db
      .prepare(
        `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, identity_key, mcn_id, title, explanation,
           evidence_json, citations_json, status, first_seen_run, last_seen_run, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '标题', '说明', ?, '[]', ?, ?, ?, 't', 't')`,
      )
      .run(
        this.filingId,
        ruleId,
        severity,
        entity.type,
        key,
        JSON.stringify(entity),
        opts.accountId ?? null,
        opts.identityKey ?? null,
        opts.mcnId ?? null,
        JSON.stringify(opts.evidence ?? []),
        opts.status ?? 'pending',
        run,
        run,
      ).lastInsertRowid as number;
  }

  /** A matrix.coordinated_duplicates finding: one content per account, published from `at` on, a minute apart. */
  burst(accountIds: string[], at: string): number {
    const ids = [...accountIds].sort();
    const evidence = ids.map((accountId, i) => ({
      table: 'contents',
      src_row: 100 + i,
      key: { content_id: `C-${accountId}-${at}`, account_id: accountId, published_at: `${at.slice(0, 14)}${String(i).padStart(2, '0')}:00` },
    }));
    return this.finding('matrix.coordinated_duplicates', 'medium', { type: 'account_group', ids }, { evidence });
  }

  close(): Promise<void> {
    return this.ws.close();
  }
}

export const noJob = { progress: () => undefined, throwIfCancelled: () => undefined };
