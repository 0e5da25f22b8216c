import { makeUscc, type AccountRec, type Block, type SubjectRec } from './builder';
import { at, DAY, formatDate, formatTime, HOUR, parseTime } from './dates';
import type { Row } from './table-writer';
import type { Category, Domain, SubjectType } from './tables';
import { DOMAINS } from './tables';
import { CATEGORY_DOMAIN_LABEL, COMPLAINT_OUTCOMES, CREDENTIALS, GOV_BUREAUS, INSTITUTIONS, MEDIA_ACCOUNT_SUFFIXES, SOCIAL_ORG_KINDS } from './vocab';

/** Population MCNs that live contracts may point to (created once, before the first block). */
export interface McnPool {
  active: string[];
  all: string[];
}

/** Shared per package: the pool of IP hashes (IP never links accounts, so it is shared on purpose). */
export interface PopulationShared {
  mcns: McnPool;
  ipHashes: string[];
}

const PERSONAL_CATEGORIES: readonly (readonly [Category, number])[] = [
  ['lifestyle', 30], ['entertainment', 15], ['technology', 10], ['culture', 10], ['sports', 8], ['other', 5],
  ['finance', 4], ['education', 5], ['medical', 4], ['judicial', 2],
];
const ENTERPRISE_CATEGORIES: readonly (readonly [Category, number])[] = [
  ['lifestyle', 30], ['technology', 25], ['entertainment', 15], ['finance', 8], ['education', 10], ['culture', 10],
];
const SUBJECT_TYPES: readonly (readonly [SubjectType, number])[] = [
  ['individual', 80], ['enterprise', 13], ['other', 1.5], ['government', 1.2], ['news_unit', 0.5], ['institution', 2], ['social_org', 1.8],
];

export function makeMcnPool(b: Block, count: number): McnPool {
  const pool: McnPool = { active: [], all: [] };
  for (let i = 0; i < count; i++) {
    const status = b.rng.weighted([['active', 85], ['suspended', 10], ['expelled', 5]] as const);
    const pl = b.place();
    const row = b.mcn({
      name: `${pl.cityName}${b.brandName()}文化传媒有限公司`,
      uscc: makeUscc('91', pl.areaCode, 90_000_000 + i),
      registered_region: b.regionText(pl),
      status,
      measures: status === 'active' ? undefined : status === 'suspended' ? ['suspend_monetization', 'restrict_service'] : ['expel'],
    });
    pool.all.push(row.mcn_id as string);
    if (status === 'active') pool.active.push(row.mcn_id as string);
    else b.action({ target_type: 'mcn', mcn_id: row.mcn_id, action: 'warning', reason: 'other', start_at: formatTime(b.time(at('2024-03-01'), b.end)), reported: true });
  }
  return pool;
}

/** Credentials that make a domain account fully compliant: passed, valid at the end, badge shown. */
export function goodCredential(b: Block, account: AccountRec, domain: Domain, overrides: Row = {}): Row {
  const r = b.rng;
  const spec = CREDENTIALS[domain];
  return b.add('credentials', {
    account_id: account.account_id,
    domain,
    credential_type: r.pick(spec.types),
    credential_no: `${r.digits(4)}${r.digits(4)}${r.digits(7)}`,
    issuer: b.fill(r.pick(spec.issuers)),
    valid_from: formatDate(b.time(at('2015-01-01'), at('2024-06-30'))),
    valid_until: r.chance(0.3) ? undefined : formatDate(b.time(at('2025-06-30'), at('2030-12-31'))),
    verification_result: 'passed',
    verified_at: formatTime(b.time(at('2016-01-01'), at('2024-06-30'))),
    badge_displayed: true,
    ...overrides,
  });
}

function domainOf(category: Category): Domain | undefined {
  return (DOMAINS as readonly string[]).includes(category) ? (category as Domain) : undefined;
}

