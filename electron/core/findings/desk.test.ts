import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingSort } from '@shared/api/findings';
import { createKit, type Kit } from '../checks/test-kit';
import { ensureNameIndex } from '../profiles/name-index';
import { createFindingsService } from './service';

/*
 * The findings desk over findings inserted directly (the engine's own tests cover how they are
 * produced): facets from the trigger-kept cube against a plain GROUP BY, keyset paging in every
 * sort against one ORDER BY, name search through the shared trigram index, bulk review in SQL.
 */

let kit: Kit;
let findings: ReturnType<typeof createFindingsService>;
let runId: number;

const RULES = [
  { id: 'identity.unverified', severity: 'high' },
  { id: 'agreement.unsigned', severity: 'low' },
  { id: 'mcn.undisclosed', severity: 'medium' },
] as const;

function insertFinding(i: number, accountId: string | null, mcnId: string | null, identityKey: string | null) {
  const rule = RULES[i % RULES.length];
  kit.ws.raw
    .prepare(
      `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, account_id, identity_key, mcn_id, title, explanation,
         evidence_json, citations_json, first_seen_run, last_seen_run, created_at, updated_at)
       VALUES (?, ?, ?, 'account', ?, ?, ?, ?, ?, '问题', '说明', '[]', '[]', ?, ?, 't', 't')`,
    )
    .run(kit.filingId, rule.id, rule.severity, `E${i}`, JSON.stringify({ type: 'account', id: accountId ?? `E${i}` }), accountId, identityKey, mcnId, runId, runId);
}

beforeEach(async () => {
  kit = await createKit();
  runId = Number(
    kit.ws.raw
      .prepare(`INSERT INTO check_runs (filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor) VALUES (?, 'rules-v1', '[]', 'succeeded', 't', '{}', 't')`)
      .run(kit.filingId).lastInsertRowid,
  );
  kit.subject({ subject_id: 'S1', name: '杭州星河文化传媒有限公司', identity_key: 'K1' });
  kit.subject({ subject_id: 'S2', name: '宁波海风网络科技有限公司', identity_key: 'K2' });
  const categories = ['finance', 'lifestyle', 'news'];
  for (let a = 0; a < 12; a++) {
    kit.account({ account_id: `A${a}`, subject_id: a < 6 ? 'S1' : 'S2', display_name: a === 3 ? '财经老王说股票' : `账号${a}`, content_category: categories[a % 3] });
  }
  for (let i = 0; i < 60; i++) {
    const a = i % 13; // A12 does not exist: a finding without a known account
    insertFinding(i, a === 12 ? null : `A${a}`, i % 4 === 0 ? `M${i % 3}` : null, a === 12 ? null : a < 6 ? 'K1' : 'K2');
  }
  findings = createFindingsService(kit.ctx);
});
afterEach(() => kit.close());

type Row = { id: number; rule_id: string; severity: string; status: string; mcn: string; category: string; account_id: string | null; identity_key: string | null; severity_rank: number; present: number };
function allRows(): Row[] {
  return kit.ws.raw
    .prepare(
      `SELECT f.id, f.rule_id, f.severity, f.status, coalesce(f.mcn_id, '') AS mcn, coalesce(a.content_category, '') AS category, f.account_id, f.identity_key, f.severity_rank, f.present
       FROM findings f LEFT JOIN accounts a ON a.filing_id = f.filing_id AND a.account_id = f.account_id`,
    )
    .all() as Row[];
}

function countBy(rows: Row[], key: (r: Row) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

const asRecord = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));

