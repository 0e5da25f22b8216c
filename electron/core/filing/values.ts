import { ENUMS, type ColumnSpec, type EnumName, type EnumSpec } from '@shared/domain/filing-schema';
import { trimUtf8, utf8Text } from './utf8-text';

/**
 * A cell as a reader delivers it: CSV gives text (or UTF-8 bytes for long text, see
 * utf8-text.ts); JSONL and XLSX may give native values.
 */
export type RawCell = string | number | boolean | Date | null | undefined | Uint8Array | readonly unknown[];

/** What a column holds in the workspace: text (possibly as its UTF-8 bytes), integer (also 0/1 booleans) or NULL. */
export type StoredValue = string | number | null | Uint8Array;

export type Coerced = { ok: true; value: StoredValue } | { ok: false; code: string; message: string };

const ok = (value: StoredValue): Coerced => ({ ok: true, value });
const fail = (code: string, message: string): Coerced => ({ ok: false, code, message });

const TRUE_WORDS = new Set(['true', '1', '是', 'y']);
const FALSE_WORDS = new Set(['false', '0', '否', 'n']);

/** code or Chinese label → code, per enumeration (labels and codes are unique inside one). */
const enumLookup = new Map<EnumName, Map<string, string>>();
function lookupFor(name: EnumName): Map<string, string> {
  let map = enumLookup.get(name);
  if (!map) {
    map = new Map();
    for (const [code, label] of Object.entries(ENUMS[name] as EnumSpec)) {
      map.set(code, code);
      map.set(code.toLowerCase(), code);
      map.set(label, code);
    }
    enumLookup.set(name, map);
  }
  return map;
}

export function enumCode(name: EnumName, text: string): string | undefined {
  const map = lookupFor(name);
  return map.get(text) ?? map.get(text.toLowerCase());
}

function describeEnum(name: EnumName): string {
  return Object.entries(ENUMS[name] as EnumSpec)
    .map(([code, label]) => (code === label ? code : `${code} ${label}`))
    .join('、');
}

/** Text of a cell, trimmed; empty or white space only → null. */
export function cellText(raw: RawCell): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') {
    const text = raw.trim();
    return text === '' ? null : text;
  }
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  if (raw instanceof Date) return formatExcelDate(raw, true);
  if (raw instanceof Uint8Array) return cellText(utf8Text(raw));
  return raw.length === 0 ? null : raw.map((v) => String(v)).join('|');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// 'YYYY-MM-DD HH:mm:ss' or ISO 8601 ('T' separator, optional seconds, fraction and offset).
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1];
}

/** Value of the decimal digits text[from, to), or -1 if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * 'YYYY-MM-DD' at the start of `text`, checked by character without a regular expression or
 * allocation (the common case): whether it is a valid date, or null when it is not of that shape.
 */
function fastDate(text: string): boolean | null {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 0 || m < 0 || d < 0) return null;
  return validDate(y, m, d);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Excel date cells carry no time zone; exceljs returns them as UTC instants whose UTC fields
 * are the wall-clock time shown in the sheet, which the format reads as China Standard Time.
 */
function formatExcelDate(d: Date, withTime: boolean): string {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!withTime) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** 'YYYY-MM-DD' or null when the text is not a valid calendar date. */
export function parseDate(text: string): string | null {
  const fast = text.length === 10 ? fastDate(text) : null;
  if (fast !== null) return fast ? text : null;
  const m = DATE_RE.exec(text);
  if (!m) return null;
  return validDate(+m[1], +m[2], +m[3]) ? text : null;
}

