import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileHit } from '@shared/api/profiles';
import { createTestServices } from '../test-support';
import type { Services } from '../services';
import { ensureNameIndex, nameMatchSql } from './name-index';
import { addAccount, addFiling, addFinding, addRun, addSubject } from './test-fixture';

let services: Services;
let cleanup: () => Promise<void>;
let db: Services['context']['ws']['raw'];

beforeEach(async () => {
  const t = await createTestServices();
  services = t.services;
  cleanup = t.cleanup;
  db = services.context.ws.raw;
});
afterEach(() => cleanup());

/** A service call as a promise, so a synchronous throw is a rejection. */
const later = <T>(call: () => T | Promise<T>): Promise<T> => Promise.resolve().then(call);

/** Every page of a search, following the cursor. */
async function allPages(args: { query: string; kind?: 'account' | 'subject'; filingId?: number; limit: number }): Promise<ProfileHit[]> {
  const hits: ProfileHit[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await services.api.profiles.search({ kind: 'account', ...args, cursor });
    expect(result.items.length).toBeLessThanOrEqual(args.limit);
    hits.push(...result.items);
    if (!result.nextCursor) return hits;
    cursor = result.nextCursor;
  }
  throw new Error('search never ended');
}

describe('profiles.search', () => {
  beforeEach(() => {
    addFiling(db, 1);
    addSubject(db, 1, 'S1', '张*', 'IKAAA111');
    addSubject(db, 1, 'S2', '晴天文化传媒有限公司', 'IKBBB222', 'enterprise');
    addAccount(db, 1, 'A100', 'S1', '晴天跑步中');
    addAccount(db, 1, 'A101', 'S1', '小晴天跑步');
    addAccount(db, 1, 'A200', 'S2', '雨天跑步');
    addAccount(db, 1, 'A300', 'S2', '晴天的Vlog');
  });

  it('finds accounts whose id starts with the query, and only those', async () => {
    const { items } = await services.api.profiles.search({ query: 'A10', kind: 'account', limit: 50 });
    expect(items.map((h) => [h.entityId, h.matchedBy])).toEqual([['A100', 'id'], ['A101', 'id']]);
    expect(items[0]).toMatchObject({ name: '晴天跑步中', subjectName: '张*', identityKey: 'IKAAA111', statusLabel: '正常', filing: { id: 1 } });
    expect((await services.api.profiles.search({ query: 'A4', kind: 'account', limit: 50 })).items).toEqual([]);
  });

  it('finds names containing three or more characters through the trigram index, not near misses', async () => {
    const { items } = await services.api.profiles.search({ query: '晴天跑', kind: 'account', limit: 50 });
    expect(items.map((h) => h.entityId).sort()).toEqual(['A100', 'A101']);
    expect(items.every((h) => h.matchedBy === 'name')).toBe(true);
  });

  it('finds one- and two-character fragments and Latin letters in any case', async () => {
    const twoChars = await services.api.profiles.search({ query: '晴天', kind: 'account', limit: 50 });
    expect(twoChars.items.map((h) => h.entityId).sort()).toEqual(['A100', 'A101', 'A300']);
    const latin = await services.api.profiles.search({ query: 'vlog', kind: 'account', limit: 50 });
    expect(latin.items.map((h) => h.entityId)).toEqual(['A300']);
    const latinShort = await services.api.profiles.search({ query: 'VL', kind: 'account', limit: 50 });
    expect(latinShort.items.map((h) => h.entityId)).toEqual(['A300']);
  });

  it('pages with a cursor through id matches then name matches, each account once', async () => {
    // A102's id starts with 'A1' and its name contains 'A1': it must come once, from the id phase.
    addAccount(db, 1, 'A102', 'S1', '天天A102');
    const everything = await allPages({ query: 'A1', limit: 50 });
    const paged = await allPages({ query: 'A1', limit: 1 });
    expect(paged.map((h) => h.entityId)).toEqual(everything.map((h) => h.entityId));
    expect(everything.map((h) => [h.entityId, h.matchedBy])).toEqual([['A100', 'id'], ['A101', 'id'], ['A102', 'id']]);
    const byName = await allPages({ query: '天', limit: 2 });
    expect(new Set(byName.map((h) => h.entityId)).size).toBe(byName.length);
    expect(byName.map((h) => h.entityId).sort()).toEqual(['A100', 'A101', 'A102', 'A200', 'A300']);
  });

  it('finds subjects by subject_id prefix, identity_key prefix and name, with their account counts', async () => {
    const byKey = await services.api.profiles.search({ query: 'IKBBB', kind: 'subject', limit: 50 });
    expect(byKey.items.map((h) => [h.entityId, h.matchedBy, h.accountCount, h.subjectTypeLabel])).toEqual([['S2', 'id', 2, '企业']]);
    const byId = await services.api.profiles.search({ query: 'S', kind: 'subject', limit: 1 });
    expect(byId.items.map((h) => h.entityId)).toEqual(['S1']);
    const rest = await services.api.profiles.search({ query: 'S', kind: 'subject', limit: 1, cursor: byId.nextCursor! });
    expect(rest.items.map((h) => h.entityId)).toEqual(['S2']);
    const byName = await services.api.profiles.search({ query: '文化传媒', kind: 'subject', limit: 50 });
    expect(byName.items.map((h) => [h.entityId, h.matchedBy])).toEqual([['S2', 'name']]);
    expect((await services.api.profiles.search({ query: 'IKC', kind: 'subject', limit: 50 })).items).toEqual([]);
  });

  it('keeps to one filing when asked and spans all filings otherwise', async () => {
    addFiling(db, 2, { platform: '另一平台' });
    addSubject(db, 2, 'S9', '李*', 'IKAAA111');
    addAccount(db, 2, 'B1', 'S9', '晴天跑步中');
    const all = await services.api.profiles.search({ query: '晴天跑步中', kind: 'account', limit: 50 });
    expect(all.items.map((h) => `${h.filing.id}/${h.entityId}`)).toEqual(['1/A100', '2/B1']);
    const one = await services.api.profiles.search({ query: '晴天跑步中', kind: 'account', filingId: 2, limit: 50 });
    expect(one.items.map((h) => `${h.filing.id}/${h.entityId}`)).toEqual(['2/B1']);
  });

  it('counts the present findings of each hit', async () => {
    const run = addRun(db, 1);
    addFinding(db, 1, run, { ruleId: 'agreement.unsigned', accountId: 'A100' });
    addFinding(db, 1, run, { ruleId: 'account.dormant', accountId: 'A100', present: false });
    const { items } = await services.api.profiles.search({ query: 'A100', kind: 'account', limit: 5 });
    expect(items[0].findingCount).toBe(1);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(later(() => services.api.profiles.search({ query: 'A', kind: 'account', limit: 5, cursor: '{"phase":"x"}' }))).rejects.toThrow(/翻页位置无效/);
  });
});

