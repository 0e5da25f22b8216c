import type { AccountRec, Block, SubjectRec } from '../builder';
import { at } from '../dates';
import type { Topic } from '../tables';
import { acc, closedPerson, person, T, type RulePlan } from './kit';

/** Registers a licence for `s` (holder as given) and puts it on the account. */
function licensed(b: Block, s: SubjectRec, a: AccountRec, validUntil: string, holder = s.name): string {
  const province = b.rng.pick(b.sources.provinces);
  const no = b.licenceNo(province);
  b.licence({ license_no: no, holder_name: holder, services: ['转载服务'], valid_until: validUntil, province: province.name });
  a.news_license_no = no;
  a.license_displayed = true;
  return no;
}
const post = (b: Block, a: AccountRec, topic: Topic, when: string) => b.content(a, { topic, publishedAt: at(when.slice(0, 10), when.slice(11)) });

/** news.* — news licences and unlicensed news publishing. */
export const newsPlans: RulePlan[] = [
  {
    rule: 'news.unlicensed_publishing',
    fires: [
      (b) => {
        const { a } = person(b);
        post(b, a, 'politics', '2024-11-08 19:00:00');
        b.expect('news.unlicensed_publishing', acc(a), '个人账号无许可发布时政内容（已标注来源）');
      },
      (b) => {
        const { s, a } = person(b, {}, {}, 'enterprise');
        licensed(b, s, a, '2024-10-15');
        post(b, a, 'economy', '2024-11-01 09:30:00');
        b.expect('news.unlicensed_publishing', acc(a), '许可证 2024-10-15 过期后仍发布经济新闻');
        b.expect('news.license_invalid', acc(a), '连带：许可证已过期');
      },
      (b) => {
        const { a } = closedPerson(b, T('2024-12-15'));
        post(b, a, 'military', '2024-12-01 22:00:00');
        b.expect('news.unlicensed_publishing', acc(a), '已关闭账号在期内关闭前发布军事新闻（本规则含已关闭账号）');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b, { display_name: b.brandName() }, {}, 'news_unit');
        post(b, a, 'politics', '2024-11-08 19:00:00');
        b.nearMiss('news.unlicensed_publishing', acc(a), '新闻单位主体');
      },
      (b) => {
        const { a } = person(b);
        post(b, a, 'diplomacy', '2024-09-30 23:59:59');
        b.nearMiss('news.unlicensed_publishing', acc(a), '发布于期前');
      },
      (b) => {
        const { a } = person(b);
        post(b, a, 'public_policy', '2024-11-18 12:00:00');
        b.nearMiss('news.unlicensed_publishing', acc(a), '公共政策不属于新闻主题');
      },
      (b) => {
        const { s, a } = person(b, {}, {}, 'enterprise');
        licensed(b, s, a, '2024-12-31');
        post(b, a, 'politics', '2024-12-31 20:00:00');
        b.nearMiss('news.unlicensed_publishing', acc(a), '许可证有效期至发布当日');
        b.nearMiss('news.license_invalid', acc(a), '有效期至期末当日');
      },
    ],
  },
  {
    rule: 'news.license_invalid',
    fires: [
      (b) => {
        const { a } = person(b, {}, {}, 'enterprise');
        a.news_license_no = `${b.rng.pick(b.sources.provinces).code}19${b.rng.digits(7)}`;
        a.license_displayed = true;
        b.expect('news.license_invalid', acc(a), `许可证编号 ${a.news_license_no} 不在许可证库中`);
      },
      (b) => {
        const { s, a } = person(b, {}, {}, 'enterprise');
        licensed(b, s, a, '2024-12-30');
        b.expect('news.license_invalid', acc(a), '许可证有效期至 2024-12-30，早于期末');
      },
      (b) => {
        const { a, s } = person(b, {}, {}, 'enterprise');
        licensed(b, s, a, '2027-06-30', s.name.replace('有限公司', '文化发展有限公司'));
        b.expect('news.license_invalid', acc(a), '许可证持证主体与账号主体名称不符');
      },
    ],
    nearMisses: [
      (b) => {
        const { s, a } = person(b, {}, {}, 'enterprise');
        licensed(b, s, a, '2027-06-30', `${s.name.slice(0, 2)} ${s.name.slice(2)}。`);
        b.nearMiss('news.license_invalid', acc(a), '持证主体名称只差空格和标点，归一化后一致');
      },
      (b) => {
        const { s, a } = person(b);
        licensed(b, s, a, '2027-06-30', '某某传媒有限公司');
        b.nearMiss('news.license_invalid', acc(a), '个人主体不比对持证主体名称');
      },
      (b) => {
        const { s, a } = person(b, {}, {}, 'enterprise');
        licensed(b, s, a, '2024-12-31');
        b.nearMiss('news.license_invalid', acc(a), '有效期恰至期末');
      },
    ],
  },
  {
    rule: 'news.account_without_license',
    fires: [
      (b) => {
        const { a } = person(b, { is_news_account: true, content_category: 'news' });
        b.expect('news.account_without_license', acc(a), '新闻类账号没有许可证编号');
      },
      (b) => {
        const { a } = person(b, { is_news_account: true, content_category: 'news' }, {}, 'enterprise');
        post(b, a, 'public_policy', '2024-12-11 08:00:00');
        b.expect('news.account_without_license', acc(a), '企业新闻类账号无许可证');
      },
      (b) => {
        const { a } = person(b, { is_news_account: true, content_category: 'news', status: 'suspended' });
        b.expect('news.account_without_license', acc(a), '暂停更新的新闻类账号无许可证');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = closedPerson(b, T('2024-10-10'), { is_news_account: true, content_category: 'news' });
        b.nearMiss('news.account_without_license', acc(a), '账号已关闭');
      },
      (b) => {
        const { a } = person(b, { is_news_account: undefined, content_category: 'news' });
        b.nearMiss('news.account_without_license', acc(a), '新闻类账号标记为空');
      },
    ],
  },
  {
    rule: 'news.license_not_displayed',
    fires: [
      (b) => {
        const { s, a } = person(b, { is_news_account: true, content_category: 'news' }, {}, 'enterprise');
        licensed(b, s, a, '2027-06-30');
        a.license_displayed = false;
        b.expect('news.license_not_displayed', acc(a), '持证新闻类账号未亮牌');
      },
      (b) => {
        const { s, a } = person(b, { is_news_account: true, content_category: 'news' }, {}, 'enterprise');
        licensed(b, s, a, '2027-06-30');
        a.license_displayed = undefined;
        b.expect('news.license_not_displayed', acc(a), '亮牌字段为空');
      },
      (b) => {
        const { s, a } = person(b, { is_news_account: true, content_category: 'news' });
        licensed(b, s, a, '2026-12-31');
        a.license_displayed = false;
        b.expect('news.license_not_displayed', acc(a), '个人持证新闻账号未亮牌');
      },
    ],
    nearMisses: [
      (b) => {
        const { s, a } = person(b, { is_news_account: true, content_category: 'news' }, {}, 'enterprise');
        licensed(b, s, a, '2027-06-30');
        b.nearMiss('news.license_not_displayed', acc(a), '已亮牌');
      },
      (b) => {
        const { s, a } = closedPerson(b, T('2024-10-10'), { is_news_account: true, content_category: 'news' });
        licensed(b, s, a, '2027-06-30');
        a.license_displayed = false;
        b.nearMiss('news.license_not_displayed', acc(a), '账号已关闭');
      },
    ],
  },
];
