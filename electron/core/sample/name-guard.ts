import fs from 'node:fs';

import { buildLexiconMatcher, type LexiconMatcher, type LexiconTerm } from '../reference/lexicon-matcher';
import type { LexiconCategory } from '@shared/domain/reference';
import { normalizeText } from '@shared/text/normalize';

export type { LexiconCategory, LexiconTerm };

/** What a display name hits in the rules engine's own matcher (longest-then-leftmost, swallowed matches dropped). */
export class EngineLexicon {
  private readonly matcher: LexiconMatcher;

  constructor(terms: LexiconTerm[]) {
    this.matcher = buildLexiconMatcher(terms);
  }

  categories(name: string): Set<LexiconCategory> {
    return new Set(this.matcher.findAll(normalizeText(name)).map((m) => m.category));
  }
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
      const key = normalizeText(term);
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
    const text = normalizeText(name);
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

  /** True when every term in the name belongs to one of the allowed categories. */
  allows(name: string, allowed: readonly LexiconCategory[]): boolean {
    for (const c of this.categories(name)) if (!allowed.includes(c)) return false;
    return true;
  }
}
