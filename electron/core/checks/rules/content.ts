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

/** Contents (alias `c`) matching `where`, grouped per account when an account has at least `minCount`. */
export interface ContentFilter {
  where: string;
  minCount: number;
}

/**
 * Streams the contents matching any of the filters (ordered by account and time through the
 * contents_account index; a CASE column per filter says which) and groups each filter's contents
 * per account: a count and the first few as examples.
 */
function contentsPerAccount(rc: RuleContext, filters: readonly ContentFilter[]): Map<ContentFilter, AccountContents[]> {
  const rows = rc.db
    .prepare(
      `SELECT c.account_id, c.content_id, c.src_row, c.published_at, c.topic,
              ${filters.map((f, i) => `CASE WHEN (${f.where}) THEN 1 ELSE 0 END AS f${i}`).join(', ')}
       FROM contents c
       WHERE c.filing_id = @f AND (${filters.map((f) => `(${f.where})`).join(' OR ')})
       ORDER BY c.account_id, c.published_at, c.content_id`,
    )
    .raw()
    .iterate(params(rc)) as Iterable<[string, string, number, string, string, ...number[]]>;
  type Group = Omit<AccountContents, 'displayName' | 'accountRow'>;
  const groups = filters.map((): Group[] => []);
  const current = filters.map((): Group | undefined => undefined);
  const close = (i: number) => {
    const g = current[i];
    if (g && g.count >= filters[i].minCount) groups[i].push(g);
  };
  for (const row of rows) {
    const [accountId, contentId, srcRow, publishedAt, topic] = row;
    for (let i = 0; i < filters.length; i++) {
      if (row[5 + i] !== 1) continue;
      let g = current[i];
      if (g?.accountId !== accountId) {
        close(i);
        g = current[i] = { accountId, count: 0, examples: [] };
      }
      g.count++;
      if (g.examples.length < EXAMPLES) g.examples.push({ content_id: contentId, src_row: srcRow, published_at: publishedAt, topic });
    }
  }
  filters.forEach((_, i) => close(i));
  const lookup = rc.db.prepare('SELECT display_name, src_row FROM accounts WHERE filing_id = @f AND account_id = @a');
  return new Map(
    filters.map((f, i) => [
      f,
      groups[i].map((g) => {
        const account = lookup.get({ f: rc.filing.id, a: g.accountId }) as { display_name: string; src_row: number } | undefined;
        return { ...g, displayName: account?.display_name ?? '', accountRow: account?.src_row ?? 0 };
      }),
    ]),
  );
}

const sharedFilters: ContentFilter[] = [];
const sharedScans = new WeakMap<RuleContext, Map<ContentFilter, AccountContents[]>>();

/**
 * A rule's contents per account, from one walk of the contents per check run shared by every
 * filter declared this way (at module load, so all of them before any run): the walk reads each
 * content of the filing, about a second at a million accounts, while a filter matches a few
 * hundred, so the rules of a run pay for it once. A run of one rule still evaluates them all.
 */
export function sharedContents(filter: ContentFilter): (rc: RuleContext) => AccountContents[] {
  sharedFilters.push(filter);
  return (rc) => {
    let scan = sharedScans.get(rc);
    if (!scan?.has(filter)) {
      scan = contentsPerAccount(rc, [...sharedFilters]);
      sharedScans.set(rc, scan);
    }
    return scan.get(filter)!;
  };
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

const uncredentialedContents = sharedContents({
  where: `c.topic IN ${sqlList(FOUR_DOMAINS)} AND ${inPeriod}
    AND NOT EXISTS (SELECT 1 FROM credentials k WHERE k.filing_id = @f AND k.account_id = c.account_id
                    AND ${sqlPassedCredentialAt('c.topic', 'substr(c.published_at, 1, 10)')})`,
  minCount: 3,
});

export const contentUncredentialedDomain: RuleModule = {
  id: 'content.uncredentialed_domain',
  run(rc) {
    const groups = uncredentialedContents(rc);
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
  const contents = sharedContents({ where: `${where} AND ${inPeriod}`, minCount: 1 });
  return {
    id,
    run(rc) {
      return contents(rc).map((g): FindingDraft => ({
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
