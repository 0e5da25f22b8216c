/*
 * Which date a finding counts at inside a campaign window (docs/campaigns.md, "Which date counts").
 *
 * A finding is about events when its evidence cites event rows: a content's publication, an
 * enforcement action's start, a transfer taking effect, a complaint's receipt, a day of the
 * follower series. It counts in the window when at least one of those events falls inside
 * it, dated at the earliest such event. A finding whose evidence cites no event (a state at the
 * package's `end`: an unverified subject, an invalid licence number) is dated at the filing's
 * period end, the day the package speaks for (rules-v1, "Conventions").
 */

/** The evidence tables that record an event, and the column holding its time. */
export const EVENT_COLUMNS: Readonly<Record<string, string>> = {
  contents: 'published_at',
  enforcement_actions: 'start_at',
  account_transfers: 'effective_at',
  complaints: 'received_at',
  follower_daily: 'date',
};

interface EvidenceLike {
  table?: unknown;
  key?: Record<string, unknown> | null;
}

/** Returns the 'YYYY-MM-DD' the finding counts at, or null when it falls outside [start, end]. */
export function findingEventDate(evidence: readonly EvidenceLike[], periodEnd: string, windowStart: string, windowEnd: string): string | null {
  let sawEvent = false;
  let earliest: string | null = null;
  for (const row of evidence) {
    const column = typeof row.table === 'string' ? EVENT_COLUMNS[row.table] : undefined;
    const value = column ? row.key?.[column] : undefined;
    if (typeof value !== 'string' || value.length < 10) continue;
    sawEvent = true;
    // Stored times are UTC+8 text (migration 0002), so the first ten characters are the calendar date.
    const date = value.slice(0, 10);
    if (date >= windowStart && date <= windowEnd && (earliest === null || date < earliest)) earliest = date;
  }
  if (sawEvent) return earliest;
  return periodEnd >= windowStart && periodEnd <= windowEnd ? periodEnd : null;
}

/** Consecutive seven-day blocks from the window's first day; the last one ends with the window. */
export function windowWeeks(start: string, end: string): { week: number; start: string; end: string }[] {
  const weeks: { week: number; start: string; end: string }[] = [];
  for (let from = start, n = 1; from <= end; from = addDays(from, 7), n++) {
    const to = addDays(from, 6);
    weeks.push({ week: n, start: from, end: to < end ? to : end });
  }
  return weeks;
}

export function weekIndex(windowStart: string, date: string): number {
  return Math.floor(daysBetween(windowStart, date) / 7);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
