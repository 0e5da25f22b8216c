import type { FindingDraft, RuleContext, RuleModule } from '../types';
import { acct, ev, params, sqlEmpty } from './util';

export const identityUnverified: RuleModule = {
  id: 'identity.unverified',
  run(rc: RuleContext): FindingDraft[] {
    // In key order: the primary key walks the subjects about in storage order, where a bare
    // filing_id search may take the identity index and visit them at random.
    const rows = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row, s.subject_id, s.name, s.identity_key, s.src_row AS s_row
         FROM subjects s CROSS JOIN accounts a
         WHERE s.filing_id = @f AND ${sqlEmpty('s.verification_methods')}
           AND a.filing_id = @f AND a.subject_id = s.subject_id AND a.status <> 'closed'
         ORDER BY s.subject_id`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number; subject_id: string; name: string; identity_key: string; s_row: number }[];
    return rows.map((r) => ({
      entity: { type: 'account', id: r.account_id },
      accountId: r.account_id,
      identityKey: r.identity_key,
      explanation: `未关闭账号${acct(r.display_name, r.account_id)}的运营主体“${r.name}”（${r.subject_id}）未登记任何实名核验方式（实名核验方式为空）。`,
      evidence: [
        ev('accounts', r.src_row, { account_id: r.account_id, display_name: r.display_name }),
        ev('subjects', r.s_row, { subject_id: r.subject_id, verification_methods: null }),
      ],
    }));
  },
};

export const identityRules = [identityUnverified];
