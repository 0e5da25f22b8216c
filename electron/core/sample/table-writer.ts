import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { encodeGb18030 } from './gb18030';

export type Cell = string | number | boolean | null | undefined | readonly string[];
export type Row = Record<string, Cell>;

export interface TableFormat {
  kind: 'csv' | 'jsonl';
  encoding: 'utf-8' | 'gb18030';
  /** UTF-8 byte order mark in front of a CSV. */
  bom?: boolean;
  /** Whether the manifest states the encoding (false leaves it to detection). */
  declareEncoding: boolean;
  /** Chinese column labels to use as headers instead of the English names. */
  headerLabels?: Readonly<Record<string, string>>;
  /** Enumeration values written as their Chinese labels. */
  enumLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  booleans?: 'true/false' | '是/否';
}

export interface WrittenTable {
  rows: number;
  bytes: number;
  sha256: string;
}

const FLUSH_CHARS = 1 << 18;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Streams one table to disk, hashing and counting as it goes; never holds more than a chunk. */
export class TableWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private buffer: string[] = [];
  private bufferedChars = 0;
  private rows = 0;
  private bytes = 0;

  constructor(
    filePath: string,
    private readonly columns: readonly string[],
    private readonly format: TableFormat,
  ) {
    this.fd = fs.openSync(filePath, 'w');
    if (format.kind === 'csv') {
      if (format.bom) this.writeBytes(Buffer.from([0xef, 0xbb, 0xbf]));
      this.push(columns.map((c) => csvField(format.headerLabels?.[c] ?? c)).join(',') + '\r\n');
    }
  }

  write(row: Row): void {
    this.rows++;
    if (this.format.kind === 'jsonl') {
      const out: Record<string, unknown> = {};
      for (const column of this.columns) {
        const value = row[column];
        if (value === undefined || value === null || value === '') continue;
        out[column] = typeof value === 'string' ? this.label(column, value) : value;
      }
      this.push(JSON.stringify(out) + '\n');
      return;
    }
    let line = '';
    for (let i = 0; i < this.columns.length; i++) {
      if (i > 0) line += ',';
      line += csvField(this.text(this.columns[i], row[this.columns[i]]));
    }
    this.push(line + '\r\n');
  }

  close(): WrittenTable {
    this.flush();
    fs.closeSync(this.fd);
    return { rows: this.rows, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private text(column: string, value: Cell): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'boolean') {
      if (this.format.booleans === '是/否') return value ? '是' : '否';
      return value ? 'true' : 'false';
    }
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') return this.label(column, value);
    return value.map((v) => this.label(column, v)).join('|');
  }

  private label(column: string, value: string): string {
    return this.format.enumLabels?.[column]?.[value] ?? value;
  }

  private push(text: string): void {
    this.buffer.push(text);
    this.bufferedChars += text.length;
    if (this.bufferedChars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    this.writeBytes(this.format.encoding === 'gb18030' ? encodeGb18030(text) : Buffer.from(text, 'utf8'));
  }

  private writeBytes(bytes: Buffer): void {
    this.hash.update(bytes);
    this.bytes += bytes.length;
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset);
  }
}
