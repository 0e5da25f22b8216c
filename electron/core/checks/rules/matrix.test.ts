import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFiling } from '../engine';
import { createKit, type Kit } from '../test-kit';
import type { RuleContext } from '../types';
import { matrixCoordinatedDuplicates } from './matrix';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

// 30 normalised characters; each variant changes the last character (3-gram Jaccard 27/29 ≈ 0.93).
const BASE = '今天我们来聊一聊这个城市里最受欢迎的早餐店究竟好在哪里';
const post = (id: string, account: string, at: string, text: string) =>
  kit.insert('contents', { content_id: id, account_id: account, published_at: at, title: null, text });

describe('matrix.coordinated_duplicates', () => {
  it('three accounts, near-duplicates, within exactly 24 hours, whatever the period; punctuation ignored', async () => {
    for (const a of ['A1', 'A2', 'A3']) kit.account({ account_id: a });
    post('C1', 'A1', '2023-01-01 00:00:00', `${BASE}甲`);
    post('C2', 'A2', '2023-01-01 12:00:00', `${BASE}乙！`);
    post('C3', 'A3', '2023-01-02 00:00:00', `【${BASE}】丙`);
    const found = await kit.run(['matrix.coordinated_duplicates']);
    expect(found.map((f) => f.entity)).toEqual([{ type: 'account_group', ids: ['A1', 'A2', 'A3'] }]);
  });
  it('near misses: 24 h + 1 s apart, only two accounts, or a text under 20 characters', async () => {
    for (const a of ['A1', 'A2', 'A3', 'B1', 'B2', 'D1', 'D2', 'D3']) kit.account({ account_id: a });
    post('C1', 'A1', '2024-01-01 00:00:00', `${BASE}甲`);
    post('C2', 'A2', '2024-01-01 12:00:00', `${BASE}乙`);
    post('C3', 'A3', '2024-01-02 00:00:01', `${BASE}丙`);
    post('E1', 'B1', '2024-03-01 00:00:00', `${BASE}甲`);
    post('E2', 'B2', '2024-03-01 01:00:00', `${BASE}乙`);
    post('E3', 'B2', '2024-03-01 02:00:00', `${BASE}丙`);
    const short = '一二三四五六七八九十一二三四五六七八九'; // 19 characters
    post('F1', 'D1', '2024-05-01 00:00:00', short);
    post('F2', 'D2', '2024-05-01 00:00:00', short);
    post('F3', 'D3', '2024-05-01 00:00:00', short);
    expect(await kit.entities('matrix.coordinated_duplicates')).toEqual([]);
  });
  it('links through chains and respects the 0.8 boundary', async () => {
    for (const a of ['A1', 'A2', 'A3', 'A4']) kit.account({ account_id: a });
    // 23 characters → 21 grams. Changing the last 2 characters leaves 19 shared of 23 → 0.826; changing the last 3: 18/24 = 0.75.
    const base = '一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾甲乙丙';
    post('C1', 'A1', '2024-01-01 00:00:00', base);
    post('C2', 'A2', '2024-01-01 01:00:00', `${base.slice(0, 21)}子丑`);
    post('C3', 'A3', '2024-01-01 02:00:00', `${base.slice(0, 21)}寅卯`);
    post('C4', 'A4', '2024-01-01 03:00:00', `${base.slice(0, 20)}辰巳午`);
    expect(await kit.entities('matrix.coordinated_duplicates')).toEqual(['A1,A2,A3']);
  });
  it('names the lowest similarity among the linked pairs of the burst', async () => {
    for (const a of ['A1', 'A2', 'A3']) kit.account({ account_id: a });
    // 23 characters → 21 grams. One character changed: 20 / 22 ≈ 0.909; two: 19 / 23 ≈ 0.826.
    const base = '一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾甲乙丙';
    post('C1', 'A1', '2024-01-01 00:00:00', base);
    post('C2', 'A2', '2024-01-01 01:00:00', `${base.slice(0, 22)}子`);
    post('C3', 'A3', '2024-01-01 02:00:00', `${base.slice(0, 21)}寅卯`);
    const [finding] = await kit.run(['matrix.coordinated_duplicates']);
    expect(finding.explanation).toContain('（最低 0.826）');
  });
  it('reports how many contents it has compared, for the progress bar of a long run', async () => {
    kit.account({ account_id: 'A1' });
    for (let i = 0; i < 3; i++) post(`C${i}`, 'A1', `2024-01-01 0${i}:00:00`, `${BASE}${i}`);
    const details: string[] = [];
    const rc: RuleContext = {
      db: kit.ws.raw,
      filing: loadFiling(kit.ctx, kit.filingId),
      reference: { licenses: new Map(), lexicon: [], licensesName: '', lexiconName: '' },
      names: () => {
        throw new Error('not used by this rule');
      },
      job: { throwIfCancelled: () => {} },
      progress: (detail) => details.push(detail),
    };
    await matrixCoordinatedDuplicates.run(rc);
    expect(details[0]).toBe('已比对 0 / 3 条内容');
  });
});

describe('matrix.shared_identifiers', () => {
  it('phone, device and payment links combine; ≥ 3 accounts and ≥ 2 identity keys; closed accounts count', async () => {
    kit.account({ account_id: 'A1' });
    kit.account({ account_id: 'A2', status: 'closed' });
    kit.account({ account_id: 'A3' });
    kit.insert('account_identifiers', { account_id: 'A1', kind: 'phone', value_hash: 'h1' });
    kit.insert('account_identifiers', { account_id: 'A2', kind: 'phone', value_hash: 'h1' });
    kit.insert('account_identifiers', { account_id: 'A2', kind: 'payment', value_hash: 'p1' });
    kit.insert('account_identifiers', { account_id: 'A3', kind: 'payment', value_hash: 'p1' });
    // ip and email never link
    kit.account({ account_id: 'B1' });
    kit.account({ account_id: 'B2' });
    kit.account({ account_id: 'B3' });
    for (const a of ['B1', 'B2', 'B3']) kit.insert('account_identifiers', { account_id: a, kind: 'ip', value_hash: 'ip1' });
    // one real subject only
    kit.subject({ subject_id: 'S', identity_key: 'K' });
    for (const a of ['D1', 'D2', 'D3']) {
      kit.account({ account_id: a, subject_id: 'S' });
      kit.insert('account_identifiers', { account_id: a, kind: 'device', value_hash: 'd1' });
    }
    expect(await kit.entities('matrix.shared_identifiers')).toEqual(['A1,A2,A3']);
  });
});
