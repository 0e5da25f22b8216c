import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKit, type Kit } from '../test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await createKit({ start: '2024-10-01', end: '2024-12-31' });
});
afterEach(() => kit.close());

const c = (id: string, account: string, row: Record<string, string | number | null> = {}) =>
  kit.insert('contents', { content_id: id, account_id: account, published_at: '2024-11-01 12:00:00', ...row });

describe('content label rules', () => {
  it('content.ai_unlabeled: in the period, label not true; closed accounts included', async () => {
    kit.account({ account_id: 'A1', status: 'closed' });
    c('C1', 'A1', { ai_generated: 1, ai_label: null });
    kit.account({ account_id: 'A2' });
    c('C2', 'A2', { ai_generated: 1, ai_label: 1 });
    c('C3', 'A2', { ai_generated: 1, ai_label: 0, published_at: '2025-01-01 00:00:00' });
    const found = await kit.run(['content.ai_unlabeled']);
    expect(found.map((f) => f.entity)).toEqual([{ type: 'account', id: 'A1' }]);
    expect(found[0].explanation).toContain('1 条');
  });
  it('content.source_unlabeled: current-affairs topics with empty source label', async () => {
    kit.account({ account_id: 'A1' });
    c('C1', 'A1', { topic: 'social_event', source_label: null });
    kit.account({ account_id: 'A2' });
    c('C2', 'A2', { topic: 'social_event', source_label: '新华社' });
    c('C3', 'A2', { topic: 'entertainment', source_label: null });
    expect(await kit.entities('content.source_unlabeled')).toEqual(['A1']);
  });
  it('content.fiction_unlabeled: fictional without fiction label', async () => {
    kit.account({ account_id: 'A1' });
    c('C1', 'A1', { fictional: 1, fiction_label: 0 });
    kit.account({ account_id: 'A2' });
    c('C2', 'A2', { fictional: 1, fiction_label: 1 });
    c('C3', 'A2', { fictional: 0 });
    expect(await kit.entities('content.fiction_unlabeled')).toEqual(['A1']);
  });
});

describe('content walk shared by the rules of a run', () => {
  it('rules run together find what each finds alone', async () => {
    kit.account({ account_id: 'A1' });
    c('C1', 'A1', { ai_generated: 1, ai_label: 0, topic: 'social_event', source_label: null });
    c('C2', 'A1', { fictional: 1, fiction_label: null, topic: 'finance' });
    kit.account({ account_id: 'A2' });
    for (const id of ['D1', 'D2', 'D3']) c(id, 'A2', { topic: 'medical' });
    c('D4', 'A2', { topic: 'politics' });
    const rules = ['content.ai_unlabeled', 'content.source_unlabeled', 'content.fiction_unlabeled', 'content.uncredentialed_domain', 'news.unlicensed_publishing'];
    const together = (await kit.run(rules)).map((f) => `${f.ruleId}:${f.entity.type === 'account' ? f.entity.id : ''}`).sort();
    const alone: string[] = [];
    for (const rule of rules) alone.push(...(await kit.entities(rule)).map((id) => `${rule}:${id}`));
    expect(together).toEqual(alone.sort());
    expect(together).toEqual([
      'content.ai_unlabeled:A1', 'content.fiction_unlabeled:A1', 'content.source_unlabeled:A1', 'content.source_unlabeled:A2',
      'content.uncredentialed_domain:A2', 'news.unlicensed_publishing:A2',
    ]);
  });
});

describe('account.category_mismatch', () => {
  it('fires at exactly 50 % of non-other contents outside the category, with 5 contents', async () => {
    kit.account({ account_id: 'A1', content_category: 'education' });
    c('C1', 'A1', { topic: 'education' });
    c('C2', 'A1', { topic: 'entertainment' });
    c('C3', 'A1', { topic: 'other' });
    c('C4', 'A1', { topic: 'education' });
    c('C5', 'A1', { topic: 'politics' });
    // near miss: 4 contents only
    kit.account({ account_id: 'A2', content_category: 'education' });
    for (const id of ['D1', 'D2', 'D3', 'D4']) c(id, 'A2', { topic: 'politics' });
    // near miss: 2 of 5 outside
    kit.account({ account_id: 'A3', content_category: 'technology' });
    for (const [id, topic] of [['E1', 'lifestyle'], ['E2', 'entertainment'], ['E3', 'lifestyle'], ['E4', 'politics'], ['E5', 'finance']]) c(id, 'A3', { topic });
    // all other: no finding; category other: no check
    kit.account({ account_id: 'A4', content_category: 'education' });
    for (const id of ['F1', 'F2', 'F3', 'F4', 'F5']) c(id, 'A4', { topic: 'other' });
    kit.account({ account_id: 'A5', content_category: 'other' });
    for (const id of ['G1', 'G2', 'G3', 'G4', 'G5']) c(id, 'A5', { topic: 'politics' });
    expect(await kit.entities('account.category_mismatch')).toEqual(['A1']);
  });
});
