import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignInput } from '@shared/domain/campaigns';
import { dispatch } from '../dispatch';
import { createTestServices } from '../test-support';
import { eventDateSql, windowWeeks } from './attribution';
import { FILINGS, insertCampaignFixture } from './test-fixture';

let env: Awaited<ReturnType<typeof createTestServices>>;
beforeEach(async () => {
  env = await createTestServices();
});
afterEach(() => env.cleanup());

const api = () => env.services.api.campaigns;
/** Services may throw before returning a promise; the doors see both as a failed call. */
const later = <T>(call: () => T) => Promise.resolve().then(call);
const ql2024 = async () => (await api().list(undefined)).find((c) => c.code === 'QL2024')!;

const small: CampaignInput = {
  code: 'TEST-1',
  name: '测试行动',
  issuer: '省网信办',
  windowStart: '2024-10-01',
  windowEnd: '2024-10-31',
  scope: { platforms: [], filings: [] },
  categories: [{ code: 'a', name: '谣言', rules: [{ rule: 'enforcement.rumor_not_closed' }], reasons: ['rumor_making'] }],
};

describe('shipped QL2024', () => {
  it('is seeded once with the five categories and mappings of rules-v1', async () => {
    const c = await ql2024();
    expect(c.builtin).toBe(true);
    expect(c.categories.map((x) => [x.code, x.name, x.rules, x.reasons])).toEqual([
      ['1', '虚假不实新闻', [{ rule: 'enforcement.rumor_not_closed' }], ['fake_news', 'rumor_making']],
      ['2', '借舆论监督谋利', [], ['extortion']],
      ['3', '仿冒新闻单位、擅用新闻名称', [{ rule: 'name.news_word_unlicensed' }, { rule: 'name.impersonation_suspect', lexiconCategories: ['news_media'] }], ['impersonation']],
      ['4', '无证或超范围新闻服务', [{ rule: 'news.unlicensed_publishing' }, { rule: 'news.account_without_license' }], ['unlicensed_news']],
      ['5', '伪造倒卖出租许可', [{ rule: 'news.license_invalid' }], ['license_fraud']],
    ]);
  });

  it('does not come back after an inspector deletes it', async () => {
    const c = await ql2024();
    await api().remove({ id: c.id });
    const { createCampaignsService } = await import('./service');
    createCampaignsService(env.services.context);
    expect((await api().list(undefined)).some((x) => x.code === 'QL2024')).toBe(false);
  });
});

