import type { AccountRec, Block } from '../builder';
import { acc, closedPerson, person, T, type RulePlan } from './kit';

const rumor = (b: Block, a: AccountRec, action: string, when: string, reported = false) =>
  b.action({ account_id: a.account_id, action, reason: 'rumor_making', start_at: when, reported });

/** enforcement.rumor_not_closed — rumour makers must be closed, blacklisted and reported. */
export const enforcementPlans: RulePlan[] = [
  {
    rule: 'enforcement.rumor_not_closed',
    fires: [
      (b) => {
        const { a } = person(b);
        rumor(b, a, 'warning', T('2024-11-05'));
        b.expect('enforcement.rumor_not_closed', acc(a), '制作谣言只警示：未关闭、未拉黑、未报告');
      },
      (b) => {
        const { s, a } = closedPerson(b, T('2024-11-06'));
        rumor(b, a, 'close', T('2024-11-06'), false);
        b.blacklistEntry({ identity_key: s.identity_key, display_name: a.display_name, account_id: a.account_id, listed_at: T('2024-11-06'), reason: 'rumor_making' });
        b.expect('enforcement.rumor_not_closed', acc(a), '已关闭并拉黑，但关闭未报告网信部门');
      },
      (b) => {
        const { a } = closedPerson(b, T('2024-12-02'));
        rumor(b, a, 'close', T('2024-12-02'), true);
        b.expect('enforcement.rumor_not_closed', acc(a), '已关闭并报告，但未列入黑名单');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = closedPerson(b, T('2024-11-06'));
        rumor(b, a, 'close', T('2024-11-06'), true);
        rumor(b, a, 'blacklist', T('2024-11-06'), true);
        b.nearMiss('enforcement.rumor_not_closed', acc(a), '关闭、报告、黑名单处置齐全');
      },
      (b) => {
        const { a } = person(b);
        rumor(b, a, 'warning', '2024-09-30 23:59:59');
        b.nearMiss('enforcement.rumor_not_closed', acc(a), '谣言处置发生在期前');
      },
      (b) => {
        const { s, a } = closedPerson(b, T('2024-10-21'));
        rumor(b, a, 'close', T('2024-10-21'), true);
        b.blacklistEntry({ identity_key: s.identity_key, listed_at: T('2024-10-22'), reason: 'rumor_making' });
        b.nearMiss('enforcement.rumor_not_closed', acc(a), '黑名单条目按身份标识（未填账号ID）');
      },
    ],
  },
];
