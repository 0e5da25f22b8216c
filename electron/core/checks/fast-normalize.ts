import { normalizeText } from '@shared/text/normalize';

/*
 * normalizeText as code points, without the NFKC + Unicode-class regex for the characters that
 * make up nearly all Chinese content: CJK unified ideographs, ASCII, and common CJK and
 * full-width punctuation, each of which NFKC maps on its own (none composes with a neighbour).
 * Any other character sends the whole text through normalizeText, so the result is always
 * exactly normalizeText's (fast-normalize.test.ts checks it on random text).
 */

const KEEP = 1;
const DROP = 2;
const table = new Uint8Array(0x10000);
const mapped = new Uint16Array(0x10000);
for (let c = 0x4e00; c <= 0x9fff; c++) table[c] = KEEP;
for (let c = 0x30; c <= 0x39; c++) table[c] = KEEP;
for (let c = 0x61; c <= 0x7a; c++) table[c] = KEEP;
/** Keeps code unit `c`, written as `to` (lower case, half width). */
const keep = (c: number, to: number) => {
  table[c] = KEEP;
  mapped[c] = to;
};
for (let c = 0x41; c <= 0x5a; c++) keep(c, c + 32);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d]) table[c] = DROP;
for (let c = 0x20; c <= 0x7e; c++) if (!table[c]) table[c] = DROP;
for (const c of [0x3000, 0x3001, 0x3002, 0x3003, 0x00b7, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]) table[c] = DROP;
for (let c = 0x3008; c <= 0x3011; c++) table[c] = DROP;
// Full-width forms: NFKC maps them to ASCII (punctuation removed, letters lower-cased, digits kept).
for (let c = 0xff01; c <= 0xff5e; c++) {
  const ascii = c - 0xfee0;
  if (ascii >= 0x30 && ascii <= 0x39) keep(c, ascii);
  else if (ascii >= 0x61 && ascii <= 0x7a) keep(c, ascii);
  else if (ascii >= 0x41 && ascii <= 0x5a) keep(c, ascii + 32);
  else table[c] = DROP;
}

/**
 * normalizeText(text) for a short text such as a name: returned as it is when every character is
 * one the table keeps unchanged (CJK ideographs, ASCII digits and lower-case letters, which NFKC,
 * lower-casing and the removal all leave alone), otherwise normalizeText's own result.
 */
export function normalizeTextFast(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (table[c] !== KEEP || mapped[c] !== 0) return normalizeText(text);
  }
  return text;
}

/** The code points of normalizeText(text), written into `out` (grown as needed); returns the buffer and length. */
export function normalizedCodePoints(text: string, out: Uint32Array): { codes: Uint32Array; length: number } {
  if (out.length < text.length) out = new Uint32Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = table[c];
    if (kind === KEEP) out[n++] = mapped[c] || c;
    else if (kind !== DROP) return slowPath(text, out);
  }
  return { codes: out, length: n };
}

function slowPath(text: string, out: Uint32Array): { codes: Uint32Array; length: number } {
  const normalized = normalizeText(text);
  if (out.length < normalized.length) out = new Uint32Array(normalized.length * 2);
  let n = 0;
  for (const ch of normalized) out[n++] = ch.codePointAt(0)!;
  return { codes: out, length: n };
}
