import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

const action = (id: string, account: string, kind: string, start: string, end: string | null = null) =>
  kit.insert('enforcement_actions', { action_id: id, account_id: account, action: kind, start_at: start, end_at: end });

describe('monetization.recent_violation', () => {
  it('window [enabled − 3 months, enabled] is closed at both ends; warnings count', async () => {
    kit.account({ account_id: 'A1', monetization_enabled_at: '2024-11-30 10:00:00' });
    action('X1', 'A1', 'warning', '2024-08-30 10:00:00'); // exactly 3 months before (clamped day)
    kit.account({ account_id: 'A2', monetization_enabled_at: '2024-11-30 10:00:00' });
    action('X2', 'A2', 'warning', '2024-08-30 09:59:59'); // one second early
    action('X3', 'A2', 'ban', '2024-11-30 10:00:01'); // one second after
    kit.account({ account_id: 'A3', monetization_enabled_at: '2024-11-30 10:00:00' });
    action('X4', 'A3', 'ban', '2024-11-30 10:00:00'); // at the end
    expect(await kit.entities('monetization.recent_violation')).toEqual(['A1', 'A3']);
  });
});

describe('monetization.after_transfer', () => {
  it('enabled in [e, e + 3 months) or still enabled at end before e + 3 months', async () => {
    kit.account({ account_id: 'A1', monetization_enabled_at: '2024-08-31 09:59:59', monetization_enabled: 0 });
    kit.insert('account_transfers', { transfer_id: 'T1', account_id: 'A1', effective_at: '2024-05-31 10:00:00' }); // + 3 months = 2024-08-31 10:00
    kit.account({ account_id: 'A2', monetization_enabled_at: '2024-08-31 10:00:00', monetization_enabled: 0 });
    kit.insert('account_transfers', { transfer_id: 'T2', account_id: 'A2', effective_at: '2024-05-31 10:00:00' }); // at e + 3 months: not in window
    kit.account({ account_id: 'A3', monetization_enabled: 1 });
    kit.insert('account_transfers', { transfer_id: 'T3', account_id: 'A3', effective_at: '2024-10-01 00:00:00' }); // end 12-31 < 2025-01-01
    kit.account({ account_id: 'A4', monetization_enabled: 1 });
    kit.insert('account_transfers', { transfer_id: 'T4', account_id: 'A4', effective_at: '2024-09-30 12:00:00' }); // + 3 months = 12-30: not after end
    expect(await kit.entities('monetization.after_transfer')).toEqual(['T1', 'T3']);
  });
});

describe('monetization.ban_not_suspended', () => {
  it('needs a suspension within a day lasting twice the ban (whole days), or any revoke', async () => {
    kit.account({ account_id: 'A1', monetization_enabled: 1 });
    action('B1', 'A1', 'ban', '2024-11-01 00:00:00', '2024-11-04 12:00:00'); // 3 whole days → needs 6
    action('S1', 'A1', 'suspend_monetization', '2024-11-02 00:00:00', '2024-11-08 00:00:00'); // 24 h later, 6 days: ok
    kit.account({ account_id: 'A2', monetization_enabled: 1 });
    action('B2', 'A2', 'ban', '2024-11-01 00:00:00', '2024-11-04 12:00:00');
    action('S2', 'A2', 'suspend_monetization', '2024-11-02 00:00:01', '2024-11-20 00:00:00'); // 24 h + 1 s late
    kit.account({ account_id: 'A3', monetization_enabled_at: '2024-01-01 00:00:00' });
    action('B3', 'A3', 'ban', '2024-11-01 00:00:00', '2024-11-04 00:00:00');
    action('S3', 'A3', 'suspend_monetization', '2024-11-01 00:00:00', '2024-11-06 23:59:59'); // 5 whole days < 6
    kit.account({ account_id: 'A4', monetization_enabled: 1 });
    action('B4', 'A4', 'ban', '2024-11-01 00:00:00', null);
    action('S4', 'A4', 'suspend_monetization', '2024-11-01 00:00:00', '2025-11-01 00:00:00'); // open ban needs open suspension
    kit.account({ account_id: 'A5', monetization_enabled: 1 });
    action('B5', 'A5', 'ban', '2024-11-01 00:00:00', null);
    action('R5', 'A5', 'revoke_monetization', '2023-01-01 00:00:00');
    kit.account({ account_id: 'A6', monetization_enabled: 0 }); // never monetised
    action('B6', 'A6', 'ban', '2024-11-01 00:00:00', '2024-11-02 00:00:00');
    kit.account({ account_id: 'A7', monetization_enabled: 1 });
    action('B7', 'A7', 'ban', '2024-11-01 10:00:00', '2024-11-01 11:00:00'); // under a day counts as 1 → needs 2
    action('S7', 'A7', 'suspend_monetization', '2024-11-01 10:00:00', '2024-11-03 10:00:00');
    expect(await kit.entities('monetization.ban_not_suspended')).toEqual(['A2', 'A3', 'A4']);
  });
});
