/**
 * GB18030 encoder. Node can decode GB18030 (TextDecoder) but not encode it, so the BMP table is
 * built once by decoding every two- and four-byte sequence; supplementary planes follow the
 * standard's linear formula. No third-party codec needed.
 */

let table: Uint32Array | undefined;

function buildTable(): Uint32Array {
  const map = new Uint32Array(0x10000);
  const decoder = new TextDecoder('gb18030');
  const two = new Uint8Array(2);
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      two[0] = b1;
      two[1] = b2;
      const text = decoder.decode(two);
      if (text.length === 1 && text !== '\ufffd' && map[text.charCodeAt(0)] === 0) map[text.charCodeAt(0)] = (b1 << 8) | b2;
    }
  }
  const four = new Uint8Array(4);
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          four[0] = b1;
          four[1] = b2;
          four[2] = b3;
          four[3] = b4;
          const text = decoder.decode(four);
          if (text.length !== 1 || text === '\ufffd') continue;
          const code = text.charCodeAt(0);
          if (map[code] === 0) map[code] = ((b1 << 24) | (b2 << 16) | (b3 << 8) | b4) >>> 0;
        }
      }
    }
  }
  return map;
}

export function encodeGb18030(text: string): Buffer {
  table ??= buildTable();
  const out = Buffer.allocUnsafe(text.length * 4);
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out[n++] = cp;
    } else if (cp >= 0x10000) {
      let idx = cp - 0x10000;
      const b4 = 0x30 + (idx % 10);
      idx = Math.floor(idx / 10);
      const b3 = 0x81 + (idx % 126);
      idx = Math.floor(idx / 126);
      const b2 = 0x30 + (idx % 10);
      const b1 = 0x90 + Math.floor(idx / 10);
      out[n++] = b1;
      out[n++] = b2;
      out[n++] = b3;
      out[n++] = b4;
    } else {
      const code = table[cp];
      if (code === 0) throw new Error(`字符 U+${cp.toString(16).toUpperCase()} 无法编码为 GB18030`);
      if (code > 0xffff) {
        out[n++] = code >>> 24;
        out[n++] = (code >>> 16) & 0xff;
        out[n++] = (code >>> 8) & 0xff;
        out[n++] = code & 0xff;
      } else {
        out[n++] = code >>> 8;
        out[n++] = code & 0xff;
      }
    }
  }
  return out.subarray(0, n);
}
