import { ENUMS, type ColumnSpec, type EnumName, type EnumSpec } from '@shared/domain/filing-schema';

/** A cell as a reader delivers it: CSV gives text; JSONL and XLSX may give native values. */
export type RawCell = string | number | boolean | Date | null | undefined | readonly unknown[];

/** What a column holds in the workspace: text, integer (also 0/1 booleans) or NULL. */
export type StoredValue = string | number | null;

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
  return raw.length === 0 ? null : raw.map((v) => String(v)).join('|');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// 'YYYY-MM-DD HH:mm:ss' or ISO 8601 ('T' separator, optional seconds, fraction and offset).
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
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
  const m = DATE_RE.exec(text);
  if (!m) return null;
  return validDate(+m[1], +m[2], +m[3]) ? text : null;
}

/** A time in UTC+8 as 'YYYY-MM-DD HH:MM:SS' (the workspace's storage form), or null when invalid. */
export function parseTime(text: string): string | null {
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
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return 1;
  if (FALSE_WORDS.has(lower)) return 0;
  return null;
}

/**
 * Converts one cell to its stored form, or says why it cannot be. Empty cells become NULL here;
 * whether a column may be empty is the caller's check.
 */
export function coerceCell(column: ColumnSpec, raw: RawCell): Coerced {
  if (raw instanceof Date) {
    if (column.type === 'date') return ok(formatExcelDate(raw, false));
    if (column.type === 'time') return ok(formatExcelDate(raw, true));
  }
  if (column.type === 'list' && Array.isArray(raw)) return coerceList(column, raw.map((v) => cellText(v as RawCell)));
  if (column.type === 'bool' && typeof raw === 'boolean') return ok(raw ? 1 : 0);
  if (column.type === 'int' && typeof raw === 'number') {
    return Number.isSafeInteger(raw) && raw >= 0 ? ok(raw) : fail('int_invalid', `应为非负整数，实为 ${raw}`);
  }
  const text = cellText(raw);
  if (text === null) return ok(null);
  switch (column.type) {
    case 'text':
      return ok(text);
    case 'int': {
      if (!/^\d{1,15}$/.test(text)) return fail('int_invalid', '应为非负整数');
      return ok(Number(text));
    }
    case 'bool': {
      const b = parseBool(text);
      return b === null ? fail('bool_invalid', '应为布尔值（true/false、1/0、是/否、Y/N）') : ok(b);
    }
    case 'date': {
      const d = parseDate(text);
      return d === null ? fail('date_invalid', '日期格式应为 YYYY-MM-DD，且须为有效日期') : ok(d);
    }
    case 'time': {
      const t = parseTime(text);
      return t === null ? fail('time_invalid', '时间格式应为 YYYY-MM-DD HH:mm:ss 或 ISO 8601，且须为有效时间') : ok(t);
    }
    case 'enum': {
      const code = enumCode(column.enum as EnumName, text);
      return code === undefined ? fail('enum_unknown', `未知的取值，应为：${describeEnum(column.enum as EnumName)}`) : ok(code);
    }
    case 'list':
      return coerceList(column, text.split('|').map((part) => cellText(part)));
  }
}

function coerceList(column: ColumnSpec, parts: (string | null)[]): Coerced {
  const items: string[] = [];
  for (const part of parts) {
    if (part === null) continue;
    if (column.enum) {
      const code = enumCode(column.enum, part);
      if (code === undefined) return fail('enum_unknown', `列表中有未知的取值「${part}」，应为：${describeEnum(column.enum)}`);
      if (!items.includes(code)) items.push(code);
    } else items.push(part);
  }
  return ok(items.length === 0 ? null : JSON.stringify(items));
}
