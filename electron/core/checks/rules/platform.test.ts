import { afterEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit | undefined;
afterEach(() => kit?.close());

describe('transfer.unapproved', () => {
  it('not approved, approved after effect, or not disclosed', async () => {
    kit = await createKit();
    kit.account({ account_id: 'A1' });
    const t = (id: string, approved: string | null, disclosed: number | null) =>
      kit!.insert('account_transfers', { transfer_id: id, account_id: 'A1', approved_at: approved, effective_at: '2024-11-01 10:00:00', disclosed });
    t('T1', null, 1);
    t('T2', '2024-11-01 10:00:01', 1);
    t('T3', '2024-11-01 10:00:00', 1); // approved at the moment of effect: fine
    t('T4', '2024-10-01 00:00:00', null);
    expect(await kit.entities('transfer.unapproved')).toEqual(['T1', 'T2', 'T4']);
  });
});

describe('complaint.overdue', () => {
  it('open: date of received + d before end; resolved: more than d × 24 h', async () => {
    kit = await createKit({ end: '2024-12-31', complaintDeadlineDays: 15 });
    const c = (id: string, received: string, resolved: string | null) => kit!.insert('complaints', { complaint_id: id, received_at: received, resolved_at: resolved });
    c('O1', '2024-12-15 23:00:00', null); // due date 12-30 < 12-31
    c('O2', '2024-12-16 00:00:00', null); // due date 12-31: not before end
    c('R1', '2024-11-01 10:00:00', '2024-11-16 10:00:01');
    c('R2', '2024-11-01 10:00:00', '2024-11-16 10:00:00'); // exactly 15 × 24 h
    expect(await kit.entities('complaint.overdue')).toEqual(['O1', 'R1']);
  });
  it('without a deadline only platform.complaint_deadline_missing applies', async () => {
    kit = await createKit({ complaintDeadlineDays: null });
    kit.insert('complaints', { complaint_id: 'O1', received_at: '2020-01-01 00:00:00', resolved_at: null });
    expect(await kit.entities('complaint.overdue')).toEqual([]);
    expect(await kit.entities('platform.complaint_deadline_missing')).toEqual(['P001']);
  });
  it('platform.complaint_deadline_missing near miss: a deadline is present', async () => {
    kit = await createKit({ complaintDeadlineDays: 0 });
    expect(await kit.entities('platform.complaint_deadline_missing')).toEqual([]);
  });
});

describe('platform.documents_missing', () => {
  it('one finding per missing kind; other documents do not count', async () => {
    kit = await createKit({ documents: ['platform_convention', 'other'] });
    expect(await kit.entities('platform.documents_missing')).toEqual(['P001:management_rules', 'P001:service_agreement']);
  });
  it('near miss: all three kinds present', async () => {
    kit = await createKit({ documents: ['management_rules', 'platform_convention', 'service_agreement'] });
    expect(await kit.entities('platform.documents_missing')).toEqual([]);
  });
});