describe('facets', () => {
  it('counts every facet from the cube, each ignoring its own selection, and stays exact through reviews, re-runs and deletions', async () => {
    const check = async () => {
      const rows = allRows().filter((r) => r.present === 1);
      const filter = { statuses: ['pending' as const], rules: ['identity.unverified', 'mcn.undisclosed'], includeGone: false };
      const result = await findings.facets(filter);
      const byRule = rows.filter((r) => r.status === 'pending');
      const byStatus = rows.filter((r) => filter.rules.includes(r.rule_id));
      const both = rows.filter((r) => r.status === 'pending' && filter.rules.includes(r.rule_id));
      expect(result.total).toBe(both.length);
      expect(asRecord(result.facets.rule)).toEqual(countBy(byRule, (r) => r.rule_id));
      expect(asRecord(result.facets.status)).toEqual(countBy(byStatus, (r) => r.status));
      expect(asRecord(result.facets.category)).toEqual(countBy(both, (r) => r.category));
      expect(asRecord(result.facets.mcn)).toEqual(countBy(both, (r) => r.mcn));
      expect(asRecord(result.facets.filing)).toEqual({ [String(kit.filingId)]: both.length });
      expect(result.facets.platform).toEqual([{ value: 'P001', count: both.length, label: '测试平台' }]);
    };
    await check();
    await findings.review({ filter: { rules: ['identity.unverified'], categories: ['finance'], includeGone: false }, action: 'confirm' });
    await check();
    // A re-run that no longer produces a finding marks it gone; the cube follows.
    kit.ws.raw.prepare(`UPDATE findings SET present = 0 WHERE id IN (SELECT id FROM findings ORDER BY id LIMIT 5)`).run();
    await check();
    kit.ws.raw.prepare(`DELETE FROM findings WHERE id IN (SELECT id FROM findings ORDER BY id DESC LIMIT 5)`).run();
    await check();
    // The direct path (gone findings included) agrees with the data too.
    const all = await findings.facets({ includeGone: true });
    expect(all.total).toBe(allRows().length);
    expect(asRecord(all.facets.severity)).toEqual(countBy(allRows(), (r) => r.severity));
  });

  type Selection = { mcns?: string[]; categories?: string[]; severities?: ('high' | 'medium' | 'low' | 'info')[] };
  it.each<[string, Selection]>([
    ['no filter', {}],
    ['one MCN', { mcns: ['M1'] }],
    ['two MCNs', { mcns: ['M0', 'M2'] }],
    ['a category', { categories: ['finance'] }],
    ['MCN and category', { mcns: ['M0', 'M1'], categories: ['news', 'lifestyle'], severities: ['high', 'medium'] }],
  ])('agrees with the data whichever cube answers (%s)', async (_, selection) => {
    await findings.review({ ids: [2, 5, 8], action: 'confirm' });
    const filter: Record<string, readonly string[] | undefined> = selection;
    const keep = (r: Row, except?: string) =>
      (except === 'mcns' || !filter.mcns || filter.mcns.includes(r.mcn)) &&
      (except === 'categories' || !filter.categories || filter.categories.includes(r.category)) &&
      (except === 'severities' || !filter.severities || filter.severities.includes(r.severity));
    const rows = allRows().filter((r) => r.present === 1);
    const result = await findings.facets({ ...selection, includeGone: false });
    expect(result.total).toBe(rows.filter((r) => keep(r)).length);
    expect(asRecord(result.facets.mcn)).toEqual(countBy(rows.filter((r) => keep(r, 'mcns')), (r) => r.mcn));
    expect(asRecord(result.facets.category)).toEqual(countBy(rows.filter((r) => keep(r, 'categories')), (r) => r.category));
    expect(asRecord(result.facets.severity)).toEqual(countBy(rows.filter((r) => keep(r, 'severities')), (r) => r.severity));
    expect(asRecord(result.facets.status)).toEqual(countBy(rows.filter((r) => keep(r)), (r) => r.status));
    expect(asRecord(result.facets.rule)).toEqual(countBy(rows.filter((r) => keep(r)), (r) => r.rule_id));
  });

  it('removes the cube rows with their filing', async () => {
    kit.ws.raw.prepare('DELETE FROM filings WHERE id = ?').run(kit.filingId);
    expect(kit.ws.raw.prepare('SELECT count(*) FROM finding_facets').pluck().get()).toBe(0);
    expect(kit.ws.raw.prepare('SELECT count(*) FROM finding_facets_mcn').pluck().get()).toBe(0);
  });
});

