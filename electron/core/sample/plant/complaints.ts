import type { Block } from '../builder';
import { at, DAY, formatTime } from '../dates';
import { person, type RulePlan } from './kit';

function complaint(b: Block, received: number, resolved?: number) {
  const { a } = person(b);
  const c = b.complaint({ account_id: a.account_id, received_at: formatTime(received), resolved_at: resolved === undefined ? undefined : formatTime(resolved), outcome: resolved === undefined ? undefined : '已核实处理' });
  return { type: 'complaint' as const, id: c.complaint_id as string };
}
const t0 = at('2024-11-03', '14:20:00');

/** complaint.overdue — complaints handled within complaint_deadline_days (15). */
export const complaintPlans: RulePlan[] = [
  {
    rule: 'complaint.overdue',
    fires: [
      (b) => b.expect('complaint.overdue', complaint(b, at('2024-12-15', '10:00:00')), '12-15 收到未办结：12-15 + 15 天 = 12-30，早于期末'),
      (b) => b.expect('complaint.overdue', complaint(b, at('2024-11-01', '09:00:00')), '11-01 收到至今未办结'),
      (b) => b.expect('complaint.overdue', complaint(b, t0, t0 + 15 * DAY + 1000), '办结用时 15 天零 1 秒'),
    ],
    nearMisses: [
      (b) => b.nearMiss('complaint.overdue', complaint(b, at('2024-12-16', '00:00:00')), '12-16 收到未办结：期限 12-31 未早于期末'),
      (b) => b.nearMiss('complaint.overdue', complaint(b, t0, t0 + 15 * DAY), '办结用时恰为 15 × 24 小时'),
      (b) => b.nearMiss('complaint.overdue', complaint(b, t0, t0 + 2 * DAY), '2 天办结'),
    ],
  },
];