describe('statistics over the two-platform fixture', () => {
  beforeEach(() => insertCampaignFixture(env.services.context.ws.raw));

  it('uses the filings whose period overlaps the window, most recent first per platform', async () => {
    const s = await api().stats({ id: (await ql2024()).id });
    expect(s.filings.map((f) => f.id)).toEqual([FILINGS.F1, FILINGS.F1b, FILINGS.F2]);
    expect(s.platforms).toEqual([
      { platformId: 'P1', platformName: '甲平台' },
      { platformId: 'P2', platformName: '=乙平台' },
    ]);
  });

  it('counts findings per platform × category with events inside the window only', async () => {
    const s = await api().stats({ id: (await ql2024()).id });
    const cell = (p: string, c: string) => {
      const x = s.cells.find((y) => y.platformId === p && y.category === c)!;
      return [x.findings, x.confirmed, x.rectified, x.accounts];
    };
    expect(cell('P1', '1')).toEqual([1, 1, 0, 1]); // a (b is one second early)
    expect(cell('P1', '2')).toEqual([0, 0, 0, 0]);
    expect(cell('P1', '3')).toEqual([1, 0, 0, 1]); // g (h has no news_media term, j is gone)
    expect(cell('P1', '4')).toEqual([2, 1, 1, 1]); // c (rectified) and e, both account A3; k is e re-filed
    expect(cell('P1', '5')).toEqual([1, 1, 0, 1]); // l (f is dismissed)
    expect(cell('P2', '1')).toEqual([1, 1, 0, 1]); // n
    expect(cell('P2', '5')).toEqual([1, 0, 0, 1]); // m (p's filing is out of scope)
    expect(s.totals).toEqual({ findings: 7, confirmed: 4, rectified: 1, accounts: 6, actions: 8, actionAccounts: 5 });
    expect(s.platformTotals.map((p) => [p.platformId, p.findings, p.accounts, p.actions, p.actionAccounts])).toEqual([
      ['P1', 5, 4, 5, 3],
      ['P2', 2, 2, 3, 2],
    ]);
    expect(s.categoryTotals.map((c) => [c.category, c.findings, c.accounts, c.actions, c.actionAccounts])).toEqual([
      ['1', 2, 2, 4, 2],
      ['2', 0, 0, 2, 1],
      ['3', 1, 1, 0, 0],
      ['4', 2, 1, 1, 1],
      ['5', 2, 2, 1, 1],
    ]);
    expect(s.typicalCases).toBe(1);
  });

  it('counts enforcement actions by type and by category through the reasons', async () => {
    const s = await api().stats({ id: (await ql2024()).id });
    const byType = (p: string) => Object.fromEntries(s.actionsByType.filter((a) => a.platformId === p && a.actions > 0).map((a) => [a.action, [a.actions, a.accounts]]));
    expect(byType('P1')).toEqual({ ban: [1, 1], close: [1, 1], warning: [1, 1], suspend_monetization: [1, 0], blacklist: [1, 1] });
    expect(byType('P2')).toEqual({ ban: [1, 1], close: [1, 1], warning: [1, 1] });
    const byCat = (p: string) => Object.fromEntries(s.actionsByCategory.filter((a) => a.platformId === p).map((a) => [a.category, [a.actions, a.accounts]]));
    expect(byCat('P1')).toEqual({ 1: [2, 1], 2: [1, 0], 3: [0, 0], 4: [1, 1], 5: [1, 1] });
    expect(byCat('P2')).toEqual({ 1: [2, 1], 2: [1, 1], 3: [0, 0], 4: [0, 0], 5: [0, 0] });
  });

  it('builds a weekly trend from the window start', async () => {
    const s = await api().stats({ id: (await ql2024()).id });
    expect(s.weeks).toHaveLength(14); // 92 days: 13 full weeks and 2024-12-31 alone
    expect(s.weeks[13]).toMatchObject({ start: '2024-12-31', end: '2024-12-31', findings: 3, confirmed: 1, actions: 1 });
    const series = s.weeks.map((w) => [w.findings, w.actions]);
    expect(series).toEqual([[1, 2], [0, 1], [1, 2], [0, 0], [0, 0], [0, 0], [0, 1], [0, 0], [2, 1], [0, 0], [0, 0], [0, 0], [0, 0], [3, 1]]);
    expect(s.weeks[8].findingsByCategory).toMatchObject({ 5: 2 });
  });

  it('lists the findings behind a number, filtered by category and platform', async () => {
    const id = (await ql2024()).id;
    const cat4 = await api().findings({ id, category: '4', platform: 'P1', typicalOnly: false, limit: 100 });
    expect(cat4.total).toBe(2);
    expect(cat4.items.map((f) => [f.ruleId, f.eventDate, f.status])).toEqual([
      ['news.unlicensed_publishing', '2024-12-31', 'rectified'],
      ['news.account_without_license', '2024-12-31', 'pending'],
    ]);
    const page = await api().findings({ id, typicalOnly: false, limit: 3 });
    expect(page.total).toBe(7);
    const next = await api().findings({ id, typicalOnly: false, limit: 3, after: page.nextCursor! });
    expect(next.items.map((f) => f.id)).not.toContain(page.items[0].id);
  });

  it('scope by platform narrows the filings; an explicit filing list is taken as given', async () => {
    const c = await ql2024();
    const { id: _id, builtin: _b, createdAt: _c, createdBy: _by, updatedAt: _u, ...input } = c;
    const p2 = await api().create({ campaign: { ...input, code: 'P2ONLY', scope: { platforms: ['P2'], filings: [] } } });
    expect((await api().stats({ id: p2.id })).totals.findings).toBe(2);
    const f3 = await api().create({ campaign: { ...input, code: 'F3ONLY', windowStart: '2025-01-01', windowEnd: '2025-03-31', scope: { platforms: [], filings: [FILINGS.F3] } } });
    const s = await api().stats({ id: f3.id });
    expect(s.filings.map((f) => f.id)).toEqual([FILINGS.F3]);
    expect([s.totals.findings, s.totals.actions]).toEqual([1, 1]);
  });

  it('marks a typical case with a summary and refuses one without', async () => {
    const id = (await ql2024()).id;
    const target = (await api().findings({ id, category: '5', typicalOnly: false, limit: 10 })).items[0];
    await expect(later(() => api().markTypical({ id: target.id, typical: true }))).rejects.toThrow('必须填写案例摘要');
    await api().markTypical({ id: target.id, typical: true, summary: '冒用他人许可证编号' });
    const typical = await api().findings({ id, typicalOnly: true, limit: 10 });
    expect(typical.items.map((f) => [f.id, f.typicalSummary])).toContainEqual([target.id, '冒用他人许可证编号']);
    expect((await env.services.api.audit.list({ limit: 5 })).some((e) => e.action === 'findings.typical')).toBe(true);
  });
});

