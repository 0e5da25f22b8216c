import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOC_CODES, articleLabel, formatCitation, type DocCode } from '@shared/domain/provisions';
import { RULES } from '@shared/domain/rules';
import { DEFAULT_RESOURCES_DIR, ProvisionsError, loadProvisionsLibrary } from './library';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEEDS_DIR = join(REPO_ROOT, '..', 'shared', 'seeds');
const seedsPresent = existsSync(SEEDS_DIR);
if (!seedsPresent) console.warn(`跳过与原始文本的逐字核对：找不到种子目录 ${SEEDS_DIR}`);

const library = loadProvisionsLibrary();

/** White space, markdown bold markers and HTML tags are layout, not wording. */
const squeeze = (text: string) => text.replace(/<[^>]*>/g, '').replace(/\*\*/g, '').replace(/\s+/g, '');

describe('loadProvisionsLibrary', () => {
  it('loads the five documents from the repository resources by default', () => {
    expect(DEFAULT_RESOURCES_DIR).toBe(join(REPO_ROOT, 'resources'));
    expect(library.documents().map((d) => d.code)).toEqual([...DOC_CODES]);
  });

  it('has the number of articles each document has', () => {
    const counts = Object.fromEntries(library.documents().map((d) => [d.code, d.articleCount]));
    // GZ2021: 第一条…第二十三条; ZMT2023: points 1–13; JSTX2014: 第一条…第十条;
    // QL2024: five problem categories plus five accompanying requirements; ZZ2021: two passages.
    expect(counts).toEqual({ GZ2021: 23, ZMT2023: 13, JSTX2014: 10, QL2024: 10, ZZ2021: 2 });
  });

  it('labels each article as its citations are written', () => {
    for (const { code } of library.documents()) {
      library.document(code).articles.forEach((article, i) => expect(article.label).toBe(articleLabel(code, i + 1)));
    }
  });

  it('names the file and the field when a document is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisions-'));
    mkdirSync(join(dir, 'provisions'));
    for (const name of [...DOC_CODES.map((c) => `${c}.json`), 'obligations.json']) {
      copyFileSync(join(DEFAULT_RESOURCES_DIR, 'provisions', name), join(dir, 'provisions', name));
    }
    const file = join(dir, 'provisions', 'JSTX2014.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.issuedOn = '2014年8月7日';
    writeFileSync(file, JSON.stringify(doc));
    expect(() => loadProvisionsLibrary(dir)).toThrow(ProvisionsError);
    expect(() => loadProvisionsLibrary(dir)).toThrow(/JSTX2014\.json.*issuedOn.*2014年8月7日/);
  });

  it('reports a missing file by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisions-'));
    expect(() => loadProvisionsLibrary(dir)).toThrow(/GZ2021\.json.*无法读取/);
  });
});

describe('resolveCitation', () => {
  it('resolves every citation of every rule to non-empty text', () => {
    for (const rule of RULES) {
      for (const citation of rule.citations) {
        const resolved = library.resolveCitation(citation);
        expect(resolved.text.trim(), `${rule.id} ${formatCitation(citation)}`).not.toBe('');
        expect(resolved.docTitle).not.toBe('');
      }
    }
  });

  it('returns the cited clause, item or article verbatim', () => {
    const clause = library.resolveCitation({ doc: 'GZ2021', article: 8, clause: 3 });
    expect(clause).toMatchObject({ reference: 'GZ2021 第八条第三款', docTitle: '互联网用户公众账号信息服务管理规定', articleLabel: '第八条' });
    expect(clause.text).toMatch(/^公众账号信息服务平台应当禁止被依法依约关闭的公众账号以相同账号名称重新注册；/);

    const item = library.resolveCitation({ doc: 'GZ2021', article: 18, item: 4 });
    expect(item.locator).toBe('第十八条(四)');
    expect(item.text).toMatch(/^操纵利用多个平台账号，批量发布雷同低质信息内容/);

    const leadIn = library.resolveCitation({ doc: 'GZ2021', article: 18, clause: 1 });
    expect(leadIn.text.split('\n')).toHaveLength(11);

    const point = library.resolveCitation({ doc: 'ZMT2023', article: 7 });
    expect(point.text).toContain('“一人一号、一企两号”');
  });

  it('resolves a whole-document citation to all of its entries', () => {
    const whole = library.resolveCitation({ doc: 'QL2024' });
    expect(whole.articleLabel).toBeUndefined();
    expect(whole.text).toContain('“持证亮牌”');
    expect(whole.text).toContain('专设“新闻类账号”');
  });

  it('refuses articles, clauses and items that do not exist', () => {
    expect(() => library.resolveCitation({ doc: 'JSTX2014', article: 11 })).toThrow(/没有该条/);
    expect(() => library.resolveCitation({ doc: 'GZ2021', article: 8, clause: 4 })).toThrow(/没有该款/);
    expect(() => library.resolveCitation({ doc: 'GZ2021', article: 8, item: 1 })).toThrow(/没有该项/);
  });
});

