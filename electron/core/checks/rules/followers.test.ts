import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../time';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

const day = (account: string, date: string, followers: number) => kit.insert('follower_daily', { account_id: account, date, followers });

describe('followers.gain_during_ban', () => {
  it('fires when a day in (s, e] exceeds the last value on or before s', async () => {
    kit.account({ account_id: 'A1' });
    kit.insert('enforcement_actions', { action_id: 'X1', account_id: 'A1', action: 'ban', start_at: '2024-11-01 15:00:00', end_at: '2024-11-05 00:00:00' });
    day('A1', '2024-10-31', 100);
    day('A1', '2024-11-01', 100);
    day('A1', '2024-11-05', 101);
    kit.account({ account_id: 'A2' }); // the gain comes the day after the window ends
    kit.insert('enforcement_actions', { action_id: 'X2', account_id: 'A2', action: 'freeze_followers', start_at: '2024-11-01 15:00:00', end_at: '2024-11-05 00:00:00' });
    day('A2', '2024-11-01', 100);
    day('A2', '2024-11-06', 500);
    kit.account({ account_id: 'A3' }); // no value on or before the start
    kit.insert('enforcement_actions', { action_id: 'X3', account_id: 'A3', action: 'ban', start_at: '2024-11-01 15:00:00' });
    day('A3', '2024-11-02', 500);
    kit.account({ account_id: 'A4' }); // open-ended window runs to end
    kit.insert('enforcement_actions', { action_id: 'X4', account_id: 'A4', action: 'freeze_followers', start_at: '2024-11-01 15:00:00' });
    day('A4', '2024-10-30', 100);
    day('A4', '2024-12-31', 101);
    expect(await kit.entities('followers.gain_during_ban')).toEqual(['A1', 'A4']);
  });
});

describe('followers.abnormal_spike', () => {
  function series(account: string, deltas: number[], start = '2024-10-01', base = 1000) {
    let value = base;
    let date = start;
    day(account, date, value);
    for (const d of deltas) {
      date = addDays(date, 1);
      value += d;
      day(account, date, value);
    }
  }
  it('Δ ≥ max(5000, 20 × median) fires at equality; 7 changes of history needed', async () => {
    kit.account({ account_id: 'A1' });
    series('A1', [300, -300, 300, -300, 300, -300, 300, 6000]); // m = 300 → threshold 6000
    kit.account({ account_id: 'A2' });
    series('A2', [300, -300, 300, -300, 300, -300, 300, 5999]);
    kit.account({ account_id: 'A3' });
    series('A3', [1, 1, 1, 1, 1, 1, 1, 5000]); // m = max(1, 10) → threshold 5000
    kit.account({ account_id: 'A4' });
    series('A4', [1, 1, 1, 1, 1, 1, 5000]); // only 6 changes before
    kit.account({ account_id: 'A5' });
    series('A5', [100, 200, 300, 400, 10, 20, 30, 40, 6000]); // even count: m = (40+100)/2 = 70 → 5000 → fires
    kit.account({ account_id: 'A6' });
    series('A6', [300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6000]);
    // A6: the 28 days before the spike are all ±1 → m = 10 → threshold 5000 → fires (older 300s fall out)
    expect(await kit.entities('followers.abnormal_spike')).toEqual(['A1', 'A3', 'A5', 'A6']);
  });
  it('a missing previous day breaks the change', async () => {
    kit.account({ account_id: 'A1' });
    series('A1', [1, 1, 1, 1, 1, 1, 1, 1]);
    day('A1', '2024-10-11', 20_000); // 2024-10-10 missing
    expect(await kit.entities('followers.abnormal_spike')).toEqual([]);
  });
});
