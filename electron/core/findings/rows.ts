import type { FindingStatus, FindingSummary } from '@shared/api/findings';

/** A row of the findings table as stored (migration 0003), and its summary for the API. */
export interface StoredRow {
  id: number; filing_id: number; rule_id: string; severity: FindingSummary['severity']; entity_json: string; title: string;
  explanation: string; status: FindingStatus; present: number; note: string | null; dismiss_reason: string | null;
  typical_case: number; typical_summary: string | null; first_seen_run: number; last_seen_run: number; created_at: string;
  updated_at: string; evidence_json: string; citations_json: string; account_id: string | null; identity_key: string | null; mcn_id: string | null;
}

export function toSummary(row: Omit<StoredRow, 'evidence_json' | 'citations_json' | 'created_at' | 'typical_summary' | 'account_id' | 'identity_key' | 'mcn_id'>): FindingSummary {
  return {
    id: row.id,
    filingId: row.filing_id,
    ruleId: row.rule_id,
    severity: row.severity,
    entity: JSON.parse(row.entity_json) as FindingSummary['entity'],
    title: row.title,
    explanation: row.explanation,
    status: row.status,
    present: row.present === 1,
    note: row.note,
    dismissReason: row.dismiss_reason,
    typicalCase: row.typical_case === 1,
    firstSeenRun: row.first_seen_run,
    lastSeenRun: row.last_seen_run,
    updatedAt: row.updated_at,
  };
}
