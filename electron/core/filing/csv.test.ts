import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser } from './csv';
import { FatalInputError } from './report';

function parse(text: string, pieces = 1, utf8AsLatin1 = false): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  const parser = new CsvParser({ file: 't.csv', maxCellChars: 1000, utf8AsLatin1 }, (cells, line) => rows.push({ cells, line }));
  const size = Math.max(1, Math.ceil(text.length / pieces));
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.end();
  return rows;
}

function encode(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
}

describe('CsvParser', () => {
  it('reports the physical line each record starts on, across multi-line cells', () => {
    const rows = parse('a,b\n"x\ny",1\n\nz,2\r\nw,3');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(rows[1].cells).toEqual(['x\ny', '1']);
  });

  it('handles CRLF split across pieces and escaped quotes', () => {
    const text = 'a,b\r\n"he said ""hi""",2\r\n';
    for (let pieces = 1; pieces <= text.length; pieces++) {
      expect(parse(text, pieces).map((r) => r.cells)).toEqual([['a', 'b'], ['he said "hi"', '2']]);
    }
  });

  it('refuses an unterminated quote naming the row it started on', () => {
    expect(() => parse('a,b\n1,2\n3,"never closed\n4,5\n')).toThrowError(FatalInputError);
    try {
      parse('a,b\n1,2\n3,"never closed\n4,5\n');
    } catch (e) {
      expect((e as FatalInputError).issue).toMatchObject({ row: 3, code: 'csv_unterminated_quote' });
    }
  });

  it('refuses characters after a closing quote, and cells over the limit', () => {
    expect(() => parse('a\n"x"y\n')).toThrowError(/多余字符/);
    expect(() => parse(`a\n${'x'.repeat(1001)}\n`)).toThrowError(/长度上限/);
  });

  it('reads UTF-8 bytes as latin1: the same cells and lines, limits and messages in decoded characters', () => {
    const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    const decoded = (rows: { cells: string[]; line: number }[]) => rows.map((r) => ({ line: r.line, cells: r.cells.map((c) => Buffer.from(c, 'latin1').toString('utf8')) }));
    const text = 'a,b\n"第一行\n第二行，""引号""",中\n\n文,𠀀\n';
    for (let pieces = 1; pieces <= 9; pieces++) expect(decoded(parse(latin1(text), pieces, true))).toEqual(parse(text));
    // 1000 characters are 3000 bytes: within the limit; one more is over it.
    expect(decoded(parse(latin1(`a\n${'中'.repeat(1000)}\n`), 3, true))[1].cells[0]).toHaveLength(1000);
    expect(() => parse(latin1(`a\n${'中'.repeat(1001)}\n`), 3, true)).toThrowError(/长度上限/);
    expect(() => parse(latin1('a\n"x"中\n'), 1, true)).toThrowError(/多余字符「中」/);
  });

  it('keeps a trailing empty field and a quoted empty row', () => {
    expect(parse('a,b\n1,\n').map((r) => r.cells)).toEqual([['a', 'b'], ['1', '']]);
  });

  it('round-trips random cells (quotes, commas, newlines, CJK) in any chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '"', ',', '\n', '\r\n', ' ', '中', '文', '𠀀', '0', '|') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 })), fc.integer({ min: 1, max: 7 }), (rows, pieces) => {
        const text = encode(rows);
        expect(parse(text, pieces).map((r) => r.cells)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