/** One compliant subject with up to `maxAccounts` accounts and everything hanging off them. */
export function populationBlock(b: Block, shared: PopulationShared, maxAccounts: number): void {
  const r = b.rng;
  const type = r.weighted(SUBJECT_TYPES);
  const pl = b.place();
  const closedPerson = type === 'individual' && r.chance(0.025);
  switch (type) {
    case 'individual': {
      const s = b.subject('individual', {}, pl);
      if (closedPerson) closedAccount(b, s);
      else ordinaryAccount(b, shared, s, r.weighted(PERSONAL_CATEGORIES));
      return;
    }
    case 'enterprise':
    case 'other': {
      const s = b.subject(type, {}, pl);
      const n = Math.min(maxAccounts, type === 'enterprise' && r.chance(0.25) ? 2 : 1);
      const phone = b.hash();
      const device = b.hash();
      for (let i = 0; i < n; i++) {
        const category = type === 'other' ? r.pick<Category>(['lifestyle', 'other']) : r.weighted(ENTERPRISE_CATEGORIES);
        ordinaryAccount(b, shared, s, category, { display_name: b.brandName() }, { phone, device });
      }
      if (type === 'enterprise' && r.chance(0.04) && n === 1 && maxAccounts >= 2) transferIn(b, s);
      return;
    }
    case 'government': {
      const [bureau, short] = r.pick(GOV_BUREAUS);
      const s = b.subject('government', { name: `${pl.cityName === pl.province.name ? '' : pl.cityName}${pl.area}${bureau}`, credit_level: 'A' }, pl);
      const base = pl.area.replace(/(区|县|市|旗)$/, '') || pl.area;
      orgAccounts(b, s, Math.min(maxAccounts, r.int(2, 5)), 'government_affairs', (i) =>
        b.cleanName(() => `${base}${short}${i === 0 ? '' : r.pick(['服务', '在线', '之窗', '便民'])}`, ['region', 'party_government', 'military', 'news_media']),
      );
      return;
    }
    case 'news_unit': {
      const media = r.pick(b.sources.media);
      const s = b.subject('news_unit', { name: media.name, credit_level: 'A' }, pl);
      const licence = b.licenceNo(pl.province);
      b.licence({ license_no: licence, holder_name: media.name, services: ['采编发布服务', '转载服务'], valid_until: formatDate(b.time(at('2026-01-01'), at('2028-12-31'))), province: pl.province.name });
      orgAccounts(b, s, Math.min(maxAccounts, r.int(1, 4)), 'news', (i) => `${media.name}${i === 0 ? '' : r.pick(MEDIA_ACCOUNT_SUFFIXES.slice(1))}`, {
        is_news_account: true,
        news_license_no: licence,
        license_displayed: true,
      });
      return;
    }
    case 'institution': {
      const [kind, category] = r.pick(INSTITUTIONS);
      const s = b.subject('institution', { name: `${pl.cityName}${kind}` }, pl);
      orgAccounts(b, s, Math.min(maxAccounts, r.int(1, 2)), category as Category, () =>
        b.cleanName(() => `${pl.cityShort}${kind}${r.pick(['', '', '服务号', '科普'])}`, ['region', 'party_government', 'military', 'news_media']),
      );
      return;
    }
    case 'social_org': {
      const kind = r.pick(SOCIAL_ORG_KINDS);
      const s = b.subject('social_org', { name: `${pl.cityName}${kind}` }, pl);
      orgAccounts(b, s, Math.min(maxAccounts, r.int(1, 2)), r.pick<Category>(['culture', 'sports']), () =>
        b.cleanName(() => `${pl.cityShort}${kind}${r.pick(['', '会员之家', '活动'])}`, ['region']),
      );
      return;
    }
  }
}

function orgAccounts(b: Block, s: SubjectRec, n: number, category: Category, name: (i: number) => string, extra: Partial<AccountRec> = {}): void {
  const phone = b.hash();
  const device = b.hash();
  for (let i = 0; i < n; i++) {
    const followers = Math.floor(Math.exp(9 + 1.8 * b.rng.normal()));
    const a = b.account(s, { display_name: name(i), content_category: category, manual_review: 'passed', agreement_signed: true, followers, ...extra });
    finishAccount(b, a, { phone, device });
  }
}

