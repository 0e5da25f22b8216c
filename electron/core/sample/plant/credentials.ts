import type { AccountRec, Block } from '../builder';
import { at } from '../dates';
import { goodCredential } from '../population';
import type { Domain, Topic } from '../tables';
import { CATEGORY_DOMAIN_LABEL } from '../vocab';
import { acc, closedPerson, person, T, type RulePlan } from './kit';

const domainAccount = (b: Block, domain: Domain, extra: Partial<AccountRec> = {}) =>
  person(b, { content_category: domain, domain_label: CATEGORY_DOMAIN_LABEL[domain], ...extra }).a;

const post = (b: Block, a: AccountRec, topic: Topic, when: string) => b.content(a, { topic, publishedAt: at(when.slice(0, 10), when.slice(11)) });

/** credential.* and content.uncredentialed_domain — qualification of finance, education, medical and judicial accounts. */
export const credentialPlans: RulePlan[] = [
  {
    rule: 'credential.missing',
    fires: [
      (b) => {
        const a = domainAccount(b, 'medical', { domain_label: undefined });
        post(b, a, 'medical', '2024-11-03 20:00:00');
        b.expect('credential.missing', acc(a), '医疗卫生类账号没有任何资质记录');
      },
      (b) => {
        const a = domainAccount(b, 'finance');
        goodCredential(b, a, 'finance', { verification_result: 'failed' });
        b.expect('credential.missing', acc(a), '财经金融类账号资质核验未通过');
      },
      (b) => {
        const a = domainAccount(b, 'education');
        goodCredential(b, a, 'medical');
        b.expect('credential.missing', acc(a), '教育类账号只有医疗领域的资质');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = closedPerson(b, T('2024-10-15'), { content_category: 'judicial' });
        b.nearMiss('credential.missing', acc(a), '无资质的司法类账号已关闭');
      },
      (b) => {
        const a = domainAccount(b, 'medical');
        goodCredential(b, a, 'medical', { valid_from: '2018-01-01', valid_until: '2023-06-30' });
        b.nearMiss('credential.missing', acc(a), '有通过的资质（无论有效期），不算缺失');
        b.expect('credential.expired', acc(a), '连带：唯一的资质已于 2023-06-30 过期');
      },
    ],
  },
  {
    rule: 'credential.expired',
    fires: [
      (b) => {
        const a = domainAccount(b, 'judicial');
        goodCredential(b, a, 'judicial', { valid_until: '2024-12-30' });
        b.expect('credential.expired', acc(a), '资质有效期至 2024-12-30，期末前一天过期');
      },
      (b) => {
        const a = domainAccount(b, 'finance');
        goodCredential(b, a, 'finance', { valid_from: '2025-01-01', valid_until: '2030-12-31' });
        b.expect('credential.expired', acc(a), '资质 2025-01-01 才生效，期末尚未生效');
      },
      (b) => {
        const a = domainAccount(b, 'education');
        goodCredential(b, a, 'education', { valid_from: '2016-09-01', valid_until: '2021-08-31' });
        b.expect('credential.expired', acc(a), '资质 2021 年已过期');
      },
    ],
    nearMisses: [
      (b) => {
        const a = domainAccount(b, 'judicial');
        goodCredential(b, a, 'judicial', { valid_until: '2024-12-31' });
        b.nearMiss('credential.expired', acc(a), '有效期恰至期末当日');
      },
      (b) => {
        const a = domainAccount(b, 'medical', { status: 'suspended', last_active_at: T('2024-10-09') });
        goodCredential(b, a, 'medical', { valid_until: '2024-06-30' });
        b.nearMiss('credential.expired', acc(a), '资质过期但账号已暂停更新');
      },
      (b) => {
        const a = domainAccount(b, 'finance');
        goodCredential(b, a, 'finance', { valid_from: '2015-01-01', valid_until: '2020-12-31', badge_displayed: false });
        goodCredential(b, a, 'finance');
        b.nearMiss('credential.expired', acc(a), '一份过期、一份有效');
      },
    ],
  },
  {
    rule: 'credential.badge_hidden',
    fires: [
      (b) => {
        const a = domainAccount(b, 'medical');
        goodCredential(b, a, 'medical', { badge_displayed: false });
        b.expect('credential.badge_hidden', acc(a), '有效资质未展示认证标识');
      },
      (b) => {
        const a = domainAccount(b, 'education');
        goodCredential(b, a, 'education', { badge_displayed: undefined });
        b.expect('credential.badge_hidden', acc(a), '展示认证标识为空（不等于“是”）');
      },
      (b) => {
        const a = domainAccount(b, 'finance', { domain_label: undefined });
        goodCredential(b, a, 'finance');
        b.expect('credential.badge_hidden', acc(a), '展示了认证标识，但主页没有领域标签');
      },
    ],
    nearMisses: [
      (b) => {
        const a = domainAccount(b, 'judicial');
        goodCredential(b, a, 'judicial', { badge_displayed: false });
        goodCredential(b, a, 'judicial', { badge_displayed: true });
        b.nearMiss('credential.badge_hidden', acc(a), '两份有效资质，其一展示标识即可');
      },
      (b) => {
        const { a } = closedPerson(b, T('2024-11-20'), { content_category: 'medical', domain_label: '医疗卫生' });
        goodCredential(b, a, 'medical', { badge_displayed: false });
        b.nearMiss('credential.badge_hidden', acc(a), '账号已关闭');
      },
    ],
  },
  {
    rule: 'content.uncredentialed_domain',
    fires: [
      (b) => {
        const { a } = person(b);
        for (const when of ['2024-10-08 12:00:00', '2024-11-11 19:30:00', '2024-12-02 08:15:00']) post(b, a, 'finance', when);
        b.expect('content.uncredentialed_domain', acc(a), '生活类账号无资质发布 3 条金融内容');
      },
      (b) => {
        const a = domainAccount(b, 'medical');
        goodCredential(b, a, 'medical', { valid_from: '2024-11-15' });
        for (const when of ['2024-10-03 09:00:00', '2024-10-20 21:00:00', '2024-11-14 23:59:59']) post(b, a, 'medical', when);
        b.expect('content.uncredentialed_domain', acc(a), '资质 2024-11-15 才生效，此前发布 3 条医疗内容');
      },
      (b) => {
        const { a } = person(b);
        post(b, a, 'finance', '2024-10-12 10:00:00');
        post(b, a, 'education', '2024-11-12 10:00:00');
        post(b, a, 'judicial', '2024-12-12 10:00:00');
        b.expect('content.uncredentialed_domain', acc(a), '三条内容分属金融、教育、司法三个领域，均无资质');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b);
        post(b, a, 'finance', '2024-10-08 12:00:00');
        post(b, a, 'finance', '2024-12-08 12:00:00');
        b.nearMiss('content.uncredentialed_domain', acc(a), '只有 2 条');
      },
      (b) => {
        const a = domainAccount(b, 'medical');
        goodCredential(b, a, 'medical', { valid_from: '2024-11-15' });
        for (const when of ['2024-10-03 09:00:00', '2024-10-20 21:00:00', '2024-11-15 00:00:01']) post(b, a, 'medical', when);
        b.nearMiss('content.uncredentialed_domain', acc(a), '第 3 条发布于资质生效当日，当日即有效，只有 2 条无资质');
      },
      (b) => {
        const { a } = person(b);
        for (const when of ['2024-09-30 23:59:59', '2024-10-18 12:00:00', '2024-11-18 12:00:00']) post(b, a, 'education', when);
        b.nearMiss('content.uncredentialed_domain', acc(a), '其中 1 条发布于期前（2024-09-30 23:59:59）');
      },
    ],
  },
];
