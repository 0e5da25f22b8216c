import type { AccountRec, Block } from '../builder';
import { acc, closedPerson, person, T, type RulePlan } from './kit';

const closeAction = (b: Block, a: AccountRec, when: string) =>
  b.action({ account_id: a.account_id, action: 'close', reason: 'vulgar', start_at: when, reported: true });

/** account.reregistered, account.dormant and agreement.unsigned — account lifecycle. */
export const accountPlans: RulePlan[] = [
  {
    rule: 'account.reregistered',
    fires: [
      (b) => {
        const { s, a: old } = closedPerson(b, T('2024-03-01'));
        closeAction(b, old, T('2024-03-01'));
        const a = b.account(s, { registered_at: T('2024-05-01'), agreement_signed: true });
        b.identifiers(a);
        b.expect('account.reregistered', { type: 'account', id: a.account_id }, '同一身份标识的账号 2024-03-01 被关闭后，2024-05-01 重新注册');
      },
      (b) => {
        const { s, a } = person(b, { registered_at: T('2024-04-01') });
        b.blacklistEntry({ identity_key: s.identity_key, listed_at: T('2024-02-01'), reason: 'fake_news' });
        b.expect('account.reregistered', acc(a), '身份标识于 2024-02-01 列入黑名单，之后注册新号');
      },
      (b) => {
        const name = b.personalName() + b.uniqueSuffix();
        b.blacklistEntry({ identity_key: b.identityKey(), display_name: name, listed_at: T('2024-01-15'), reason: 'rumor_making' });
        const { a } = person(b, { display_name: `${name.slice(0, 2)}·${name.slice(2)}！`, registered_at: T('2024-06-01') });
        b.expect('account.reregistered', acc(a), `黑名单名称“${name}”，归一化后与新账号名称相同`);
      },
      (b) => {
        const { a: old } = closedPerson(b, T('2024-02-20'));
        closeAction(b, old, T('2024-02-20'));
        const { a } = person(b, { display_name: ` ${old.display_name}～`, registered_at: T('2024-07-01') });
        b.expect('account.reregistered', acc(a), '另一主体以归一化相同的名称在关闭后注册');
      },
    ],
    nearMisses: [
      (b) => {
        const { s, a: old } = closedPerson(b, T('2024-03-01'));
        closeAction(b, old, T('2024-03-01'));
        const a = b.account(s, { registered_at: T('2024-03-01'), agreement_signed: true });
        b.identifiers(a);
        b.nearMiss('account.reregistered', acc(a), '新号注册时间与关闭时间完全相同（须严格晚于）');
      },
      (b) => {
        const { s } = closedPerson(b, T('2024-03-01'));
        const a = b.account(s, { registered_at: T('2024-05-01'), agreement_signed: true });
        b.identifiers(a);
        b.nearMiss('account.reregistered', acc(a), '旧号是自行注销（没有关闭处置），不构成“被关闭”');
      },
      (b) => {
        const { s, a } = person(b, { registered_at: T('2023-12-31') });
        b.blacklistEntry({ identity_key: s.identity_key, listed_at: T('2024-02-01'), reason: 'fake_news' });
        b.nearMiss('account.reregistered', acc(a), '账号注册早于列入黑名单');
      },
    ],
  },
  {
    rule: 'account.dormant',
    fires: [
      (b) => {
        const { a } = person(b, { last_active_at: '2024-06-29 23:59:59' });
        b.expect('account.dormant', acc(a), '最近使用 2024-06-29，早于期末前六个月（2024-06-30）');
      },
      (b) => {
        const { a } = person(b, { last_active_at: T('2023-11-11') });
        b.expect('account.dormant', acc(a), '一年多未使用');
      },
      (b) => {
        const { a } = person(b, { last_active_at: T('2024-01-05') });
        b.expect('account.dormant', acc(a), '近一年未使用');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b, { last_active_at: '2024-06-30 00:00:00' });
        b.nearMiss('account.dormant', acc(a), '最近使用恰为 2024-06-30（不早于界限）');
      },
      (b) => {
        const { a } = person(b, { status: 'suspended', last_active_at: T('2023-05-05') });
        b.nearMiss('account.dormant', acc(a), '暂停更新的账号不算');
      },
      (b) => {
        const { a } = person(b, { last_active_at: undefined });
        b.nearMiss('account.dormant', acc(a), '最近使用时间为空');
      },
    ],
  },
  {
    rule: 'agreement.unsigned',
    fires: [
      (b) => {
        const { a } = person(b, { agreement_signed: false });
        b.expect('agreement.unsigned', acc(a), '明确未签署服务协议');
      },
      (b) => {
        const { a } = person(b, { agreement_signed: false }, {}, 'enterprise');
        b.expect('agreement.unsigned', acc(a), '企业账号未签署');
      },
      (b) => {
        const { a } = person(b, { agreement_signed: false, status: 'banned', last_active_at: T('2024-12-01') });
        b.action({ account_id: a.account_id, action: 'ban', reason: 'vulgar', start_at: T('2024-12-02') });
        b.expect('agreement.unsigned', acc(a), '禁言中的账号也是开放账号');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b, { agreement_signed: undefined });
        b.nearMiss('agreement.unsigned', acc(a), '为空表示未知，不算未签');
      },
      (b) => {
        const { a } = closedPerson(b, T('2024-05-05'), { agreement_signed: false });
        b.nearMiss('agreement.unsigned', acc(a), '账号已关闭');
      },
    ],
  },
];
