/*
 * UTF-8 text that the importer keeps as bytes (long text columns of a UTF-8 CSV): decoding 1.6 GB
 * of Chinese bodies into JavaScript strings, only for the database to encode them back, was the
 * reading thread's largest cost. The parser sees such a file as latin1 (one character per byte,
 * so delimiters and quotes are where they are in the bytes); these helpers give those cells the
 * meaning the decoded text would have. The bytes are valid UTF-8: the decoder checked them.
 */

/** The characters String.prototype.trim removes beyond ASCII (WhiteSpace and LineTerminator). */
function isWideSpace(cp: number): boolean {
  return cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0xfeff;
}

const isAsciiSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** Code point of the UTF-8 sequence starting at `at`. */
function codePointAt(bytes: Uint8Array, at: number): number {
  const b = bytes[at];
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 0x1f) << 6) | (bytes[at + 1] & 0x3f);
  if (b < 0xf0) return ((b & 0x0f) << 12) | ((bytes[at + 1] & 0x3f) << 6) | (bytes[at + 2] & 0x3f);
  return ((b & 0x07) << 18) | ((bytes[at + 1] & 0x3f) << 12) | ((bytes[at + 2] & 0x3f) << 6) | (bytes[at + 3] & 0x3f);
}

const sequenceLength = (lead: number) => (lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4);

/** The bytes of the text String.prototype.trim would leave (a view), or null when nothing is left. */
export function trimUtf8(bytes: Uint8Array): Uint8Array | null {
  let start = 0;
  let end = bytes.length;
  while (start < end) {
    const b = bytes[start];
    if (b < 0x80 ? isAsciiSpace(b) : isWideSpace(codePointAt(bytes, start))) start += sequenceLength(b);
    else break;
  }
  while (end > start) {
    let last = end - 1;
    while (last > start && (bytes[last] & 0xc0) === 0x80) last--;
    const b = bytes[last];
    if (b < 0x80 ? isAsciiSpace(b) : isWideSpace(codePointAt(bytes, last))) end = last;
    else break;
  }
  if (start === end) return null;
  return start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
}

/** The UTF-16 length of the text whose UTF-8 bytes are the characters of `latin1`. */
export function utf16Length(latin1: string): number {
  let units = 0;
  for (let i = 0; i < latin1.length; i++) {
    const b = latin1.charCodeAt(i);
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** The text whose UTF-8 bytes are the characters of `latin1` (ASCII as it is, without a copy). */
export function latin1ToText(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) if (latin1.charCodeAt(i) >= 0x80) return Buffer.from(latin1, 'latin1').toString('utf8');
  return latin1;
}

/** UTF-8 bytes as text. */
export const utf8Text = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
