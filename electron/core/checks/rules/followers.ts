import { addDays } from '../time';
import type { EvidenceRow, FindingDraft, RuleModule } from '../types';
import { acct, ACTION_LABELS, ev, params } from './util';

export const followersGainDuringBan: RuleModule = {
  id: 'followers.gain_during_ban',
  run(rc) {
    // Day granularity: the window (s, e] runs over calendar dates; an open window ends at `end`.
    const rows = rc.db
      .prepare(
        `WITH w AS (
           SELECT x.account_id, x.action_id, x.action, x.start_at, x.end_at, x.src_row,
                  substr(x.start_at, 1, 10) AS s, coalesce(substr(x.end_at, 1, 10), @end) AS e
           FROM enforcement_actions x
           WHERE x.filing_id = @f AND x.action IN ('ban', 'freeze_followers') AND x.account_id IS NOT NULL
         )
         SELECT w.*,
           (SELECT json_array(d.date, d.followers, d.src_row) FROM follower_daily d
             WHERE d.filing_id = @f AND d.account_id = w.account_id AND d.date <= w.s ORDER BY d.date DESC LIMIT 1) AS base,
           (SELECT json_array(d.date, d.followers, d.src_row) FROM follower_daily d
             WHERE d.filing_id = @f AND d.account_id = w.account_id AND d.date > w.s AND d.date <= w.e
             ORDER BY d.followers DESC, d.date LIMIT 1) AS peak
         FROM w ORDER BY w.account_id, w.start_at`,
      )
      .all(params(rc)) as { account_id: string; action_id: string; action: string; start_at: string; end_at: string | null; src_row: number; s: string; e: string; base: string | null; peak: string | null }[];
    const byAccount = new Map<string, { window: (typeof rows)[number]; base: [string, number, number]; peak: [string, number, number] }[]>();
    for (const r of rows) {
      if (r.base === null || r.peak === null) continue;
      const base = JSON.parse(r.base) as [string, number, number];
      const peak = JSON.parse(r.peak) as [string, number, number];
      if (peak[1] <= base[1]) continue;
      byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), { window: r, base, peak }]);
    }
    const account = rc.db.prepare('SELECT display_name, src_row FROM accounts WHERE filing_id = @f AND account_id = @a');
    return [...byAccount].map(([accountId, list]): FindingDraft => {
      const a = account.get({ f: rc.filing.id, a: accountId }) as { display_name: string; src_row: number } | undefined;
      const evidence: EvidenceRow[] = [ev('accounts', a?.src_row ?? 0, { account_id: accountId, display_name: a?.display_name ?? null })];
      for (const { window: w, base, peak } of list) {
        evidence.push(ev('enforcement_actions', w.src_row, { action_id: w.action_id, action: w.action, start_at: w.start_at, end_at: w.end_at }));
        evidence.push(ev('follower_daily', base[2], { account_id: accountId, date: base[0], followers: base[1] }));
        evidence.push(ev('follower_daily', peak[2], { account_id: accountId, date: peak[0], followers: peak[1] }));
      }
      return {
        entity: { type: 'account', id: accountId },
        accountId,
        explanation: `账号${acct(a?.display_name, accountId)}在处置期间粉丝数增加：${list
          .map(
            ({ window: w, base, peak }) =>
              `${ACTION_LABELS[w.action] ?? w.action} ${w.action_id}（${w.s} 至 ${w.e}${w.end_at === null ? '，未定期限按备案期末计' : ''}）开始时粉丝 ${base[1]}（${base[0]}），期间最高 ${peak[1]}（${peak[0]}），增加 ${peak[1] - base[1]}`,
          )
          .join('；')}。`,
        evidence,
      };
    });
  },
};

const MIN_GAIN = 5000;
const MEDIAN_FACTOR = 20;
const LOOKBACK_DAYS = 28;
const MIN_HISTORY = 7;
const MEDIAN_FLOOR = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Spike { date: string; delta: number; previous: number; followers: number; m: number; threshold: number; srcRow: number; prevRow: number }

/** addDays over the few distinct dates of the series (one per day of the period), each worked out once: the scan needs one per row. */
function daysFrom(cache: Map<string, string>, date: string, days: number): string {
  let out = cache.get(date);
  if (out === undefined) {
    if (cache.size >= 100_000) cache.clear();
    out = addDays(date, days);
    cache.set(date, out);
  }
  return out;
}
const nextDays = new Map<string, string>();
const lookbackStarts = new Map<string, string>();

