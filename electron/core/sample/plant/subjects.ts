import type { Block, SubjectRec } from '../builder';
import { closedPerson, person, subj, T, type RulePlan } from './kit';

const more = (b: Block, s: SubjectRec, n: number, brand = false) => {
  const out = [];
  for (let i = 0; i < n; i++) {
    const a = b.account(s, { agreement_signed: true, registered_at: T('2021-06-01'), ...(brand ? { display_name: b.brandName() } : {}) });
    b.identifiers(a);
    out.push(a);
  }
  return out;
};

/** subject.account_cap and registration.incomplete — about the real subject behind the accounts. */
export const subjectPlans: RulePlan[] = [
  {
    rule: 'subject.account_cap',
    fires: [
      (b) => {
        const { s } = person(b);
        more(b, s, 1);
        b.expect('subject.account_cap', subj(s), '个人主体开设 2 个开放账号（上限 1）');
      },
      (b) => {
        const { s } = person(b, {}, {}, 'enterprise');
        more(b, s, 2, true);
        b.expect('subject.account_cap', subj(s), '企业主体 3 个开放账号（上限 2）');
      },
      (b) => {
        const { s } = person(b, {}, {}, 'enterprise');
        const twin = b.subject('individual', { identity_key: s.identity_key });
        more(b, twin, 1);
        b.expect('subject.account_cap', subj(s), '同一身份标识下个人与企业两条主体记录，合计 2 个开放账号，按较小上限 1 判断');
      },
    ],
    nearMisses: [
      (b) => {
        const { s } = person(b);
        const closed = b.account(s, { status: 'closed', closed_at: T('2023-03-01'), registered_at: T('2019-01-01'), last_active_at: T('2023-02-27'), display_name: b.personalName() + b.uniqueSuffix() });
        b.identifiers(closed);
        b.nearMiss('subject.account_cap', subj(s), '个人 1 个开放账号 + 1 个已关闭（自行注销）账号');
      },
      (b) => {
        const { s } = person(b, {}, {}, 'enterprise');
        more(b, s, 1, true);
        b.nearMiss('subject.account_cap', subj(s), '企业恰好 2 个开放账号');
      },
      (b) => {
        const { s } = person(b, { display_name: b.brandName() + '服务', content_category: 'government_affairs', manual_review: 'passed' }, {}, 'government');
        for (let i = 0; i < 4; i++) {
          const a = b.account(s, { display_name: b.brandName() + '便民', content_category: 'government_affairs', manual_review: 'passed', agreement_signed: true });
          b.identifiers(a);
        }
        b.nearMiss('subject.account_cap', subj(s), '党政机关 5 个账号，不设上限');
      },
    ],
  },
  {
    rule: 'registration.incomplete',
    fires: [
      (b) => {
        const { s } = person(b, {}, { contact: undefined });
        b.expect('registration.incomplete', subj(s), '个人主体缺联系方式');
      },
      (b) => {
        const { s } = person(b, {}, { uscc: undefined }, 'enterprise');
        b.expect('registration.incomplete', subj(s), '企业主体缺统一社会信用代码');
      },
      (b) => {
        const { s } = person(b, {}, { business_scope: undefined, operating_region: undefined }, 'social_org');
        b.expect('registration.incomplete', subj(s), '社会组织缺业务范围和运营地');
      },
    ],
    nearMisses: [
      (b) => {
        const { s } = person(b, {}, { uscc: undefined, business_scope: undefined });
        b.nearMiss('registration.incomplete', subj(s), '个人主体无需统一社会信用代码和业务范围');
      },
      (b) => {
        const { s } = closedPerson(b, T('2024-07-07'), {}, { contact: undefined });
        b.nearMiss('registration.incomplete', subj(s), '缺联系方式，但名下只有已关闭账号');
      },
    ],
  },
];
