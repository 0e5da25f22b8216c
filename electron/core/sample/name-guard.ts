import fs from 'node:fs';
import path from 'node:path';

export type LexiconCategory = 'party_government' | 'military' | 'news_media' | 'region' | 'news_word';
export const LEXICON_CATEGORIES: readonly LexiconCategory[] = ['party_government', 'military', 'news_media', 'region', 'news_word'];

export interface LexiconTerm {
  term: string;
  category: LexiconCategory;
}

const STRIPPED = /[\p{P}\p{S}\p{Z}\s\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** rules-v1 normalisation: NFKC, lower case, no white space, punctuation, symbols, joiners or variation selectors. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(STRIPPED, '');
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** Reads a small `term,category,...` or `code,name,...` CSV (no multi-line cells). */
export function readSmallCsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const cells = parseCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** The workstation's default lexicon (resources/reference/lexicon.csv), when it is present. */
export function loadLexiconFile(resourcesDir: string): LexiconTerm[] {
  const file = path.join(resourcesDir, 'reference', 'lexicon.csv');
  if (!fs.existsSync(file)) return [];
  return readSmallCsv(file)
    .filter((r) => (LEXICON_CATEGORIES as readonly string[]).includes(r.category) && r.term.trim() !== '')
    .map((r) => ({ term: r.term, category: r.category as LexiconCategory }));
}

/**
 * Looks up every lexicon term occurring anywhere in a name. Deliberately broader than the
 * rules engine (no longest-match swallowing): a name it calls clean is clean for any
 * matching strategy, and a planted name whose terms all share one category can only
 * produce that category.
 */
export class NameGuard {
  private readonly terms = new Map<string, Set<LexiconCategory>>();
  private readonly lengths: number[];

  constructor(terms: readonly LexiconTerm[]) {
    for (const { term, category } of terms) {
      const key = normalizeName(term);
      if (key.length === 0) continue;
      let set = this.terms.get(key);
      if (!set) this.terms.set(key, (set = new Set()));
      set.add(category);
    }
    this.lengths = [...new Set([...this.terms.keys()].map((t) => t.length))].sort((a, b) => a - b);
  }

  get size(): number {
    return this.terms.size;
  }

  categories(name: string): Set<LexiconCategory> {
    const text = normalizeName(name);
    const found = new Set<LexiconCategory>();
    for (let i = 0; i < text.length; i++) {
      for (const length of this.lengths) {
        if (i + length > text.length) break;
        const hit = this.terms.get(text.slice(i, i + length));
        if (hit) for (const c of hit) found.add(c);
      }
    }
    return found;
  }

  /**
   * The categories the rules engine would see: overlapping matches keep the longest, then
   * the leftmost, and a swallowed match does not count (rules-v1 clarifications).
   */
  engineCategories(name: string): Set<LexiconCategory> {
    const text = normalizeName(name);
    const matches: { start: number; length: number; cats: Set<LexiconCategory> }[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const length of this.lengths) {
        if (i + length > text.length) break;
        const hit = this.terms.get(text.slice(i, i + length));
        if (hit) matches.push({ start: i, length, cats: hit });
      }
    }
    matches.sort((x, y) => y.length - x.length || x.start - y.start);
    const taken: boolean[] = [];
    const found = new Set<LexiconCategory>();
    for (const m of matches) {
      let free = true;
      for (let k = m.start; k < m.start + m.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = m.start; k < m.start + m.length; k++) taken[k] = true;
      for (const c of m.cats) found.add(c);
    }
    return found;
  }

  /** True when every term in the name belongs to one of the allowed categories. */
  allows(name: string, allowed: readonly LexiconCategory[]): boolean {
    for (const c of this.categories(name)) if (!allowed.includes(c)) return false;
    return true;
  }
}
