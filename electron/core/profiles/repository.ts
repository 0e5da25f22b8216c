import type Database from 'better-sqlite3';
import { RULES } from '@shared/domain/rules';
import type { FindingStatus } from '@shared/api/findings';
import type { Severity } from '@shared/domain/rules';
import { nameMatchSql } from './name-index';
import type { StoredRow } from './attributes';

/*
 * All SQL of the profiles feature. Every query is bounded by an index range of one account,
 * subject or identity_key (or by LIMIT), so a page costs the same on a million accounts as on
 * a thousand.
 */

export interface FilingRow {
  id: number; platform_name: string; period_start: string; period_end: string; version: number; is_sample: 0 | 1;
}

export interface FindingBriefRow {
  id: number; filing_id: number; rule_id: string; severity: Severity; status: FindingStatus; title: string;
  account_id: string | null;
}

export interface IdHit { filing_id: number; entity_id: string }
export interface NameHit { id: number; filing_id: number; entity_id: string }

/** The highest code point: `prefix` ≤ s < `prefix + MAX` is "s starts with prefix" as an index range. */
const MAX_CHAR = '\u{10FFFF}';

const GROUP_RULES = RULES.filter((r) => r.entityType === 'account_group').map((r) => r.id);
const SEVERITY_ORDER = `CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END`;
const FINDING_BRIEF = 'id, filing_id, rule_id, severity, status, title, account_id';

export class ProfilesRepository {
  constructor(private readonly db: Database.Database) {}

  filings(): FilingRow[] {
    return this.db.prepare('SELECT id, platform_name, period_start, period_end, version, is_sample FROM filings ORDER BY id').all() as FilingRow[];
  }

  // ── search ────────────────────────────────────────────────────────────────

  /** Accounts of one filing whose account_id starts with `prefix`, after `after` in id order. */
  accountIdHits(filingId: number, prefix: string, after: string, limit: number): IdHit[] {
    return this.db
      .prepare(
        `SELECT filing_id, account_id AS entity_id FROM accounts
         WHERE filing_id = ? AND account_id >= ? AND account_id < ? AND account_id > ? ORDER BY account_id LIMIT ?`,
      )
      .all(filingId, prefix, prefix + MAX_CHAR, after, limit) as IdHit[];
  }

  /** Subjects of one filing whose subject_id starts with `prefix`, in id order. */
  subjectIdHits(filingId: number, prefix: string, after: string, limit: number): IdHit[] {
    return this.db
      .prepare(
        `SELECT filing_id, subject_id AS entity_id FROM subjects
         WHERE filing_id = ? AND subject_id >= ? AND subject_id < ? AND subject_id > ? ORDER BY subject_id LIMIT ?`,
      )
      .all(filingId, prefix, prefix + MAX_CHAR, after, limit) as IdHit[];
  }

  /**
   * Subjects of one filing whose identity_key starts with `prefix` (and whose subject_id does not,
   * those came in the id phase), in (identity_key, subject_id) order through subjects_identity.
   */
  subjectIdentityHits(filingId: number, prefix: string, after: { identityKey: string; entityId: string }, limit: number): (IdHit & { identity_key: string })[] {
    return this.db
      .prepare(
        `SELECT filing_id, subject_id AS entity_id, identity_key FROM subjects
         WHERE filing_id = @filingId AND identity_key >= @lo AND identity_key < @hi
           AND NOT (subject_id >= @lo AND subject_id < @hi) AND (identity_key, subject_id) > (@afterKey, @afterId)
         ORDER BY identity_key, subject_id LIMIT @limit`,
      )
      .all({ filingId, lo: prefix, hi: prefix + MAX_CHAR, afterKey: after.identityKey, afterId: after.entityId, limit }) as (IdHit & { identity_key: string })[];
  }