function ordinaryAccount(b: Block, shared: PopulationShared, s: SubjectRec, category: Category, overrides: Partial<AccountRec> = {}, ids: { phone?: string; device?: string } = {}): AccountRec {
  const r = b.rng;
  const a = b.account(s, { content_category: category, ...overrides });
  const monetized = a.followers >= 1000 && r.chance(0.4);
  const switchedOff = !monetized && a.followers >= 1000 && r.chance(0.05);
  if (monetized || switchedOff) {
    a.monetization_enabled = monetized;
    a.monetization_enabled_at = formatTime(b.time(Math.max(at('2019-01-01'), parseTime(a.registered_at) + 30 * DAY), at('2024-06-30')));
  }
  const contracted = a.followers >= 3000 && r.chance(0.25) && shared.mcns.all.length > 0;
  if (contracted) {
    const ended = r.chance(0.15);
    const mcn = ended ? r.pick(shared.mcns.all) : r.pick(shared.mcns.active.length ? shared.mcns.active : shared.mcns.all);
    const registered = parseTime(a.registered_at);
    const signed = b.time(registered + DAY, at('2024-09-30'));
    b.add('mcn_contracts', { mcn_id: mcn, account_id: a.account_id, signed_at: formatTime(signed), ended_at: ended ? formatTime(b.time(signed + DAY, at('2024-12-30'))) : undefined });
    a.mcn_displayed = ended ? r.chance(0.5) : true;
  }
  finishAccount(b, a, { ...ids, payment: a.monetization_enabled_at ? b.hash() : undefined, ip: r.pick(shared.ipHashes) });
  if (!contracted) maybeEnforcement(b, a);
  if (a.monetization_enabled_at && a.followers >= 10_000) b.followerSeries(a, a.followers, banDays(a));
  return a;
}

/** Ban windows recorded on the account while enforcement was generated: days with no gain. */
const banWindows = new WeakMap<AccountRec, [number, number][]>();
function banDays(a: AccountRec): (day: number) => boolean {
  const windows = banWindows.get(a) ?? [];
  return (day) => windows.some(([s, e]) => day > Math.floor(s / DAY) * DAY && day <= Math.floor(e / DAY) * DAY);
}

function finishAccount(b: Block, a: AccountRec, ids: { phone?: string; device?: string; payment?: string; ip?: string }): void {
  const r = b.rng;
  const domain = domainOf(a.content_category);
  if (domain) {
    if (r.chance(0.2)) goodCredential(b, a, domain, { valid_from: '2014-01-01', valid_until: '2019-12-31', badge_displayed: false, verified_at: '2014-02-01 10:00:00' });
    goodCredential(b, a, domain);
    a.domain_label = CATEGORY_DOMAIN_LABEL[a.content_category];
  }
  b.identifiers(a, ids);
  if (ids.ip) b.add('account_identifiers', { account_id: a.account_id, kind: 'ip', value_hash: ids.ip });
  const registered = parseTime(a.registered_at);
  const count = r.weighted([[0, 5], [1, 12], [2, 20], [3, 26], [4, 20], [5, 10], [6, 7]] as const);
  const from = Math.max(registered + HOUR, r.chance(0.1) ? at('2024-07-01') : b.start);
  const contents = b.usualContents(a, count, from, b.end);
  if (r.chance(0.05)) {
    // Resolved within the 15-day deadline; left open only when the deadline has not passed by the period end.
    const received = b.time(b.start, b.end);
    const resolved = received + Math.floor(r.next() * 15 * 24) * HOUR;
    const open = resolved > b.end;
    const target = contents.length && r.chance(0.5) ? r.pick(contents) : undefined;
    b.complaint({
      account_id: a.account_id,
      content_id: target?.content_id,
      received_at: formatTime(received),
      resolved_at: open ? undefined : formatTime(resolved),
      outcome: open ? undefined : r.pick(COMPLAINT_OUTCOMES),
    });
  }
}

