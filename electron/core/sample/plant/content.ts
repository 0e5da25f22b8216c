import type { AccountRec, Block } from '../builder';
import { at } from '../dates';
import type { Row } from '../table-writer';
import type { Category, Topic } from '../tables';
import { acc, person, type RulePlan } from './kit';

const post = (b: Block, a: AccountRec, topic: Topic, when: string, overrides: Row = {}) =>
  b.content(a, { topic, publishedAt: at(when.slice(0, 10), when.slice(11)), overrides });

const WHEN = ['2024-10-05 09:00:00', '2024-10-19 12:00:00', '2024-11-02 18:00:00', '2024-11-16 20:00:00', '2024-11-30 21:00:00', '2024-12-14 08:00:00', '2024-12-28 22:00:00'];

/** Posts `topics` in order on an account of `category`, at distinct times in the period. */
function mix(b: Block, category: Category, topics: Topic[], first?: string): AccountRec {
  const { a } = person(b, { content_category: category });
  topics.forEach((topic, i) => post(b, a, topic, i === 0 && first ? first : WHEN[i]));
  return a;
}

const labelPlans = (
  rule: 'content.ai_unlabeled' | 'content.fiction_unlabeled',
  flag: 'ai_generated' | 'fictional',
  label: 'ai_label' | 'fiction_label',
  what: string,
): RulePlan => ({
  rule,
  fires: [
    (b) => {
      const { a } = person(b);
      post(b, a, 'lifestyle', WHEN[2], { [flag]: true, [label]: false });
      b.expect(rule, acc(a), `${what}内容标注为否`);
    },
    (b) => {
      const { a } = person(b);
      post(b, a, 'entertainment', WHEN[4], { [flag]: true, [label]: undefined });
      b.expect(rule, acc(a), `${what}内容标注为空`);
    },
    (b) => {
      const { a } = person(b);
      post(b, a, 'lifestyle', WHEN[1], { [flag]: true, [label]: false });
      post(b, a, 'lifestyle', WHEN[5], { [flag]: true, [label]: false });
      b.expect(rule, acc(a), `2 条${what}内容未标注（一条发现）`);
    },
  ],
  nearMisses: [
    (b) => {
      const { a } = person(b);
      post(b, a, 'lifestyle', WHEN[2], { [flag]: true, [label]: true });
      b.nearMiss(rule, acc(a), '已标注');
    },
    (b) => {
      const { a } = person(b);
      post(b, a, 'lifestyle', '2024-09-30 23:59:59', { [flag]: true, [label]: false });
      b.nearMiss(rule, acc(a), '未标注的内容发布于期前');
    },
    (b) => {
      const { a } = person(b);
      post(b, a, 'lifestyle', WHEN[3], { [flag]: undefined, [label]: undefined });
      b.nearMiss(rule, acc(a), '平台未识别（为空）');
    },
  ],
});

/** content.* labelling and account.category_mismatch. */
export const contentPlans: RulePlan[] = [
  labelPlans('content.ai_unlabeled', 'ai_generated', 'ai_label', '技术生成'),
  labelPlans('content.fiction_unlabeled', 'fictional', 'fiction_label', '虚构演绎'),
  {
    rule: 'content.source_unlabeled',
    fires: [
      (b) => {
        const { a } = person(b);
        post(b, a, 'social_event', WHEN[3], { source_label: undefined });
        b.expect('content.source_unlabeled', acc(a), '社会事件内容未标注来源');
      },
      (b) => {
        const { a } = person(b);
        post(b, a, 'public_policy', WHEN[0], { source_label: '  ' });
        b.expect('content.source_unlabeled', acc(a), '公共政策内容来源只有空白');
      },
      (b) => {
        const { a } = person(b);
        post(b, a, 'public_policy', WHEN[1], { source_label: undefined });
        post(b, a, 'social_event', WHEN[6], { source_label: undefined });
        b.expect('content.source_unlabeled', acc(a), '2 条未标注来源');
      },
    ],
    nearMisses: [
      (b) => {
        const { a } = person(b);
        post(b, a, 'social_event', WHEN[3]);
        b.nearMiss('content.source_unlabeled', acc(a), '已标注来源');
      },
      (b) => {
        const { a } = person(b);
        post(b, a, 'social_event', '2024-09-30 23:59:59', { source_label: undefined });
        b.nearMiss('content.source_unlabeled', acc(a), '发布于期前');
      },
      (b) => {
        const { a } = person(b);
        post(b, a, 'lifestyle', WHEN[3], { source_label: undefined });
        b.nearMiss('content.source_unlabeled', acc(a), '生活类主题无需标注来源');
      },
    ],
  },
  {
    rule: 'account.category_mismatch',
    fires: [
      (b) => {
        const a = mix(b, 'lifestyle', ['lifestyle', 'lifestyle', 'social_event', 'public_policy', 'social_event']);
        b.expect('account.category_mismatch', acc(a), '生活类账号 5 条中 3 条为社会事件或公共政策（60%）');
      },
      (b) => {
        const a = mix(b, 'entertainment', ['entertainment', 'other', 'lifestyle', 'lifestyle', 'public_policy']);
        b.expect('account.category_mismatch', acc(a), '娱乐类账号非“其他”的 4 条中 3 条超范围');
      },
      (b) => {
        const a = mix(b, 'entertainment', ['entertainment', 'lifestyle', 'entertainment', 'lifestyle', 'entertainment', 'lifestyle']);
        b.expect('account.category_mismatch', acc(a), '6 条中恰好 50% 超范围');
      },
    ],
    nearMisses: [
      (b) => {
        const a = mix(b, 'lifestyle', ['social_event', 'social_event', 'public_policy', 'social_event']);
        b.nearMiss('account.category_mismatch', acc(a), '只有 4 条（须至少 5 条）');
      },
      (b) => {
        const a = mix(b, 'lifestyle', ['lifestyle', 'entertainment', 'lifestyle', 'lifestyle', 'social_event', 'public_policy', 'social_event']);
        b.nearMiss('account.category_mismatch', acc(a), '7 条中 3 条超范围（43%）');
      },
      (b) => {
        const a = mix(b, 'lifestyle', ['social_event', 'lifestyle', 'lifestyle', 'social_event', 'public_policy'], '2024-09-30 23:59:59');
        b.nearMiss('account.category_mismatch', acc(a), '其中 1 条发布于期前，期内只有 4 条');
      },
      (b) => {
        const a = mix(b, 'lifestyle', ['other', 'other', 'other', 'other', 'other']);
        b.nearMiss('account.category_mismatch', acc(a), '全部为“其他”主题');
      },
      (b) => {
        const a = mix(b, 'other', ['public_policy', 'social_event', 'public_policy', 'social_event', 'social_event']);
        b.nearMiss('account.category_mismatch', acc(a), '类别为“其他”的账号不检查');
      },
    ],
  },
];
