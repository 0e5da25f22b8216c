import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, type MigratedDatabase } from './migrate-to';

let current: MigratedDatabase | undefined;
afterEach(() => current?.db.destroy());

async function migrated() {
  current = await migrateTo('0005_network', { withFiling: true });
  return current.raw;
}

describe('migration 0005_network', () => {
  it('keeps an account in at most one matrix of a filing', async () => {
    const raw = await migrated();
    const insert = raw.prepare('INSERT INTO matrix_members (filing_id, matrix_id, account_id, community) VALUES (1, ?, ?, 0)');
    insert.run(1, 'A1');
    expect(() => insert.run(2, 'A1')).toThrow(/UNIQUE/);
  });

  it('refuses an unknown worst severity and removes the analysis with its filing', async () => {
    const raw = await migrated();
    const matrix = raw.prepare(
      `INSERT INTO matrices (filing_id, matrix_id, score, account_count, subject_count, identifier_count, burst_count, mcn_count, finding_count,
         followers_total, worst_severity, community_count, reasons_json, sample_accounts_json) VALUES (1, ?, 1, 2, 1, 0, 0, 0, 0, 0, ?, 0, '[]', '[]')`,
    );
    expect(() => matrix.run(1, 'critical')).toThrow(/CHECK/);
    matrix.run(1, 'high');
    raw.prepare(`INSERT INTO network_analyses (filing_id, analysed_at, duration_ms, stats_json) VALUES (1, 't', 1, '{}')`).run();
    raw.prepare(`INSERT INTO matrix_members (filing_id, matrix_id, account_id, community) VALUES (1, 1, 'A1', 0)`).run();
    raw.prepare('DELETE FROM filings WHERE id = 1').run();
    for (const table of ['network_analyses', 'matrices', 'matrix_members']) expect((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
  });
});
