import type { FindingDraft, RuleModule } from '../types';
import { acct, ev, params, SUBJECT_TYPE_LABELS } from './util';

/** rules-v1: individual 1; enterprise, social_org, other 2; government, news_unit, institution no cap. */
const capOf = (type: string) => `CASE ${type} WHEN 'individual' THEN 1 WHEN 'enterprise' THEN 2 WHEN 'social_org' THEN 2 WHEN 'other' THEN 2 END`;

export const subjectAccountCap: RuleModule = {
  id: 'subject.account_cap',
  run(rc) {
    // Only two kinds of identity can exceed a cap: one shared by several subject records, or one
    // whose single subject has more open accounts than its own type allows. Both are found from
    // covering or subject-ordered index walks (one pass over accounts, no per-identity temp B-tree);
    // only those identities are then counted in full. CROSS JOIN fixes the join order: without
    // statistics the planner would otherwise drive from all accounts.
    const rows = rc.db
      .prepare(
        `WITH candidates(identity_key) AS MATERIALIZED (
           SELECT identity_key FROM subjects WHERE filing_id = @f GROUP BY identity_key HAVING count(*) > 1
           UNION
           SELECT s.identity_key
           FROM (SELECT subject_id, count(*) AS n FROM accounts WHERE filing_id = @f AND status <> 'closed' GROUP BY subject_id HAVING n > 1) b
           CROSS JOIN subjects s ON s.filing_id = @f AND s.subject_id = b.subject_id
           WHERE b.n > ${capOf('s.subject_type')}
         )
         SELECT s.identity_key, s.subject_type, ${capOf('s.subject_type')} AS cap,
           (SELECT count(*) FROM accounts a WHERE a.filing_id = s.filing_id AND a.subject_id = s.subject_id AND a.status <> 'closed') AS n
         FROM candidates c CROSS JOIN subjects s ON s.filing_id = @f AND s.identity_key = c.identity_key`,
      )
      .all(params(rc)) as { identity_key: string; subject_type: string; cap: number | null; n: number }[];
    // Per identity: open accounts of all its records, the smallest cap, the types in record order.
    const byIdentity = new Map<string, { n: number; cap: number | null; types: string[] }>();
    for (const r of rows) {
      let g = byIdentity.get(r.identity_key);
      if (!g) byIdentity.set(r.identity_key, (g = { n: 0, cap: null, types: [] }));
      g.n += r.n;
      if (r.cap !== null && (g.cap === null || r.cap < g.cap)) g.cap = r.cap;
      if (!g.types.includes(r.subject_type)) g.types.push(r.subject_type);
    }
    const groups = [...byIdentity]
      .filter(([, g]) => g.cap !== null && g.n > g.cap)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    const members = rc.db.prepare(
      `SELECT a.account_id, a.display_name, a.src_row, s.subject_id, s.name, s.subject_type, s.src_row AS s_row
       FROM subjects s CROSS JOIN accounts a ON a.filing_id = s.filing_id AND a.subject_id = s.subject_id
       WHERE s.filing_id = @f AND s.identity_key = @key AND a.status <> 'closed'
       ORDER BY a.account_id`,
    );
    return groups.map(([identityKey, g]): FindingDraft => {
      const accounts = members.all({ f: rc.filing.id, key: identityKey }) as {
        account_id: string; display_name: string; src_row: number; subject_id: string; name: string; subject_type: string; s_row: number;
      }[];
      const subjects = new Map(accounts.map((a) => [a.subject_id, a]));
      const types = g.types.map((t) => SUBJECT_TYPE_LABELS[t] ?? t).join('、');
      return {
        entity: { type: 'subject', id: identityKey },
        identityKey,
        explanation: `同一运营主体（身份标识 ${identityKey}，主体“${[...subjects.values()].map((s) => s.name).join('、')}”，性质${types}）名下有 ${g.n} 个未关闭账号，超过上限 ${g.cap} 个：${accounts
          .map((a) => acct(a.display_name, a.account_id))
          .join('、')}。`,
        evidence: [
          ...[...subjects.values()].map((s) => ev('subjects', s.s_row, { subject_id: s.subject_id, identity_key: identityKey, subject_type: s.subject_type })),
          ...accounts.map((a) => ev('accounts', a.src_row, { account_id: a.account_id, display_name: a.display_name, subject_id: a.subject_id })),
        ],
      };
    });
  },
};

export const subjectRules = [subjectAccountCap];