describe('name index', () => {
  it('indexes a filing once, and goes away with its filing', async () => {
    addFiling(db, 1);
    addSubject(db, 1, 'S1', '晴天传媒', 'IK1');
    addAccount(db, 1, 'A1', 'S1', '晴天日记本');
    expect(ensureNameIndex(db, 1)).toBe(2);
    expect(ensureNameIndex(db, 1)).toBe(0);
    const match = nameMatchSql('晴天日', 1);
    expect(db.prepare(`SELECT kind, entity_id, identity_key FROM (${match.sql})`).all(match.params)).toEqual([{ kind: 'account', entity_id: 'A1', identity_key: 'IK1' }]);
    await services.api.filings.delete({ id: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM name_search_rows').get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT count(*) AS n FROM name_search WHERE name_search MATCH '"晴天日"'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM name_search_filings').get()).toEqual({ n: 0 });
  });

  it('treats FTS syntax in a query as plain text', async () => {
    addFiling(db, 1);
    addSubject(db, 1, 'S1', '某*', 'IK1');
    addAccount(db, 1, 'A1', 'S1', '说"真话"OR NOT');
    const { items } = await services.api.profiles.search({ query: '"真话"OR', kind: 'account', limit: 5 });
    expect(items.map((h) => h.entityId)).toEqual(['A1']);
  });
});