/** A time in UTC+8 as 'YYYY-MM-DD HH:MM:SS' (the workspace's storage form), or null when invalid. */
export function parseTime(text: string): string | null {
  // 'YYYY-MM-DD HH:mm:ss' without offset is already the storage form: check it by character.
  if (text.length === 19 && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const date = fastDate(text);
    const h = digits(text, 11, 13);
    const mi = digits(text, 14, 16);
    const sec = digits(text, 17, 19);
    if (date !== null && h >= 0 && mi >= 0 && sec >= 0) return date && h <= 23 && mi <= 59 && sec <= 59 ? text : null;
  }
  const m = TIME_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  const s = m[6] === undefined ? 0 : +m[6];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const zone = m[7];
  if (zone === undefined) return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${pad(s)}`;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
  return formatExcelDate(new Date(utc + 8 * 3_600_000), true);
}

function parseBool(text: string): 0 | 1 | null {
  switch (text) {
    case 'true':
    case '1':
    case '是':
      return 1;
    case 'false':
    case '0':
    case '否':
      return 0;
  }
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return 1;
  if (FALSE_WORDS.has(lower)) return 0;
  return null;
}

/** Why a cell cannot be stored: what a converter returns instead of a value. */
export class Invalid {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/**
 * Converts one cell of a given column to its stored form, or returns why it cannot be. Empty
 * cells become NULL here; whether a column may be empty is the caller's check.
 */
export type Converter = (raw: RawCell) => StoredValue | Invalid;

const INT_INVALID = new Invalid('int_invalid', '应为非负整数');
const BOOL_INVALID = new Invalid('bool_invalid', '应为布尔值（true/false、1/0、是/否、Y/N）');
const DATE_INVALID = new Invalid('date_invalid', '日期格式应为 YYYY-MM-DD，且须为有效日期');
const TIME_INVALID = new Invalid('time_invalid', '时间格式应为 YYYY-MM-DD HH:mm:ss 或 ISO 8601，且须为有效时间');

/** A non-negative decimal integer of at most 15 digits, or -1. */
function parseCount(text: string): number {
  return text.length > 15 ? -1 : digits(text, 0, text.length);
}

/** Text of a string cell, trimmed; empty → null (the hot path of cellText). */
function stringText(raw: string): string | null {
  const text = raw.trim();
  return text === '' ? null : text;
}

/** The conversion of a text cell for one column type, built once per column. */
function textConverter(column: ColumnSpec): (text: string) => StoredValue | Invalid {
  switch (column.type) {
    case 'text':
      return (text) => text;
    case 'int':
      return (text) => {
        const n = parseCount(text);
        return n < 0 ? INT_INVALID : n;
      };
    case 'bool':
      return (text) => parseBool(text) ?? BOOL_INVALID;
    case 'date':
      return (text) => parseDate(text) ?? DATE_INVALID;
    case 'time':
      return (text) => parseTime(text) ?? TIME_INVALID;
    case 'enum': {
      const name = column.enum as EnumName;
      const map = lookupFor(name);
      const invalid = new Invalid('enum_unknown', `未知的取值，应为：${describeEnum(name)}`);
      return (text) => map.get(text) ?? map.get(text.toLowerCase()) ?? invalid;
    }
    case 'list':
      return (text) => coerceList(column, text.split('|').map((part) => cellText(part)));
  }
}

function buildConverter(column: ColumnSpec): Converter {
  const fromText = textConverter(column);
  return (raw) => {
    if (typeof raw === 'string') {
      const text = stringText(raw);
      return text === null ? null : fromText(text);
    }
    // Long text kept as bytes stays bytes, trimmed as the text would be.
    if (raw instanceof Uint8Array && column.type === 'text') return trimUtf8(raw);
    if (raw instanceof Date) {
      if (column.type === 'date') return formatExcelDate(raw, false);
      if (column.type === 'time') return formatExcelDate(raw, true);
    }
    if (column.type === 'list' && Array.isArray(raw)) return coerceList(column, raw.map((v) => cellText(v as RawCell)));
    if (column.type === 'bool' && typeof raw === 'boolean') return raw ? 1 : 0;
    if (column.type === 'int' && typeof raw === 'number') {
      return Number.isSafeInteger(raw) && raw >= 0 ? raw : new Invalid('int_invalid', `应为非负整数，实为 ${raw}`);
    }
    const text = cellText(raw);
    return text === null ? null : fromText(text);
  };
}

const converters = new WeakMap<ColumnSpec, Converter>();

/** The converter of a column, built on first use (the importer calls it for every cell). */
export function converterFor(column: ColumnSpec): Converter {
  let converter = converters.get(column);
  if (!converter) {
    converter = buildConverter(column);
    converters.set(column, converter);
  }
  return converter;
}

/** One cell converted, as a result object (for callers outside the row hot path). */
export function coerceCell(column: ColumnSpec, raw: RawCell): Coerced {
  const value = converterFor(column)(raw);
  return value instanceof Invalid ? fail(value.code, value.message) : ok(value);
}

function coerceList(column: ColumnSpec, parts: (string | null)[]): StoredValue | Invalid {
  const items: string[] = [];
  for (const part of parts) {
    if (part === null) continue;
    if (column.enum) {
      const code = enumCode(column.enum, part);
      if (code === undefined) return new Invalid('enum_unknown', `列表中有未知的取值「${part}」，应为：${describeEnum(column.enum)}`);
      if (!items.includes(code)) items.push(code);
    } else items.push(part);
  }
  return items.length === 0 ? null : JSON.stringify(items);
}