/** Finds the spikes of one account's series (ordered by date, one value per date). */
export function findSpikes(series: { date: string; followers: number; srcRow: number }[]): Spike[] {
  // Day-over-day changes, each dated by its later day, only where the previous calendar day is present.
  const changes: { date: string; delta: number; index: number }[] = [];
  for (let i = 1; i < series.length; i++) {
    if (daysFrom(nextDays, series[i - 1].date, 1) === series[i].date) changes.push({ date: series[i].date, delta: series[i].followers - series[i - 1].followers, index: i });
  }
  const spikes: Spike[] = [];
  let windowStart = 0;
  for (let j = 0; j < changes.length; j++) {
    const { date, delta, index } = changes[j];
    if (delta < MIN_GAIN) continue;
    const from = daysFrom(lookbackStarts, date, -LOOKBACK_DAYS);
    while (windowStart < j && changes[windowStart].date < from) windowStart++;
    const history = changes.slice(windowStart, j).map((c) => Math.abs(c.delta));
    if (history.length < MIN_HISTORY) continue;
    const m = Math.max(median(history), MEDIAN_FLOOR);
    const threshold = Math.max(MIN_GAIN, MEDIAN_FACTOR * m);
    if (delta >= threshold) {
      spikes.push({ date, delta, previous: series[index - 1].followers, followers: series[index].followers, m, threshold, srcRow: series[index].srcRow, prevRow: series[index - 1].srcRow });
    }
  }
  return spikes;
}

export const followersAbnormalSpike: RuleModule = {
  id: 'followers.abnormal_spike',
  run(rc) {
    // A gain of MIN_GAIN needs a series whose values span at least that much: those accounts are
    // picked out in SQL (about a quarter of them), and only their rows are read, each account's in
    // (date, row) order from the (account, date) index as a walk of the whole index would give them.
    const rows = rc.db
      .prepare(
        `SELECT d.account_id, d.date, d.followers, d.src_row
         FROM (SELECT account_id FROM follower_daily WHERE filing_id = @f
               GROUP BY account_id HAVING max(followers) - min(followers) >= @minGain) c
         CROSS JOIN follower_daily d ON d.filing_id = @f AND d.account_id = c.account_id`,
      )
      .raw()
      .iterate({ f: rc.filing.id, minGain: MIN_GAIN }) as Iterable<[string, string, number, number]>;
    const found: { accountId: string; spikes: Spike[] }[] = [];
    let currentId: string | undefined;
    let series: { date: string; followers: number; srcRow: number }[] = [];
    const flush = () => {
      if (currentId === undefined || series.length < MIN_HISTORY + 2) return;
      const spikes = findSpikes(series);
      if (spikes.length > 0) found.push({ accountId: currentId, spikes });
    };
    let seen = 0;
    for (const [accountId, date, followers, srcRow] of rows) {
      if (++seen % 262_144 === 0) rc.job.throwIfCancelled();
      if (accountId !== currentId) {
        flush();
        currentId = accountId;
        series = [];
      }
      const day = date.slice(0, 10);
      // A repeated date keeps its last value: one value per day.
      if (series.length > 0 && series[series.length - 1].date === day) series[series.length - 1] = { date: day, followers, srcRow };
      else series.push({ date: day, followers, srcRow });
    }
    flush();
    const account = rc.db.prepare('SELECT display_name, src_row FROM accounts WHERE filing_id = @f AND account_id = @a');
    return found.map(({ accountId, spikes }): FindingDraft => {
      const a = account.get({ f: rc.filing.id, a: accountId }) as { display_name: string; src_row: number } | undefined;
      return {
        entity: { type: 'account', id: accountId },
        accountId,
        explanation: `账号${acct(a?.display_name, accountId)}粉丝数异常增长 ${spikes.length} 次：${spikes
          .map((s) => `${s.date} 单日增加 ${s.delta}（${s.previous} → ${s.followers}），前 28 天日变化绝对值中位数 ${s.m}，阈值 max(5000, 20 × ${s.m}) = ${s.threshold}`)
          .join('；')}。`,
        evidence: [
          ev('accounts', a?.src_row ?? 0, { account_id: accountId, display_name: a?.display_name ?? null }),
          ...spikes.flatMap((s) => [
            ev('follower_daily', s.prevRow, { account_id: accountId, date: addDays(s.date, -1), followers: s.previous }),
            ev('follower_daily', s.srcRow, { account_id: accountId, date: s.date, followers: s.followers }),
          ]),
        ],
      };
    });
  },
};

export const followersRules = [followersGainDuringBan, followersAbnormalSpike];
