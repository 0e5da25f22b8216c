import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appApiContract } from '@shared/api';
import { DOC_CODES, type Citation } from '@shared/domain/provisions';
import { RULES, ruleById } from '@shared/domain/rules';
import { dispatch } from '../dispatch';
import { createServices, type Services } from '../services';
import { loadProvisionsLibrary } from './library';

let services: Services;
let filingA: number;
let filingB: number;

function insertFiling(platformId: string): number {
  const { lastInsertRowid } = services.context.ws.raw
    .prepare(
      `INSERT INTO filings (package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
       VALUES (?, ?, ?, ?, '2024-01-01', '2024-06-30', 1, '{}', '2024-07-01 10:00:00', 'test')`,
    )
    .run(`sha-${platformId}`, `${platformId}.zip`, platformId, `平台${platformId}`);
  return Number(lastInsertRowid);
}

function insertRun(filingId: number): number {
  const { lastInsertRowid } = services.context.ws.raw
    .prepare(
      `INSERT INTO check_runs (filing_id, rule_set_version, rules_json, status, started_at, reference_json, actor)
       VALUES (?, 'rules-v1', '[]', 'succeeded', '2024-07-01 10:00:00', '{}', 'test')`,
    )
    .run(filingId);
  return Number(lastInsertRowid);
}

let entitySeq = 0;
function insertFinding(filingId: number, runId: number, ruleId: string, status: string, present = 1): void {
  const rule = ruleById(ruleId);
  if (rule === undefined) throw new Error(`unknown rule ${ruleId}`);
  services.context.ws.raw
    .prepare(
      `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, title, explanation, evidence_json,
         citations_json, status, present, first_seen_run, last_seen_run, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '{}', ?, '说明', '[]', '[]', ?, ?, ?, ?, '2024-07-01 10:00:00', '2024-07-01 10:00:00')`,
    )
    .run(filingId, ruleId, rule.severity, rule.entityType, `e${++entitySeq}`, rule.titleZh, status, present, runId, runId);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'provisions-service-'));
  services = await createServices({ dbPath: join(dir, 'ws.sqlite'), dataDir: dir, door: 'cli', actor: 'test' });
  filingA = insertFiling('A');
  filingB = insertFiling('B');
  const runA = insertRun(filingA);
  const runB = insertRun(filingB);
  // identity.unverified cites GZ2021 第八条第一款 and JSTX2014 第六条.
  insertFinding(filingA, runA, 'identity.unverified', 'pending');
  insertFinding(filingA, runA, 'identity.unverified', 'confirmed');
  insertFinding(filingA, runA, 'identity.unverified', 'dismissed');
  insertFinding(filingA, runA, 'identity.unverified', 'rectified');
  insertFinding(filingA, runA, 'identity.unverified', 'pending', 0);
  insertFinding(filingB, runB, 'identity.unverified', 'pending');
  // name.protected_unreviewed cites GZ2021 第八条第二款.
  insertFinding(filingB, runB, 'name.protected_unreviewed', 'confirmed');
});

afterAll(async () => {
  await services?.close();
});

const call = async (path: string, args?: unknown) => {
  const envelope = await dispatch(services, path, args);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
};

describe('provisions.documents', () => {
  it('lists the five documents with article counts and the rules citing them', async () => {
    const docs = await services.api.provisions.documents(undefined);
    expect(docs.map((d) => d.code)).toEqual([...DOC_CODES]);
    const library = loadProvisionsLibrary(services.context.resourcesDir);
    for (const doc of docs) {
      expect(doc.articleCount).toBe(library.document(doc.code).articles.length);
      const citing = RULES.filter((r) => r.citations.some((c) => c.doc === doc.code));
      expect(doc.ruleCount).toBe(citing.length);
      expect(doc.title.length).toBeGreaterThan(0);
      expect(doc.issuer.length).toBeGreaterThan(0);
    }
  });

  it('validates against the contract through dispatch', async () => {
    const docs = await call('provisions.documents');
    expect(appApiContract.provisions.documents.result.safeParse(docs).success).toBe(true);
  });
});

