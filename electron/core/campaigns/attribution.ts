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

/**
 * SQL for one finding's date inside [@ws, @we], given its evidence JSON column: the earliest
 * event date inside the window; 'outside' when it cites events but none inside; NULL when it
 * cites no event (the caller then takes the filing's period end). Evaluated in SQLite so findings
 * outside the window never reach JavaScript (about as fast as JSON.parse per row, measured).
 */
export function eventDateSql(evidenceColumn: string): string {
  const when = Object.entries(EVENT_COLUMNS)
    .map(([table, column]) => `WHEN '${table}' THEN e.value ->> '$.key.${column}'`)
    .join(' ');
  // Most findings cite no event row at all (a state at the period end): a substring test on the
  // table names spares them the json_each. Any JSON that cites an event table spells its name
  // as the string "contents", "complaints"…, so the test never skips one that does.
  const citesEvent = Object.keys(EVENT_COLUMNS)
    .map((table) => `instr(${evidenceColumn}, '"${table}"') > 0`)
    .join(' OR ');
  return `(CASE WHEN ${citesEvent} THEN (SELECT CASE WHEN count(d) = 0 THEN NULL ELSE coalesce(min(CASE WHEN d BETWEEN @ws AND @we THEN d END), 'outside') END
           FROM (SELECT substr(CASE e.value ->> '$.table' ${when} END, 1, 10) AS d FROM json_each(${evidenceColumn}) e)
           WHERE length(d) = 10) END)`;
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
