import type { FindingDraft, RuleModule } from '../types';
import { acct, ev, params, SUBJECT_TYPE_LABELS } from './util';

/** rules-v1: individual 1; enterprise, social_org, other 2; government, news_unit, institution no cap. */
const capSql = `MIN(CASE subject_type WHEN 'individual' THEN 1 WHEN 'enterprise' THEN 2 WHEN 'social_org' THEN 2 WHEN 'other' THEN 2 END)`;

export const subjectAccountCap: RuleModule = {
  id: 'subject.account_cap',
  run(rc) {
    const groups = rc.db
      .prepare(
        `WITH caps AS (
           SELECT identity_key, ${capSql} AS cap, group_concat(DISTINCT subject_type) AS types
           FROM subjects WHERE filing_id = @f GROUP BY identity_key
         ),
         counted AS (
           SELECT s.identity_key, count(*) AS n
           FROM accounts a JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
           WHERE a.filing_id = @f AND a.status <> 'closed'
           GROUP BY s.identity_key
         )
         SELECT counted.identity_key, counted.n, caps.cap, caps.types
         FROM counted JOIN caps ON caps.identity_key = counted.identity_key
         WHERE caps.cap IS NOT NULL AND counted.n > caps.cap`,
      )
      .all(params(rc)) as { identity_key: string; n: number; cap: number; types: string }[];
    const members = rc.db.prepare(
      `SELECT a.account_id, a.display_name, a.src_row, s.subject_id, s.name, s.subject_type, s.src_row AS s_row
       FROM subjects s JOIN accounts a ON a.filing_id = s.filing_id AND a.subject_id = s.subject_id
       WHERE s.filing_id = @f AND s.identity_key = @key AND a.status <> 'closed'
       ORDER BY a.account_id`,
    );
    return groups.map((g): FindingDraft => {
      const accounts = members.all({ f: rc.filing.id, key: g.identity_key }) as {
        account_id: string; display_name: string; src_row: number; subject_id: string; name: string; subject_type: string; s_row: number;
      }[];
      const subjects = new Map(accounts.map((a) => [a.subject_id, a]));
      const types = g.types.split(',').map((t) => SUBJECT_TYPE_LABELS[t] ?? t).join('、');
      return {
        entity: { type: 'subject', id: g.identity_key },
        identityKey: g.identity_key,
        explanation: `同一运营主体（身份标识 ${g.identity_key}，主体“${[...subjects.values()].map((s) => s.name).join('、')}”，性质${types}）名下有 ${g.n} 个未关闭账号，超过上限 ${g.cap} 个：${accounts
          .map((a) => acct(a.display_name, a.account_id))
          .join('、')}。`,
        evidence: [
          ...[...subjects.values()].map((s) => ev('subjects', s.s_row, { subject_id: s.subject_id, identity_key: g.identity_key, subject_type: s.subject_type })),
          ...accounts.map((a) => ev('accounts', a.src_row, { account_id: a.account_id, display_name: a.display_name, subject_id: a.subject_id })),
        ],
      };
    });
  },
};

export const subjectRules = [subjectAccountCap];
