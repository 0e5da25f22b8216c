import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { FatalInputError } from './report';

export type TextEncodingName = 'utf-8' | 'gb18030';

/** How a table's bytes become text: a declared encoding, or detection (BOM → valid UTF-8 → GB18030). */
export type EncodingChoice = TextEncodingName | 'detect';

/** Declared encodings as platforms write them; GBK, GB2312 and CP936 are read as their superset GB18030. */
export function encodingFromDeclared(declared: string | null | undefined): EncodingChoice | null {
  if (declared === null || declared === undefined || declared.trim() === '') return 'detect';
  const name = declared.trim().toLowerCase().replace(/[\s_]/g, '-');
  if (['utf-8', 'utf8', 'utf-8-bom', 'utf-8-sig'].includes(name)) return 'utf-8';
  if (['gb18030', 'gbk', 'gb2312', 'cp936', 'gb-2312', 'gb-18030', 'windows-936', 'ms936'].includes(name)) return 'gb18030';
  return null;
}

/** Detection picked UTF-8 from the file's start but later bytes are not UTF-8: read it again as GB18030. */
export class EncodingFallback extends Error {
  constructor() {
    super('encoding fallback');
  }
}

const BOM = [0xef, 0xbb, 0xbf];
const hasBom = (b: Buffer) => b.length >= 3 && b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2];

/**
 * Last position where a multi-byte character cannot be in progress: after the last byte below
 * 0x30 (never part of a UTF-8 or GB18030 multi-byte sequence). Cutting there lets each piece
 * be decoded on its own, so a decoding error points at an exact byte.
 */
function safeCut(chunk: Buffer): number {
  for (let i = chunk.length - 1; i >= 0; i--) if (chunk[i] < 0x30) return i + 1;
  return 0;
}

function firstBadByte(piece: Buffer, encoding: TextEncodingName): number {
  let lo = 1;
  let hi = piece.length;
  // Smallest prefix whose streaming decode fails: decoding errors are monotone in the prefix.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder(encoding, { fatal: true }).decode(piece.subarray(0, mid), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo - 1;
}

function isUtf8Prefix(piece: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(piece, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export interface DecodeOptions {
  file: string;
  encoding: EncodingChoice;
  /** Longest run of bytes without a byte below 0x30 that is accepted (bounded memory). */
  maxCarryBytes: number;
  /** Current physical line of the consumer, for error messages. */
  lineAt(): number;
  /** Sees every byte exactly once, in order (hashing, counting). */
  onBytes?(chunk: Buffer): void;
  /**
   * UTF-8 pieces come as latin1 (one character per byte, see utf8-text.ts) after the bytes are
   * checked; GB18030 is decoded as usual. `onEncoding` says which before the first piece.
   */
  utf8AsLatin1?: boolean;
  onEncoding?(encoding: TextEncodingName): void;
}

/**
 * Decodes a byte stream to text pieces with a fatal decoder (never U+FFFD replacement), so an
 * undecodable file is refused with the file, byte offset and line instead of being stored garbled.
 */
export async function* decodeText(chunks: AsyncIterable<Buffer>, options: DecodeOptions): AsyncGenerator<string> {
  let encoding: TextEncodingName | null = options.encoding === 'detect' ? null : options.encoding;
  const detecting = options.encoding === 'detect';
  let decoder = encoding ? new TextDecoder(encoding, { fatal: true, ignoreBOM: true }) : null;
  let carry: Buffer | null = null;
  let offset = 0; // absolute offset of the first byte of the next piece
  let first = true;

  const decodePiece = (piece: Buffer): string => {
    // Pieces end on a character boundary, so a piece the vectorised validator accepts decodes
    // exactly as the fatal decoder would, at about half its cost; anything else takes the
    // fatal decoder, which finds and reports the bad byte.
    const latin1 = encoding === 'utf-8' && options.utf8AsLatin1 === true;
    if (encoding === 'utf-8' && isUtf8(piece)) return latin1 ? piece.toString('latin1') : piece.toString('utf8');
    try {
      const text = (decoder as TextDecoder).decode(piece);
      return latin1 ? piece.toString('latin1') : text;
    } catch {
      if (detecting && encoding === 'utf-8') throw new EncodingFallback();
      let bad = firstBadByte(piece, encoding as TextEncodingName);
      // Undecodable either way: point at the byte where the encoding that read further stopped,
      // which in a UTF-8 file with one stray byte is that byte, not an early CJK character.
      if (detecting && !isUtf8Prefix(piece)) bad = Math.max(bad, firstBadByte(piece, 'utf-8'));
      let lines = 0;
      for (let i = 0; i < bad; i++) if (piece[i] === 0x0a) lines++;
      const label = detecting ? 'UTF-8 或 GB18030' : encoding === 'utf-8' ? 'UTF-8' : 'GB18030/GBK';
      throw new FatalInputError({
        file: options.file,
        row: options.lineAt() + lines,
        code: 'encoding_invalid',
        value: `0x${piece.subarray(bad, bad + 4).toString('hex')}`,
        message: `文件不是有效的 ${label} 编码：第 ${offset + bad} 字节（从 0 起）处的字节序列无法解码`,
      });
    }
  };

  for await (const input of chunks) {
    options.onBytes?.(input);
    let chunk: Buffer = carry ? Buffer.concat([carry, input]) : input;
    carry = null;
    if (first) {
      first = false;
      if (hasBom(chunk) && encoding !== 'gb18030') {
        encoding = 'utf-8';
        chunk = chunk.subarray(3);
        offset = 3;
      } else if (!encoding) {
        encoding = isUtf8Prefix(chunk) ? 'utf-8' : 'gb18030';
      }
      decoder = new TextDecoder(encoding as TextEncodingName, { fatal: true, ignoreBOM: true });
      options.onEncoding?.(encoding as TextEncodingName);
    }
    const cut = safeCut(chunk);
    if (cut < chunk.length) {
      carry = chunk.subarray(cut);
      if (carry.length > options.maxCarryBytes) {
        throw new FatalInputError({ file: options.file, row: options.lineAt(), code: 'cell_too_long', message: `文件中有超过 ${options.maxCarryBytes} 字节的连续内容没有任何分隔符，超出单元格长度上限` });
      }
    }
    if (cut > 0) {
      const text = decodePiece(chunk.subarray(0, cut));
      offset += cut;
      yield text;
    }
  }
  if (first && !decoder) decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  if (carry && carry.length > 0) yield decodePiece(carry);
}