describe('list', () => {
  const ORDER: Record<FindingSort, (a: Row, b: Row) => number> = {
    id: (a, b) => a.id - b.id,
    severity: (a, b) => a.severity_rank - b.severity_rank || a.id - b.id,
    rule: (a, b) => (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : a.id - b.id),
    status: (a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : a.id - b.id),
  };

  it.each(['id', 'severity', 'rule', 'status'] as FindingSort[])('pages by keyset in %s order, and jumps by offset to the same rows', async (sort) => {
    await findings.review({ ids: [3, 9, 27], action: 'confirm' });
    const filter = { categories: ['finance', 'news'], includeGone: false };
    const expected = allRows()
      .filter((r) => ['finance', 'news'].includes(r.category))
      .sort(ORDER[sort])
      .map((r) => r.id);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await findings.list({ ...filter, sort, limit: 7, cursor });
      seen.push(...page.items.map((f) => f.id));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(seen).toEqual(expected);
    const jumped = await findings.list({ ...filter, sort, limit: 5, offset: 10 });
    expect(jumped.items.map((f) => f.id)).toEqual(expected.slice(10, 15));
  });

  it('shows names; filters by MCN, account and subject', async () => {
    const page = await findings.list({ mcns: ['M1'], limit: 100, includeGone: false });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((f) => f.mcnId === 'M1')).toBe(true);
    const named = (await findings.list({ accountId: 'A3', limit: 100, includeGone: false })).items;
    expect(named.map((f) => f.accountName)).toEqual(named.map(() => '财经老王说股票'));
    expect(named[0].subjectName).toBe('杭州星河文化传媒有限公司');
    expect(named[0].platformName).toBe('测试平台');
    const bySubject = (await findings.list({ identityKey: 'K2', limit: 100, includeGone: false })).items;
    expect(bySubject.length).toBe(allRows().filter((r) => r.identity_key === 'K2').length);
  });

  it('refuses a cursor of another sort', async () => {
    const first = await findings.list({ sort: 'severity', limit: 5, includeGone: false });
    await expect(findings.list({ sort: 'id', limit: 5, cursor: first.next!, includeGone: false })).rejects.toThrow('翻页游标无效');
  });
});

describe('name search (shared trigram index)', () => {
  it('finds an account by a substring of its name, a subject by its name, and short queries by scanning', async () => {
    ensureNameIndex(kit.ws.raw, kit.filingId);
    const account = await findings.facets({ q: '老王说', includeGone: false });
    expect(account.total).toBe(allRows().filter((r) => r.account_id === 'A3').length);
    const subject = await findings.list({ q: '海风网络', limit: 100, includeGone: false });
    expect(subject.items.length).toBe(allRows().filter((r) => r.identity_key === 'K2').length);
    const short = await findings.facets({ q: '股票', includeGone: false });
    expect(short.total).toBe(account.total);
    expect((await findings.facets({ q: '不存在的名字', includeGone: false })).total).toBe(0);
  });
});

describe('bulk review of a filtered set', () => {
  it('changes only the findings in a state the action leaves from, with one history row each, and counts the rest as skipped', async () => {
    const filter = { rules: ['agreement.unsigned'], includeGone: false };
    const matching = allRows().filter((r) => r.rule_id === 'agreement.unsigned');
    await findings.review({ ids: [matching[0].id], action: 'confirm' });
    const result = await findings.review({ filter, action: 'dismiss', reason: '平台已补签' });
    expect(result).toEqual({ updated: matching.length, skipped: 0, status: 'dismissed' });
    const again = await findings.review({ filter, action: 'rectify' });
    expect(again).toEqual({ updated: 0, skipped: matching.length, status: 'rectified' });
    const detail = await findings.get({ id: matching[0].id });
    expect(detail.history.map((h) => [h.action, h.fromStatus, h.toStatus, h.reason])).toEqual([
      ['confirm', 'pending', 'confirmed', null],
      ['dismiss', 'confirmed', 'dismissed', '平台已补签'],
    ]);
    expect(detail.dismissReason).toBe('平台已补签');
    const others = allRows().filter((r) => r.rule_id !== 'agreement.unsigned');
    expect(others.every((r) => r.status === 'pending')).toBe(true);
    expect(() => findings.review({ filter, action: 'dismiss' })).toThrow('理由');
  });
});
