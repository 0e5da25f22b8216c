import type { AccountRec, Block } from '../builder';
import { addMonths, at, DAY, formatTime, HOUR } from '../dates';
import { acc, person, T, type RulePlan } from './kit';

const monetized = (b: Block, enabledAt: string, extra: Partial<AccountRec> = {}) =>
  person(b, { monetization_enabled: true, monetization_enabled_at: enabledAt, followers: b.rng.int(1000, 9000), ...extra });

const warn = (b: Block, a: AccountRec, when: string) => b.action({ account_id: a.account_id, action: 'warning', reason: 'hype', start_at: when });

/** Transfer of `a` to its current subject from a fresh individual, approved a day before it took effect, disclosed. */
const transferTo = (b: Block, a: AccountRec, effective: number) => {
  const from = b.subject('individual');
  return b.transfer({
    account_id: a.account_id, from_subject_id: from.subject_id, to_subject_id: a.subject_id,
    applied_at: formatTime(effective - 5 * DAY), approved_at: formatTime(effective - DAY), effective_at: formatTime(effective), disclosed: true,
  });
};
const tr = (row: { transfer_id?: unknown }) => ({ type: 'transfer' as const, id: row.transfer_id as string });

const ban = (b: Block, a: AccountRec, start: number, days: number | undefined) =>
  b.action({ account_id: a.account_id, action: 'ban', reason: 'vulgar', start_at: formatTime(start), end_at: days === undefined ? undefined : formatTime(start + days * DAY) });
const suspend = (b: Block, a: AccountRec, start: number, days: number | undefined) =>
  b.action({ account_id: a.account_id, action: 'suspend_monetization', reason: 'vulgar', start_at: formatTime(start), end_at: days === undefined ? undefined : formatTime(start + days * DAY) });

const enabled = at('2024-05-31', '10:00:00');
const threeMonthsBefore = addMonths(enabled, -3);

/** monetization.* — monetisation after violations, transfers and bans. */
export const monetizationPlans: RulePlan[] = [
  {
    rule: 'monetization.recent_violation',
    fires: [
      (b) => {
        const { a } = monetized(b, formatTime(enabled));
        warn(b, a, formatTime(threeMonthsBefore));
        b.expect('monetization.recent_violation', acc(a), '警示恰在开通前三个月整（2024-02-29 10:00，月末钳制），窗口两端包含');
      },
      (b) => {
        const { a } = monetized(b, T('2024-08-15', '09:00:00'));
        warn(b, a, T('2024-08-15', '09:00:00'));
        b.expect('monetization.recent_violation', acc(a), '处置开始时间与开通时间完全相同');
      },
      (b) => {
        const { a } = monetized(b, T('2024-09-20'));
        warn(b, a, T('2024-08-20'));
        b.expect('monetization.recent_violation', acc(a), '开通前一个月有警示');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = monetized(b, formatTime(enabled));
        warn(b, a, formatTime(threeMonthsBefore - 60_000));
        b.nearMiss('monetization.recent_violation', acc(a), '警示早于窗口起点 1 分钟');
      },
      (b) => {
        const { a } = monetized(b, T('2024-08-15', '09:00:00'));
        warn(b, a, T('2024-08-15', '09:00:01'));
        b.nearMiss('monetization.recent_violation', acc(a), '警示晚于开通 1 秒');
      },
    ],
  },
  {
    rule: 'monetization.after_transfer',
    fires: [
      (b) => {
        const { a } = monetized(b, T('2024-07-01', '09:00:00'));
        const t = transferTo(b, a, at('2024-06-10', '10:00:00'));
        b.expect('monetization.after_transfer', tr(t), '2024-06-10 变更主体，2024-07-01 即开通营利');
      },
      (b) => {
        const { a } = monetized(b, T('2023-03-01'));
        const t = transferTo(b, a, at('2024-10-01', '00:00:00'));
        b.expect('monetization.after_transfer', tr(t), '2024-10-01 变更主体，期末仍有营利权限（满三个月为 2025-01-01）');
      },
      (b) => {
        const { a } = monetized(b, '2024-11-14 23:59:59');
        const t = transferTo(b, a, at('2024-08-15', '00:00:00'));
        b.expect('monetization.after_transfer', tr(t), '开通时间比变更满三个月早 1 秒');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = monetized(b, T('2024-09-10'));
        const t = transferTo(b, a, at('2024-06-10', '10:00:00'));
        b.nearMiss('monetization.after_transfer', tr(t), '开通时间恰为变更后三个月整（区间右开）');
      },
      (b) => {
        const { a } = monetized(b, T('2023-03-01'));
        const t = transferTo(b, a, at('2024-09-30', '23:59:59'));
        b.nearMiss('monetization.after_transfer', tr(t), '变更 2024-09-30，满三个月为 2024-12-30，不晚于期末');
      },
      (b) => {
        const { a } = person(b);
        const t = transferTo(b, a, at('2024-12-01'));
        b.nearMiss('monetization.after_transfer', tr(t), '变更未满三个月，但从未开通营利');
      },
    ],
  },
  {
    rule: 'monetization.ban_not_suspended',
    fires: [
      (b) => {
        const { a } = monetized(b, T('2023-01-01'));
        ban(b, a, at('2024-11-05', '10:00:00'), 7);
        b.expect('monetization.ban_not_suspended', acc(a), '禁言 7 天，没有暂停营利');
      },
      (b) => {
        const { a } = monetized(b, T('2023-01-01'));
        const s = at('2024-11-05', '10:00:00');
        ban(b, a, s, 7);
        suspend(b, a, s, 13);
        b.expect('monetization.ban_not_suspended', acc(a), '禁言 7 天，暂停营利仅 13 天（不足 2 倍）');
      },
      (b) => {
        const { a } = monetized(b, T('2023-01-01'));
        const s = at('2024-11-05', '10:00:00');
        ban(b, a, s, 7);
        suspend(b, a, s + 25 * HOUR, 14);
        b.expect('monetization.ban_not_suspended', acc(a), '暂停营利晚于禁言 25 小时开始（超出一天）');
      },
      (b) => {
        const { a } = monetized(b, T('2023-01-01'), { status: 'banned', monetization_enabled: false });
        const s = at('2024-12-10', '10:00:00');
        ban(b, a, s, undefined);
        suspend(b, a, s, 30);
        b.expect('monetization.ban_not_suspended', acc(a), '无期限禁言只配了 30 天暂停营利');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = monetized(b, T('2023-01-01'));
        const s = at('2024-11-05', '10:00:00');
        ban(b, a, s, 7);
        suspend(b, a, s + 24 * HOUR, 14);
        b.nearMiss('monetization.ban_not_suspended', acc(a), '暂停营利晚 24 小时开始（恰在一天内）、恰为 2 倍时长');
      },
      (b) => {
        const { a } = monetized(b, T('2023-01-01'), { status: 'banned', monetization_enabled: false });
        ban(b, a, at('2024-12-10', '10:00:00'), undefined);
        b.action({ account_id: a.account_id, action: 'revoke_monetization', reason: 'vulgar', start_at: T('2024-12-20') });
        b.nearMiss('monetization.ban_not_suspended', acc(a), '无期限禁言，之后取消营利权限（任何时间均可）');
      },
      (b) => {
        const { a } = person(b);
        ban(b, a, at('2024-11-05', '10:00:00'), 7);
        b.nearMiss('monetization.ban_not_suspended', acc(a), '账号从未有营利权限');
      },
    ],
  },
];
