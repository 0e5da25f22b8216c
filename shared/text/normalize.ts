/**
 * Text normalisation of rules-v1 ("Conventions" and "Clarifications"): Unicode NFKC, then
 * lower case, then removal of every character that must not decide a match.
 *
 * Removed:
 * - general categories P* (punctuation), S* (symbols, which covers the emoji pictographs,
 *   regional-indicator flag letters and skin-tone modifiers) and Z* (separators);
 * - white space: JavaScript's `\s` and Unicode White_Space (they differ: `\s` has U+FEFF,
 *   White_Space has U+0085), so tabs, line breaks and NEL go too;
 * - the emoji plumbing that is neither P, S nor Z and would otherwise survive:
 *   U+200D zero-width joiner, Variation_Selector (U+FE00–FE0F, U+E0100–E01EF and the
 *   Mongolian free variation selectors U+180B–180D, U+180F), U+20E3 combining enclosing
 *   keycap and the Tags block U+E0000–E007F (subdivision-flag tag sequences).
 *
 * Letters, digits and combining marks stay, so the keycap emoji "1️⃣" leaves its digit "1"
 * and "ℹ️" leaves "i" (NFKC maps U+2139 to a letter before anything is removed).
 * ZWJ and the keycap combiner sit outside the character class because a joiner or combining
 * mark inside a class reads as if it combined with its neighbour.
 */
const REMOVED =
  /[\p{P}\p{S}\p{Z}\p{White_Space}\s\p{Variation_Selector}\u{E0000}-\u{E007F}]|\u200D|\u20E3/gu;

export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(REMOVED, '');
}
