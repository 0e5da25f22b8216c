import type { AccountRec, Block } from '../builder';
import { at, formatTime, HOUR } from '../dates';
import { normalizeText } from '@shared/text/normalize';
import { group, person, type RulePlan } from './kit';

/** Jaccard of character 3-gram sets of normalised title+text (rules-v1 matrix.coordinated_duplicates). */
export function trigramJaccard(a: string, b: string): number {
  const grams = (s: string) => {
    const t = normalizeText(s);
    const out = new Set<string>();
    for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / (x.size + y.size - both);
}

/** A base text no other content resembles: a fresh composition with a unique promo code. */
function baseText(b: Block): { title: string; text: string } {
  const { title, text } = b.contentText('lifestyle');
  return { title: `${title}（转）`, text: `${text}\n活动口令：${b.uniqueSuffix()}${b.rng.hex(6)}，关注后私信领取。` };
}

/** Small edits (punctuation, an emoji) that leave the normalised text nearly unchanged. */
const VARIANTS = [(t: string) => t, (t: string) => `${t}！！`, (t: string) => `【转发】${t}`, (t: string) => `${t} 🔥`, (t: string) => t.replace('，', ' , ')];

/** One content per time; `owners[i]` reuses an earlier poster instead of a new account. */
function burst(b: Block, times: number[], texts?: { title: string; text: string }[], owners: (number | undefined)[] = []): AccountRec[] {
  const base = baseText(b);
  const posters: AccountRec[] = [];
  times.forEach((when, i) => {
    const owner = owners[i];
    const a = owner === undefined ? person(b).a : posters[owner];
    if (owner === undefined) posters.push(a);
    const t = texts?.[i] ?? { title: base.title, text: VARIANTS[i % VARIANTS.length](base.text) };
    b.content(a, { topic: 'lifestyle', publishedAt: when, title: t.title, text: t.text, overrides: { ai_generated: false, fictional: false } });
  });
  return posters;
}

/** Edits `text` from one end, one character at a time, until its Jaccard with `text` drops just below 0.8. */
function justBelow(b: Block, title: string, text: string, fromStart: boolean): string {
  const filler = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
  let edited = text;
  for (let i = 0; i < text.length; i++) {
    const pos = fromStart ? i : text.length - 1 - i;
    if (/[\p{P}\s]/u.test(text[pos])) continue;
    edited = edited.slice(0, pos) + filler[(i + b.rng.int(0, 3)) % filler.length] + edited.slice(pos + 1);
    if (trigramJaccard(title + text, title + edited) < 0.8) return edited;
  }
  throw new Error('无法构造相似度略低于 0.8 的文本');
}

const t0 = (b: Block) => at('2024-10-01', '08:00:00') + b.rng.int(0, 80) * 24 * HOUR;

/** matrix.* — coordinated duplicates and identifiers shared across subjects. */
export const matrixPlans: RulePlan[] = [
  {
    rule: 'matrix.coordinated_duplicates',
    fires: [
      (b) => {
        const s = t0(b);
        const accounts = burst(b, [s, s + HOUR, s + 2 * HOUR]);
        b.expect('matrix.coordinated_duplicates', group(accounts), '3 个账号 2 小时内发布几乎相同的内容');
      },
      (b) => {
        const s = t0(b);
        const accounts = burst(b, [s, s + 3 * HOUR, s + 5 * HOUR, s + 9 * HOUR]);
        b.expect('matrix.coordinated_duplicates', group(accounts), '4 个账号 9 小时内发布雷同内容');
      },
      (b) => {
        const s = t0(b);
        const accounts = burst(b, [s, s + 12 * HOUR, s + 24 * HOUR]);
        b.expect('matrix.coordinated_duplicates', group(accounts), '首尾恰好相隔 24 小时（含）');
      },
    ],
    nearMisses: [
      (b) => {
        const s = t0(b);
        const accounts = burst(b, [s, s + HOUR, s + 2 * HOUR, s + 3 * HOUR], undefined, [undefined, undefined, 0, 1]);
        b.nearMiss('matrix.coordinated_duplicates', group(accounts), '4 条雷同内容只来自 2 个账号');
      },
      (b) => {
        const s = t0(b);
        const accounts = burst(b, [s, s + HOUR, s + 24 * HOUR + 1000]);
        b.nearMiss('matrix.coordinated_duplicates', group(accounts), '第 3 条晚于首条 24 小时零 1 秒');
      },
      (b) => {
        const base = baseText(b);
        const second = justBelow(b, base.title, base.text, false);
        const third = justBelow(b, base.title, base.text, true);
        const s = t0(b);
        const accounts = burst(b, [s, s + HOUR, s + 2 * HOUR], [base, { title: base.title, text: second }, { title: base.title, text: third }]);
        const j = [trigramJaccard(base.title + base.text, base.title + second), trigramJaccard(base.title + base.text, base.title + third), trigramJaccard(base.title + second, base.title + third)];
        if (j.some((x) => x >= 0.8)) throw new Error('近似案例的相似度未低于 0.8');
        b.nearMiss('matrix.coordinated_duplicates', group(accounts), `两两相似度 ${j.map((x) => x.toFixed(3)).join('、')}，均略低于 0.8`);
      },
      (b) => {
        const s = t0(b);
        const code = b.uniqueSuffix();
        const accounts = burst(b, [s, s + HOUR, s + 2 * HOUR], [0, 1, 2].map(() => ({ title: '', text: `抽奖${code}号！` })));
        b.nearMiss('matrix.coordinated_duplicates', group(accounts), '内容相同但归一化后不足 20 字');
      },
    ],
  },
  {
    rule: 'matrix.shared_identifiers',
    fires: [
      (b) => {
        const device = b.hash();
        const accounts = [0, 1, 2].map(() => person(b).a);
        for (const a of accounts) b.add('account_identifiers', { account_id: a.account_id, kind: 'device', value_hash: device });
        b.expect('matrix.shared_identifiers', group(accounts), '3 个不同主体的账号共用同一设备');
      },
      (b) => {
        const [x, y, z] = [0, 1, 2].map(() => person(b).a);
        const phone = b.hash();
        const payment = b.hash();
        b.add('account_identifiers', { account_id: x.account_id, kind: 'phone', value_hash: phone });
        b.add('account_identifiers', { account_id: y.account_id, kind: 'phone', value_hash: phone });
        b.add('account_identifiers', { account_id: y.account_id, kind: 'payment', value_hash: payment });
        b.add('account_identifiers', { account_id: z.account_id, kind: 'payment', value_hash: payment });
        b.expect('matrix.shared_identifiers', group([x, y, z]), '甲乙共用手机号、乙丙共用收款账户，连成一组');
      },
      (b) => {
        const phone = b.hash();
        const accounts = [person(b).a, person(b).a, b.account(b.subject('individual'), { status: 'closed', closed_at: formatTime(at('2024-08-08', '10:00:00')), last_active_at: formatTime(at('2024-08-07', '10:00:00')), display_name: b.personalName() + b.uniqueSuffix() })];
        for (const a of accounts) b.add('account_identifiers', { account_id: a.account_id, kind: 'phone', value_hash: phone });
        b.expect('matrix.shared_identifiers', group(accounts), '其中一个账号已关闭（关闭账号也参与关联）');
      },
    ],
    nearMisses: [
      (b) => {
        const device = b.hash();
        const accounts = [0, 1].map(() => person(b).a);
        for (const a of accounts) b.add('account_identifiers', { account_id: a.account_id, kind: 'device', value_hash: device });
        b.nearMiss('matrix.shared_identifiers', group(accounts), '只有 2 个账号共用设备');
      },
      (b) => {
        const ip = b.hash();
        const email = b.hash();
        const accounts = [0, 1, 2].map(() => person(b).a);
        for (const a of accounts) {
          b.add('account_identifiers', { account_id: a.account_id, kind: 'ip', value_hash: ip });
          b.add('account_identifiers', { account_id: a.account_id, kind: 'email', value_hash: email });
        }
        b.nearMiss('matrix.shared_identifiers', group(accounts), '只共用注册 IP 和邮箱（不构成关联）');
      },
      (b) => {
        const { s, a } = person(b, { display_name: b.brandName(), content_category: 'government_affairs', manual_review: 'passed' }, {}, 'government');
        const device = b.hash();
        const accounts = [a, ...[0, 1].map(() => b.account(s, { display_name: b.brandName(), content_category: 'government_affairs', manual_review: 'passed', agreement_signed: true }))];
        for (const x of accounts) b.add('account_identifiers', { account_id: x.account_id, kind: 'device', value_hash: device });
        b.nearMiss('matrix.shared_identifiers', group(accounts), '3 个账号同属一个党政机关主体（只有 1 个身份标识）');
      },
    ],
  },
];
