import type Database from 'better-sqlite3';
import type { CheckRun } from '@shared/api/checks';

interface RunRow {
  id: number; filing_id: number; rule_set_version: string; rules_json: string; status: CheckRun['status']; started_at: string;
  finished_at: string | null; duration_ms: number | null; rule_stats_json: string | null; reference_json: string;
  findings_total: number | null; actor: string; error: string | null;
}

function toRun(row: RunRow): CheckRun {
  return {
    runId: row.id,
    filingId: row.filing_id,
    ruleSetVersion: row.rule_set_version,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    rules: JSON.parse(row.rules_json) as string[],
    ruleStats: row.rule_stats_json ? (JSON.parse(row.rule_stats_json) as CheckRun['ruleStats']) : [],
    reference: JSON.parse(row.reference_json) as CheckRun['reference'],
    findingsTotal: row.findings_total,
    actor: row.actor,
    error: row.error,
  };
}

export function readRun(db: Database.Database, runId: number): CheckRun {
  return toRun(db.prepare('SELECT * FROM check_runs WHERE id = ?').get(runId) as RunRow);
}

export function listRuns(db: Database.Database, filingId: number): CheckRun[] {
  return (db.prepare('SELECT * FROM check_runs WHERE filing_id = ? ORDER BY id DESC').all(filingId) as RunRow[]).map(toRun);
}