describe('traceability', () => {
  const rows = library.traceability();

  it('joins each obligation with the rules that check it', () => {
    expect(rows).toHaveLength(35);
    const gz8 = rows.find((r) => r.obligation.id === 'GZ2021/8');
    expect(gz8?.reference).toBe('GZ2021 第八条');
    expect(gz8?.rules.map((r) => r.id)).toContain('identity.unverified');
    const unchecked = rows.find((r) => r.obligation.id === 'ZMT2023/13');
    expect(unchecked).toMatchObject({ checked: false, rules: [] });
  });

  it('lists under an obligation every rule that cites its article', () => {
    for (const row of rows) {
      const { doc, article } = row.obligation.citation;
      const citing = RULES.filter((r) => r.citations.some((c) => c.doc === doc && c.article === article)).map((r) => r.id);
      expect(row.obligation.ruleIds, row.obligation.id).toEqual(expect.arrayContaining(citing));
    }
  });

  it('lists only rules that cite the obligation, its whole document, or its QL2024 campaign category', () => {
    // rules-v1.md "Campaign categories (QL2024)" maps these rules to categories they do not cite.
    const campaign: Record<string, string[]> = {
      'QL2024/1': ['enforcement.rumor_not_closed'],
      'QL2024/3': ['name.impersonation_suspect'],
    };
    for (const row of rows) {
      const { doc, article } = row.obligation.citation;
      for (const rule of row.rules) {
        const cites = rule.citations.some((c) => c.doc === doc && (c.article === article || c.article === undefined));
        expect(cites || campaign[row.obligation.id]?.includes(rule.id), `${row.obligation.id} ${rule.id}`).toBe(true);
      }
    }
  });
});

describe('verbatim against the seeds', () => {
  const seedText = (code: DocCode) => readFileSync(join(SEEDS_DIR, library.document(code).source), 'utf8');

  it.skipIf(!seedsPresent).each([...DOC_CODES])('%s: every article, heading, preamble and closing occurs in the seed', (code) => {
    const doc = library.document(code);
    const seed = squeeze(seedText(code));
    const passages = [
      ...doc.articles.flatMap((a) => [a.text, ...(a.heading === undefined ? [] : [a.heading])]),
      ...(doc.preamble ?? []),
      ...(doc.closing ?? []),
    ];
    for (const passage of passages) expect(seed.includes(squeeze(passage)), passage.slice(0, 40)).toBe(true);
  });

  it.skipIf(!seedsPresent)('counts the articles in the seeds themselves', () => {
    const count = (code: DocCode, pattern: RegExp) => seedText(code).match(pattern)?.length ?? 0;
    expect(count('GZ2021', /^第[一二三四五六七八九十]+条 /gm)).toBe(library.document('GZ2021').articles.length);
    expect(count('JSTX2014', /^\*\*第[一二三四五六七八九十]+条\*\*/gm)).toBe(library.document('JSTX2014').articles.length);
    expect(count('ZMT2023', /<strong>\d+\./g)).toBe(library.document('ZMT2023').articles.length);
    expect(count('QL2024', /\*\*[一二三四五六七八九十]是\*\*/g)).toBe(5);
  });

  it('leaves out the advertisement, the page chrome and the editor’s note', () => {
    const all = DOC_CODES.map((code) => JSON.stringify(library.document(code))).join('');
    for (const chrome of ['银翔装饰', 'addtoany', 'mmbiz', '编者按', '扫码订阅', '新华社', 'http']) {
      expect(all).not.toContain(chrome);
    }
  });
});
