import { afterEach, describe, expect, it } from 'vitest';
import { analyseNetwork, readAnalysis } from './analyse';
import { listMatrices, listMembers, matrixOfAccount } from './matrices';
import { noJob, NetworkFixture } from './test-fixture';

let fx: NetworkFixture;
afterEach(() => fx?.close());

const analyse = (splitThreshold?: number) => analyseNetwork(fx.db, fx.filingId, noJob, splitThreshold);
const matrices = () => listMatrices(fx.db, fx.filingId, { limit: 1000, offset: 0, minAccounts: 2 }).items;
const groupOf = (accountId: string) => {
  const id = matrixOfAccount(fx.db, fx.filingId, accountId);
  return id === null ? null : listMembers(fx.db, fx.filingId, id).map((m) => m.accountId).sort();
};

describe('matrices: connected groups over control links', () => {
  it('joins the accounts of one real subject, across subject records sharing an identity_key', async () => {
    fx = await NetworkFixture.open();
    fx.subject('S1', 'K1').subject('S2', 'K1').account('A1', 'S1').account('A2', 'S2').account('A3', 'S1');
    fx.loners('B1');
    analyse();
    expect(groupOf('A1')).toEqual(['A1', 'A2', 'A3']);
    expect(groupOf('B1')).toBeNull();
    expect(matrices()).toHaveLength(1);
    expect(matrices()[0]).toMatchObject({ accounts: 3, subjects: 1 });
  });

  it('chains phone, device and payment links across subjects; ip and email never link', async () => {
    fx = await NetworkFixture.open();
    fx.loners('A1', 'A2', 'A3', 'A4', 'N1', 'N2', 'N3');
    fx.identifier('A1', 'phone', 'p1').identifier('A2', 'phone', 'p1');
    fx.identifier('A2', 'device', 'd1').identifier('A3', 'device', 'd1');
    fx.identifier('A3', 'payment', 'x1').identifier('A4', 'payment', 'x1');
    // near misses: shared ip and email, and one account listing the same phone twice
    fx.identifier('N1', 'ip', 'ip1').identifier('N2', 'ip', 'ip1');
    fx.identifier('N2', 'email', 'e1').identifier('N3', 'email', 'e1');
    fx.identifier('N3', 'phone', 'p9').identifier('N3', 'phone', 'p9');
    analyse();
    expect(groupOf('A1')).toEqual(['A1', 'A2', 'A3', 'A4']);
    for (const id of ['N1', 'N2', 'N3']) expect(groupOf(id)).toBeNull();
    expect(matrices()[0]).toMatchObject({ accounts: 4, subjects: 4, identifiers: 3 });
  });

  it('links burst accounts signed to the same MCN at the burst, not those whose contract had ended or not begun', async () => {
    fx = await NetworkFixture.open();
    fx.loners('A1', 'A2', 'A3', 'A4', 'A5').mcn('M1');
    fx.contract('M1', 'A1', '2024-01-01 00:00:00');
    fx.contract('M1', 'A2', '2024-03-01 00:00:00', '2025-01-01 00:00:00');
    fx.contract('M1', 'A3', '2024-01-01 00:00:00', '2024-10-31 23:59:59'); // ended the day before
    fx.contract('M1', 'A4', '2024-11-02 00:00:00'); // signed after
    fx.burst(['A1', 'A2', 'A3', 'A4', 'A5'], '2024-11-01 10:00:00');
    const analysis = analyse();
    expect(groupOf('A1')).toEqual(['A1', 'A2']);
    for (const id of ['A3', 'A4', 'A5']) expect(groupOf(id)).toBeNull();
    expect(matrices()[0]).toMatchObject({ bursts: 1, mcns: 1 });
    expect(analysis.stats).toMatchObject({ bursts: 1, links: { burst: 1 } });
  });

  it('does not link on a burst the inspector dismissed', async () => {
    fx = await NetworkFixture.open();
    fx.loners('A1', 'A2', 'A3').mcn('M1');
    for (const a of ['A1', 'A2', 'A3']) fx.contract('M1', a, '2024-01-01 00:00:00');
    const id = fx.burst(['A1', 'A2', 'A3'], '2024-11-01 10:00:00');
    fx.db.prepare(`UPDATE findings SET status = 'dismissed' WHERE id = ?`).run(id);
    analyse();
    expect(matrices()).toHaveLength(0);
  });

  it('counts a burst for a matrix when two of its accounts took part, even without an MCN', async () => {
    fx = await NetworkFixture.open();
    fx.subject('S1', 'K1').account('A1', 'S1').account('A2', 'S1').loners('C1');
    fx.burst(['A1', 'A2', 'C1'], '2024-11-01 10:00:00');
    fx.subject('S2', 'K2').account('B1', 'S2').account('B2', 'S2');
    fx.burst(['B1', 'C1', 'A1'], '2024-11-05 10:00:00'); // only one B account: not B's burst
    analyse();
    const byFirst = new Map(matrices().map((m) => [m.sampleAccounts.map((a) => a.accountId).sort()[0], m]));
    expect(byFirst.get('A1')?.bursts).toBe(1);
    expect(byFirst.get('B1')?.bursts).toBe(0);
    expect(groupOf('C1')).toBeNull();
  });

  it('replaces the previous analysis of the filing when re-run', async () => {
    fx = await NetworkFixture.open();
    fx.subject('S1', 'K1').account('A1', 'S1').account('A2', 'S1');
    analyse();
    fx.loners('B1', 'B2').identifier('B1', 'device', 'd').identifier('B2', 'device', 'd');
    analyse();
    expect(matrices()).toHaveLength(2);
    expect(readAnalysis(fx.db, fx.filingId)?.stats.matrices).toBe(2);
  });
});

