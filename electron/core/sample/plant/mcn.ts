import { makeUscc, type AccountRec, type Block } from '../builder';
import { acc, closedPerson, person, T, type RulePlan } from './kit';

function org(b: Block, status: 'active' | 'suspended' = 'active', measures?: string[]): string {
  const pl = b.place();
  const row = b.mcn({
    name: `${pl.cityName}${b.brandName()}文化传媒有限公司`,
    uscc: makeUscc('91', pl.areaCode, 95_000_000 + b.serials.mcn),
    registered_region: b.regionText(pl),
    status,
    measures,
  });
  return row.mcn_id as string;
}

const sign = (b: Block, mcn: string, a: AccountRec, signed: string, ended?: string) =>
  b.add('mcn_contracts', { mcn_id: mcn, account_id: a.account_id, signed_at: signed, ended_at: ended });

/** n contracted, MCN-displaying accounts, each with one action at the given time. */
function troubled(b: Block, mcn: string, times: string[], kinds: string[] = ['warning']): AccountRec[] {
  return times.map((when, i) => {
    const { a } = person(b, { mcn_displayed: true });
    sign(b, mcn, a, T('2023-04-01'));
    b.action({ account_id: a.account_id, action: kinds[i % kinds.length], reason: 'hype', start_at: when });
    return a;
  });
}
const inPeriod = ['2024-10-12 10:00:00', '2024-11-03 15:00:00', '2024-12-20 21:00:00', '2024-12-28 08:00:00'];
const mcnEntity = (id: string) => ({ type: 'mcn' as const, id });

/** mcn.* — MCN disclosure and repeated violations by signed accounts. */
export const mcnPlans: RulePlan[] = [
  {
    rule: 'mcn.name_hidden',
    fires: [
      (b) => {
        const { a } = person(b, { mcn_displayed: false });
        sign(b, org(b), a, T('2024-02-01'));
        b.expect('mcn.name_hidden', acc(a), '签约中，未展示 MCN 名称');
      },
      (b) => {
        const { a } = person(b, { mcn_displayed: undefined });
        sign(b, org(b), a, T('2024-02-01'));
        b.expect('mcn.name_hidden', acc(a), '展示 MCN 名称为空（不等于“是”）');
      },
      (b) => {
        const { a } = person(b, { mcn_displayed: false });
        sign(b, org(b), a, T('2023-02-01'), T('2025-01-05'));
        b.expect('mcn.name_hidden', acc(a), '合约 2025-01-05 才解除，期末仍签约');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b, { mcn_displayed: false });
        sign(b, org(b), a, T('2023-02-01'), '2024-12-31 18:00:00');
        b.nearMiss('mcn.name_hidden', acc(a), '合约于期末当日解除（解约日须晚于期末才算仍签约）');
      },
      (b) => {
        const { a } = person(b, { mcn_displayed: false });
        sign(b, org(b), a, T('2025-01-02'));
        b.nearMiss('mcn.name_hidden', acc(a), '签约时间晚于期末');
      },
      (b) => {
        const { a } = closedPerson(b, T('2024-10-30'), { mcn_displayed: false });
        sign(b, org(b), a, T('2024-02-01'));
        b.nearMiss('mcn.name_hidden', acc(a), '账号已关闭');
      },
    ],
  },
  {
    rule: 'mcn.repeat_violations_unhandled',
    fires: [
      (b) => {
        const m = org(b);
        troubled(b, m, inPeriod.slice(0, 3));
        b.expect('mcn.repeat_violations_unhandled', mcnEntity(m), '3 个签约账号期内受处置，MCN 正常且无措施');
      },
      (b) => {
        const m = org(b);
        troubled(b, m, inPeriod, ['warning', 'restrict_interaction']);
        b.expect('mcn.repeat_violations_unhandled', mcnEntity(m), '4 个签约账号受警示或取消互动');
      },
      (b) => {
        const m = org(b);
        troubled(b, m, inPeriod.slice(0, 2));
        const { a } = person(b, { mcn_displayed: false });
        sign(b, m, a, T('2023-04-01'), T('2024-12-01'));
        b.action({ account_id: a.account_id, action: 'warning', reason: 'hype', start_at: T('2024-11-20') });
        b.expect('mcn.repeat_violations_unhandled', mcnEntity(m), '第 3 个账号处置后才解约（处置当天仍在约）');
      },
    ],
    nearMisses: [
      (b) => {
        const m = org(b);
        troubled(b, m, inPeriod.slice(0, 2));
        b.nearMiss('mcn.repeat_violations_unhandled', mcnEntity(m), '只有 2 个账号');
      },
      (b) => {
        const m = org(b, 'active', ['restrict_service']);
        troubled(b, m, inPeriod.slice(0, 3));
        b.nearMiss('mcn.repeat_violations_unhandled', mcnEntity(m), 'MCN 已被采取限制服务措施');
      },
      (b) => {
        const m = org(b, 'suspended');
        troubled(b, m, inPeriod.slice(0, 3));
        b.nearMiss('mcn.repeat_violations_unhandled', mcnEntity(m), 'MCN 状态为暂停服务');
      },
      (b) => {
        const m = org(b);
        troubled(b, m, inPeriod.slice(0, 3));
        b.action({ target_type: 'mcn', mcn_id: m, action: 'warning', reason: 'other', start_at: T('2024-12-29'), reported: true });
        b.nearMiss('mcn.repeat_violations_unhandled', mcnEntity(m), '期内已对 MCN 本身作出处置');
      },
      (b) => {
        const m = org(b);
        troubled(b, m, [...inPeriod.slice(0, 2), '2024-09-30 23:59:59']);
        b.nearMiss('mcn.repeat_violations_unhandled', mcnEntity(m), '第 3 个账号的处置在期前');
      },
      (b) => {
        const m = org(b);
        troubled(b, m, inPeriod.slice(0, 2));
        const { a } = person(b, { mcn_displayed: false });
        sign(b, m, a, T('2023-04-01'), T('2024-10-01'));
        b.action({ account_id: a.account_id, action: 'warning', reason: 'hype', start_at: T('2024-11-20') });
        b.nearMiss('mcn.repeat_violations_unhandled', mcnEntity(m), '第 3 个账号受处置时已解约');
      },
    ],
  },
];
