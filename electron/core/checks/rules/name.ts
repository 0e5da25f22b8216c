import type { NameLexiconHit } from '../name-scan';
import type { FindingDraft, LexiconTerm, RuleContext, RuleModule } from '../types';
import { acct, ev, licenseValidAt, SUBJECT_TYPE_LABELS } from './util';

const CATEGORY_LABELS: Record<string, string> = {
  party_government: '党政机关', military: '军队', news_media: '新闻媒体', region: '行政区划', news_word: '新闻属性词',
};

interface NamedAccount {
  account_id: string;
  display_name: string;
  src_row: number;
  manual_review: string | null;
  news_license_no: string | null;
  subject_id: string;
  subject_type: string;
  subject_name: string;
  identity_key: string;
  s_row: number;
}

/** The open accounts with lexicon hits in the categories asked for (and kept by `keep`), with their subject. */
function hitsIn(rc: RuleContext, categories: (c: string) => boolean, keep: (hit: NameLexiconHit) => boolean = () => true): { account: NamedAccount; terms: LexiconTerm[] }[] {
  const wanted: { accountId: string; terms: LexiconTerm[] }[] = [];
  for (const hit of rc.names().lexiconHits) {
    if (!keep(hit)) continue;
    const terms = hit.terms.filter((t) => categories(t.category));
    if (terms.length > 0) wanted.push({ accountId: hit.accountId, terms });
  }
  // One statement for all hits (tens of thousands of names contain a place name), not a lookup each.
  const rows = rc.db
    .prepare(
      `SELECT a.account_id, a.display_name, a.src_row, a.manual_review, a.news_license_no,
              s.subject_id, s.subject_type, s.name AS subject_name, s.identity_key, s.src_row AS s_row
       FROM json_each(@ids) j
       CROSS JOIN accounts a ON a.filing_id = @f AND a.account_id = j.value
       CROSS JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id`,
    )
    .all({ f: rc.filing.id, ids: JSON.stringify(wanted.map((w) => w.accountId)) }) as NamedAccount[];
  const byId = new Map(rows.map((a) => [a.account_id, a]));
  const out: { account: NamedAccount; terms: LexiconTerm[] }[] = [];
  for (const { accountId, terms } of wanted) {
    const account = byId.get(accountId);
    if (account) out.push({ account, terms });
  }
  return out;
}

const describeTerms = (terms: LexiconTerm[]) => terms.map((t) => `“${t.term}”（${CATEGORY_LABELS[t.category] ?? t.category}）`).join('、');

function evidence(a: NamedAccount, extra: Record<string, string | number | null> = {}) {
  return [
    ev('accounts', a.src_row, { account_id: a.account_id, display_name: a.display_name, ...extra }),
    ev('subjects', a.s_row, { subject_id: a.subject_id, subject_type: a.subject_type, name: a.subject_name }),
  ];
}

export const nameProtectedUnreviewed: RuleModule = {
  id: 'name.protected_unreviewed',
  run(rc) {
    // Most names with a place name in them have passed review: only the others are looked up.
    return hitsIn(rc, (c) => c !== 'news_word', (hit) => hit.manualReview !== 'passed')
      .map(({ account: a, terms }): FindingDraft => ({
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        identityKey: a.identity_key,
        explanation: `未关闭账号${acct(a.display_name, a.account_id)}的名称含受保护词 ${describeTerms(terms)}，人工审核结果为“${a.manual_review ?? '空'}”，未经人工审核通过。`,
        evidence: evidence(a, { manual_review: a.manual_review }),
      }));
  },
};

const AUTHORISED_TYPES = new Set(['government', 'news_unit', 'institution']);

export const nameImpersonationSuspect: RuleModule = {
  id: 'name.impersonation_suspect',
  run(rc) {
    return hitsIn(rc, (c) => c === 'party_government' || c === 'military' || c === 'news_media')
      .filter(({ account }) => !AUTHORISED_TYPES.has(account.subject_type))
      .map(({ account: a, terms }): FindingDraft => ({
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        identityKey: a.identity_key,
        explanation: `未关闭账号${acct(a.display_name, a.account_id)}的名称含 ${describeTerms(terms)}，但其运营主体“${a.subject_name}”（${a.subject_id}）的性质为${SUBJECT_TYPE_LABELS[a.subject_type] ?? a.subject_type}，不是党政机关、新闻单位或事业单位，疑似假冒仿冒。`,
        evidence: evidence(a),
      }));
  },
};

export const nameNewsWordUnlicensed: RuleModule = {
  id: 'name.news_word_unlicensed',
  run(rc) {
    const end = rc.filing.end;
    const out: FindingDraft[] = [];
    for (const { account: a, terms } of hitsIn(rc, (c) => c === 'news_word')) {
      if (a.subject_type === 'news_unit') continue;
      const licenseNo = a.news_license_no;
      const license = licenseNo ? rc.reference.licenses.get(licenseNo) : undefined;
      if (licenseValidAt(license, end)) continue;
      const why = !licenseNo
        ? '未填报新闻许可证编号'
        : !license
          ? `所填许可证编号 ${licenseNo} 不在许可证登记库中`
          : `所填许可证 ${licenseNo} 已于 ${license.valid_until} 到期（早于 ${end}）`;
      out.push({
        entity: { type: 'account', id: a.account_id },
        accountId: a.account_id,
        identityKey: a.identity_key,
        explanation: `未关闭账号${acct(a.display_name, a.account_id)}的名称含新闻属性词 ${describeTerms(terms)}，运营主体性质为${SUBJECT_TYPE_LABELS[a.subject_type] ?? a.subject_type}（非新闻单位），且截至 ${end} 无有效新闻许可（${why}）。`,
        evidence: evidence(a, { news_license_no: licenseNo }),
      });
    }
    return out;
  },
};

export const nameRules = [nameProtectedUnreviewed, nameImpersonationSuspect, nameNewsWordUnlicensed];
