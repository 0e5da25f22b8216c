import { normalizeText } from '@shared/text/normalize';
import { addMonths } from '../time';
import type { EvidenceRow, FindingDraft, RuleModule } from '../types';
import { acct, CURRENT_AFFAIRS_TOPICS, ev, params, sqlList, TOPIC_LABELS } from './util';

interface Closure {
  source: 'blacklist' | 'accounts';
  closure_id: string;
  identity_key: string | null;
  display_name: string | null;
  closed_at: string;
  src_row: number;
}

/** Strictly after; a date on either side compares calendar dates (rules-v1). */
function isAfter(time: string, reference: string): boolean {
  return time.length === 10 || reference.length === 10 ? time.slice(0, 10) > reference.slice(0, 10) : time > reference;
}

export const accountReregistered: RuleModule = {
  id: 'account.reregistered',
  run(rc) {
    const closures = rc.db
      .prepare(
        `SELECT 'blacklist' AS source, b.entry_id AS closure_id, b.identity_key, b.display_name, b.listed_at AS closed_at, b.src_row
         FROM blacklist b WHERE b.filing_id = @f
         UNION ALL
         SELECT 'accounts', a.account_id, s.identity_key, a.display_name, a.closed_at, a.src_row
         FROM accounts a JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
         WHERE a.filing_id = @f AND a.status = 'closed' AND a.closed_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM enforcement_actions x WHERE x.filing_id = @f AND x.account_id = a.account_id AND x.action = 'close')`,
      )
      .all(params(rc)) as Closure[];
    type Match = { closure: Closure; via: 'identity_key' | 'display_name' };
    const matches = new Map<string, Match[]>();
    const add = (accountId: string, match: Match) => matches.set(accountId, [...(matches.get(accountId) ?? []), match]);

    const byKey = rc.db.prepare(
      `SELECT a.account_id, a.registered_at FROM subjects s CROSS JOIN accounts a
       WHERE s.filing_id = @f AND s.identity_key = @key AND a.filing_id = @f AND a.subject_id = s.subject_id AND a.status <> 'closed'`,
    );
    const byName = new Map<string, Closure[]>();
    for (const closure of closures) {
      if (closure.identity_key) {
        for (const a of byKey.all({ f: rc.filing.id, key: closure.identity_key }) as { account_id: string; registered_at: string }[]) {
          if (isAfter(a.registered_at, closure.closed_at)) add(a.account_id, { closure, via: 'identity_key' });
        }
      }
      if (closure.display_name) {
        const normalized = normalizeText(closure.display_name);
        if (normalized !== '') byName.set(normalized, [...(byName.get(normalized) ?? []), closure]);
      }
    }
    const account = rc.db.prepare(
      `SELECT a.account_id, a.display_name, a.registered_at, a.src_row, s.identity_key
       FROM accounts a JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
       WHERE a.filing_id = @f AND a.account_id = @a`,
    );
    type AccountRow = { account_id: string; display_name: string; registered_at: string; src_row: number; identity_key: string };
    for (const hit of rc.names().closureNameHits) {
      const a = account.get({ f: rc.filing.id, a: hit.accountId }) as AccountRow | undefined;
      if (!a) continue;
      for (const closure of byName.get(hit.normalizedName) ?? []) {
        if (isAfter(a.registered_at, closure.closed_at)) add(a.account_id, { closure, via: 'display_name' });
      }
    }

    return [...matches].sort(([x], [y]) => (x < y ? -1 : 1)).map(([accountId, list]): FindingDraft => {
      const a = account.get({ f: rc.filing.id, a: accountId }) as AccountRow;
      const seen = new Set<string>();
      const unique = list.filter((m) => {
        const key = `${m.closure.source}:${m.closure.closure_id}:${m.via}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
      const described = unique.map(({ closure: c, via }) => {
        const what = c.source === 'blacklist' ? `黑名单条目 ${c.closure_id}（列入时间 ${c.closed_at}）` : `已关闭账号${acct(c.display_name, c.closure_id)}（关闭时间 ${c.closed_at}）`;
        return `${what}${via === 'identity_key' ? '同一身份标识' : '名称相同（规范化后）'}`;
      });
      const evidence: EvidenceRow[] = [ev('accounts', a.src_row, { account_id: a.account_id, display_name: a.display_name, registered_at: a.registered_at })];
      const cited = new Set<string>();
      for (const { closure: c } of unique) {
        const key = `${c.source}:${c.closure_id}`;
        if (cited.has(key)) continue;
        cited.add(key);
        evidence.push(
          c.source === 'blacklist'
            ? ev('blacklist', c.src_row, { entry_id: c.closure_id, identity_key: c.identity_key, display_name: c.display_name, listed_at: c.closed_at })
            : ev('accounts', c.src_row, { account_id: c.closure_id, display_name: c.display_name, closed_at: c.closed_at, status: 'closed' }),
        );
      }
      return {
        entity: { type: 'account', id: accountId },
        accountId,
        identityKey: a.identity_key,
        explanation: `未关闭账号${acct(a.display_name, a.account_id)}于 ${a.registered_at} 注册，晚于此前的关闭：${described.join('；')}，疑似被关闭账号重新注册。`,
        evidence,
      };
    });
  },
};

/** rules-v1 account.category_mismatch: the topics each registered category covers; `other` is not checked. */
const CATEGORY_TOPICS: Record<string, readonly string[]> = {
  news: CURRENT_AFFAIRS_TOPICS,
  finance: ['finance', 'economy'],
  education: ['education'],
  medical: ['medical'],
  judicial: ['judicial'],
  government_affairs: ['politics', 'public_policy', 'social_event', 'major_incident'],
  entertainment: ['entertainment'],
  lifestyle: ['lifestyle', 'entertainment'],
  technology: ['lifestyle', 'entertainment'],
  culture: ['lifestyle', 'entertainment'],
  sports: ['lifestyle', 'entertainment'],
};

const insideSql = `CASE a.content_category ${Object.entries(CATEGORY_TOPICS)
  .map(([category, topics]) => `WHEN '${category}' THEN c.topic IN ${sqlList(topics)}`)
  .join(' ')} ELSE 1 END`;

export const accountCategoryMismatch: RuleModule = {
  id: 'account.category_mismatch',
  run(rc) {
    const rows = rc.db
      .prepare(
        // Only an account with ≥ 5 contents in the period can qualify: those are counted on the
        // (account, published_at) index alone, in account order, and only their contents are read.
        // The listed contents keep that index's order (time, then row) whatever plan groups them.
        `SELECT a.account_id, a.display_name, a.src_row, a.content_category,
                count(*) AS total,
                sum(c.topic <> 'other') AS considered,
                sum(c.topic <> 'other' AND NOT (${insideSql})) AS outside,
                json_group_array(json_array(c.content_id, c.src_row, c.topic) ORDER BY c.published_at, c.rowid)
                  FILTER (WHERE c.topic <> 'other' AND NOT (${insideSql})) AS outside_rows
         FROM (SELECT account_id FROM contents WHERE filing_id = @f AND substr(published_at, 1, 10) BETWEEN @start AND @end
               GROUP BY account_id HAVING count(*) >= 5 ORDER BY account_id) busy
         CROSS JOIN accounts a ON a.filing_id = @f AND a.account_id = busy.account_id
         CROSS JOIN contents c ON c.filing_id = a.filing_id AND c.account_id = a.account_id
         WHERE a.content_category IN ${sqlList(Object.keys(CATEGORY_TOPICS))} AND substr(c.published_at, 1, 10) BETWEEN @start AND @end
         GROUP BY busy.account_id
         HAVING total >= 5 AND considered > 0 AND outside * 2 >= considered`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number; content_category: string; total: number; considered: number; outside: number; outside_rows: string }[];
    return rows.map((r): FindingDraft => {
      const outside = JSON.parse(r.outside_rows) as [string, number, string][];
      const topics = [...new Set(outside.map((x) => TOPIC_LABELS[x[2]] ?? x[2]))].join('、');
      const share = Math.round((r.outside / r.considered) * 1000) / 10;
      return {
        entity: { type: 'account', id: r.account_id },
        accountId: r.account_id,
        explanation: `账号${acct(r.display_name, r.account_id)}登记类别为 ${r.content_category}，在 ${rc.filing.start} 至 ${rc.filing.end} 发布 ${r.total} 条内容（阈值 5 条），其中主题非“其他”的 ${r.considered} 条中有 ${r.outside} 条（${share}%，阈值 50%）超出登记类别（${topics}）。`,
        evidence: [
          ev('accounts', r.src_row, { account_id: r.account_id, display_name: r.display_name, content_category: r.content_category }),
          ...outside.slice(0, 10).map(([contentId, srcRow, topic]) => ev('contents', srcRow, { content_id: contentId, topic })),
        ],
      };
    });
  },
};

export const accountDormant: RuleModule = {
  id: 'account.dormant',
  run(rc) {
    const cutoff = addMonths(rc.filing.end, -6);
    const rows = rc.db
      .prepare(
        `SELECT account_id, display_name, last_active_at, src_row FROM accounts
         WHERE filing_id = @f AND status = 'active' AND last_active_at IS NOT NULL AND substr(last_active_at, 1, 10) < @cutoff`,
      )
      .all({ ...params(rc), cutoff }) as { account_id: string; display_name: string; last_active_at: string; src_row: number }[];
    return rows.map((r): FindingDraft => ({
      entity: { type: 'account', id: r.account_id },
      accountId: r.account_id,
      explanation: `状态正常的账号${acct(r.display_name, r.account_id)}最近登录/使用时间为 ${r.last_active_at}，早于 ${cutoff}（${rc.filing.end} 前六个月），超过六个月未登录使用。`,
      evidence: [ev('accounts', r.src_row, { account_id: r.account_id, display_name: r.display_name, last_active_at: r.last_active_at })],
    }));
  },
};

export const accountRules = [accountReregistered, accountCategoryMismatch, accountDormant];
