import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1ToText, trimUtf8, utf16Length, utf8Text } from './utf8-text';

/** Every character String.prototype.trim removes, near misses (U+180E, U+0085, U+200B, U+3001), CJK, emoji, ASCII. */
const unit = fc.constantFrom(
  ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
  '\u180e', '\u0085', '\u200b', '\u3001', 'a', '中', '文', '𠀀', '😀', 'é', '"',
);
const asLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('UTF-8 text kept as bytes', () => {
  it('trims exactly as String.prototype.trim does', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
        const trimmed = trimUtf8(Buffer.from(text, 'utf8'));
        expect(trimmed === null ? null : utf8Text(trimmed)).toBe(text.trim() === '' ? null : text.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('measures and decodes the text behind latin1 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
        expect(utf16Length(asLatin1(text))).toBe(text.length);
        expect(latin1ToText(asLatin1(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
    const ascii = 'C000001';
    expect(latin1ToText(ascii)).toBe(ascii);
  });
});
