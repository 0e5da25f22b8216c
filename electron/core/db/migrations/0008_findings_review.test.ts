import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './index';

let db: Kysely<unknown>;
afterEach(() => db?.destroy());

describe('migration 0008_findings_review', () => {
  it('fills both facet cubes from findings stored before it, ranks severities, and keeps the cubes on later writes', async () => {
    const raw = new Database(':memory:');
    raw.pragma('foreign_keys = ON');
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0007_profiles_dashboard')).error).toBeUndefined();
    raw.exec(`
      INSERT INTO filings (id, package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
        VALUES (1, 'sha', 'p.zip', 'P001', '平台', '2024-10-01', '2024-12-31', 1, '{}', 't', 'a');
      INSERT INTO accounts (filing_id, account_id, subject_id, display_name, content_category, registered_at, status, followers, src_row)
        VALUES (1, 'A1', 'S1', '甲', 'finance', 't', 'active', 1, 2);
      INSERT INTO check_runs (id, filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor) VALUES (1, 1, 'v', '[]', 'succeeded', 't', '{}', 'a');`);
    const insert = raw.prepare(
      `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, mcn_id, title, explanation, evidence_json, citations_json,
         present, first_seen_run, last_seen_run, created_at, updated_at) VALUES (1, ?, ?, 'account', ?, '{}', ?, ?, 't', 'e', '[]', '[]', ?, 1, 1, 't', 't')`,
    );
    insert.run('r.high', 'high', 'E1', 'A1', 'M1', 1);
    insert.run('r.high', 'high', 'E2', 'A1', 'M1', 1);
    insert.run('r.high', 'high', 'E5', 'A1', null, 1);
    insert.run('r.info', 'info', 'E3', null, null, 1);
    insert.run('r.info', 'info', 'E4', null, null, 0); // gone: not counted

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const cube = () => raw.prepare('SELECT rule_id, severity, status, content_category, n FROM finding_facets WHERE n > 0 ORDER BY rule_id').all();
    const mcnCube = () => raw.prepare('SELECT rule_id, severity, status, mcn_id, content_category, n FROM finding_facets_mcn WHERE n > 0 ORDER BY rule_id, mcn_id').all();
    expect(cube()).toEqual([
      { rule_id: 'r.high', severity: 'high', status: 'pending', content_category: 'finance', n: 3 },
      { rule_id: 'r.info', severity: 'info', status: 'pending', content_category: '', n: 1 },
    ]);
    expect(mcnCube()).toEqual([
      { rule_id: 'r.high', severity: 'high', status: 'pending', mcn_id: '', content_category: 'finance', n: 1 },
      { rule_id: 'r.high', severity: 'high', status: 'pending', mcn_id: 'M1', content_category: 'finance', n: 2 },
      { rule_id: 'r.info', severity: 'info', status: 'pending', mcn_id: '', content_category: '', n: 1 },
    ]);
    expect(raw.prepare('SELECT severity_rank FROM findings ORDER BY id').pluck().all()).toEqual([0, 0, 0, 3, 3]);

    raw.prepare(`UPDATE findings SET status = 'confirmed' WHERE entity_key = 'E1'`).run();
    raw.prepare(`UPDATE findings SET mcn_id = 'M2' WHERE entity_key = 'E5'`).run();
    raw.prepare(`UPDATE findings SET present = 1 WHERE entity_key = 'E4'`).run();
    raw.prepare(`DELETE FROM findings WHERE entity_key = 'E2'`).run();
    insert.run('r.high', 'high', 'E6', 'A1', 'M2', 1);
    expect(cube()).toEqual([
      { rule_id: 'r.high', severity: 'high', status: 'confirmed', content_category: 'finance', n: 1 },
      { rule_id: 'r.high', severity: 'high', status: 'pending', content_category: 'finance', n: 2 },
      { rule_id: 'r.info', severity: 'info', status: 'pending', content_category: '', n: 2 },
    ]);
    expect(mcnCube()).toEqual([
      { rule_id: 'r.high', severity: 'high', status: 'confirmed', mcn_id: 'M1', content_category: 'finance', n: 1 },
      { rule_id: 'r.high', severity: 'high', status: 'pending', mcn_id: 'M2', content_category: 'finance', n: 2 },
      { rule_id: 'r.info', severity: 'info', status: 'pending', mcn_id: '', content_category: '', n: 2 },
    ]);
  });
});
