import type { FindingDraft, RuleModule } from '../types';
import { acct, DOMAIN_LABELS, ev, FOUR_DOMAINS, params, parseJsonRows, sqlList, sqlPassedCredentialAt } from './util';

interface DomainAccount {
  account_id: string;
  display_name: string;
  src_row: number;
  content_category: string;
  domain_label: string | null;
  status: string;
  /** [src_row, credential_type, verification_result, valid_from, valid_until, badge_displayed] of the domain's credentials. */
  creds: string;
}

type CredRow = [number, string, string, string | null, string | null, number | null];

const credsOfDomain = `(SELECT json_group_array(json_array(k.src_row, k.credential_type, k.verification_result, k.valid_from, k.valid_until, k.badge_displayed))
   FROM credentials k WHERE k.filing_id = @f AND k.account_id = a.account_id AND k.domain = a.content_category) AS creds`;

const domainAccounts = `a.filing_id = @f AND a.status <> 'closed' AND a.content_category IN ${sqlList(FOUR_DOMAINS)}`;

function credEvidence(a: DomainAccount, rows: CredRow[]) {
  return [
    ev('accounts', a.src_row, { account_id: a.account_id, display_name: a.display_name, content_category: a.content_category }),
    ...rows.map(([srcRow, type, result, from, until, badge]) =>
      ev('credentials', srcRow, { account_id: a.account_id, credential_type: type, verification_result: result, valid_from: from, valid_until: until, badge_displayed: badge }),
    ),
  ];
}

const period = (from: string | null, until: string | null) => `${from ?? '不限'} 至 ${until ?? '不限'}`;

export const credentialMissing: RuleModule = {
  id: 'credential.missing',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row, a.content_category, a.domain_label, a.status, ${credsOfDomain}
         FROM accounts a
         WHERE ${domainAccounts}
           AND NOT EXISTS (SELECT 1 FROM credentials k WHERE k.filing_id = @f AND k.account_id = a.account_id
                           AND k.domain = a.content_category AND k.verification_result = 'passed')`,
      )
      .all(params(rc)) as DomainAccount[];
    return rows.map((a): FindingDraft => {
      const creds = parseJsonRows<CredRow>(a.creds);
      const domain = DOMAIN_LABELS[a.content_category];
      return {
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        explanation: `未关闭账号${acct(a.display_name, a.account_id)}登记的内容生产类别为${domain}，但没有任何核验通过的${domain}领域资质` +
          (creds.length > 0 ? `（共有 ${creds.length} 条${domain}资质记录，核验结果均未通过）。` : '（无该领域资质记录）。'),
        evidence: credEvidence(a, creds),
      };
    });
  },
};

export const credentialExpired: RuleModule = {
  id: 'credential.expired',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row, a.content_category, a.domain_label, a.status, ${credsOfDomain}
         FROM accounts a
         WHERE ${domainAccounts} AND a.status <> 'suspended'
           AND EXISTS (SELECT 1 FROM credentials k WHERE k.filing_id = @f AND k.account_id = a.account_id
                       AND k.domain = a.content_category AND k.verification_result = 'passed')
           AND NOT EXISTS (SELECT 1 FROM credentials k WHERE k.filing_id = @f AND k.account_id = a.account_id
                           AND ${sqlPassedCredentialAt('a.content_category', '@end')})`,
      )
      .all(params(rc)) as DomainAccount[];
    return rows.map((a): FindingDraft => {
      const passed = parseJsonRows<CredRow>(a.creds).filter((c) => c[2] === 'passed');
      const domain = DOMAIN_LABELS[a.content_category];
      return {
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        explanation: `账号${acct(a.display_name, a.account_id)}（状态 ${a.status}，未暂停更新）登记为${domain}类，其 ${passed.length} 项核验通过的${domain}资质在 ${rc.filing.end} 均不在有效期内（${passed
          .map((c) => `${c[1]}：${period(c[3], c[4])}`)
          .join('；')}），仍开放该领域发布。`,
        evidence: credEvidence(a, passed),
      };
    });
  },
};

export const credentialBadgeHidden: RuleModule = {
  id: 'credential.badge_hidden',
  run(rc) {
    const validAtEnd = sqlPassedCredentialAt('a.content_category', '@end');
    const rows = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row, a.content_category, a.domain_label, a.status, ${credsOfDomain}
         FROM accounts a
         WHERE ${domainAccounts}
           AND EXISTS (SELECT 1 FROM credentials k WHERE k.filing_id = @f AND k.account_id = a.account_id AND ${validAtEnd})
           AND (a.domain_label IS NULL OR a.domain_label = ''
                OR NOT EXISTS (SELECT 1 FROM credentials k WHERE k.filing_id = @f AND k.account_id = a.account_id
                               AND ${validAtEnd} AND k.badge_displayed = 1))`,
      )
      .all(params(rc)) as DomainAccount[];
    const end = rc.filing.end;
    return rows.map((a): FindingDraft => {
      const valid = parseJsonRows<CredRow>(a.creds).filter(
        (c) => c[2] === 'passed' && (c[3] === null || c[3].slice(0, 10) <= end) && (c[4] === null || c[4].slice(0, 10) >= end),
      );
      const badgeShown = valid.some((c) => c[5] === 1);
      const missing = [
        ...(badgeShown ? [] : [`${valid.length} 项有效资质均未展示认证标识`]),
        ...(a.domain_label ? [] : ['主页未展示领域标签']),
      ];
      const domain = DOMAIN_LABELS[a.content_category];
      return {
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        explanation: `未关闭账号${acct(a.display_name, a.account_id)}持有 ${end} 有效的${domain}资质，但${missing.join('，且')}。`,
        evidence: credEvidence(a, valid),
      };
    });
  },
};

export const credentialRules = [credentialMissing, credentialExpired, credentialBadgeHidden];