describe('profiles.account', () => {
  beforeEach(() => {
    addFiling(db, 1);
    addSubject(db, 1, 'S1', '张*', 'IK1');
    addAccount(db, 1, 'A1', 'S1', '主账号', { followers: 5000 });
    addAccount(db, 1, 'A2', 'S1', '小号一');
    addAccount(db, 1, 'A3', 'S1', '小号二');
    const ident = db.prepare(`INSERT INTO account_identifiers (filing_id, account_id, kind, value_hash, src_row) VALUES (1, ?, ?, ?, 1)`);
    ident.run('A1', 'phone', 'H-PHONE');
    ident.run('A2', 'phone', 'H-PHONE');
    ident.run('A3', 'phone', 'H-PHONE');
    ident.run('A1', 'device', 'H-DEVICE-ONLY');
    const action = db.prepare(
      `INSERT INTO enforcement_actions (filing_id, action_id, account_id, action, reason, start_at, end_at, reported, src_row) VALUES (1, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    action.run('E2', 'A1', 'ban', 'rumor_making', '2024-11-10 08:00:00', '2024-11-17 08:00:00', 0);
    action.run('E1', 'A1', 'warning', 'vulgar', '2024-10-05 08:00:00', null, 1);
    action.run('E3', 'A2', 'close', 'matrix', '2024-10-01 08:00:00', null, 1);
    const day = db.prepare('INSERT INTO follower_daily (filing_id, account_id, date, followers, src_row) VALUES (1, ?, ?, ?, 1)');
    day.run('A1', '2024-10-02', 4900);
    day.run('A1', '2024-10-01', 4800);
    db.prepare(`INSERT INTO mcn_orgs (filing_id, mcn_id, name, status, measures, src_row) VALUES (1, 'M1', '星光传媒', 'suspended', '["restrict_service"]', 1)`).run();
    db.prepare(`INSERT INTO mcn_contracts (filing_id, mcn_id, account_id, signed_at, src_row) VALUES (1, 'M1', 'A1', '2024-01-01 00:00:00', 1)`).run();
    const content = db.prepare(`INSERT INTO contents (filing_id, content_id, account_id, published_at, title, text, topic, ai_generated, rumor_label, src_row) VALUES (1, ?, 'A1', ?, ?, '正文', 'politics', ?, ?, 1)`);
    content.run('C1', '2024-10-03 10:00:00', '第一条', 1, 0);
    content.run('C2', '2024-10-04 10:00:00', '第二条', 0, 1);
    content.run('C3', '2024-10-04 10:00:00', '第三条', 0, 0);
    const run = addRun(db, 1);
    addFinding(db, 1, run, { ruleId: 'agreement.unsigned', severity: 'low', accountId: 'A1', identityKey: 'IK1' });
    addFinding(db, 1, run, { ruleId: 'matrix.shared_identifiers', severity: 'high', groupIds: ['A2', 'A1'] });
    addFinding(db, 1, run, { ruleId: 'matrix.shared_identifiers', severity: 'high', groupIds: ['A2', 'A3'] });
    addFinding(db, 1, run, { ruleId: 'subject.account_cap', severity: 'medium', identityKey: 'IK1' });
    addFinding(db, 1, run, { ruleId: 'account.dormant', accountId: 'A1', present: false });
  });

  it('labels attributes in Chinese and displays enumerations and booleans as the inspector reads them', async () => {
    const p = await services.api.profiles.account({ filingId: 1, accountId: 'A1' });
    const attr = Object.fromEntries(p.attributes.map((a) => [a.label, a.value]));
    expect(attr).toMatchObject({ 账号ID: 'A1', 账号名称: '主账号', 内容生产类别: '生活', 账号状态: '正常', 已签署服务协议: '是', 粉丝数: '5000', 简介: null });
    expect(p.subject).toMatchObject({ subjectId: 'S1', identityKey: 'IK1', subjectTypeLabel: '个人', accountCount: 3, filingCount: 1 });
    expect(p.subject!.attributes.find((a) => a.name === 'verification_methods')!.value).toBe('手机号、人脸');
    expect(p.mcnContracts).toEqual([{ mcnId: 'M1', name: '星光传媒', statusLabel: '暂停服务', measures: '限制服务', signedAt: '2024-01-01 00:00:00', endedAt: null }]);
  });

  it('counts the other accounts sharing each identifier and names them', async () => {
    const p = await services.api.profiles.account({ filingId: 1, accountId: 'A1' });
    expect(p.identifiers).toEqual([
      { kind: 'phone', kindLabel: '手机号', valueHash: 'H-PHONE', otherCount: 2, others: [{ accountId: 'A2', displayName: '小号一' }, { accountId: 'A3', displayName: '小号二' }] },
      { kind: 'device', kindLabel: '设备', valueHash: 'H-DEVICE-ONLY', otherCount: 0, others: [] },
    ]);
  });

  it('lists its enforcement in time order, its follower series by date, and only its own', async () => {
    const p = await services.api.profiles.account({ filingId: 1, accountId: 'A1' });
    expect(p.enforcement.map((e) => [e.actionId, e.actionLabel, e.reasonLabel, e.reported])).toEqual([
      ['E1', '警示提醒', '低俗', true],
      ['E2', '禁言', '制作发布谣言', false],
    ]);
    expect(p.enforcementTotal).toBe(2);
    expect(p.followerSeries).toEqual([{ date: '2024-10-01', followers: 4800 }, { date: '2024-10-02', followers: 4900 }]);
  });

  it('gathers present findings by account, by account group membership and by subject', async () => {
    const p = await services.api.profiles.account({ filingId: 1, accountId: 'A1' });
    expect(p.findings.map((f) => [f.ruleId, f.via])).toEqual([
      ['matrix.shared_identifiers', 'group'],
      ['subject.account_cap', 'subject'],
      ['agreement.unsigned', 'account'],
    ]);
    expect(p.findingsTotal).toBe(3);
    const other = await services.api.profiles.account({ filingId: 1, accountId: 'A3' });
    expect(other.findings.map((f) => f.via)).toEqual(['group', 'subject']);
  });

  it('pages contents newest first by keyset', async () => {
    const first = await services.api.profiles.contents({ filingId: 1, accountId: 'A1', limit: 2 });
    expect(first.items.map((c) => c.contentId)).toEqual(['C3', 'C2']);
    expect(first.items[1].flags).toEqual(['谣言标签']);
    expect(first.items[0].topicLabel).toBe('时政');
    const second = await services.api.profiles.contents({ filingId: 1, accountId: 'A1', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => [c.contentId, c.flags])).toEqual([['C1', ['技术生成']]]);
    expect(second.nextCursor).toBeNull();
    expect((await services.api.profiles.account({ filingId: 1, accountId: 'A1' })).contentsTotal).toBe(3);
  });

  it('says which account is missing', async () => {
    await expect(later(() => services.api.profiles.account({ filingId: 1, accountId: 'NOPE' }))).rejects.toThrow(/没有账号 NOPE/);
  });
});

describe('profiles.subject', () => {
  it('lists every account of an identity_key across filings, and its findings', async () => {
    addFiling(db, 1, { periodEnd: '2024-06-30' });
    addFiling(db, 2, { periodEnd: '2024-12-31' });
    addSubject(db, 1, 'S1', '王*', 'IKX');
    addSubject(db, 2, 'S7', '王某', 'IKX');
    addSubject(db, 2, 'S8', '别人', 'IKY');
    addAccount(db, 1, 'A1', 'S1', '老账号');
    addAccount(db, 2, 'A5', 'S7', '新账号一');
    addAccount(db, 2, 'A6', 'S7', '新账号二');
    addAccount(db, 2, 'A9', 'S8', '别人的号');
    const run = addRun(db, 2);
    addFinding(db, 2, run, { ruleId: 'subject.account_cap', identityKey: 'IKX' });
    addFinding(db, 2, run, { ruleId: 'agreement.unsigned', accountId: 'A5' });
    const p = await services.api.profiles.subject({ identityKey: 'IKX' });
    expect(p.records.map((r) => [r.filing.id, r.subjectId, r.name, r.accountCount])).toEqual([[2, 'S7', '王某', 2], [1, 'S1', '王*', 1]]);
    expect(p.accounts.map((a) => [a.filing.id, a.accountId, a.findingCount])).toEqual([[2, 'A5', 1], [2, 'A6', 0], [1, 'A1', 0]]);
    expect(p.accountsTotal).toBe(3);
    expect(p.findings.map((f) => [f.ruleId, f.via])).toEqual([['subject.account_cap', 'subject']]);
    await expect(later(() => services.api.profiles.subject({ identityKey: 'IKZ' }))).rejects.toThrow(/IKZ/);
  });
});