  /** Name hits in rowid order, leaving out what the id phase already returned. */
  nameHits(kind: 'account' | 'subject', query: string, filingId: number | null, afterRowId: number, limit: number): NameHit[] {
    const match = nameMatchSql(query, filingId);
    const idRange = kind === 'account'
      ? '(m.entity_id >= @lo AND m.entity_id < @hi)'
      : '((m.entity_id >= @lo AND m.entity_id < @hi) OR (m.identity_key >= @lo AND m.identity_key < @hi))';
    return this.db
      .prepare(
        `SELECT m.id, m.filing_id, m.entity_id FROM (${match.sql}) m
         WHERE m.kind = @kind AND m.id > @after AND NOT ${idRange} ORDER BY m.id LIMIT @limit`,
      )
      .all({ ...match.params, kind, after: afterRowId, lo: query, hi: query + MAX_CHAR, limit }) as NameHit[];
  }

  // ── one account ───────────────────────────────────────────────────────────

  account(filingId: number, accountId: string): StoredRow | undefined {
    return this.db.prepare('SELECT * FROM accounts WHERE filing_id = ? AND account_id = ?').get(filingId, accountId) as StoredRow | undefined;
  }

  subject(filingId: number, subjectId: string): StoredRow | undefined {
    return this.db.prepare('SELECT * FROM subjects WHERE filing_id = ? AND subject_id = ?').get(filingId, subjectId) as StoredRow | undefined;
  }

  accountCountOfSubject(filingId: number, subjectId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM accounts WHERE filing_id = ? AND subject_id = ?').get(filingId, subjectId) as { n: number }).n;
  }

  filingCountOfIdentity(identityKey: string): number {
    return (
      this.db
        .prepare('SELECT count(DISTINCT f.id) AS n FROM filings f CROSS JOIN subjects s ON s.filing_id = f.id AND s.identity_key = ?')
        .get(identityKey) as { n: number }
    ).n;
  }

  credentials(filingId: number, accountId: string): StoredRow[] {
    return this.db.prepare('SELECT * FROM credentials WHERE filing_id = ? AND account_id = ? ORDER BY domain, src_row').all(filingId, accountId) as StoredRow[];
  }

  mcnContracts(filingId: number, accountId: string) {
    return this.db
      .prepare(
        `SELECT c.mcn_id, o.name, o.status, o.measures, c.signed_at, c.ended_at FROM mcn_contracts c
         LEFT JOIN mcn_orgs o ON o.filing_id = c.filing_id AND o.mcn_id = c.mcn_id
         WHERE c.filing_id = ? AND c.account_id = ? ORDER BY c.signed_at, c.mcn_id`,
      )
      .all(filingId, accountId) as { mcn_id: string; name: string | null; status: string | null; measures: string | null; signed_at: string; ended_at: string | null }[];
  }

  identifiers(filingId: number, accountId: string) {
    return this.db
      .prepare(
        `SELECT i.kind, i.value_hash,
           (SELECT count(DISTINCT x.account_id) FROM account_identifiers x
             WHERE x.filing_id = i.filing_id AND x.kind = i.kind AND x.value_hash = i.value_hash AND x.account_id <> i.account_id) AS other_count
         FROM account_identifiers i WHERE i.filing_id = ? AND i.account_id = ?
         GROUP BY i.kind, i.value_hash ORDER BY other_count DESC, i.kind, i.value_hash`,
      )
      .all(filingId, accountId) as { kind: string; value_hash: string; other_count: number }[];
  }

  /** Some of the other accounts sharing one identifier, with their names. */
  identifierOthers(filingId: number, accountId: string, kind: string, valueHash: string, limit: number) {
    return this.db
      .prepare(
        `SELECT DISTINCT x.account_id, a.display_name FROM account_identifiers x
         JOIN accounts a ON a.filing_id = x.filing_id AND a.account_id = x.account_id
         WHERE x.filing_id = ? AND x.kind = ? AND x.value_hash = ? AND x.account_id <> ? ORDER BY x.account_id LIMIT ?`,
      )
      .all(filingId, kind, valueHash, accountId, limit) as { account_id: string; display_name: string }[];
  }

