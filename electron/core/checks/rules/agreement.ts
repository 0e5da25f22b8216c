import type { FindingDraft, RuleContext, RuleModule } from '../types';
import { acct, ev, params } from './util';

export const agreementUnsigned: RuleModule = {
  id: 'agreement.unsigned',
  run(rc: RuleContext): FindingDraft[] {
    const rows = rc.db
      .prepare(
        `SELECT account_id, display_name, src_row FROM accounts
         WHERE filing_id = @f AND agreement_signed = 0 AND status <> 'closed'`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number }[];
    return rows.map((r) => ({
      entity: { type: 'account', id: r.account_id },
      accountId: r.account_id,
      explanation: `未关闭账号${acct(r.display_name, r.account_id)}的“已签署服务协议”明确为否，未签署服务协议（“七条底线”承诺）。`,
      evidence: [ev('accounts', r.src_row, { account_id: r.account_id, display_name: r.display_name, agreement_signed: 0 })],
    }));
  },
};

export const agreementRules = [agreementUnsigned];
