import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '@shared/text/normalize';
import { findNearDuplicatePairs, GramOrder, sortSmallest, type DuplicateInput, type NearDuplicateOptions } from './near-duplicates';

const DAY = 86_400;
/** 60 distinct CJK characters: texts built from them have all-distinct 3-grams unless they repeat a character. */
const CHARS = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星山川风云雷电江河湖海东南西北春夏秋冬天地人和上下左右前后红黄蓝'];
const distinct = (from: number, length: number) => CHARS.slice(from, from + length).join('');
/** A text of `length` distinct characters and the same text with its last `changed` characters replaced. */
function variantPair(length: number, changed: number): [string, string] {
  const a = distinct(0, length);
  return [a, a.slice(0, length - changed) + distinct(length, changed)];
}

const input = (id: number, time: number, text: string, title: string | null = null): DuplicateInput => ({ id, time, title, text });
const pairsOf = (inputs: DuplicateInput[], options: NearDuplicateOptions = {}) => findNearDuplicatePairs(inputs, options).map((p) => [p.a, p.b, p.shared, p.union]);

/** Every pair by comparing all of them, in the order findNearDuplicatePairs gives; and how many pairs sit within 0.05 of the threshold. */
function bruteForce(docs: DuplicateInput[]): { expected: number[][]; nearBoundary: number } {
  const grams = docs.map((d) => {
    const cps = [...normalizeText((d.title ?? '') + (d.text ?? ''))];
    return cps.length < 20 ? null : new Set(cps.slice(0, -2).map((_, i) => cps.slice(i, i + 3).join('')));
  });
  const expected: number[][] = [];
  let nearBoundary = 0;
  for (let j = 0; j < docs.length; j++) {
    const pairsOfJ: number[][] = [];
    for (let i = j - 1; i >= 0 && docs[j].time - docs[i].time <= DAY; i--) {
      const [x, y] = [grams[i], grams[j]];
      if (!x || !y) continue;
      const shared = [...x].filter((g) => y.has(g)).length;
      const union = x.size + y.size - shared;
      if (shared / union >= 0.8) pairsOfJ.push([docs[i].id, docs[j].id, shared, union]);
      if (Math.abs(shared / union - 0.8) <= 0.05) nearBoundary++;
    }
    // In stream order of the later content, then by the earlier one's id.
    expected.push(...pairsOfJ.sort((p, q) => p[0] - q[0]));
  }
  return { expected, nearBoundary };
}

