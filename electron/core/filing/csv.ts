import { FatalInputError } from './report';
import { latin1ToText, utf16Length } from './utf8-text';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of "" or the closing quote. */
  QuoteSeen,
  /** After a closing quote: only a delimiter or a line end may follow. */
  AfterQuoted,
}

export interface CsvOptions {
  file: string;
  /** Longest accepted cell, in UTF-16 code units. */
  maxCellChars: number;
  /** Column name of a field index, for error messages (known once the header is read). */
  columnName?(index: number): string | null;
  /** The text is UTF-8 bytes as latin1 (utf8-text.ts): lengths and quoted characters are measured decoded. */
  utf8AsLatin1?: boolean;
}

/**
 * Streaming RFC 4180 parser over text pieces. Reports each record with the physical line it
 * starts on (header = line 1), the number an inspector sees in a text editor. Quoted cells may
 * span lines; "" inside quotes is a quote. Line ends are LF, CRLF or CR. Blank lines are skipped.
 * A quote inside an unquoted cell is kept as a character (spreadsheets write such cells).
 */
export class CsvParser {
  /** Current physical line (1-based) of the parser's position. */
  line = 1;
  private rowLine = 1;
  private fields: string[] = [];
  private field = '';
  private state: State = State.FieldStart;
  private skipLF = false;
  private rowHadQuote = false;

  constructor(
    private readonly options: CsvOptions,
    private readonly onRow: (cells: string[], line: number) => void,
  ) {}

  push(chunk: string): void {
    const n = chunk.length;
    /*
     * Where the next comma, LF and CR are (n: none), each found by indexOf (a vectorised search,
     * several times faster than a loop over the characters of long text) and searched again only
     * once passed, so no character is searched twice for the same delimiter.
     */
    const find = (delimiter: string, from: number) => {
      const at = chunk.indexOf(delimiter, from);
      return at === -1 ? n : at;
    };
    let nextComma = -1;
    let nextLF = -1;
    let nextCR = -1;
    let i = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) i = 1;
    }
    let start = i;
    while (i < n) {
      const state = this.state;
      if (state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        if (nextLF < i) nextLF = find('\n', i);
        while (nextLF < end) {
          this.line++;
          nextLF = find('\n', nextLF + 1);
        }
        this.append(chunk, start, end);
        if (q === -1) return;
        i = q + 1;
        start = i;
        this.state = State.QuoteSeen;
        continue;
      }
      if (state === State.QuoteSeen) {
        if (chunk.charCodeAt(i) === QUOTE) {
          this.append(chunk, i, i + 1);
          i++;
          start = i;
          this.state = State.Quoted;
          continue;
        }
        this.state = State.AfterQuoted;
        continue;
      }
      if (state === State.AfterQuoted) {
        const c = chunk.charCodeAt(i);
        if (c === COMMA) {
          this.endField();
          i++;
          start = i;
          this.state = State.FieldStart;
          continue;
        }
        if (c === LF || c === CR) {
          this.endField();
          i = this.endRow(chunk, i);
          start = i;
          continue;
        }
        throw this.error('csv_quote', `第 ${this.fields.length + 1} 个字段的结束引号后出现了多余字符「${this.characterAt(chunk, i)}」（字段内的引号应写作两个引号 ""）`);
      }
      if (state === State.FieldStart) {
        if (chunk.charCodeAt(i) === QUOTE) {
          this.rowHadQuote = true;
          this.state = State.Quoted;
          i++;
          start = i;
          continue;
        }
        this.state = State.Unquoted;
      }
      // Unquoted: to the next delimiter or line end.
      if (nextComma < i) nextComma = find(',', i);
      if (nextLF < i) nextLF = find('\n', i);
      if (nextCR < i) nextCR = find('\r', i);
      const j = Math.min(nextComma, nextLF, nextCR);
      const c = j < n ? chunk.charCodeAt(j) : 0;
      this.append(chunk, start, j);
      if (j === n) return;
      this.endField();
      if (c === COMMA) {
        i = j + 1;
        this.state = State.FieldStart;
      } else i = this.endRow(chunk, j);
      start = i;
    }
  }

  end(): void {
    if (this.state === State.Quoted) {
      throw new FatalInputError({
        file: this.options.file,
        row: this.rowLine,
        column: this.options.columnName?.(this.fields.length) ?? null,
        code: 'csv_unterminated_quote',
        message: `从第 ${this.rowLine} 行开始的引号直到文件末尾都没有闭合（引号未配对）`,
      });
    }
    if (this.state !== State.FieldStart || this.fields.length > 0 || this.field !== '') {
      this.endField();
      this.emit();
    }
  }

  private append(chunk: string, from: number, to: number): void {
    if (to <= from) return;
    this.field = this.field === '' ? chunk.slice(from, to) : this.field + chunk.slice(from, to);
    // A byte is at most one UTF-16 unit: the decoded length is only needed past the limit.
    if (this.field.length > this.options.maxCellChars && (!this.options.utf8AsLatin1 || utf16Length(this.field) > this.options.maxCellChars)) {
      throw this.error('cell_too_long', `单元格超过 ${this.options.maxCellChars} 个字符的长度上限`);
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
  }

  private characterAt(chunk: string, i: number): string {
    if (!this.options.utf8AsLatin1) return String.fromCodePoint(chunk.codePointAt(i) ?? 0);
    return String.fromCodePoint(latin1ToText(chunk.slice(i, i + 4)).codePointAt(0) ?? 0);
  }

  /** Ends the record at the line break at `j`; returns the index after the break. */
  private endRow(chunk: string, j: number): number {
    let next = j + 1;
    if (chunk.charCodeAt(j) === CR) {
      if (next < chunk.length) {
        if (chunk.charCodeAt(next) === LF) next++;
      } else this.skipLF = true;
    }
    this.emit();
    this.line++;
    this.rowLine = this.line;
    return next;
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    this.state = State.FieldStart;
    const blank = fields.length === 1 && fields[0] === '' && !this.rowHadQuote;
    this.rowHadQuote = false;
    if (!blank) this.onRow(fields, this.rowLine);
  }

  private error(code: string, message: string): FatalInputError {
    return new FatalInputError({
      file: this.options.file,
      row: this.line,
      column: this.options.columnName?.(this.fields.length) ?? null,
      code,
      message,
    });
  }
}