describe('definitions', () => {
  it('creates, edits, duplicates and deletes, and records each in the audit log', async () => {
    const created = await api().create({ campaign: small });
    const edited = await api().update({ id: created.id, campaign: { ...small, name: '改名后的行动' } });
    expect(edited.name).toBe('改名后的行动');
    const copy = await api().duplicate({ id: created.id });
    expect([copy.code, copy.name]).toEqual(['TEST-1-COPY', '改名后的行动（副本）']);
    expect((await api().duplicate({ id: created.id })).code).toBe('TEST-1-COPY2');
    await api().remove({ id: created.id });
    await expect(later(() => api().get({ id: created.id }))).rejects.toThrow('专项行动不存在');
    const actions = (await env.services.api.audit.list({ limit: 20 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['campaigns.create', 'campaigns.update', 'campaigns.duplicate', 'campaigns.remove']));
  });

  it.each([
    ['an unknown rule id', { rules: [{ rule: 'news.no_such_rule' }] }, '第 1 个类别“谣言” · 第 1 条规则 · 规则编号：未知的规则编号“news.no_such_rule”'],
    ['an unknown reason', { reasons: ['gossip'] }, '未知的违规类型“gossip”'],
    ['an unknown lexicon category', { rules: [{ rule: 'name.impersonation_suspect', lexiconCategories: ['celebrity'] }] }, '未知的词库类别“celebrity”'],
    ['a category with nothing mapped', { rules: [], reasons: [] }, '既没有对应规则也没有对应违规类型'],
  ])('refuses %s with a Chinese message naming the category', async (_label, change, message) => {
    const campaign = { ...small, categories: [{ ...small.categories[0], ...change }] };
    const res = await dispatch(env.services, 'campaigns.create', { campaign });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!res.ok && res.error.message).toContain(message);
  });

  it('refuses a window that ends before it starts, and a code already in use', async () => {
    await expect(later(() => api().create({ campaign: { ...small, windowEnd: '2024-09-01' } }))).rejects.toThrow('结束日期 2024-09-01 早于开始日期 2024-10-01');
    await expect(later(() => api().create({ campaign: { ...small, windowStart: '2024-02-30' } }))).rejects.toThrow('开始日期不是有效日期');
    await api().create({ campaign: small });
    await expect(later(() => api().create({ campaign: small }))).rejects.toThrow('行动编号“TEST-1”已被“测试行动”使用');
  });
});

describe('which date a finding counts at', () => {
  const dateOf = (evidence: unknown[]) =>
    (new Database(':memory:').prepare(`SELECT ${eventDateSql('@evidence')} AS d`).get({ evidence: JSON.stringify(evidence), ws: '2024-10-01', we: '2024-12-31' }) as { d: string | null }).d;
  it('takes the earliest event inside the window', () => {
    const ev = [
      { table: 'contents', key: { published_at: '2024-09-30 23:00:00' } },
      { table: 'contents', key: { published_at: '2024-11-02 08:00:00' } },
      { table: 'enforcement_actions', key: { start_at: '2024-10-20 08:00:00' } },
    ];
    expect(dateOf(ev)).toBe('2024-10-20');
  });
  it('marks a finding whose events are all outside, so it does not fall back to the period', () => {
    expect(dateOf([{ table: 'complaints', key: { received_at: '2025-01-01 00:00:00' } }])).toBe('outside');
  });
  it('gives no date to a finding that cites no event (the period end applies)', () => {
    expect(dateOf([{ table: 'accounts', key: { registered_at: '2020-01-01 00:00:00' } }])).toBeNull();
    expect(dateOf([])).toBeNull();
  });
  it('splits a window into seven-day blocks ending with the window', () => {
    expect(windowWeeks('2024-10-01', '2024-10-15')).toEqual([
      { week: 1, start: '2024-10-01', end: '2024-10-07' },
      { week: 2, start: '2024-10-08', end: '2024-10-14' },
      { week: 3, start: '2024-10-15', end: '2024-10-15' },
    ]);
  });
});
