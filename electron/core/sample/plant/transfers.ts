import type { Block } from '../builder';
import { person, T, type RulePlan } from './kit';

function transfer(b: Block, row: { approved_at?: string; effective_at: string; disclosed?: boolean }) {
  const { a } = person(b, {}, {}, 'enterprise');
  const from = b.subject('individual');
  const t = b.transfer({ account_id: a.account_id, from_subject_id: from.subject_id, to_subject_id: a.subject_id, applied_at: T('2024-03-01'), ...row });
  return { type: 'transfer' as const, id: t.transfer_id as string };
}

/** transfer.unapproved — account transfers must be approved before they take effect and disclosed. */
export const transferPlans: RulePlan[] = [
  {
    rule: 'transfer.unapproved',
    fires: [
      (b) => b.expect('transfer.unapproved', transfer(b, { effective_at: T('2024-04-01'), disclosed: true }), '平台未审核（审核时间为空）'),
      (b) => b.expect('transfer.unapproved', transfer(b, { approved_at: T('2024-04-01', '11:00:00'), effective_at: T('2024-04-01'), disclosed: true }), '审核通过晚于生效 1 小时'),
      (b) => b.expect('transfer.unapproved', transfer(b, { approved_at: T('2024-03-20'), effective_at: T('2024-04-01'), disclosed: false }), '未公示'),
      (b) => b.expect('transfer.unapproved', transfer(b, { approved_at: T('2024-03-20'), effective_at: T('2024-04-01') }), '公示字段为空'),
    ],
    nearMisses: [
      (b) => b.nearMiss('transfer.unapproved', transfer(b, { approved_at: T('2024-04-01'), effective_at: T('2024-04-01'), disclosed: true }), '审核通过与生效同一时刻'),
      (b) => b.nearMiss('transfer.unapproved', transfer(b, { approved_at: T('2024-03-28'), effective_at: T('2024-04-01'), disclosed: true }), '先审核、后生效、已公示'),
    ],
  },
];
