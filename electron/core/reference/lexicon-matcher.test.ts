import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LEXICON_CATEGORIES, type LexiconCategory } from '@shared/domain/reference';
import { normalizeText } from '@shared/text/normalize';
import { buildLexiconMatcher, type LexiconMatch, type LexiconTerm } from './lexicon-matcher';

const t = (term: string, category: LexiconCategory): LexiconTerm => ({ term, category });

function find(terms: LexiconTerm[], raw: string): LexiconMatch[] {
  return buildLexiconMatcher(terms).findAll(normalizeText(raw));
}

/**
 * Reference reading of rules-v1 written independently of the automaton: every occurrence
 * by indexOf, then greedily keep the longest (code points), then the leftmost, dropping
 * whatever overlaps a kept one.
 */
function naiveFindAll(terms: LexiconTerm[], text: string): LexiconMatch[] {
  const spellings = new Map<string, Map<LexiconCategory, string>>();
  for (const { term, category } of terms) {
    const key = normalizeText(term);
    if (key === '') continue;
    const byCategory = spellings.get(key) ?? new Map<LexiconCategory, string>();
    if (!byCategory.has(category)) byCategory.set(category, term);
    spellings.set(key, byCategory);
  }
  const occurrences: { key: string; start: number; end: number; length: number }[] = [];
  for (const key of spellings.keys()) {
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
      occurrences.push({ key, start: at, end: at + key.length, length: [...key].length });
    }
  }
  occurrences.sort((a, b) => b.length - a.length || a.start - b.start);
  const kept: typeof occurrences = [];
  for (const o of occurrences) {
    if (kept.every((k) => o.end <= k.start || k.end <= o.start)) kept.push(o);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.flatMap((k) =>
    LEXICON_CATEGORIES.filter((c) => spellings.get(k.key)!.has(c)).map((category) => ({
      term: spellings.get(k.key)!.get(category)!,
      category,
      start: k.start,
      end: k.end,
    })),
  );
}

describe('buildLexiconMatcher: rules-v1 clarifications', () => {
  const lexicon = [t('中国', 'region'), t('中国新闻社', 'news_media'), t('新闻', 'news_word')];

  it('counts only the longest of overlapping terms', () => {
    expect(find(lexicon, '中国新闻社官方')).toEqual([
      { term: '中国新闻社', category: 'news_media', start: 0, end: 5 },
    ]);
  });

  it('counts the shorter terms when the longer one is incomplete (near miss)', () => {
    expect(find(lexicon, '中国新闻官方').map((m) => m.term)).toEqual(['中国', '新闻']);
  });

  it('matches across removed spaces and full-width forms', () => {
    expect(find([t('杭州', 'region')], '杭 州').map((m) => m.term)).toEqual(['杭州']);
    expect(find([t('CCTV', 'news_media')], 'ＣＣＴＶ-13')).toEqual([
      { term: 'CCTV', category: 'news_media', start: 0, end: 4 },
    ]);
    expect(find([t('杭州', 'region')], '杭·洲')).toEqual([]);
  });

  it('breaks a length tie in favour of the leftmost', () => {
    // 上海 and 海军 overlap with equal length: 上海 starts first and swallows 海军.
    expect(find([t('上海', 'region'), t('海军', 'military')], '上海军迷').map((m) => m.term)).toEqual(['上海']);
  });

  it('keeps "longest first" over "leftmost first" when they disagree', () => {
    // A left-to-right scan would keep ab; rules-v1 keeps the longer bcd.
    expect(find([t('ab', 'region'), t('bcd', 'news_word')], 'abcd').map((m) => m.term)).toEqual(['bcd']);
  });

  it('lets a swallowed occurrence not block others', () => {
    // 市政府 loses to 杭州市 (tie, leftmost), so it no longer covers 政府.
    const terms = [t('杭州市', 'region'), t('市政府', 'party_government'), t('政府', 'party_government')];
    expect(find(terms, '杭州市政府').map((m) => [m.term, m.start])).toEqual([
      ['杭州市', 0],
      ['政府', 3],
    ]);
  });

  it('compares length in characters, not UTF-16 units', () => {
    // 𠀀𠀀 is 4 units but 2 characters; x𠀀 is 3 units and 2 characters and starts first.
    expect(find([t('𠀀𠀀', 'region'), t('x𠀀', 'news_word')], 'x𠀀𠀀').map((m) => m.term)).toEqual(['x𠀀']);
  });

  it('reports one match per category, in category order, for a term listed in several', () => {
    const terms = [t('兵团', 'region'), t('兵团', 'military'), t('兵团', 'military'), t('兵 团', 'party_government')];
    expect(find(terms, '兵团日记')).toEqual([
      { term: '兵 团', category: 'party_government', start: 0, end: 2 },
      { term: '兵团', category: 'military', start: 0, end: 2 },
      { term: '兵团', category: 'region', start: 0, end: 2 },
    ]);
  });

  it('drops terms that normalise to nothing and counts distinct normalised terms', () => {
    const matcher = buildLexiconMatcher([t('《》', 'news_word'), t('😀', 'news_word'), t('CCTV', 'news_media'), t('cctv', 'news_media')]);
    expect(matcher.size).toBe(1);
    expect(matcher.findAll('')).toEqual([]);
  });

  it('finds repeated and adjacent occurrences', () => {
    expect(find([t('新闻', 'news_word')], '新闻新闻x新闻').map((m) => m.start)).toEqual([0, 2, 5]);
  });
});

describe('buildLexiconMatcher: agrees with the naive reading', () => {
  const alphabet = ['a', 'b', 'c', 'A', ' ', '𠀀', '中'];
  const word = (maxLength: number) =>
    fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength }).map((cs) => cs.join(''));
  const termArb = fc.record({ term: word(5), category: fc.constantFrom(...LEXICON_CATEGORIES) });

  it('on random small alphabets', () => {
    fc.assert(
      fc.property(fc.array(termArb, { maxLength: 12 }), word(40), (terms, raw) => {
        const text = normalizeText(raw);
        expect(buildLexiconMatcher(terms).findAll(text)).toEqual(naiveFindAll(terms, text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('buildLexiconMatcher: scale', () => {
  it('builds 20,000 terms well under a second and matches long text in linear time', () => {
    const chars = '中国新闻人民日报杭州市政府公安军区广播电视台浙江省委宣传部网信办';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const terms: LexiconTerm[] = [];
    for (let i = 0; i < 20_000; i++) {
      let term = '';
      const length = 2 + (next() % 7);
      for (let k = 0; k < length; k++) term += chars[next() % chars.length];
      terms.push(t(term, LEXICON_CATEGORIES[next() % LEXICON_CATEGORIES.length]));
    }
    const built = performance.now();
    const matcher = buildLexiconMatcher(terms);
    const buildMs = performance.now() - built;
    expect(buildMs).toBeLessThan(1000);

    const text = Array.from({ length: 200_000 }, () => chars[next() % chars.length]).join('');
    const timeFor = (s: string) => {
      const begun = performance.now();
      matcher.findAll(s);
      return performance.now() - begun;
    };
    timeFor(text.slice(0, 20_000));
    const short = timeFor(text.slice(0, 20_000));
    const long = timeFor(text);
    // Ten times the text should cost about ten times the time; 40× leaves room for noise
    // on a shared machine while still catching quadratic behaviour.
    expect(long).toBeLessThan(Math.max(short, 1) * 40);
  });
});
