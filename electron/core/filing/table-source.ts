import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DEFAULT_CONTAINER_LIMITS, openZipContainer, type ContainerEntry, type ContainerLimits, type PackageContainer } from './container';
import { CsvParser } from './csv';
import { decodeText, EncodingFallback, type EncodingChoice } from './decode';
import { FatalInputError } from './report';
import { latin1ToText } from './utf8-text';
import type { RawCell } from './values';

export type TableFormat = 'csv' | 'jsonl' | 'xlsx';

const ARCHIVE_EXTENSIONS = ['.zip', '.rar', '.7z', '.gz', '.tgz', '.tar', '.bz2', '.xz', '.zst'];

/** Format by extension, or a reason the file cannot be a table. */
export function tableFormat(file: string): { format: TableFormat } | { code: string; message: string } {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return { format: 'csv' };
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return { format: 'jsonl' };
  if (lower.endsWith('.xlsx')) return { format: 'xlsx' };
  if (ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    return { code: 'nested_archive', message: '数据表文件是一个压缩包（不接受嵌套压缩包）；请将表格文件直接放在数据包中' };
  }
  return { code: 'table_format', message: '不支持的数据表格式：应为 .csv、.jsonl 或 .xlsx' };
}

/** Magic numbers of archives, so a renamed archive is not parsed as text. */
function looksLikeArchive(head: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  return starts(0x50, 0x4b, 0x03, 0x04) || starts(0x1f, 0x8b) || starts(0x37, 0x7a, 0xbc, 0xaf) || starts(0x52, 0x61, 0x72, 0x21) || starts(0x42, 0x5a, 0x68) || starts(0xfd, 0x37, 0x7a, 0x58);
}

export interface TableReadOptions {
  format: TableFormat;
  encoding: EncodingChoice;
  maxCellChars: number;
  /** Where an XLSX inside a zip is extracted for reading (removed afterwards). */
  tmpDir: string;
  limits?: ContainerLimits;
  /** Sees every byte of the file exactly once per attempt. */
  onBytes(chunk: Buffer): void;
  /** Called when detection fell back from UTF-8 to GB18030: everything seen so far must be forgotten. */
  onRestart(): void;
  header(cells: RawCell[], line: number): boolean;
  row(cells: RawCell[], line: number): void;
  record(value: Record<string, unknown>, line: number): void;
  /** Column name for an index (after the header), for parser error messages. */
  columnName(index: number): string | null;
  /**
   * Long text that is only stored, which a UTF-8 CSV hands over as its bytes (Uint8Array)
   * instead of text (utf8-text.ts): which columns (by index, after the header), and where a
   * cell's bytes are written.
   */
  longText?: { column(index: number): boolean; bytes(latin1: string): Uint8Array };
  /** Called between chunks: progress and cancellation. */
  tick(): void;
  /** Formula cells read from their cached values. */
  onFormula?(): void;
}

/** Streams one table file (CSV, JSONL or XLSX) into the callbacks, row by row, with source line numbers. */
export async function readTable(container: PackageContainer, entry: ContainerEntry, options: TableReadOptions): Promise<void> {
  if (options.format === 'xlsx') return readXlsxEntry(container, entry, options);
  try {
    await readText(container, entry, options, options.encoding);
  } catch (error) {
    if (!(error instanceof EncodingFallback)) throw error;
    options.onRestart();
    await readText(container, entry, options, 'gb18030');
  }
}

