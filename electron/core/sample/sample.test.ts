import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '@shared/domain/rules';
import { generateSamplePackage } from './index';
import { loadDefaultLexicon } from '../reference/lexicon-file';
import { EngineLexicon, NameGuard } from './name-guard';
import { trigramJaccard } from './plant/matrix';
import { loadSampleSources } from './sources';

const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');
const SMALL = 400;

/** RFC 4180 records of a CSV text (quoted newlines included). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      field = field.replace(/\r$/, '');
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

interface Manifest {
  tables: { table: string; file: string; rows: number; sha256: string; encoding?: string }[];
  documents: { kind: string; file: string; sha256: string }[];
  complaint_deadline_days?: number | null;
}

/** Reads a table of a folder package into objects keyed by English column name (first row = header). */
function readTable(dir: string, entry: Manifest['tables'][number]): Record<string, unknown>[] {
  const bytes = fs.readFileSync(path.join(dir, entry.file));
  if (entry.file.endsWith('.jsonl')) return bytes.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const utf8 = new TextDecoder('utf-8', { fatal: false });
  const text = entry.encoding === 'GB18030' || !isUtf8(bytes) ? new TextDecoder('gb18030').decode(bytes) : utf8.decode(bytes).replace(/^\ufeff/, '');
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('generateSamplePackage', () => {
  let tmp: string;
  let folder: string;
  let manifest: Manifest;
  let truth: { rules: Record<string, { expected: unknown[]; nearMisses: unknown[] }>; platformVariants: { package: string; rules: Record<string, { expected: unknown[] }> }[] };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-test-'));
    folder = path.join(tmp, 'pkg');
    await generateSamplePackage({ accounts: SMALL, seed: 11, out: folder, variety: true, resourcesDir });
    manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    truth = JSON.parse(fs.readFileSync(`${folder}.ground-truth.json`, 'utf8'));
  });

  it('writes byte-identical zips, ground truth and licence registries for the same seed and size', async () => {
    const runs = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const out = path.join(tmp, name, 'demo.zip');
        const r = await generateSamplePackage({ accounts: SMALL, seed: 5, out, resourcesDir, platformVariants: false });
        return [r.packagePath, r.groundTruthPath, r.licenseRegistryPath].map((f) => createHash('sha256').update(fs.readFileSync(f)).digest('hex'));
      }),
    );
    expect(runs[0]).toEqual(runs[1]);
    const other = await generateSamplePackage({ accounts: SMALL, seed: 6, out: path.join(tmp, 'c', 'demo.zip'), resourcesDir, platformVariants: false });
    expect(createHash('sha256').update(fs.readFileSync(other.packagePath)).digest('hex')).not.toBe(runs[0][0]);
  });

  it('declares the true row count and sha256 of every table and document', () => {
    expect(manifest.tables.map((t) => t.table).sort()).toEqual(
      ['account_identifiers', 'account_transfers', 'accounts', 'blacklist', 'complaints', 'contents', 'credentials', 'enforcement_actions', 'follower_daily', 'mcn_contracts', 'mcn_orgs', 'subjects'],
    );
    for (const t of manifest.tables) {
      const bytes = fs.readFileSync(path.join(folder, t.file));
      expect(createHash('sha256').update(bytes).digest('hex'), t.file).toBe(t.sha256);
      expect(readTable(folder, t).length, t.file).toBe(t.rows);
    }
    expect(manifest.documents.map((d) => d.kind).sort()).toEqual(['management_rules', 'platform_convention', 'service_agreement']);
    for (const d of manifest.documents) expect(createHash('sha256').update(fs.readFileSync(path.join(folder, d.file))).digest('hex')).toBe(d.sha256);
    expect(manifest.complaint_deadline_days).toBe(15);
    const accounts = manifest.tables.find((t) => t.table === 'accounts')!;
    expect(accounts.rows).toBe(SMALL);
  });

  it('plants firing cases and near misses for every rule, platform rules in companion packages', () => {
    for (const rule of RULE_IDS) {
      const own = truth.rules[rule];
      expect(own, rule).toBeDefined();
      const variantHits = truth.platformVariants.reduce((n, v) => n + (v.rules[rule]?.expected.length ?? 0), 0);
      expect(own.expected.length + variantHits, rule).toBeGreaterThanOrEqual(rule.startsWith('platform.') ? 1 : 3);
      expect(own.nearMisses.length, rule).toBeGreaterThanOrEqual(1);
    }
    for (const v of truth.platformVariants) expect(fs.existsSync(path.join(tmp, v.package))).toBe(true);
  });

  it('keeps every reference inside the package', () => {
    const tables = Object.fromEntries(manifest.tables.map((t) => [t.table, readTable(folder, t)]));
    const ids = (table: string, column: string) => new Set(tables[table].map((r) => String(r[column])));
    const subjects = ids('subjects', 'subject_id');
    const accounts = ids('accounts', 'account_id');
    const contents = ids('contents', 'content_id');
    const mcns = new Set(tables.mcn_orgs.map((r) => String(r['MCN机构ID'])));
    for (const a of tables.accounts) expect(subjects.has(String(a.subject_id))).toBe(true);
    for (const table of ['credentials', 'account_identifiers', 'follower_daily', 'contents', 'mcn_contracts', 'account_transfers'])
      for (const r of tables[table]) expect(accounts.has(String(r.account_id)), `${table} ${String(r.account_id)}`).toBe(true);
    for (const table of ['enforcement_actions', 'complaints', 'blacklist'])
      for (const r of tables[table]) if (r.account_id) expect(accounts.has(String(r.account_id)), table).toBe(true);
    for (const r of [...tables.enforcement_actions, ...tables.complaints]) if (r.content_id) expect(contents.has(String(r.content_id))).toBe(true);
    for (const r of [...tables.enforcement_actions, ...tables.mcn_contracts]) if (r.mcn_id) expect(mcns.has(String(r.mcn_id))).toBe(true);
    for (const r of tables.account_transfers) {
      expect(subjects.has(String(r.from_subject_id))).toBe(true);
      expect(subjects.has(String(r.to_subject_id))).toBe(true);
    }
    expect(accounts.size).toBe(SMALL);
  });

  it('gives the compliant population display names free of lexicon terms (beyond what its subject type may use after review)', () => {
    const lexicon = loadDefaultLexicon(resourcesDir);
    const engine = new EngineLexicon(lexicon);
    const broad = new NameGuard([...lexicon, ...loadSampleSources(resourcesDir).fallbackTerms]);
    const planted = plantedAccounts(truth, folder, manifest);
    const tables = Object.fromEntries(['accounts', 'subjects'].map((t) => [t, readTable(folder, manifest.tables.find((m) => m.table === t)!)]));
    const typeOf = new Map(tables.subjects.map((s) => [String(s.subject_id), String(s.subject_type)]));
    let checked = 0;
    for (const a of tables.accounts) {
      if (planted.has(String(a.account_id)) || a.status === 'closed') continue;
      const type = typeOf.get(String(a.subject_id))!;
      // The shipped matcher as the rules engine uses it, and the broader any-substring check on top.
      const found = [...new Set([...engine.categories(String(a.display_name)), ...broad.categories(String(a.display_name))])];
      const allowed = type === '新闻单位' ? found : type === '党政机关' || type === '事业单位' ? ['region', 'party_government', 'military', 'news_media'] : type === '社会组织' ? ['region'] : [];
      for (const c of found) expect(allowed, `${String(a.display_name)}（${type}）`).toContain(c);
      if (found.length > 0) expect(a.manual_review).toBe('passed');
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('gives planted name cases exactly the lexicon categories they are built to hit', () => {
    const engine = new EngineLexicon(loadDefaultLexicon(resourcesDir));
    const names = new Map(readTable(folder, manifest.tables.find((t) => t.table === 'accounts')!).map((a) => [String(a.account_id), String(a.display_name)]));
    const want: Record<string, (cats: Set<string>) => boolean> = {
      'name.protected_unreviewed': (c) => c.size > 0 && !c.has('news_word'),
      'name.impersonation_suspect': (c) => ['party_government', 'military', 'news_media'].some((k) => c.has(k)) && !c.has('news_word'),
      'name.news_word_unlicensed': (c) => c.has('news_word'),
    };
    for (const [rule, ok] of Object.entries(want))
      for (const e of truth.rules[rule].expected as { id: string }[]) expect(ok(engine.categories(names.get(e.id)!)), `${rule} ${names.get(e.id)}`).toBe(true);
  });

  it('has no near-duplicate contents across accounts outside the planted matrix cases', () => {
    const planted = plantedAccounts(truth, folder, manifest);
    const contents = readTable(folder, manifest.tables.find((t) => t.table === 'contents')!)
      .filter((c) => !planted.has(String(c.account_id)))
      .map((c) => ({ account: String(c.account_id), at: Date.parse(String(c.published_at).replace(' ', 'T') + 'Z'), text: `${String(c.title ?? '')}${String(c.text ?? '')}` }))
      .sort((x, y) => x.at - y.at);
    let max = 0;
    for (let i = 0; i < contents.length; i++)
      for (let j = i + 1; j < contents.length && contents[j].at - contents[i].at <= 86_400_000; j++)
        if (contents[i].account !== contents[j].account) max = Math.max(max, trigramJaccard(contents[i].text, contents[j].text));
    expect(max).toBeLessThan(0.8);
  });
});

/** Accounts named by any ground-truth entity, plus all accounts of subjects named there. */
function plantedAccounts(truth: { rules: Record<string, { expected: unknown[]; nearMisses: unknown[] }> }, folder: string, manifest: Manifest): Set<string> {
  const out = new Set<string>();
  const keys = new Set<string>();
  for (const r of Object.values(truth.rules))
    for (const e of [...r.expected, ...r.nearMisses] as { type: string; id?: string; ids?: string[] }[]) {
      if (e.type === 'account' && e.id) out.add(e.id);
      if (e.type === 'account_group') for (const id of e.ids ?? []) out.add(id);
      if (e.type === 'subject' && e.id) keys.add(e.id);
    }
  const subjects = readTable(folder, manifest.tables.find((t) => t.table === 'subjects')!);
  const bySubject = new Set(subjects.filter((s) => keys.has(String(s.identity_key))).map((s) => String(s.subject_id)));
  for (const a of readTable(folder, manifest.tables.find((t) => t.table === 'accounts')!)) if (bySubject.has(String(a.subject_id))) out.add(String(a.account_id));
  return out;
}
