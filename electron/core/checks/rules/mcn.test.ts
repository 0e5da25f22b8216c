import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

describe('mcn.name_hidden', () => {
  it('contract active at end (signed ≤ end, ended empty or > end) and mcn_displayed not true', async () => {
    kit.insert('mcn_orgs', { mcn_id: 'M1' });
    kit.account({ account_id: 'A1', mcn_displayed: null });
    kit.insert('mcn_contracts', { mcn_id: 'M1', account_id: 'A1', signed_at: '2024-12-31 23:00:00' });
    kit.account({ account_id: 'A2', mcn_displayed: 0 });
    kit.insert('mcn_contracts', { mcn_id: 'M1', account_id: 'A2', ended_at: '2024-12-31 10:00:00' }); // ended on end: not active
    kit.account({ account_id: 'A3', mcn_displayed: 0 });
    kit.insert('mcn_contracts', { mcn_id: 'M1', account_id: 'A3', ended_at: '2025-01-01 00:00:00' });
    kit.account({ account_id: 'A4', mcn_displayed: 1 });
    kit.insert('mcn_contracts', { mcn_id: 'M1', account_id: 'A4' });
    kit.account({ account_id: 'A5', mcn_displayed: 0 });
    kit.insert('mcn_contracts', { mcn_id: 'M1', account_id: 'A5', signed_at: '2025-01-01 00:00:00' });
    expect(await kit.entities('mcn.name_hidden')).toEqual(['A1', 'A3']);
  });
});

describe('mcn.repeat_violations_unhandled', () => {
  function mcnWith(mcn: string, org: Record<string, string | null>, accounts: [string, string][]) {
    kit.insert('mcn_orgs', { mcn_id: mcn, ...org });
    for (const [account, start] of accounts) {
      kit.account({ account_id: `${mcn}-${account}` });
      kit.insert('mcn_contracts', { mcn_id: mcn, account_id: `${mcn}-${account}`, signed_at: '2024-06-01 00:00:00' });
      kit.insert('enforcement_actions', { action_id: `${mcn}-${account}-x`, account_id: `${mcn}-${account}`, action: 'warning', start_at: start });
    }
  }
  it('three distinct accounts punished in the period while under contract', async () => {
    mcnWith('M1', {}, [['a', '2024-10-01 00:00:00'], ['b', '2024-11-01 00:00:00'], ['c', '2024-12-31 23:00:00']]);
    mcnWith('M2', {}, [['a', '2024-10-01 00:00:00'], ['b', '2024-11-01 00:00:00'], ['c', '2024-09-30 23:00:00']]); // one before the period
    mcnWith('M3', { measures: '["restrict_service"]' }, [['a', '2024-10-01 00:00:00'], ['b', '2024-11-01 00:00:00'], ['c', '2024-11-02 00:00:00']]);
    mcnWith('M4', { status: 'suspended' }, [['a', '2024-10-01 00:00:00'], ['b', '2024-11-01 00:00:00'], ['c', '2024-11-02 00:00:00']]);
    mcnWith('M5', {}, [['a', '2024-10-01 00:00:00'], ['b', '2024-11-01 00:00:00'], ['c', '2024-11-02 00:00:00']]);
    kit.insert('enforcement_actions', { action_id: 'M5-x', target_type: 'mcn', mcn_id: 'M5', action: 'warning', start_at: '2024-12-01 00:00:00' });
    expect(await kit.entities('mcn.repeat_violations_unhandled')).toEqual(['M1']);
  });
  it('an action before the contract was signed does not count', async () => {
    mcnWith('M1', {}, [['a', '2024-10-01 00:00:00'], ['b', '2024-11-01 00:00:00'], ['c', '2024-11-02 00:00:00']]);
    kit.ws.raw.prepare(`UPDATE mcn_contracts SET signed_at = '2024-11-02 00:00:01' WHERE account_id = 'M1-c'`).run();
    expect(await kit.entities('mcn.repeat_violations_unhandled')).toEqual([]);
  });
});
