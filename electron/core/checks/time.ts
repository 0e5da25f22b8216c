/*
 * Date and time arithmetic of rules-v1 on the storage format of migration 0002:
 * dates 'YYYY-MM-DD', times 'YYYY-MM-DD HH:MM:SS' in UTC+8. Values are handled as their digits
 * (never through the machine's time zone), so a time's calendar date in UTC+8 is its first ten
 * characters and text order is time order.
 */

const DAY_MS = 86_400_000;

function parseDigits(value: string): { y: number; m: number; d: number; rest: string } {
  return { y: Number(value.slice(0, 4)), m: Number(value.slice(5, 7)), d: Number(value.slice(8, 10)), rest: value.slice(10) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Calendar months with the day clamped to the month's end; keeps a time's clock part (2024-11-30 − 3 months = 2024-08-30). */
export function addMonths(value: string, months: number): string {
  const { y, m, d, rest } = parseDigits(value);
  const monthIndex = y * 12 + (m - 1) + months;
  const ny = Math.floor(monthIndex / 12);
  const nm = monthIndex - ny * 12 + 1;
  const lastDay = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, lastDay))}${rest}`;
}

/** Adds whole calendar days to a date or a time (the clock part is kept). */
export function addDays(value: string, days: number): string {
  const { y, m, d, rest } = parseDigits(value);
  const shifted = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}${rest}`;
}

/** The calendar date (UTC+8) of a stored time or date. */
export function dateOf(value: string): string {
  return value.slice(0, 10);
}

/** Seconds since the epoch of the stored digits (both sides of a difference share the offset). */
export function epochSeconds(value: string): number {
  const { y, m, d } = parseDigits(value);
  const clock = value.length >= 19 ? value.slice(11, 19) : '00:00:00';
  const [hh, mm, ss] = clock.split(':').map(Number);
  return Date.UTC(y, m - 1, d, hh, mm, ss) / 1000;
}

/** rules-v1: a length in days is the whole days of the time difference (rounded down), at least 1. */
export function wholeDays(from: string, to: string): number {
  return Math.max(1, Math.floor((epochSeconds(to) - epochSeconds(from)) / 86_400));
}

/**
 * SQL comparing two stored values: exact time order when both are times, calendar dates when
 * either one is a date (rules-v1: where a time meets a date, compare the time's date in UTC+8).
 */
export function sqlCompare(a: string, op: '<' | '<=' | '>' | '>=' | '=', b: string): string {
  return `(CASE WHEN length(${a}) = 10 OR length(${b}) = 10 THEN substr(${a}, 1, 10) ${op} substr(${b}, 1, 10) ELSE ${a} ${op} ${b} END)`;
}

/** 24 hours in seconds: “within 24 hours” / “within one day” include exactly 24 hours. */
export const WINDOW = 86_400;
