/**
 * Times of the sample are China Standard Time wall-clock values held as milliseconds of a
 * UTC clock showing the same digits, so calendar arithmetic never depends on the machine's zone.
 */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function at(date: string, time = '00:00:00'): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d, hh, mm, ss);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Calendar months with the day clamped to the month's end (rules-v1: 2024-11-30 − 3 months = 2024-08-30). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Parses `YYYY-MM-DD HH:mm:ss` as written by formatTime. */
export function parseTime(text: string): number {
  return at(text.slice(0, 10), text.slice(11) || '00:00:00');
}
