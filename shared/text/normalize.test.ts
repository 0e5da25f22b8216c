import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from './normalize';

describe('normalizeText', () => {
  it('applies NFKC before lower-casing (full-width Latin)', () => {
    expect(normalizeText('ＣＣＴＶ')).toBe('cctv');
    expect(normalizeText('Ⅻ')).toBe('xii');
    expect(normalizeText('ｶﾀｶﾅ')).toBe('カタカナ');
  });

  it('removes ASCII, ideographic and no-break white space, tabs and line breaks', () => {
    expect(normalizeText('杭 州')).toBe('杭州');
    expect(normalizeText('杭\u3000州\u00A0市\t新\n闻\u0085报\u2028道\uFEFF')).toBe('杭州市新闻报道');
  });

  it('removes punctuation and symbols, Chinese and Latin', () => {
    expect(normalizeText('《人民日报》·评论！')).toBe('人民日报评论');
    expect(normalizeText('A_B-C+D=E★©$')).toBe('abcde');
    expect(normalizeText('佛山＋')).toBe('佛山');
  });

  it('removes emoji, including ZWJ sequences, flags, skin tones and tag sequences', () => {
    expect(normalizeText('杭州😀新闻')).toBe('杭州新闻');
    expect(normalizeText('👨\u200D👩\u200D👧')).toBe('');
    expect(normalizeText('🇨🇳中国')).toBe('中国');
    expect(normalizeText('👍🏽好')).toBe('好');
    expect(normalizeText('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}')).toBe('');
    expect(normalizeText('❤\uFE0F新\u{E0100}闻')).toBe('新闻');
  });

  it('removes the keycap combiner but keeps the keycap digit', () => {
    expect(normalizeText('1\uFE0F\u20E3号')).toBe('1号');
    expect(normalizeText('#\uFE0F\u20E3')).toBe('');
  });

  it('keeps letters, digits, CJK and combining marks (near miss)', () => {
    expect(normalizeText('abc123中文')).toBe('abc123中文');
    expect(normalizeText('𠀀字')).toBe('𠀀字');
    // "e" + combining acute composes under NFKC and is a letter, not a symbol.
    expect(normalizeText('Cafe\u0301')).toBe('café');
    expect(normalizeText('\u0627\u064E')).toBe('\u0627\u064E');
  });

  it('leaves no removable character and no upper case behind', () => {
    const removable = /[\p{P}\p{S}\p{Z}\p{White_Space}\s\p{Variation_Selector}\u{E0000}-\u{E007F}]|\u200D|\u20E3/u;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const out = normalizeText(s);
        expect(removable.test(out)).toBe(false);
        expect(out.toLowerCase()).toBe(out);
      }),
    );
  });
});
