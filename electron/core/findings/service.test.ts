import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../checks/test-kit';
import { createFindingsService } from './service';

let kit: Kit;
let findings: ReturnType<typeof createFindingsService>;
let ids: number[];
beforeEach(async () => {
  kit = await createKit();
  for (const id of ['A1', 'A2', 'A3']) kit.account({ account_id: id, agreement_signed: 0 });
  ids = (await kit.run(['agreement.unsigned'])).map((f) => f.id);
  findings = createFindingsService(kit.ctx);
});
afterEach(() => kit.close());

describe('findings review workflow', () => {
  it('dismiss requires a reason', () => {
    expect(() => findings.review({ ids: [ids[0]], action: 'dismiss' })).toThrow('理由');
  });

  it('bulk confirm, rectify, reopen with history and audit entries', async () => {
    expect(await findings.review({ ids, action: 'confirm', note: '已电话核实' })).toEqual({ updated: 3, status: 'confirmed' });
    await findings.review({ ids: [ids[0]], action: 'rectify' });
    await findings.review({ ids: [ids[1]], action: 'dismiss', reason: '平台已补签' });
    const detail = await findings.get({ id: ids[1] });
    expect(detail.status).toBe('dismissed');
    expect(detail.dismissReason).toBe('平台已补签');
    expect(detail.note).toBe('已电话核实');
    expect(detail.history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
      ['confirm', 'pending', 'confirmed'],
      ['dismiss', 'confirmed', 'dismissed'],
    ]);
    await findings.review({ ids: [ids[1]], action: 'reopen' });
    expect((await findings.get({ id: ids[1] })).dismissReason).toBeNull();
    const audit = kit.ctx.audit.list({ limit: 10 });
    expect(audit.filter((a) => a.action === 'findings.review')).toHaveLength(4);
  });

  it('a batch with one refused transition changes nothing', async () => {
    await findings.review({ ids: [ids[0]], action: 'confirm' });
    expect(() => findings.review({ ids, action: 'rectify' })).toThrow('整批未做任何修改');
    expect((await findings.get({ id: ids[1] })).status).toBe('pending');
    expect((await findings.get({ id: ids[0] })).status).toBe('confirmed');
  });

  it('lists with filters and keyset paging; counts by rule, severity and status; notes', async () => {
    await findings.review({ ids: [ids[0]], action: 'confirm' });
    const page1 = await findings.list({ filingId: kit.filingId, limit: 2, includeGone: false });
    expect(page1.items).toHaveLength(2);
    const page2 = await findings.list({ filingId: kit.filingId, limit: 2, includeGone: false, after: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect((await findings.list({ filingId: kit.filingId, statuses: ['confirmed'], limit: 10, includeGone: false })).items.map((f) => f.id)).toEqual([ids[0]]);
    expect(await findings.counts({ filingId: kit.filingId })).toEqual({
      total: 3,
      byRule: { 'agreement.unsigned': 3 },
      bySeverity: { low: 3 },
      byStatus: { confirmed: 1, pending: 2 },
    });
    const noted = await findings.setNote({ id: ids[2], note: '待平台回复' });
    expect(noted.note).toBe('待平台回复');
    expect((await findings.get({ id: ids[2] })).history.map((h) => h.action)).toEqual(['note']);
  });
});
