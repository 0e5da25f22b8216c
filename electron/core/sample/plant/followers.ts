import type { AccountRec, Block } from '../builder';
import { at, DAY, formatDate } from '../dates';
import { acc, person, T, type RulePlan } from './kit';

/** Writes a daily series from `first` with the given day-over-day changes; sets the account's period-end followers. */
function series(b: Block, a: AccountRec, first: string, startValue: number, changes: number[]): void {
  let day = at(first);
  let value = startValue;
  b.add('follower_daily', { account_id: a.account_id, date: formatDate(day), followers: value });
  for (const change of changes) {
    day += DAY;
    value += change;
    b.add('follower_daily', { account_id: a.account_id, date: formatDate(day), followers: value });
  }
  a.followers = value;
}

/** Steady +step per day over the whole period except the given overrides (day index from 2024-10-01 → change into that day). */
function steady(step: number, overrides: Record<number, number>, days = 91): number[] {
  return Array.from({ length: days }, (_, i) => overrides[i + 1] ?? step);
}
const dayIndex = (date: string) => Math.round((at(date) - at('2024-10-01')) / DAY);

/** Overrides that keep the series flat on every day after the start day up to the end day. */
function flatBetween(startDate: string, endDate: string, extra: Record<number, number> = {}): Record<number, number> {
  const out: Record<number, number> = {};
  for (let i = dayIndex(startDate) + 1; i <= dayIndex(endDate); i++) out[i] = 0;
  return { ...out, ...extra };
}

const banned = (b: Block, a: AccountRec, action: 'ban' | 'freeze_followers', start: string, end?: string) =>
  b.action({ account_id: a.account_id, action, reason: 'data_fraud', start_at: start, end_at: end });

/** followers.* — follower counts during bans and sudden jumps. */
export const followerPlans: RulePlan[] = [
  {
    rule: 'followers.gain_during_ban',
    fires: [
      (b) => {
        const { a } = person(b);
        banned(b, a, 'ban', T('2024-11-10', '08:00:00'), T('2024-11-17', '08:00:00'));
        series(b, a, '2024-10-01', 3000, steady(2, flatBetween('2024-11-10', '2024-11-17', { [dayIndex('2024-11-12')]: 5 })));
        b.expect('followers.gain_during_ban', acc(a), '禁言期间 2024-11-12 粉丝增加 5');
      },
      (b) => {
        const { a } = person(b);
        banned(b, a, 'freeze_followers', T('2024-12-01'));
        series(b, a, '2024-10-01', 5000, steady(3, flatBetween('2024-12-01', '2024-12-31', { [dayIndex('2024-12-20')]: 1 })));
        b.expect('followers.gain_during_ban', acc(a), '禁止新增粉丝（无期限）期间 2024-12-20 增加 1');
      },
      (b) => {
        const { a } = person(b, { status: 'banned' });
        banned(b, a, 'ban', T('2024-12-05'));
        series(b, a, '2024-10-01', 800, steady(1, flatBetween('2024-12-05', '2024-12-31', { [dayIndex('2024-12-31')]: 4 })));
        b.expect('followers.gain_during_ban', acc(a), '无期限禁言，期末当天粉丝增加');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b);
        banned(b, a, 'ban', T('2024-11-10', '08:00:00'), T('2024-11-17', '08:00:00'));
        series(b, a, '2024-10-01', 3000, steady(2, flatBetween('2024-11-10', '2024-11-17', { [dayIndex('2024-11-18')]: 40 })));
        b.nearMiss('followers.gain_during_ban', acc(a), '禁言期间持平，解除次日才增长');
      },
      (b) => {
        const { a } = person(b);
        banned(b, a, 'ban', T('2024-11-10', '08:00:00'), T('2024-11-17', '08:00:00'));
        series(b, a, '2024-10-01', 3000, steady(2, flatBetween('2024-11-10', '2024-11-17', { [dayIndex('2024-11-10')]: 50 })));
        b.nearMiss('followers.gain_during_ban', acc(a), '增长发生在禁言开始当天（窗口左开）');
      },
      (b) => {
        const { a } = person(b);
        banned(b, a, 'ban', T('2024-09-20'), T('2024-10-20'));
        series(b, a, '2024-10-01', 3000, steady(2, {}));
        b.nearMiss('followers.gain_during_ban', acc(a), '禁言开始前没有粉丝数据，无法比较');
      },
    ],
  },
  {
    rule: 'followers.abnormal_spike',
    fires: [
      (b) => {
        const { a } = person(b);
        series(b, a, '2024-10-01', 20_000, steady(100, { 40: 5000 }));
        b.expect('followers.abnormal_spike', acc(a), '日增恒为 100（m=100），某日增 5000 恰达阈值 max(5000, 2000)');
      },
      (b) => {
        const { a } = person(b);
        series(b, a, '2024-10-01', 50_000, steady(400, { 55: 8000 }));
        b.expect('followers.abnormal_spike', acc(a), 'm=400，阈值 8000，日增恰为 8000');
      },
      (b) => {
        const { a } = person(b);
        series(b, a, '2024-10-01', 10_000, steady(0, { 30: 5000 }));
        b.expect('followers.abnormal_spike', acc(a), '此前粉丝不变（m 取下限 10），日增 5000');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b);
        series(b, a, '2024-10-01', 20_000, steady(100, { 40: 4999 }));
        b.nearMiss('followers.abnormal_spike', acc(a), '日增 4999，比阈值少 1');
      },
      (b) => {
        const { a } = person(b);
        series(b, a, '2024-10-01', 50_000, steady(400, { 55: 7999 }));
        b.nearMiss('followers.abnormal_spike', acc(a), 'm=400，日增 7999，比阈值 8000 少 1');
      },
      (b) => {
        const { a } = person(b);
        series(b, a, '2024-10-01', 1000, steady(10, { 7: 100_000 }));
        b.nearMiss('followers.abnormal_spike', acc(a), '激增前只有 6 个日变化（需至少 7 个），不判断');
      },
    ],
  },
];