/** Warnings, bans (with the matching monetisation suspension) and suspensions of accounts outside any MCN. */
function maybeEnforcement(b: Block, a: AccountRec): void {
  const r = b.rng;
  const everMonetized = a.monetization_enabled === true || a.monetization_enabled_at !== undefined;
  const roll = r.next();
  const startAt = b.time(at('2024-07-01'), at('2024-12-25'));
  if (roll < 0.008) {
    b.action({ account_id: a.account_id, action: 'warning', reason: r.pick(['hype', 'vulgar', 'rumor_forwarding', 'other']), start_at: formatTime(startAt) });
  } else if (roll < 0.013) {
    const days = r.pick([3, 7, 15]);
    const ongoing = r.chance(0.4);
    const end = ongoing ? undefined : startAt + days * DAY;
    b.action({ account_id: a.account_id, action: 'ban', reason: r.pick(['hype', 'vulgar', 'data_fraud']), start_at: formatTime(startAt), end_at: end === undefined ? undefined : formatTime(end) });
    if (everMonetized) {
      if (ongoing) b.action({ account_id: a.account_id, action: 'revoke_monetization', reason: 'vulgar', start_at: formatTime(startAt + HOUR) });
      else b.action({ account_id: a.account_id, action: 'suspend_monetization', reason: 'vulgar', start_at: formatTime(startAt + HOUR), end_at: formatTime(startAt + HOUR + days * r.int(2, 3) * DAY) });
      if (ongoing) a.monetization_enabled = false;
    }
    banWindows.set(a, [[startAt, end ?? b.end]]);
    if (ongoing) a.status = 'banned';
  } else if (roll < 0.016) {
    b.action({ account_id: a.account_id, action: 'suspend_update', reason: 'other', start_at: formatTime(startAt), reported: false });
    a.status = 'suspended';
  }
  if (a.status !== 'active') a.last_active_at = formatTime(b.time(at('2023-01-01'), startAt));
}

/** A closed account of a one-account person: self-deleted, or closed by the platform (rumour closures complete with report and blacklist). */
function closedAccount(b: Block, s: SubjectRec): void {
  const r = b.rng;
  const closedAt = b.time(at('2022-01-01'), b.end - DAY);
  const registered = b.time(at('2016-03-01'), closedAt - 30 * DAY);
  const a = b.account(s, { display_name: b.personalName() + b.uniqueSuffix(), status: 'closed', registered_at: formatTime(registered), closed_at: formatTime(closedAt), last_active_at: formatTime(b.time(registered, closedAt)) });
  b.identifiers(a);
  b.usualContents(a, r.int(0, 2), Math.max(registered, closedAt - 60 * DAY), closedAt - HOUR);
  if (r.chance(0.4)) return;
  const rumor = r.chance(0.3);
  b.action({ account_id: a.account_id, action: 'close', reason: rumor ? 'rumor_making' : r.pick(['vulgar', 'other', 'fake_news']), start_at: formatTime(closedAt), reported: true });
  if (rumor) {
    b.action({ account_id: a.account_id, action: 'blacklist', reason: 'rumor_making', start_at: formatTime(closedAt), reported: true });
    b.blacklistEntry({ identity_key: s.identity_key, display_name: a.display_name, account_id: a.account_id, listed_at: formatTime(closedAt), reason: 'rumor_making' });
  }
}

/** An account bought from a person long enough ago, approved before it took effect and disclosed. */
function transferIn(b: Block, to: SubjectRec): void {
  const r = b.rng;
  const from = b.subject('individual');
  const effective = b.time(at('2021-01-01'), at('2024-09-15'));
  const approved = effective - r.int(1, 5 * 24) * HOUR;
  const a = b.account(to, { registered_at: formatTime(b.time(at('2016-03-01'), effective - 90 * DAY)), display_name: b.brandName(), content_category: 'lifestyle' });
  finishAccount(b, a, {});
  b.transfer({ account_id: a.account_id, from_subject_id: from.subject_id, to_subject_id: to.subject_id, applied_at: formatTime(approved - r.int(1, 10) * DAY), approved_at: formatTime(approved), effective_at: formatTime(effective), disclosed: true });
}
