import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

describe('account.reregistered', () => {
  it('fires after a blacklist entry by identity_key, strictly after', async () => {
    kit.insert('blacklist', { entry_id: 'B1', identity_key: 'K-S1', listed_at: '2024-05-01 10:00:00' });
    kit.subject({ subject_id: 'S1' });
    kit.account({ account_id: 'A1', subject_id: 'S1', registered_at: '2024-05-01 10:00:01' });
    kit.account({ account_id: 'A2', subject_id: 'S1', registered_at: '2024-05-01 10:00:00' }); // same second: not after
    expect(await kit.entities('account.reregistered')).toEqual(['A1']);
  });
  it('fires on the normalised display name of a closed account with a close action', async () => {
    kit.account({ account_id: 'OLD', display_name: '老 王 说事！', status: 'closed', closed_at: '2024-03-01 00:00:00' });
    kit.insert('enforcement_actions', { action_id: 'X1', account_id: 'OLD', action: 'close', start_at: '2024-03-01 00:00:00' });
    kit.account({ account_id: 'NEW', display_name: '老王说事', registered_at: '2024-06-01 00:00:00' });
    // near miss: a closed account without a close action is no closure
    kit.account({ account_id: 'OLD2', display_name: '小李', status: 'closed', closed_at: '2024-03-01 00:00:00' });
    kit.account({ account_id: 'NEW2', display_name: '小李', registered_at: '2024-06-01 00:00:00' });
    expect(await kit.entities('account.reregistered')).toEqual(['NEW']);
  });
});

describe('account.dormant', () => {
  it('active with last activity before end − 6 months (calendar, clamped)', async () => {
    await kit.close();
    kit = await createKit({ start: '2024-09-01', end: '2025-08-31' });
    kit.account({ account_id: 'A1', last_active_at: '2025-02-27 23:59:59' }); // before 2025-02-28
    kit.account({ account_id: 'A2', last_active_at: '2025-02-28 00:00:00' }); // on the cut-off day: not before
    kit.account({ account_id: 'A3', last_active_at: null });
    kit.account({ account_id: 'A4', last_active_at: '2024-01-01 00:00:00', status: 'banned' });
    expect(await kit.entities('account.dormant')).toEqual(['A1']);
  });
});
