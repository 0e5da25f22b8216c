import { LEXICON_CATEGORIES, type LexiconCategory } from '@shared/domain/reference';
import { normalizeText } from '@shared/text/normalize';

export interface LexiconTerm {
  term: string;
  category: LexiconCategory;
  note?: string;
}

/**
 * One counted occurrence of a lexicon term. `start`/`end` are UTF-16 offsets into the
 * normalised text given to `findAll` (so `text.slice(start, end)` is the matched text);
 * `term` is the lexicon's own spelling, e.g. "CCTV" for the matched text "cctv".
 */
export interface LexiconMatch {
  term: string;
  category: LexiconCategory;
  start: number;
  end: number;
}

export interface LexiconMatcher {
  /**
   * Matches in normalised text (the caller applies `normalizeText`). Overlapping
   * occurrences are resolved as rules-v1 says: the longest (in characters, i.e. code
   * points) wins, ties go to the leftmost, and an occurrence overlapping a kept one does
   * not count. A kept span whose term is listed under several categories yields one match
   * per category, in `LEXICON_CATEGORIES` order. Results are ordered by `start`.
   */
  findAll(normalizedText: string): LexiconMatch[];
  /** Number of distinct normalised terms in the automaton. */
  size: number;
}

interface Entry {
  /** Length in UTF-16 units, to turn a match's end into its start. */
  units: number;
  /** Length in code points, which is what "longest" compares. */
  codePoints: number;
  /** Spelling per category: the first term listed for that category. */
  spellings: Map<LexiconCategory, string>;
}

const ROOT = 0;
const NONE = -1;

/**
 * Aho–Corasick over UTF-16 code units. For well-formed strings this finds exactly the
 * code-point matches: a term starting with a high surrogate can only start at a pair's
 * first unit, and one ending with a low surrogate only end at a pair's last unit, so no
 * match splits a character. Lengths are still compared in code points (see Entry).
 */
export function buildLexiconMatcher(terms: LexiconTerm[]): LexiconMatcher {
  const entries: Entry[] = [];
  const entryByText = new Map<string, number>();
  for (const { term, category } of terms) {
    const text = normalizeText(term);
    if (text === '') continue;
    let index = entryByText.get(text);
    if (index === undefined) {
      index = entries.length;
      entryByText.set(text, index);
      entries.push({ units: text.length, codePoints: countCodePoints(text), spellings: new Map() });
    }
    const spellings = entries[index].spellings;
    if (!spellings.has(category)) spellings.set(category, term);
  }

  // Trie with one child Map per inner node; leaves (most nodes) carry none.
  const children: (Map<number, number> | undefined)[] = [undefined];
  const output: number[] = [NONE];
  for (const [text, index] of entryByText) {
    let node = ROOT;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let next = children[node]?.get(unit);
      if (next === undefined) {
        next = children.length;
        children.push(undefined);
        output.push(NONE);
        (children[node] ??= new Map()).set(unit, next);
      }
      node = next;
    }
    output[node] = index;
  }

  const nodeCount = children.length;
  const fail = new Int32Array(nodeCount);
  // Nearest proper suffix node that ends a term: lets matching list every term ending at a
  // position without walking fail links through nodes that end none.
  const dictionary = new Int32Array(nodeCount).fill(NONE);
  const queue = new Int32Array(nodeCount);
  let head = 0;
  let tail = 0;
  for (const child of children[ROOT]?.values() ?? []) {
    fail[child] = ROOT;
    queue[tail++] = child;
  }
  while (head < tail) {
    const node = queue[head++];
    const nodeChildren = children[node];
    if (nodeChildren === undefined) continue;
    for (const [unit, child] of nodeChildren) {
      let state = fail[node];
      let target = children[state]?.get(unit);
      while (target === undefined && state !== ROOT) {
        state = fail[state];
        target = children[state]?.get(unit);
      }
      const suffix = target ?? ROOT;
      fail[child] = suffix;
      dictionary[child] = output[suffix] !== NONE ? suffix : dictionary[suffix];
      queue[tail++] = child;
    }
  }

  const maxCodePoints = entries.reduce((max, e) => Math.max(max, e.codePoints), 0);

  function findAll(text: string): LexiconMatch[] {
    // (entry, end) pairs in one flat array, so the scan creates no objects; most names
    // match nothing and return before anything else is allocated.
    const found: number[] = [];
    let state = ROOT;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let next = children[state]?.get(unit);
      while (next === undefined && state !== ROOT) {
        state = fail[state];
        next = children[state]?.get(unit);
      }
      state = next ?? ROOT;
      for (let node = output[state] !== NONE ? state : dictionary[state]; node !== NONE; node = dictionary[node]) {
        found.push(output[node], i + 1);
      }
    }
    if (found.length === 0) return [];

    // Bucketed by length in code points. Within one length the occurrences arrive in order
    // of their end, which for spans of equal code-point length is also the order of their
    // start, so walking buckets from long to short visits candidates in exactly the
    // "longest, then leftmost" order without sorting.
    const buckets: number[][] = Array.from({ length: maxCodePoints + 1 }, () => []);
    for (let k = 0; k < found.length; k += 2) buckets[entries[found[k]].codePoints].push(found[k], found[k + 1]);

    const taken = new Uint8Array(text.length);
    const keptEntryAt = new Int32Array(text.length).fill(NONE);
    for (let length = maxCodePoints; length > 0; length--) {
      const bucket = buckets[length];
      for (let k = 0; k < bucket.length; k += 2) {
        const index = bucket[k];
        const end = bucket[k + 1];
        const start = end - entries[index].units;
        // Every kept span is at least as long as this one, so it cannot lie strictly
        // inside it: if they overlap, the kept span covers this one's first or last unit.
        if (taken[start] === 1 || taken[end - 1] === 1) continue;
        taken.fill(1, start, end);
        keptEntryAt[start] = index;
      }
    }

    const matches: LexiconMatch[] = [];
    for (let start = 0; start < text.length; start++) {
      const index = keptEntryAt[start];
      if (index === NONE) continue;
      const entry = entries[index];
      for (const category of LEXICON_CATEGORIES) {
        const term = entry.spellings.get(category);
        if (term !== undefined) matches.push({ term, category, start, end: start + entry.units });
      }
    }
    return matches;
  }

  return { findAll, size: entries.length };
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; skip the low half.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const nextUnit = text.charCodeAt(i + 1);
      if (nextUnit >= 0xdc00 && nextUnit <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
