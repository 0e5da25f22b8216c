import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

const action = (id: string, account: string, kind: string, start: string, extra: Record<string, string | number> = {}) =>
  kit.insert('enforcement_actions', { action_id: id, account_id: account, action: kind, start_at: start, ...extra });

describe('enforcement.rumor_not_closed', () => {
  it('needs close, blacklist (action or entry by account or identity_key) and a reported close', async () => {
    kit.account({ account_id: 'A1' }); // nothing done
    action('R1', 'A1', 'warning', '2024-10-01 00:00:00', { reason: 'rumor_making' });
    kit.account({ account_id: 'A2' }); // complete, blacklist entry by identity_key, close before the period
    action('R2', 'A2', 'ban', '2024-10-02 00:00:00', { reason: 'rumor_making' });
    action('C2', 'A2', 'close', '2024-09-01 00:00:00', { reason: 'rumor_making', reported: 1 });
    kit.insert('blacklist', { entry_id: 'B2', identity_key: 'K-S-A2', listed_at: '2024-10-03 00:00:00' });
    kit.account({ account_id: 'A3' }); // closed and blacklisted but not reported
    action('R3', 'A3', 'close', '2024-10-02 00:00:00', { reason: 'rumor_making', reported: 0 });
    action('BL3', 'A3', 'blacklist', '2024-10-02 00:00:00', { reason: 'rumor_making' });
    kit.account({ account_id: 'A4' }); // rumour action before the period
    action('R4', 'A4', 'warning', '2024-09-30 23:59:59', { reason: 'rumor_making' });
    const found = await kit.run(['enforcement.rumor_not_closed']);
    expect(found.map((f) => (f.entity.type === 'account' ? f.entity.id : '')).sort()).toEqual(['A1', 'A3']);
    const a1 = found.find((f) => f.entity.type === 'account' && f.entity.id === 'A1')!;
    expect(a1.explanation).toContain('未关闭账号');
    expect(a1.explanation).toContain('未列入黑名单');
    const a3 = found.find((f) => f.entity.type === 'account' && f.entity.id === 'A3')!;
    expect(a3.explanation).toContain('未报告');
    expect(a3.explanation).not.toContain('未列入黑名单');
  });
});