async function readText(container: PackageContainer, entry: ContainerEntry, options: TableReadOptions, encoding: EncodingChoice): Promise<void> {
  const file = entry.path;
  let line = 1;
  let headerDone = false;
  let headerOk = true;
  let firstBytes = true;
  const checkedBytes = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of container.read(entry)) {
      if (firstBytes) {
        firstBytes = false;
        if (looksLikeArchive(chunk)) throw new FatalInputError({ file, code: 'nested_archive', message: '数据表文件的内容是一个压缩包（不接受嵌套压缩包）' });
      }
      yield chunk;
    }
  };
  const longText = options.format === 'csv' ? options.longText : undefined;
  const csvOptions = { file, maxCellChars: options.maxCellChars, columnName: options.columnName, utf8AsLatin1: false };
  const text = decodeText(checkedBytes(), {
    file,
    encoding,
    maxCarryBytes: options.maxCellChars * 4 + 1024,
    lineAt: () => (options.format === 'csv' ? parser.line : line),
    onBytes: options.onBytes,
    utf8AsLatin1: longText !== undefined,
    onEncoding: (chosen) => (csvOptions.utf8AsLatin1 = longText !== undefined && chosen === 'utf-8'),
  });
  const parser = new CsvParser(csvOptions, (cells: RawCell[], at) => {
    if (csvOptions.utf8AsLatin1) {
      for (let i = 0; i < cells.length; i++) {
        const latin1 = cells[i] as string;
        cells[i] = headerDone && longText?.column(i) ? longText.bytes(latin1) : latin1ToText(latin1);
      }
    }
    if (!headerDone) {
      headerDone = true;
      headerOk = options.header(cells, at);
      if (!headerOk) throw new HeaderRejected();
    } else options.row(cells, at);
  });
  try {
    if (options.format === 'csv') {
      for await (const piece of text) {
        parser.push(piece);
        options.tick();
      }
      parser.end();
      if (!headerDone) throw new FatalInputError({ file, code: 'table_empty', message: '文件为空：缺少表头行' });
    } else {
      let rest = '';
      const maxLine = options.maxCellChars * 8;
      const handle = (raw: string) => {
        const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (body.trim() !== '') parseJsonLine(body, line, file, options);
        line++;
      };
      let first = true;
      for await (const piece of text) {
        let chunk = rest + piece;
        if (first) {
          first = false;
          if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        }
        let start = 0;
        for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
          handle(chunk.slice(start, nl));
          start = nl + 1;
        }
        rest = chunk.slice(start);
        if (rest.length > maxLine) throw new FatalInputError({ file, row: line, code: 'cell_too_long', message: `该行超过 ${maxLine} 个字符的长度上限` });
        options.tick();
      }
      if (rest !== '') handle(rest);
    }
  } catch (error) {
    if (error instanceof HeaderRejected) return;
    throw error;
  }
}

/** The header had errors (reported by the callback): the table is not read further. */
class HeaderRejected extends Error {}

function parseJsonLine(body: string, line: number, file: string, options: TableReadOptions): void {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new FatalInputError({ file, row: line, code: 'jsonl_syntax', value: body.slice(0, 200), message: `该行不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FatalInputError({ file, row: line, code: 'jsonl_not_object', value: body.slice(0, 200), message: '每一行应为一个 JSON 对象' });
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && v.length > options.maxCellChars) {
      throw new FatalInputError({ file, row: line, column: key, code: 'cell_too_long', message: `字段值超过 ${options.maxCellChars} 个字符的长度上限` });
    }
  }
  options.record(value as Record<string, unknown>, line);
}

async function readXlsxEntry(container: PackageContainer, entry: ContainerEntry, options: TableReadOptions): Promise<void> {
  const { readXlsx } = await import('./xlsx');
  // exceljs reads a file; the XLSX is extracted (hashing on the way) and checked as a zip itself.
  fs.mkdirSync(options.tmpDir, { recursive: true });
  const tmp = path.join(options.tmpDir, `${randomUUID()}.xlsx`);
  try {
    const source = container.read(entry);
    const hashing = async function* () {
      for await (const chunk of source) {
        options.onBytes(chunk);
        yield chunk;
      }
    };
    await pipeline(Readable.from(hashing()), fs.createWriteStream(tmp));
    const head = Buffer.alloc(4);
    const fd = fs.openSync(tmp, 'r');
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    if (head.readUInt32LE(0) === 0x04034b50) {
      try {
        (await openZipContainer(tmp, options.limits ?? DEFAULT_CONTAINER_LIMITS)).close();
      } catch (error) {
        if (error instanceof FatalInputError) throw new FatalInputError({ ...error.issue, file: entry.path, message: `XLSX 内部：${error.issue.message}` });
        throw error;
      }
    }
    let headerDone = false;
    let headerOk = true;
    let width = 0;
    const blank = (c: RawCell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
    await readXlsx(tmp, {
      file: entry.path,
      maxCellChars: options.maxCellChars,
      onFormula: () => options.onFormula?.(),
      throwIfCancelled: options.tick,
      onRow: ({ cells, line }) => {
        if (!headerOk) return;
        if (!headerDone) {
          headerDone = true;
          while (cells.length > 0 && blank(cells[cells.length - 1])) cells.pop();
          width = cells.length;
          headerOk = options.header(cells, line);
          return;
        }
        if (cells.every(blank)) return;
        // Excel does not store trailing empty cells: pad to the header's width, drop empty overhang.
        while (cells.length > width && blank(cells[cells.length - 1])) cells.pop();
        while (cells.length < width) cells.push(null);
        options.row(cells, line);
      },
    });
    if (!headerDone) throw new FatalInputError({ file: entry.path, code: 'table_empty', message: '工作表为空：缺少表头行' });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Hash helper for callers that verify a declared sha256. */
export function sha256Hasher() {
  return createHash('sha256');
}
