import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '@shared/text/normalize';
import { normalizedCodePoints, normalizeTextFast } from './fast-normalize';

const sample = [...'今天我们ABCxyz019 ，。、！？“”‘’（）《》【】「」『』…—·～ＣＣＴＶ１２ａ\t\n 　é\u0301😀\u200d👍🏻①ﬁ〃〈〉'];

describe('normalizedCodePoints', () => {
  it('equals normalizeText on mixed text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...sample), fc.string({ unit: 'grapheme', maxLength: 2 })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const { codes, length } = normalizedCodePoints(text, new Uint32Array(4));
        expect(String.fromCodePoint(...codes.subarray(0, length))).toBe(normalizeText(text));
      }),
      { numRuns: 2000 },
    );
  });
  it('normalizeTextFast equals normalizeText', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...sample), fc.string({ unit: 'grapheme', maxLength: 2 })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(normalizeTextFast(text)).toBe(normalizeText(text));
      }),
      { numRuns: 2000 },
    );
    for (const name of ['今天我们', 'abc019', '杭州市新闻', '']) expect(normalizeTextFast(name)).toBe(name);
  });
});
