import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { provisionsContract } from '@shared/api/provisions';
import { isAppError } from '@shared/errors';
import { DOC_CODES, type Citation } from '@shared/domain/provisions';
import { RULES, ruleById } from '@shared/domain/rules';
import { openWorkspace, type Workspace } from '../db/connection';
import { defaultResourcesDir } from '../paths';
import { loadProvisionsLibrary } from './library';
import { createProvisionsService, type ProvisionsService } from './service';

let ws: Workspace;
let service: ProvisionsService;
let filingA: number;
let filingB: number;
const resourcesDir = defaultResourcesDir();

type Contract = typeof provisionsContract;
type Outcome<M extends keyof Contract> = { ok: true; value: z.output<Contract[M]['result']> } | { ok: false; code: string; message: string };

/** What every door does (electron/core/dispatch.ts): validate the argument, call, validate the result. */
async function call<M extends keyof Contract>(name: M, args: unknown, target: ProvisionsService = service): Promise<Outcome<M>> {
  const spec = provisionsContract[name];
  const parsed = spec.args.safeParse(args);
  if (!parsed.success) return { ok: false, code: 'invalid_argument', message: parsed.error.message };
  try {
    const impl = target[name] as (a: unknown) => unknown;
    return { ok: true, value: spec.result.parse(await impl(parsed.data)) as z.output<Contract[M]['result']> };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
  }
}

async function value<M extends keyof Contract>(name: M, args: unknown): Promise<z.output<Contract[M]['result']>> {
  const outcome = await call(name, args);
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value;
}

function insertFiling(platformId: string): number {
  const { lastInsertRowid } = ws.raw
    .prepare(
      `INSERT INTO filings (package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
       VALUES (?, ?, ?, ?, '2024-01-01', '2024-06-30', 1, '{}', '2024-07-01 10:00:00', 'test')`,
    )
    .run(`sha-${platformId}`, `${platformId}.zip`, platformId, `平台${platformId}`);
  return Number(lastInsertRowid);
}

function insertRun(filingId: number): number {
  const { lastInsertRowid } = ws.raw
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
  ws.raw
    .prepare(
      `INSERT INTO findings (filing_id, rule_id, severity, entity_type, entity_key, entity_json, title, explanation, evidence_json,
         citations_json, status, present, first_seen_run, last_seen_run, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '{}', ?, '说明', '[]', '[]', ?, ?, ?, ?, '2024-07-01 10:00:00', '2024-07-01 10:00:00')`,
    )
    .run(filingId, ruleId, rule.severity, rule.entityType, `e${++entitySeq}`, rule.titleZh, status, present, runId, runId);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'provisions-service-'));
  ws = await openWorkspace(join(dir, 'ws.sqlite'));
  service = createProvisionsService({ ws, resourcesDir });
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
  await ws?.close();
});

describe('provisions.documents', () => {
  it('lists the five documents with article counts and the rules citing them', async () => {
    const docs = await value('documents', undefined);
    expect(docs.map((d) => d.code)).toEqual([...DOC_CODES]);
    const library = loadProvisionsLibrary(resourcesDir);
    for (const doc of docs) {
      expect(doc.articleCount).toBe(library.document(doc.code).articles.length);
      const citing = RULES.filter((r) => r.citations.some((c) => c.doc === doc.code));
      expect(doc.ruleCount).toBe(citing.length);
      expect(doc.title.length).toBeGreaterThan(0);
      expect(doc.issuer.length).toBeGreaterThan(0);
    }
  });

  it('is wired into the composition root and answers through dispatch', async () => {
    // Imported here so that a colleague's half-wired service breaks only this test, not the file.
    const [{ createServices }, { dispatch }] = await Promise.all([import('../services'), import('../dispatch')]);
    const dir = mkdtempSync(join(tmpdir(), 'provisions-wired-'));
    const services = await createServices({ dbPath: join(dir, 'ws.sqlite'), dataDir: dir, door: 'cli', actor: 'test' });
    try {
      const envelope = await dispatch(services, 'provisions.documents', undefined);
      expect(envelope.ok).toBe(true);
      if (envelope.ok) expect((envelope.value as { code: string }[]).map((d) => d.code)).toEqual([...DOC_CODES]);
    } finally {
      await services.close();
    }
  });
});