describe('findNearDuplicatePairs', () => {
  it('Jaccard exactly 0.8 is a pair, just under is not (3-gram sets of distinct characters)', () => {
    // 29 characters, last 3 changed: 24 shared of 27 + 27 − 24 = 30 → 0.8.
    expect(pairsOf([input(1, 0, variantPair(29, 3)[0]), input(2, 10, variantPair(29, 3)[1])])).toEqual([[1, 2, 24, 30]]);
    // 28 characters, last 3 changed: 23 / 29 ≈ 0.793.
    expect(pairsOf([input(1, 0, variantPair(28, 3)[0]), input(2, 10, variantPair(28, 3)[1])])).toEqual([]);
    // 20 characters (the minimum), last 2 changed: 16 / 20 = 0.8.
    expect(pairsOf([input(1, 0, variantPair(20, 2)[0]), input(2, 10, variantPair(20, 2)[1])])).toEqual([[1, 2, 16, 20]]);
  });

  it('exactly 24 hours apart is a pair, 24 hours and 1 second is not, whatever lies between', () => {
    const [a, b] = variantPair(30, 1);
    expect(pairsOf([input(1, 1000, a), input(2, 1000 + DAY, b)]).map(([x, y]) => [x, y])).toEqual([[1, 2]]);
    expect(pairsOf([input(1, 1000, a), input(2, 1000 + DAY + 1, b)])).toEqual([]);
    const filler = Array.from({ length: 50 }, (_, i) => input(100 + i, 1000 + i * 1000, distinct(30 + (i % 5), 25)));
    const found = pairsOf([input(1, 1000, a), ...filler, input(2, 1000 + DAY + 1, b)]);
    expect(found.filter(([x, y]) => x === 1 || y === 2)).toEqual([]);
  });

  it('a chain A ~ B ~ C where A and C are not similar gives two pairs', () => {
    const b = distinct(0, 40);
    const a = distinct(40, 3) + b.slice(3); // 35 / 41 with B
    const c = b.slice(0, 37) + distinct(43, 3); // 35 / 41 with B; 32 / 44 with A
    expect(pairsOf([input(1, 0, a), input(2, 60, b), input(3, 120, c)])).toEqual([
      [1, 2, 35, 41],
      [2, 3, 35, 41],
    ]);
  });

  it('title and text are joined and normalised; under 20 characters takes no part', () => {
    const text = distinct(0, 25);
    expect(pairsOf([input(1, 0, text.slice(10), text.slice(0, 10)), input(2, 5, `【${text.slice(0, 12)}】 ${text.slice(12)}！`)])).toEqual([[1, 2, 23, 23]]);
    expect(pairsOf([input(1, 0, distinct(0, 19)), input(2, 5, distinct(0, 19))])).toEqual([]);
  });

  it('3-grams are compared on their code points: ones that agree in their low 16 bits, supplementary planes', () => {
    // A text and its copy with 一 (U+4E00) replaced by 𤸀 (U+24E00): same low 16 bits, different 3-grams.
    const a = '一二一三一四一五一六一七一八一九一十一百一千';
    const b = a.replaceAll('一', '\u{24e00}');
    expect(pairsOf([input(1, 0, a), input(2, 1, b)])).toEqual([]);
    expect(pairsOf([input(1, 0, b), input(2, 1, b)])).toEqual([[1, 2, 20, 20]]); // 22 characters, 20 distinct 3-grams
  });

  /** A key order where the 3-grams of `common` are frequent, so every 3-gram outside it sorts first. */
  const commonLast = (common: string) => {
    const order = new GramOrder();
    order.addSample(null, common);
    order.addSample(null, common);
    return order;
  };

  it('finds a pair whose rarest shared key is the last of both mid-prefixes (equal sizes, Jaccard exactly 0.8)', () => {
    // 27 3-grams each, 24 shared: the 3 of each that differ sort first, so the rarest shared key
    // sits at position 3 = 27 − ⌈8·27/9⌉ of both (α = 24), the last one of the mid-prefix.
    const [a, b] = variantPair(29, 3);
    const pairs = findNearDuplicatePairs([input(1, 0, a), input(2, 10, b)], { order: commonLast(a.slice(0, 26)) });
    expect(pairs.map((p) => [p.a, p.b, p.shared, p.union])).toEqual([[1, 2, 24, 30]]);
  });

  it('a smaller later content finds a larger earlier one whose rarest shared key lies past its mid-prefix', () => {
    // The earlier has 31 3-grams, 6 of its own sorted first: the rarest shared key sits at its
    // position 6 (prefix 7, mid-prefix 4). The later one's 25 3-grams are all shared (25 / 31 ≥ 0.8).
    const later = distinct(0, 27);
    const earlier = later + distinct(27, 6);
    const pairs = findNearDuplicatePairs([input(1, 0, earlier), input(2, 10, later)], { order: commonLast(later) });
    expect(pairs.map((p) => [p.a, p.b, p.shared, p.union])).toEqual([[1, 2, 25, 31]]);
    // And the other way round: the larger one later meets the smaller one's mid-prefix postings.
    const reversed = findNearDuplicatePairs([input(1, 0, later), input(2, 10, earlier)], { order: commonLast(later) });
    expect(reversed.map((p) => [p.a, p.b, p.shared, p.union])).toEqual([[1, 2, 25, 31]]);
    // Posting numbers started again while the first content is filed: the chains are linked anew
    // from the postings, each into the chain its position says.
    for (const docs of [
      [input(1, 0, earlier), input(2, 10, later)],
      [input(1, 0, later), input(2, 10, earlier)],
    ]) {
      const renumbered = findNearDuplicatePairs(docs, { order: commonLast(later), renumberPostingsAt: 3 });
      expect(renumbered.map((p) => [p.a, p.b, p.shared, p.union])).toEqual([[1, 2, 25, 31]]);
    }
  });

  it('refuses a stream out of published_at order', () => {
    expect(() => findNearDuplicatePairs([input(1, 10, distinct(0, 25)), input(2, 5, distinct(0, 25))])).toThrow(/未按发布时间排序/);
  });

  it('finds exactly the pairs of a brute-force comparison (random small corpora)', () => {
    const alphabet = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰', '，', '。', ' ', 'Ａ', 'a'];
    const base = fc.array(fc.constantFrom(...alphabet), { minLength: 20, maxLength: 60 });
    // Texts are random edits of a few random bases, so many pairs sit near Jaccard 0.8.
    const corpus = fc
      .tuple(
        fc.array(base, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({
            base: fc.nat(),
            edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(...alphabet)), { maxLength: 5 }),
            time: fc.integer({ min: 0, max: 2 * DAY }),
            split: fc.nat(),
          }),
          { minLength: 2, maxLength: 40 },
        ),
      )
      .map(([bases, docs]) =>
        docs
          .map((d, i) => {
            const chars = [...bases[d.base % bases.length]];
            for (const [at, kind, ch] of d.edits) {
              const p = at % (chars.length + 1);
              if (kind === 'replace') chars[Math.min(p, chars.length - 1)] = ch;
              else if (kind === 'insert') chars.splice(p, 0, ch);
              else chars.splice(p, 1);
            }
            const cut = d.split % (chars.length + 1);
            return { id: i + 1, time: d.time, title: chars.slice(0, cut).join('') || null, text: chars.slice(cut).join('') };
          })
          .sort((x, y) => x.time - y.time || x.id - y.id),
      );
    let found = 0;
    let nearBoundary = 0;
    fc.assert(
      fc.property(corpus, (docs) => {
        const { expected, nearBoundary: near } = bruteForce(docs);
        nearBoundary += near;
        expect(pairsOf(docs)).toEqual(expected);
        // With 3-bit key hashes nearly every content has colliding 3-grams and every pair shares keys:
        // the exact comparisons alone must give the same pairs.
        expect(pairsOf(docs, { keyHashBits: 3 })).toEqual(expected);
        // The same with the recount reading earlier contents back instead of keeping them.
        const byId = new Map(docs.map((d) => [d.id, d]));
        expect(pairsOf(docs, { keyHashBits: 3, recall: (id) => byId.get(id)! })).toEqual(expected);
        expect(pairsOf(docs, { keyHashBits: 9 })).toEqual(expected);
        // Posting numbers that start again every few contents, and a ring that grows and wraps.
        expect(pairsOf(docs, { renumberPostingsAt: 40 })).toEqual(expected);
        found += expected.length;
      }),
      { numRuns: 300 },
    );
    // The corpora must exercise the threshold, not only obvious matches and misses.
    expect(found).toBeGreaterThan(200);
    expect(nearBoundary).toBeGreaterThan(100);
  });

  it('keeps every posting while the window slides for long and then fills at once (the ring wraps, then grows)', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    const text = () => Array.from({ length: 30 }, () => CHARS[Math.floor(random() * CHARS.length)]).join('');
    const docs: DuplicateInput[] = [];
    // 600 contents two days apart: the window holds one at a time while the posting numbers run far past the ring.
    for (let k = 0; k < 600; k++) docs.push(input(k + 1, k * 2 * DAY, text()));
    // Then 400 within one day, every fourth a variant of an earlier one (a near-duplicate), some of the day before too.
    const start = 600 * 2 * DAY;
    for (let k = 0; k < 400; k++) {
      const earlier = docs[docs.length - 1 - Math.floor(random() * Math.min(docs.length, 200))].text!;
      const at = Math.floor(random() * 30);
      const body = k % 4 === 3 ? earlier.slice(0, at) + CHARS[Math.floor(random() * CHARS.length)] + earlier.slice(at + 1) : text();
      docs.push(input(601 + k, start + k * 200, body));
    }
    const { expected } = bruteForce(docs);
    expect(expected.length).toBeGreaterThan(50);
    expect(pairsOf(docs)).toEqual(expected);
  });
});

describe('sortSmallest', () => {
  it('puts the k smallest first, in order, and keeps every value (duplicates included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }), fc.nat(), (values, pick) => {
        const k = 1 + (pick % values.length);
        const a = Uint32Array.from(values);
        sortSmallest(a, a.length, k);
        const sorted = [...values].sort((x, y) => x - y);
        expect([...a.subarray(0, k)]).toEqual(sorted.slice(0, k));
        expect([...a].sort((x, y) => x - y)).toEqual(sorted);
      }),
      { numRuns: 1000 },
    );
  });
});