describe('provisions.document', () => {
  it('gives the full text structured by article, clause and item', async () => {
    const doc = await services.api.provisions.document({ code: 'GZ2021' });
    const library = loadProvisionsLibrary(services.context.resourcesDir).document('GZ2021');
    expect(doc.articles.map((a) => a.id)).toEqual(library.articles.map((a) => a.id));
    const art18 = doc.articles.find((a) => a.id === 'GZ2021/18')!;
    expect(art18.chapter).toBe(library.articles[17].chapter);
    expect(art18.clauses[0].items.map((i) => i.id).slice(0, 2)).toEqual(['GZ2021/18/1/1', 'GZ2021/18/1/2']);
    expect(art18.clauses[0].items[3]).toMatchObject({ label: '(四)', marker: '（四）', text: library.articles[17].clauses[0].items![3].text });
    const art8 = doc.articles.find((a) => a.id === 'GZ2021/8')!;
    expect(art8.clauses.map((c) => c.text)).toEqual(library.articles[7].clauses.map((c) => c.text));
  });

  it('lists beside each article every rule citing it, with the cited parts', async () => {
    const doc = await services.api.provisions.document({ code: 'GZ2021' });
    for (const article of doc.articles) {
      const expected = RULES.filter((r) => r.citations.some((c) => c.doc === 'GZ2021' && `GZ2021/${c.article}` === article.id));
      expect(article.rules.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    }
    const art8 = doc.articles.find((a) => a.id === 'GZ2021/8')!;
    const identity = art8.rules.find((r) => r.id === 'identity.unverified')!;
    expect(identity).toMatchObject({ severity: 'high', titleZh: '未实名核验', cites: [{ id: 'GZ2021/8/1', locator: '第八条第一款' }] });
    const art18 = doc.articles.find((a) => a.id === 'GZ2021/18')!;
    const impersonation = art18.rules.find((r) => r.id === 'name.impersonation_suspect')!;
    expect(impersonation.cites.map((c) => c.id)).toEqual(['GZ2021/18/1/1', 'GZ2021/18/1/2']);
    // Articles no rule cites carry none.
    expect(doc.articles.find((a) => a.id === 'GZ2021/1')!.rules).toEqual([]);
  });

  it('counts open findings (pending or confirmed, still present) across the workspace', async () => {
    const doc = await services.api.provisions.document({ code: 'GZ2021' });
    const art8 = doc.articles.find((a) => a.id === 'GZ2021/8')!;
    const open = Object.fromEntries(art8.rules.map((r) => [r.id, r.openFindings]));
    // A: pending + confirmed (dismissed, rectified and the no-longer-present one are not open); B: one pending.
    expect(open['identity.unverified']).toBe(3);
    expect(open['name.protected_unreviewed']).toBe(1);
    expect(open['account.reregistered']).toBe(0);
    // The same rule shows the same count wherever it is cited.
    const jstx = await services.api.provisions.document({ code: 'JSTX2014' });
    expect(jstx.articles.find((a) => a.id === 'JSTX2014/6')!.rules.find((r) => r.id === 'identity.unverified')!.openFindings).toBe(3);
  });

  it('counts open findings of one filing when asked', async () => {
    const forA = await services.api.provisions.document({ code: 'GZ2021', filingId: filingA });
    const art8A = forA.articles.find((a) => a.id === 'GZ2021/8')!;
    expect(art8A.rules.find((r) => r.id === 'identity.unverified')!.openFindings).toBe(2);
    expect(art8A.rules.find((r) => r.id === 'name.protected_unreviewed')!.openFindings).toBe(0);
    const forB = await services.api.provisions.document({ code: 'GZ2021', filingId: filingB });
    const art8B = forB.articles.find((a) => a.id === 'GZ2021/8')!;
    expect(art8B.rules.find((r) => r.id === 'identity.unverified')!.openFindings).toBe(1);
    expect(art8B.rules.find((r) => r.id === 'name.protected_unreviewed')!.openFindings).toBe(1);
  });

  it('refuses an unknown filing instead of counting nothing', async () => {
    const envelope = await dispatch(services, 'provisions.document', { code: 'GZ2021', filingId: 9999 });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!envelope.ok) expect(envelope.error.message).toContain('9999');
  });

  it('refuses an unknown document code at the contract', async () => {
    const envelope = await dispatch(services, 'provisions.document', { code: 'XX2020' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('keeps preamble, closing and headings, and lists rules citing a whole document', async () => {
    const zmt = await services.api.provisions.document({ code: 'ZMT2023' });
    const library = loadProvisionsLibrary(services.context.resourcesDir).document('ZMT2023');
    expect(zmt.preamble).toEqual(library.preamble);
    expect(zmt.closing).toEqual(library.closing);
    expect(zmt.articles[0].heading).toBe(library.articles[0].heading);
    for (const code of DOC_CODES) {
      const doc = await services.api.provisions.document({ code });
      const wholeDoc = RULES.filter((r) => r.citations.some((c) => c.doc === code && c.article === undefined));
      expect(doc.documentRules.map((r) => r.id)).toEqual(wholeDoc.map((r) => r.id));
    }
  });
});

describe('provisions.traceability', () => {
  it('lists every obligation with its rules, and marks the unchecked ones', async () => {
    const rows = await call('provisions.traceability', { filingId: filingA });
    const library = loadProvisionsLibrary(services.context.resourcesDir);
    const expected = library.traceability();
    expect((rows as { id: string }[]).map((r) => r.id)).toEqual(expected.map((r) => r.obligation.id));
    for (const [i, row] of (rows as Awaited<ReturnType<typeof services.api.provisions.traceability>>).entries()) {
      expect(row.rules.map((r) => r.id)).toEqual(expected[i].obligation.ruleIds);
      expect(row.checked).toBe(expected[i].obligation.ruleIds.length > 0);
      expect(row.summaryZh).toBe(expected[i].obligation.summaryZh);
    }
    expect((rows as { checked: boolean }[]).some((r) => !r.checked)).toBe(true);
  });

  it('carries the open-finding counts of the rules', async () => {
    const rows = await services.api.provisions.traceability(undefined);
    const gz8 = rows.find((r) => r.id === 'GZ2021/8')!;
    expect(gz8.reference).toBe('GZ2021 第八条');
    expect(gz8.rules.find((r) => r.id === 'identity.unverified')!.openFindings).toBe(3);
  });
});

describe('provisions.resolve', () => {
  it('gives the verbatim text of each citation, in order', async () => {
    const citations: Citation[] = [
      { doc: 'GZ2021', article: 18, item: 4 },
      { doc: 'GZ2021', article: 8, clause: 2 },
      { doc: 'ZMT2023', article: 1 },
    ];
    const resolved = await services.api.provisions.resolve({ citations });
    const library = loadProvisionsLibrary(services.context.resourcesDir);
    expect(resolved.map((r) => r.id)).toEqual(['GZ2021/18/1/4', 'GZ2021/8/2', 'ZMT2023/1']);
    expect(resolved.map((r) => r.reference)).toEqual(['GZ2021 第十八条(四)', 'GZ2021 第八条第二款', 'ZMT2023 第1条']);
    expect(resolved[0].text).toBe(library.document('GZ2021').articles[17].clauses[0].items![3].text);
    expect(resolved[1].text).toBe(library.document('GZ2021').articles[7].clauses[1].text);
  });

  it('reports a citation of a provision that does not exist as not found', async () => {
    const envelope = await dispatch(services, 'provisions.resolve', { citations: [{ doc: 'GZ2021', article: 99 }] });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!envelope.ok) expect(envelope.error.message).toContain('GZ2021/99');
  });

  it('refuses an empty list and a clause without an article at the contract', async () => {
    expect(await dispatch(services, 'provisions.resolve', { citations: [] })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await dispatch(services, 'provisions.resolve', { citations: [{ doc: 'GZ2021', clause: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });
});

describe('library loading', () => {
  it('loads the library lazily: a broken resources folder fails the call, not start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisions-broken-'));
    const broken = await createServices({ dbPath: join(dir, 'ws.sqlite'), dataDir: dir, resourcesDir: dir, door: 'cli', actor: 'test' });
    try {
      const envelope = await dispatch(broken, 'provisions.documents', undefined);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
      if (!envelope.ok) expect(envelope.error.message).toContain('GZ2021.json');
    } finally {
      await broken.close();
    }
  });
});