describe('provisions.document', () => {
  it('gives the full text structured by article, clause and item', async () => {
    const doc = await value('document', { code: 'GZ2021' });
    const library = loadProvisionsLibrary(resourcesDir).document('GZ2021');
    expect(doc.articles.map((a) => a.id)).toEqual(library.articles.map((a) => a.id));
    const art18 = doc.articles.find((a) => a.id === 'GZ2021/18')!;
    expect(art18.chapter).toBe(library.articles[17].chapter);
    expect(art18.clauses[0].items.map((i) => i.id).slice(0, 2)).toEqual(['GZ2021/18/1/1', 'GZ2021/18/1/2']);
    expect(art18.clauses[0].items[3]).toMatchObject({ label: '(四)', marker: '（四）', text: library.articles[17].clauses[0].items![3].text });
    const art8 = doc.articles.find((a) => a.id === 'GZ2021/8')!;
    expect(art8.clauses.map((c) => c.text)).toEqual(library.articles[7].clauses.map((c) => c.text));
  });

  it('lists beside each article every rule citing it, with the cited parts', async () => {
    const doc = await value('document', { code: 'GZ2021' });
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
    const doc = await value('document', { code: 'GZ2021' });
    const art8 = doc.articles.find((a) => a.id === 'GZ2021/8')!;
    const open = Object.fromEntries(art8.rules.map((r) => [r.id, r.openFindings]));
    // A: pending + confirmed (dismissed, rectified and the no-longer-present one are not open); B: one pending.
    expect(open['identity.unverified']).toBe(3);
    expect(open['name.protected_unreviewed']).toBe(1);
    expect(open['account.reregistered']).toBe(0);
    // The same rule shows the same count wherever it is cited.
    const jstx = await value('document', { code: 'JSTX2014' });
    expect(jstx.articles.find((a) => a.id === 'JSTX2014/6')!.rules.find((r) => r.id === 'identity.unverified')!.openFindings).toBe(3);
  });

  it('counts open findings of one filing when asked', async () => {
    const forA = await value('document', { code: 'GZ2021', filingId: filingA });
    const art8A = forA.articles.find((a) => a.id === 'GZ2021/8')!;
    expect(art8A.rules.find((r) => r.id === 'identity.unverified')!.openFindings).toBe(2);
    expect(art8A.rules.find((r) => r.id === 'name.protected_unreviewed')!.openFindings).toBe(0);
    const forB = await value('document', { code: 'GZ2021', filingId: filingB });
    const art8B = forB.articles.find((a) => a.id === 'GZ2021/8')!;
    expect(art8B.rules.find((r) => r.id === 'identity.unverified')!.openFindings).toBe(1);
    expect(art8B.rules.find((r) => r.id === 'name.protected_unreviewed')!.openFindings).toBe(1);
  });

  it('refuses an unknown filing instead of counting nothing', async () => {
    const outcome = await call('document', { code: 'GZ2021', filingId: 9999 });
    expect(outcome).toMatchObject({ ok: false, code: 'not_found' });
    if (!outcome.ok) expect(outcome.message).toContain('9999');
  });

  it('refuses an unknown document code at the contract', async () => {
    expect(await call('document', { code: 'XX2020' })).toMatchObject({ ok: false, code: 'invalid_argument' });
  });

  it('keeps preamble, closing and headings, and lists rules citing a whole document', async () => {
    const zmt = await value('document', { code: 'ZMT2023' });
    const library = loadProvisionsLibrary(resourcesDir).document('ZMT2023');
    expect(zmt.preamble).toEqual(library.preamble);
    expect(zmt.closing).toEqual(library.closing);
    expect(zmt.articles[0].heading).toBe(library.articles[0].heading);
    for (const code of DOC_CODES) {
      const doc = await value('document', { code });
      const wholeDoc = RULES.filter((r) => r.citations.some((c) => c.doc === code && c.article === undefined));
      expect(doc.documentRules.map((r) => r.id)).toEqual(wholeDoc.map((r) => r.id));
    }
  });
});

describe('provisions.traceability', () => {
  it('lists every obligation with its rules, and marks the unchecked ones', async () => {
    const rows = await value('traceability', { filingId: filingA });
    const library = loadProvisionsLibrary(resourcesDir);
    const expected = library.traceability();
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.obligation.id));
    for (const [i, row] of rows.entries()) {
      expect(row.rules.map((r) => r.id)).toEqual(expected[i].obligation.ruleIds);
      expect(row.checked).toBe(expected[i].obligation.ruleIds.length > 0);
      expect(row.summaryZh).toBe(expected[i].obligation.summaryZh);
    }
    expect(rows.some((r) => !r.checked)).toBe(true);
  });

  it('carries the open-finding counts of the rules', async () => {
    const rows = await value('traceability', undefined);
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
    const resolved = await value('resolve', { citations });
    const library = loadProvisionsLibrary(resourcesDir);
    expect(resolved.map((r) => r.id)).toEqual(['GZ2021/18/1/4', 'GZ2021/8/2', 'ZMT2023/1']);
    expect(resolved.map((r) => r.reference)).toEqual(['GZ2021 第十八条(四)', 'GZ2021 第八条第二款', 'ZMT2023 第1条']);
    expect(resolved[0].text).toBe(library.document('GZ2021').articles[17].clauses[0].items![3].text);
    expect(resolved[1].text).toBe(library.document('GZ2021').articles[7].clauses[1].text);
  });

  it('reports a citation of a provision that does not exist as not found', async () => {
    const outcome = await call('resolve', { citations: [{ doc: 'GZ2021', article: 99 }] });
    expect(outcome).toMatchObject({ ok: false, code: 'not_found' });
    if (!outcome.ok) expect(outcome.message).toContain('GZ2021/99');
  });

  it('refuses an empty list and a clause without an article at the contract', async () => {
    expect(await call('resolve', { citations: [] })).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(await call('resolve', { citations: [{ doc: 'GZ2021', clause: 1 }] })).toMatchObject({ ok: false, code: 'invalid_argument' });
  });
});

describe('library loading', () => {
  it('loads the library lazily: a broken resources folder fails the call, not start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisions-broken-'));
    const broken = createProvisionsService({ ws, resourcesDir: dir });
    const outcome = await call('documents', undefined, broken);
    expect(outcome).toMatchObject({ ok: false, code: 'internal' });
    if (!outcome.ok) expect(outcome.message).toContain('GZ2021.json');
  });
});
