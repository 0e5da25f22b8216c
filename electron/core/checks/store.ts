import type Database from 'better-sqlite3';
import { formatCitation, type Citation } from '@shared/domain/provisions';
import type { CitationView } from '@shared/api/checks';
import type { CatalogueRule, FindingDraft } from './types';

/** Now as stored: 'YYYY-MM-DD HH:MM:SS' in UTC+8 (migration 0002 conventions). */
export function nowUtc8(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function citationViews(citations: readonly Citation[]): CitationView[] {
  return citations.map((c) => ({ ...c, text: formatCitation(c) }));
}

/** The stable part of a finding's identity (with filing and rule): one finding per rule and entity. */
export function entityKey(draft: FindingDraft): string {
  return draft.entity.type === 'account_group' ? draft.entity.ids.join(',') : draft.entity.id;
}

export interface WriteResult {
  findings: number;
  new: number;
  gone: number;
}

/**
 * Upserts a rule's findings on (filing, rule, entity) so review status, notes and history
 * survive a re-run, then marks the rule's findings this run did not produce as no longer present.
 */
export function writeFindings(db: Database.Database, filingId: number, runId: number, rule: CatalogueRule, drafts: FindingDraft[]): WriteResult {
  const now = nowUtc8();
  const citations = JSON.stringify(citationViews(rule.meta.citations));
  const upsert = db.prepare(
    `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, identity_key, mcn_id,
                           title, explanation, evidence_json, citations_json, first_seen_run, last_seen_run, created_at, updated_at)
     VALUES (@filingId, @ruleId, @severity, @entityType, @entityKey, @entityJson, @accountId, @identityKey, @mcnId,
             @title, @explanation, @evidenceJson, @citations, @runId, @runId, @now, @now)
     ON CONFLICT (filing_id, rule_id, entity_key) DO UPDATE SET
       severity = excluded.severity, entity_type = excluded.entity_type, entity_json = excluded.entity_json,
       account_id = excluded.account_id, identity_key = excluded.identity_key, mcn_id = excluded.mcn_id,
       title = excluded.title, explanation = excluded.explanation, evidence_json = excluded.evidence_json,
       citations_json = excluded.citations_json, last_seen_run = excluded.last_seen_run, present = 1, updated_at = excluded.updated_at
     RETURNING first_seen_run`,
  );
  const markGone = db.prepare(
    `UPDATE findings SET present = 0, updated_at = @now WHERE filing_id = @filingId AND rule_id = @ruleId AND last_seen_run < @runId AND present = 1`,
  );
  return db.transaction(() => {
    let fresh = 0;
    const seen = new Set<string>();
    for (const draft of drafts) {
      const key = entityKey(draft);
      if (seen.has(key)) throw new Error(`规则 ${rule.id} 对同一对象 ${key} 产生了两条结果`);
      seen.add(key);
      const row = upsert.get({
        filingId,
        ruleId: rule.id,
        severity: rule.meta.severity,
        entityType: draft.entity.type,
        entityKey: key,
        entityJson: JSON.stringify(draft.entity),
        accountId: draft.accountId ?? (draft.entity.type === 'account' ? draft.entity.id : null),
        identityKey: draft.identityKey ?? (draft.entity.type === 'subject' ? draft.entity.id : null),
        mcnId: draft.mcnId ?? (draft.entity.type === 'mcn' ? draft.entity.id : null),
        title: rule.meta.titleZh,
        explanation: draft.explanation,
        evidenceJson: JSON.stringify(draft.evidence),
        citations,
        runId,
        now,
      }) as { first_seen_run: number };
      if (row.first_seen_run === runId) fresh++;
    }
    const gone = markGone.run({ filingId, ruleId: rule.id, runId, now }).changes;
    return { findings: drafts.length, new: fresh, gone };
  })();
}
