import type { EvidenceRow, FindingDraft, RuleContext, RuleModule } from '../types';
import { acct, CURRENT_AFFAIRS_TOPICS, DOMAIN_LABELS, ev, FOUR_DOMAINS, params, sqlList, sqlPassedCredentialAt, TOPIC_LABELS } from './util';

export interface ContentRef {
  content_id: string;
  src_row: number;
  published_at: string;
  topic: string;
}

export interface AccountContents {
  accountId: string;
  displayName: string;
  accountRow: number;
  count: number;
  /** The earliest matching contents, at most EXAMPLES of them. */
  examples: ContentRef[];
}

const EXAMPLES = 10;

/**
 * Streams the contents matching `where` (alias `c`, ordered by account and time through the
 * contents_account index) and groups them per account: a count and the first few as examples.
 */
export function contentsPerAccount(rc: RuleContext, where: string, minCount: number): AccountContents[] {
  const rows = rc.db
    .prepare(
      `SELECT c.account_id, c.content_id, c.src_row, c.published_at, c.topic
       FROM contents c
       WHERE c.filing_id = @f AND ${where}
       ORDER BY c.account_id, c.published_at, c.content_id`,
    )
    .raw()
    .iterate(params(rc)) as Iterable<[string, string, number, string, string]>;
  const groups: Omit<AccountContents, 'displayName' | 'accountRow'>[] = [];
  let current: (typeof groups)[number] | undefined;
  for (const [accountId, contentId, srcRow, publishedAt, topic] of rows) {
    if (current?.accountId !== accountId) {
      if (current && current.count >= minCount) groups.push(current);
      current = { accountId, count: 0, examples: [] };
    }
    current.count++;
    if (current.examples.length < EXAMPLES) current.examples.push({ content_id: contentId, src_row: srcRow, published_at: publishedAt, topic });
  }
  if (current && current.count >= minCount) groups.push(current);
  const lookup = rc.db.prepare('SELECT display_name, src_row FROM accounts WHERE filing_id = @f AND account_id = @a');
  return groups.map((g) => {
    const account = lookup.get({ f: rc.filing.id, a: g.accountId }) as { display_name: string; src_row: number } | undefined;
    return { ...g, displayName: account?.display_name ?? '', accountRow: account?.src_row ?? 0 };
  });
}

export function contentEvidence(g: AccountContents, extra: (c: ContentRef) => EvidenceRow['key'] = () => ({})): EvidenceRow[] {
  return [
    ev('accounts', g.accountRow, { account_id: g.accountId, display_name: g.displayName }),
    ...g.examples.map((c) => ev('contents', c.src_row, { content_id: c.content_id, published_at: c.published_at, topic: c.topic, ...extra(c) })),
  ];
}

const exampleIds = (g: AccountContents) =>
  g.examples.length < g.count ? `${g.examples.map((c) => c.content_id).join('、')} 等` : g.examples.map((c) => c.content_id).join('、');

const inPeriod = `substr(c.published_at, 1, 10) BETWEEN @start AND @end`;

export const contentUncredentialedDomain: RuleModule = {
  id: 'content.uncredentialed_domain',
  run(rc) {
    const groups = contentsPerAccount(
      rc,
      `c.topic IN ${sqlList(FOUR_DOMAINS)} AND ${inPeriod}
       AND NOT EXISTS (SELECT 1 FROM credentials k WHERE k.filing_id = @f AND k.account_id = c.account_id
                       AND ${sqlPassedCredentialAt('c.topic', 'substr(c.published_at, 1, 10)')})`,
      3,
    );
    return groups.map((g): FindingDraft => {
      const domains = [...new Set(g.examples.map((c) => DOMAIN_LABELS[c.topic]))].join('、');
      return {
        entity: { type: 'account', id: g.accountId },
        accountId: g.accountId,
        explanation: `账号${acct(g.displayName, g.accountId)}在 ${rc.filing.start} 至 ${rc.filing.end} 发布了 ${g.count} 条${domains}等专业领域内容（阈值 3 条），发布时均无该领域核验通过且在有效期内的资质，例如 ${exampleIds(g)}。`,
        evidence: contentEvidence(g),
      };
    });
  },
};

function labelRule(id: string, where: string, describe: (g: AccountContents, rc: RuleContext) => string, extra?: (c: ContentRef) => EvidenceRow['key']): RuleModule {
  return {
    id,
    run(rc) {
      return contentsPerAccount(rc, `${where} AND ${inPeriod}`, 1).map((g): FindingDraft => ({
        entity: { type: 'account', id: g.accountId },
        accountId: g.accountId,
        explanation: describe(g, rc),
        evidence: contentEvidence(g, extra),
      }));
    },
  };
}

const periodText = (rc: RuleContext) => `${rc.filing.start} 至 ${rc.filing.end}`;

export const contentAiUnlabeled = labelRule(
  'content.ai_unlabeled',
  `c.ai_generated = 1 AND c.ai_label IS NOT 1`,
  (g, rc) => `账号${acct(g.displayName, g.accountId)}在 ${periodText(rc)} 有 ${g.count} 条经平台检测为技术生成的内容未标注“技术生成”，例如 ${exampleIds(g)}。`,
  () => ({ ai_generated: 1 }),
);

export const contentSourceUnlabeled = labelRule(
  'content.source_unlabeled',
  `c.topic IN ${sqlList(CURRENT_AFFAIRS_TOPICS)} AND (c.source_label IS NULL OR c.source_label = '')`,
  (g, rc) =>
    `账号${acct(g.displayName, g.accountId)}在 ${periodText(rc)} 有 ${g.count} 条时事、公共政策或社会事件类内容（${[...new Set(g.examples.map((c) => TOPIC_LABELS[c.topic]))].join('、')}等）未标注信息来源，例如 ${exampleIds(g)}。`,
  () => ({ source_label: null }),
);

export const contentFictionUnlabeled = labelRule(
  'content.fiction_unlabeled',
  `c.fictional = 1 AND c.fiction_label IS NOT 1`,
  (g, rc) => `账号${acct(g.displayName, g.accountId)}在 ${periodText(rc)} 有 ${g.count} 条经平台检测为虚构演绎的内容未标注“虚构”，例如 ${exampleIds(g)}。`,
  () => ({ fictional: 1 }),
);

export const contentRules = [contentUncredentialedDomain, contentAiUnlabeled, contentSourceUnlabeled, contentFictionUnlabeled];
