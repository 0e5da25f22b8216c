import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';

describe('migration 0003_findings', () => {
  it('creates strict check_runs, findings and finding_history with one finding per filing, rule and entity', async () => {
    const ws = await migrateTo('0003_findings', { withFiling: true });
    const tables = ws.raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('check_runs', 'findings', 'finding_history')`).all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['check_runs', 'finding_history', 'findings']);
    for (const t of tables) expect(t.sql).toMatch(/STRICT$/);
    ws.raw.prepare(`INSERT INTO check_runs (id, filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor) VALUES (1, 1, 'rules-v1', '[]', 'running', 'now', '[]', 'me')`).run();
    const insert = ws.raw.prepare(`INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, title, explanation, evidence_json, citations_json, first_seen_run, last_seen_run, created_at, updated_at)
      VALUES (1, 'agreement.unsigned', 'low', 'account', 'A1', '{}', 't', 'e', '[]', '[]', 1, 1, 'now', 'now')`);
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    expect(() => ws.raw.prepare(`UPDATE findings SET status = 'closed'`).run()).toThrow(/CHECK/);
    await ws.db.destroy();
  });
});