  enforcement(filingId: number, accountId: string, limit: number): { rows: StoredRow[]; total: number } {
    const rows = this.db
      .prepare(`SELECT * FROM enforcement_actions WHERE filing_id = ? AND account_id = ? ORDER BY start_at, action_id LIMIT ?`)
      .all(filingId, accountId, limit) as StoredRow[];
    const total = rows.length < limit ? rows.length : this.count('enforcement_actions', filingId, accountId);
    return { rows, total };
  }

  followerSeries(filingId: number, accountId: string, limit: number) {
    return this.db
      .prepare('SELECT date, followers FROM follower_daily WHERE filing_id = ? AND account_id = ? ORDER BY date LIMIT ?')
      .all(filingId, accountId, limit) as { date: string; followers: number }[];
  }

  transfers(filingId: number, accountId: string) {
    return this.db
      .prepare(
        `SELECT t.transfer_id, t.from_subject_id, fs.name AS from_name, t.to_subject_id, ts.name AS to_name,
           t.applied_at, t.approved_at, t.effective_at, t.disclosed
         FROM account_transfers t
         LEFT JOIN subjects fs ON fs.filing_id = t.filing_id AND fs.subject_id = t.from_subject_id
         LEFT JOIN subjects ts ON ts.filing_id = t.filing_id AND ts.subject_id = t.to_subject_id
         WHERE t.filing_id = ? AND t.account_id = ? ORDER BY t.effective_at, t.transfer_id`,
      )
      .all(filingId, accountId) as {
      transfer_id: string; from_subject_id: string; from_name: string | null; to_subject_id: string; to_name: string | null;
      applied_at: string | null; approved_at: string | null; effective_at: string; disclosed: 0 | 1 | null;
    }[];
  }

  complaints(filingId: number, accountId: string, limit: number) {
    const rows = this.db
      .prepare(
        `SELECT complaint_id, content_id, received_at, resolved_at, outcome FROM complaints
         WHERE filing_id = ? AND account_id = ? ORDER BY received_at DESC, complaint_id LIMIT ?`,
      )
      .all(filingId, accountId, limit) as { complaint_id: string; content_id: string | null; received_at: string; resolved_at: string | null; outcome: string | null }[];
    const total = rows.length < limit ? rows.length : this.count('complaints', filingId, accountId);
    return { rows, total };
  }

  contentCount(filingId: number, accountId: string): number {
    return this.count('contents', filingId, accountId);
  }

  /** Newest first; the cursor is the last row's (published_at, content_id). */
  contents(filingId: number, accountId: string, after: { publishedAt: string; contentId: string } | null, limit: number): StoredRow[] {
    const keyset = after ? 'AND (published_at < @publishedAt OR (published_at = @publishedAt AND content_id < @contentId))' : '';
    return this.db
      .prepare(
        `SELECT content_id, published_at, title, substr(text, 1, 160) AS excerpt, topic, is_original, source_label, ai_generated,
           ai_label, fictional, fiction_label, rumor_label, dispute_label
         FROM contents WHERE filing_id = @filingId AND account_id = @accountId ${keyset}
         ORDER BY published_at DESC, content_id DESC LIMIT @limit`,
      )
      .all({ filingId, accountId, limit, publishedAt: after?.publishedAt ?? null, contentId: after?.contentId ?? null }) as StoredRow[];
  }

