import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleById } from '@shared/domain/rules';
import { createTestServices } from '../test-support';
import type { Services } from '../services';
import { addAccount, addFiling, addFinding, addRun, addSubject } from '../profiles/test-fixture';

let services: Services;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const t = await createTestServices();
  services = t.services;
  cleanup = t.cleanup;
  const db = services.context.ws.raw;
  addFiling(db, 1, { platform: '甲平台', accounts: 4 });
  addFiling(db, 2, { platform: '乙平台', accounts: 1 });
  addFiling(db, 3, { platform: '未核查平台' });
  addSubject(db, 1, 'S1', '张*', 'IK1');
  addAccount(db, 1, 'A1', 'S1', '账号一');
  addAccount(db, 1, 'A2', 'S1', '账号二');
  addAccount(db, 1, 'A3', 'S1', '账号三');
  addSubject(db, 2, 'S1', '李*', 'IK2');
  addAccount(db, 2, 'B1', 'S1', '乙账号');
  db.prepare(`INSERT INTO mcn_orgs (filing_id, mcn_id, name, src_row) VALUES (1, 'M1', '星光传媒', 1), (1, 'M2', '月光传媒', 2)`).run();
  const contract = db.prepare(`INSERT INTO mcn_contracts (filing_id, mcn_id, account_id, signed_at, ended_at, src_row) VALUES (1, ?, ?, '2024-01-01', ?, 1)`);
  contract.run('M1', 'A1', '2024-03-01');
  contract.run('M1', 'A1', null); // signed twice: A1's findings count once for M1
  contract.run('M1', 'A2', null);
  contract.run('M2', 'A3', null);
  const run1 = addRun(db, 1);
  addFinding(db, 1, run1, { ruleId: 'agreement.unsigned', severity: 'low', accountId: 'A1' });
  addFinding(db, 1, run1, { ruleId: 'account.dormant', severity: 'info', accountId: 'A1', status: 'confirmed' });
  addFinding(db, 1, run1, { ruleId: 'credential.missing', severity: 'high', accountId: 'A1', status: 'dismissed' });
  addFinding(db, 1, run1, { ruleId: 'agreement.unsigned', severity: 'low', accountId: 'A2' });
  addFinding(db, 1, run1, { ruleId: 'mcn.repeat_violations_unhandled', severity: 'high', mcnId: 'M2' });
  addFinding(db, 1, run1, { ruleId: 'mcn.repeat_violations_unhandled', severity: 'high', mcnId: 'M2', status: 'rectified' });
  addFinding(db, 1, run1, { ruleId: 'agreement.unsigned', severity: 'low', accountId: 'A3', present: false });
  const run2 = addRun(db, 2);
  addFinding(db, 2, run2, { ruleId: 'agreement.unsigned', severity: 'low', accountId: 'B1' });
  addFinding(db, 2, run2, { ruleId: 'credential.missing', severity: 'high', accountId: 'B1' });
});
afterEach(() => cleanup());

describe('dashboard.overview', () => {
  it('counts present findings across filings by rule, severity and status, with review progress', async () => {
    const o = await services.api.dashboard.overview({});
    expect(o.filingId).toBeNull();
    expect(o.total).toBe(8);
    expect(o.reviewed).toBe(3);
    expect(o.byStatus).toEqual({ pending: 5, confirmed: 1, dismissed: 1, rectified: 1 });
    expect(o.bySeverity).toEqual({ high: 4, low: 3, info: 1 });
    expect(o.byRule.map((r) => [r.ruleId, r.total])).toEqual([
      ['agreement.unsigned', 3],
      ['credential.missing', 2],
      ['mcn.repeat_violations_unhandled', 2],
      ['account.dormant', 1],
    ]);
    // A rule's bar is coloured by the catalogue's severity of the rule.
    for (const r of o.byRule) expect(r.severity).toBe(ruleById(r.ruleId)!.severity);
    expect(o.byRule.find((r) => r.ruleId === 'credential.missing')!.byStatus).toEqual({ dismissed: 1, pending: 1 });
  });

  it('narrows every figure to one filing but still lists all filings with their own figures', async () => {
    const o = await services.api.dashboard.overview({ filingId: 2 });
    expect(o.filingId).toBe(2);
    expect(o.total).toBe(2);
    expect(o.reviewed).toBe(0);
    expect(o.byRule.map((r) => r.ruleId).sort()).toEqual(['agreement.unsigned', 'credential.missing']);
    expect(o.topAccounts.map((a) => [a.filingId, a.accountId])).toEqual([[2, 'B1']]);
    expect(o.topMcns).toEqual([]);
    expect(o.filings.map((f) => [f.filingId, f.total, f.reviewed, f.checkedAt !== null, f.accounts])).toEqual([
      [1, 6, 3, true, 4],
      [2, 2, 0, true, 1],
      [3, 0, 0, false, 0],
    ]);
  });

  it('ranks accounts by their findings, with the pending ones', async () => {
    const o = await services.api.dashboard.overview({});
    expect(o.topAccounts.map((a) => [a.filingId, a.accountId, a.displayName, a.total, a.pending])).toEqual([
      [1, 'A1', '账号一', 3, 1],
      [2, 'B1', '乙账号', 2, 2],
      [1, 'A2', '账号二', 1, 1],
    ]);
  });

  it('ranks MCNs by the findings of their signed accounts (each account once) plus their own', async () => {
    const o = await services.api.dashboard.overview({ filingId: 1 });
    expect(o.topMcns.map((m) => [m.mcnId, m.name, m.total, m.accountFindings, m.ownFindings, m.accountsWithFindings])).toEqual([
      ['M1', '星光传媒', 4, 4, 0, 2],
      ['M2', '月光传媒', 2, 0, 2, 0],
    ]);
  });

  it('says which filing does not exist', async () => {
    await expect(Promise.resolve().then(() => services.api.dashboard.overview({ filingId: 99 }))).rejects.toThrow(/#99/);
  });
});