describe('communities inside big matrices', () => {
  it('splits two dense clusters joined by one shared phone, keeping each cluster together', async () => {
    fx = await NetworkFixture.open();
    const left = Array.from({ length: 12 }, (_, i) => `L${String(i).padStart(2, '0')}`);
    const right = Array.from({ length: 12 }, (_, i) => `R${String(i).padStart(2, '0')}`);
    fx.loners(...left, ...right);
    // inside each cluster every account shares a device with every other one through 4 devices
    for (const [cluster, tag] of [[left, 'l'], [right, 'r']] as const) {
      for (let d = 0; d < 4; d++) for (const a of cluster) fx.identifier(a, 'device', `${tag}${d}`);
    }
    fx.identifier('L00', 'phone', 'bridge').identifier('R00', 'phone', 'bridge');
    analyse(10);
    const [m] = matrices();
    expect(m.accounts).toBe(24);
    expect(m.communities).toBeGreaterThanOrEqual(2);
    const members = listMembers(fx.db, fx.filingId, m.matrixId);
    const communityOf = new Map(members.map((x) => [x.accountId, x.community]));
    expect(new Set(left.map((a) => communityOf.get(a))).size).toBe(1);
    expect(new Set(right.map((a) => communityOf.get(a))).size).toBe(1);
    expect(communityOf.get('L00')).not.toBe(communityOf.get('R00'));
  });

  it('leaves matrices below the threshold whole (community 0)', async () => {
    fx = await NetworkFixture.open();
    fx.loners('A', 'B', 'C').identifier('A', 'device', 'd').identifier('B', 'device', 'd').identifier('C', 'device', 'd');
    const analysis = analyse(4);
    expect(matrices()[0].communities).toBe(0);
    expect(listMembers(fx.db, fx.filingId, 1).every((m) => m.community === 0)).toBe(true);
    expect(analysis.stats.splitMatrices).toBe(0);
  });

  it('gives the same communities on every run', async () => {
    fx = await NetworkFixture.open();
    const ids = Array.from({ length: 30 }, (_, i) => `A${String(i).padStart(2, '0')}`);
    fx.loners(...ids);
    ids.forEach((a, i) => fx.identifier(a, 'device', `d${Math.floor(i / 5)}`).identifier(a, 'phone', `p${Math.floor((i + 2) / 5)}`));
    analyse(10);
    const first = listMembers(fx.db, fx.filingId, 1).map((m) => `${m.accountId}:${m.community}`);
    analyse(10);
    expect(listMembers(fx.db, fx.filingId, 1).map((m) => `${m.accountId}:${m.community}`)).toEqual(first);
  });
});

describe('findings and scores of matrices', () => {
  it('counts each present, not dismissed finding of its accounts, subjects and groups once', async () => {
    fx = await NetworkFixture.open();
    fx.subject('S1', 'K1').account('A1', 'S1').account('A2', 'S1');
    fx.finding('identity.unverified', 'high', { type: 'account', id: 'A1' }, { accountId: 'A1', identityKey: 'K1' });
    fx.finding('subject.account_cap', 'medium', { type: 'subject', id: 'K1' }, { identityKey: 'K1' });
    fx.finding('matrix.shared_identifiers', 'medium', { type: 'account_group', ids: ['A1', 'A2', 'Z9'] });
    fx.finding('agreement.unsigned', 'low', { type: 'account', id: 'A2' }, { accountId: 'A2', status: 'dismissed' });
    fx.db.prepare(`UPDATE findings SET present = 0 WHERE rule_id = 'matrix.shared_identifiers'`).run();
    fx.finding('account.dormant', 'info', { type: 'account', id: 'A2' }, { accountId: 'A2' });
    analyse();
    const [m] = matrices();
    expect(m.findings).toBe(3);
    expect(m.worstSeverity).toBe('high');
    expect(m.reasons.find((r) => r.code === 'findings')?.label).toContain('高 1');
  });

  it('ranks matrices by score: more subjects, shared identifiers and findings score higher', async () => {
    fx = await NetworkFixture.open();
    // plain: one person, two accounts
    fx.subject('S1', 'K1').account('P1', 'S1').account('P2', 'S1');
    // disguised: two people sharing a phone and a device, with a finding
    fx.loners('D1', 'D2').identifier('D1', 'phone', 'p').identifier('D2', 'phone', 'p').identifier('D1', 'device', 'd').identifier('D2', 'device', 'd');
    fx.finding('identity.unverified', 'high', { type: 'account', id: 'D1' }, { accountId: 'D1' });
    analyse();
    const [top, second] = matrices();
    expect(top.matrixId).toBe(1);
    expect(top.sampleAccounts.map((a) => a.accountId).sort()).toEqual(['D1', 'D2']);
    expect(top.score).toBeGreaterThan(second.score);
    expect(top.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['subjects', 'identifiers', 'findings']));
    expect(second.reasons.map((r) => r.code)).not.toContain('identifiers');
    expect(top.reasons.reduce((s, r) => s + r.points, 0)).toBeCloseTo(top.score, 5);
  });
});