  /**
   * Present findings about one account: by its account_id, as a member of an account group
   * (matrix findings list their accounts in entity_json), or about its subject as a whole.
   */
  accountFindings(filingId: number, accountId: string, identityKey: string | null, limit: number) {
    const groups = GROUP_RULES.map((_, i) => `@g${i}`).join(', ');
    const params = {
      filingId, accountId, identityKey, limit,
      ...Object.fromEntries(GROUP_RULES.map((id, i) => [`g${i}`, id])),
    };
    const union = `
      SELECT ${FINDING_BRIEF}, 'account' AS via FROM findings
        WHERE filing_id = @filingId AND account_id = @accountId AND present = 1
      UNION ALL
      SELECT ${FINDING_BRIEF}, 'group' AS via FROM findings
        WHERE filing_id = @filingId AND rule_id IN (${groups || "''"}) AND present = 1
          AND EXISTS (SELECT 1 FROM json_each(entity_json, '$.ids') WHERE value = @accountId)
      UNION ALL
      SELECT ${FINDING_BRIEF}, 'subject' AS via FROM findings
        WHERE filing_id = @filingId AND identity_key = @identityKey AND account_id IS NULL AND present = 1`;
    const rows = this.db
      .prepare(`SELECT * FROM (${union}) ORDER BY ${SEVERITY_ORDER}, id LIMIT @limit`)
      .all(params) as (FindingBriefRow & { via: 'account' | 'group' | 'subject' })[];
    const total = rows.length < limit ? rows.length : (this.db.prepare(`SELECT count(*) AS n FROM (${union})`).get(params) as { n: number }).n;
    return { rows, total };
  }

  accountFindingCount(filingId: number, accountId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM findings WHERE filing_id = ? AND account_id = ? AND present = 1').get(filingId, accountId) as { n: number }).n;
  }

  identityFindingCount(filingId: number, identityKey: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM findings WHERE filing_id = ? AND identity_key = ? AND present = 1').get(filingId, identityKey) as { n: number }).n;
  }

  // ── one real subject (identity_key) across filings ───────────────────────

  subjectRecords(identityKey: string): (StoredRow & { filing_id: number })[] {
    return this.db
      .prepare(
        `SELECT s.* FROM filings f CROSS JOIN subjects s ON s.filing_id = f.id AND s.identity_key = ?
         ORDER BY f.period_end DESC, f.id DESC, s.subject_id`,
      )
      .all(identityKey) as (StoredRow & { filing_id: number })[];
  }

  identityAccounts(identityKey: string, limit: number) {
    // CROSS JOIN fixes the loop order: filings (few) → subjects by identity_key → accounts by subject.
    const from = `FROM filings f CROSS JOIN subjects s ON s.filing_id = f.id AND s.identity_key = @identityKey
      CROSS JOIN accounts a ON a.filing_id = s.filing_id AND a.subject_id = s.subject_id`;
    const rows = this.db
      .prepare(
        `SELECT a.filing_id, a.account_id, a.display_name, a.status, a.content_category, a.followers,
           (SELECT count(*) FROM findings x WHERE x.filing_id = a.filing_id AND x.account_id = a.account_id AND x.present = 1) AS finding_count
         ${from} ORDER BY f.period_end DESC, f.id DESC, a.account_id LIMIT @limit`,
      )
      .all({ identityKey, limit }) as {
      filing_id: number; account_id: string; display_name: string; status: string; content_category: string; followers: number; finding_count: number;
    }[];
    const total = rows.length < limit ? rows.length : (this.db.prepare(`SELECT count(*) AS n ${from}`).get({ identityKey }) as { n: number }).n;
    return { rows, total };
  }

  identityFindings(identityKey: string, limit: number) {
    const from = `FROM filings f CROSS JOIN findings x ON x.filing_id = f.id AND x.identity_key = @identityKey WHERE x.present = 1`;
    const rows = this.db
      .prepare(
        `SELECT x.id, x.filing_id, x.rule_id, x.severity, x.status, x.title, x.account_id ${from}
         ORDER BY ${SEVERITY_ORDER.replace('severity', 'x.severity')}, x.id LIMIT @limit`,
      )
      .all({ identityKey, limit }) as FindingBriefRow[];
    const total = rows.length < limit ? rows.length : (this.db.prepare(`SELECT count(*) AS n ${from}`).get({ identityKey }) as { n: number }).n;
    return { rows, total };
  }

  private count(table: 'enforcement_actions' | 'complaints' | 'contents', filingId: number, accountId: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE filing_id = ? AND account_id = ?`).get(filingId, accountId) as { n: number }).n;
  }
}
