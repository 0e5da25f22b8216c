import { normalizeText } from '@shared/text/normalize';
import type { FindingDraft, RuleModule } from '../types';
import { contentEvidence, sharedContents } from './content';
import { acct, ev, licenseValidAt, NEWS_TOPICS, params, sqlList, TOPIC_LABELS } from './util';

/*
 * The licence registry is loaded by the engine into temp.check_licenses (license_no, holder_name,
 * valid_until) for the run, so SQL can join it.
 */

const unlicensedNewsContents = sharedContents({
  where: `c.topic IN ${sqlList(NEWS_TOPICS)} AND substr(c.published_at, 1, 10) BETWEEN @start AND @end
    AND EXISTS (
      SELECT 1 FROM accounts a JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
      LEFT JOIN temp.check_licenses l ON l.license_no = a.news_license_no
      WHERE a.filing_id = @f AND a.account_id = c.account_id AND s.subject_type <> 'news_unit'
        AND (l.license_no IS NULL OR (l.valid_until IS NOT NULL AND substr(l.valid_until, 1, 10) < substr(c.published_at, 1, 10))))`,
  minCount: 1,
});

export const newsUnlicensedPublishing: RuleModule = {
  id: 'news.unlicensed_publishing',
  run(rc) {
    const groups = unlicensedNewsContents(rc);
    const account = rc.db.prepare(
      `SELECT a.news_license_no, s.subject_type, s.name, s.identity_key FROM accounts a JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
       WHERE a.filing_id = @f AND a.account_id = @a`,
    );
    return groups.map((g): FindingDraft => {
      const a = account.get({ f: rc.filing.id, a: g.accountId }) as { news_license_no: string | null; subject_type: string; name: string; identity_key: string };
      const license = a.news_license_no ? rc.reference.licenses.get(a.news_license_no) : undefined;
      const why = !a.news_license_no
        ? '未填报新闻许可证编号'
        : !license
          ? `所填许可证编号 ${a.news_license_no} 不在许可证登记库中`
          : `所填许可证 ${a.news_license_no} 有效期至 ${license.valid_until}，发布时已过期`;
      const topics = [...new Set(g.examples.map((c) => TOPIC_LABELS[c.topic]))].join('、');
      return {
        entity: { type: 'account', id: g.accountId },
        accountId: g.accountId,
        identityKey: a.identity_key,
        explanation: `账号${acct(g.displayName, g.accountId)}的运营主体“${a.name}”不是新闻单位，在 ${rc.filing.start} 至 ${rc.filing.end} 发布了 ${g.count} 条时政类新闻内容（${topics}等），发布时无有效互联网新闻信息服务许可（${why}），例如 ${g.examples
          .slice(0, 5)
          .map((c) => `${c.content_id}（${c.published_at}）`)
          .join('、')}。`,
        evidence: contentEvidence(g),
      };
    });
  },
};

export const newsLicenseInvalid: RuleModule = {
  id: 'news.license_invalid',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT a.account_id, a.display_name, a.src_row, a.news_license_no, s.subject_id, s.subject_type, s.name AS subject_name, s.identity_key, s.src_row AS s_row
         FROM accounts a JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
         WHERE a.filing_id = @f AND a.status <> 'closed' AND a.news_license_no IS NOT NULL AND a.news_license_no <> ''`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number; news_license_no: string; subject_id: string; subject_type: string; subject_name: string; identity_key: string; s_row: number }[];
    const end = rc.filing.end;
    const out: FindingDraft[] = [];
    for (const r of rows) {
      const license = rc.reference.licenses.get(r.news_license_no);
      const problems: string[] = [];
      if (!license) problems.push(`许可证编号 ${r.news_license_no} 不在许可证登记库中`);
      else {
        if (!licenseValidAt(license, end)) problems.push(`许可证有效期至 ${license.valid_until}，早于 ${end}`);
        if (r.subject_type !== 'individual' && normalizeText(license.holder_name) !== normalizeText(r.subject_name)) {
          problems.push(`持证主体“${license.holder_name}”与账号运营主体“${r.subject_name}”不符`);
        }
      }
      if (problems.length === 0) continue;
      out.push({
        entity: { type: 'account', id: r.account_id },
        accountId: r.account_id,
        identityKey: r.identity_key,
        explanation: `未关闭账号${acct(r.display_name, r.account_id)}所填新闻许可证编号 ${r.news_license_no}：${problems.join('；')}。`,
        evidence: [
          ev('accounts', r.src_row, { account_id: r.account_id, display_name: r.display_name, news_license_no: r.news_license_no }),
          ev('subjects', r.s_row, { subject_id: r.subject_id, subject_type: r.subject_type, name: r.subject_name }),
        ],
      });
    }
    return out;
  },
};

export const newsAccountWithoutLicense: RuleModule = {
  id: 'news.account_without_license',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT account_id, display_name, src_row FROM accounts
         WHERE filing_id = @f AND status <> 'closed' AND is_news_account = 1 AND (news_license_no IS NULL OR news_license_no = '')`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number }[];
    return rows.map((r): FindingDraft => ({
      entity: { type: 'account', id: r.account_id },
      accountId: r.account_id,
      explanation: `未关闭账号${acct(r.display_name, r.account_id)}属平台新闻类账号，但未填报新闻许可证编号。`,
      evidence: [ev('accounts', r.src_row, { account_id: r.account_id, display_name: r.display_name, is_news_account: 1, news_license_no: null })],
    }));
  },
};

export const newsLicenseNotDisplayed: RuleModule = {
  id: 'news.license_not_displayed',
  run(rc) {
    const rows = rc.db
      .prepare(
        `SELECT account_id, display_name, src_row, news_license_no, license_displayed FROM accounts
         WHERE filing_id = @f AND status <> 'closed' AND is_news_account = 1 AND news_license_no IS NOT NULL AND news_license_no <> ''
           AND license_displayed IS NOT 1`,
      )
      .all(params(rc)) as { account_id: string; display_name: string; src_row: number; news_license_no: string; license_displayed: number | null }[];
    return rows.map((r): FindingDraft => ({
      entity: { type: 'account', id: r.account_id },
      accountId: r.account_id,
      explanation: `未关闭新闻类账号${acct(r.display_name, r.account_id)}登记许可证编号 ${r.news_license_no}，但主页未展示持证信息（持证亮牌${r.license_displayed === 0 ? '为否' : '未登记'}）。`,
      evidence: [ev('accounts', r.src_row, { account_id: r.account_id, news_license_no: r.news_license_no, license_displayed: r.license_displayed })],
    }));
  },
};

export const newsRules = [newsUnlicensedPublishing, newsLicenseInvalid, newsAccountWithoutLicense, newsLicenseNotDisplayed];
