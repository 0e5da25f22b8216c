import { acc, closedPerson, person, T, type RulePlan } from './kit';

/** identity.unverified — an open account whose subject has no verification method. */
export const identityPlans: RulePlan[] = [
  {
    rule: 'identity.unverified',
    fires: [
      (b) => {
        const { a } = person(b, {}, { verification_methods: undefined, verified_at: undefined });
        b.expect('identity.unverified', acc(a), '个人主体未填写实名核验方式，账号正常');
      },
      (b) => {
        const { a } = person(b, {}, { verification_methods: undefined, verified_at: undefined }, 'enterprise');
        b.expect('identity.unverified', acc(a), '企业主体未核验');
      },
      (b) => {
        const { a } = person(b, { status: 'suspended', last_active_at: T('2024-11-02') }, { verification_methods: undefined, verified_at: undefined });
        b.expect('identity.unverified', acc(a), '暂停更新的账号仍属开放账号');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = closedPerson(b, T('2024-08-01'), {}, { verification_methods: undefined, verified_at: undefined });
        b.nearMiss('identity.unverified', acc(a), '主体未核验但账号已关闭（无关闭处置，自行注销）');
      },
      (b) => {
        const { a } = person(b, {}, { verification_methods: ['mobile'] });
        b.nearMiss('identity.unverified', acc(a), '只有手机号一种核验方式也算已核验');
      },
    ],
  },
];
