import { afterEach, describe, expect, it } from 'vitest';
import { mcnStatistics } from './mcn-stats';
import { NetworkFixture } from './test-fixture';

let fx: NetworkFixture;
afterEach(() => fx?.close());

const statOf = (mcnId: string) => mcnStatistics(fx.db, fx.filingId).items.find((s) => s.mcnId === mcnId)!;

describe('MCN statistics', () => {
  it('counts accounts signed at period end and their followers; a contract ended on the last day no longer counts', async () => {
    fx = await NetworkFixture.open();
    fx.mcn('M1', '星河传媒', 'active', ['restrict_service']);
    fx.subject('S1', 'K1');
    fx.account('A1', 'S1', 1000).account('A2', 'S1', 200).account('A3', 'S1', 30).account('A4', 'S1', 4);
    fx.contract('M1', 'A1', '2024-01-01 00:00:00');
    fx.contract('M1', 'A2', '2024-01-01 00:00:00', '2025-01-01 00:00:00');
    fx.contract('M1', 'A3', '2024-01-01 00:00:00', '2024-12-31 18:00:00');
    fx.contract('M1', 'A4', '2025-01-02 00:00:00');
    const s = statOf('M1');
    expect(s).toMatchObject({ name: '星河传媒', status: 'active', measures: ['restrict_service'], signedAccounts: 2, contractedAccounts: 4, followers: 1200 });
  });

  it('counts accounts with actions starting in the period while under contract, and actions against the MCN', async () => {
    fx = await NetworkFixture.open();
    fx.mcn('M1').loners('A1', 'A2', 'A3', 'A4');
    for (const a of ['A1', 'A2', 'A3']) fx.contract('M1', a, '2024-06-01 00:00:00');
    fx.contract('M1', 'A4', '2024-11-15 00:00:00');
    fx.action('E1', { accountId: 'A1' }, 'warning', '2024-10-05 10:00:00');
    fx.action('E2', { accountId: 'A1' }, 'ban', '2024-11-05 10:00:00');
    fx.action('E3', { accountId: 'A2' }, 'warning', '2024-09-30 23:00:00'); // before the period
    fx.action('E4', { accountId: 'A4' }, 'warning', '2024-11-01 10:00:00'); // before its contract
    fx.action('E5', { mcnId: 'M1' }, 'suspend_monetization', '2024-12-01 00:00:00');
    const s = statOf('M1');
    expect(s).toMatchObject({ accountsWithActions: 1, actions: 2, actionsAgainst: { suspend_monetization: 1 } });
  });

  it('groups findings of signed accounts, of their account groups and of the MCN itself by rule', async () => {
    fx = await NetworkFixture.open();
    fx.mcn('M1').mcn('M2').loners('A1', 'A2', 'A3');
    fx.contract('M1', 'A1', '2024-01-01 00:00:00').contract('M1', 'A2', '2024-01-01 00:00:00').contract('M2', 'A3', '2024-01-01 00:00:00');
    fx.finding('mcn.name_hidden', 'low', { type: 'account', id: 'A1' }, { accountId: 'A1' });
    fx.finding('mcn.name_hidden', 'low', { type: 'account', id: 'A2' }, { accountId: 'A2' });
    fx.finding('identity.unverified', 'high', { type: 'account', id: 'A3' }, { accountId: 'A3' });
    fx.finding('mcn.repeat_violations_unhandled', 'medium', { type: 'mcn', id: 'M1' }, { mcnId: 'M1' });
    fx.finding('matrix.coordinated_duplicates', 'medium', { type: 'account_group', ids: ['A1', 'A2', 'X'] });
    fx.finding('agreement.unsigned', 'low', { type: 'account', id: 'A1' }, { accountId: 'A1', status: 'dismissed' });
    const m1 = statOf('M1');
    expect(m1.findingsByRule).toEqual({ 'mcn.name_hidden': 2, 'mcn.repeat_violations_unhandled': 1, 'matrix.coordinated_duplicates': 1 });
    expect(m1).toMatchObject({ findings: 4, worstSeverity: 'medium' });
    expect(statOf('M2')).toMatchObject({ findings: 1, worstSeverity: 'high' });
  });

  it('lists an MCN without contracts with zeros', async () => {
    fx = await NetworkFixture.open();
    fx.mcn('M9');
    expect(statOf('M9')).toMatchObject({ signedAccounts: 0, followers: 0, findings: 0, worstSeverity: null, measures: [] });
  });
});
