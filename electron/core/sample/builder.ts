import { at, DAY, formatDate, formatTime } from './dates';
import { contentDetail } from './details';
import type { EngineLexicon, LexiconCategory, NameGuard } from './name-guard';
import { hex32, mix32, type Rng } from './prng';
import type { Province, SampleSources } from './sources';
import type { Row } from './table-writer';
import type { Category, SubjectType, TableName, Topic } from './tables';
import { CURRENT_AFFAIRS_TOPICS, SAFE_TOPICS } from './tables';
import {
  BIOS, BRAND_SUFFIXES, BRAND_WORDS, CREDIT_LEVELS, FILLERS, INDUSTRIES, NAME_CORES, NAME_PREFIXES, NAME_SUFFIXES,
  SOURCE_LABELS, SURNAMES, TOPIC_POOLS,
} from './vocab';
import type { RuleId } from '@shared/domain/rules';

export type Entity = { type: 'account_group'; ids: string[] } | { type: Exclude<EntityTypeName, 'account_group'>; id: string };
type EntityTypeName = 'platform' | 'subject' | 'account' | 'mcn' | 'complaint' | 'transfer' | 'account_group';

export interface TruthEntry {
  entity: Entity;
  expected: boolean;
  note: string;
}

export interface LicenceEntry {
  license_no: string;
  holder_name: string;
  services: string[];
  valid_until: string;
  province: string;
}

export interface Period {
  start: string;
  end: string;
}

/** Everything a block writes goes through here: rows, ground truth, licences. */
export interface Sink {
  row(table: TableName, row: Row): void;
  truth(rule: RuleId, entry: TruthEntry): void;
  licence(entry: LicenceEntry): void;
}

/** Counters shared by all blocks so ids and hashes are unique across the package. */
export class Serials {
  subject = 0;
  account = 0;
  content = 0;
  action = 0;
  complaint = 0;
  transfer = 0;
  blacklist = 0;
  mcn = 0;
  credential = 0;
  hash = 0;
  identity = 0;
  uniqueName = 0;
  licence = 0;
}

export interface SubjectRec extends Row {
  subject_id: string;
  subject_type: SubjectType;
  name: string;
  identity_key: string;
}
export interface AccountRec extends Row {
  account_id: string;
  subject_id: string;
  display_name: string;
  registered_at: string;
  content_category: Category;
  status: 'active' | 'banned' | 'suspended' | 'closed';
  followers: number;
}

export interface ContentSpec {
  topic: Topic;
  publishedAt: number;
  title?: string;
  text?: string;
  overrides?: Row;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** An 18-character 统一社会信用代码 with valid organisation-code and overall check characters. */
export function makeUscc(prefix: string, areaCode: string, serial: number): string {
  const body = pad(mix32(serial + 0x51ed) % 100_000_000, 8);
  let orgSum = 0;
  for (let i = 0; i < 8; i++) orgSum += Number(body[i]) * ORG_WEIGHTS[i];
  const c = 11 - (orgSum % 11);
  const orgCheck = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  const first17 = prefix + areaCode + body + orgCheck;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return first17 + USCC_CHARS[check];
}

export interface Place {
  province: Province;
  cityName: string;
  cityShort: string;
  area: string;
  areaCode: string;
}

/**
 * The toolbox of one block (a population subject with its accounts, or one planted case).
 * Every factory returns a row that passes every rule; callers override fields to plant.
 */
export class Block {
  private readonly rows: [TableName, Row][] = [];
  accountsCreated = 0;

  constructor(
    readonly rng: Rng,
    private readonly sink: Sink,
    readonly serials: Serials,
    readonly sources: SampleSources,
    /** Broad check for the compliant population (shipped lexicon plus the sample's own lists). */
    readonly guard: NameGuard,
    /** The lexicon the rules engine uses, to predict what a planted name triggers. */
    readonly engineLexicon: EngineLexicon,
    readonly period: Period,
  ) {}

  get end(): number {
    return at(this.period.end, '23:59:59');
  }
  get start(): number {
    return at(this.period.start);
  }

  add(table: TableName, row: Row): Row {
    this.rows.push([table, row]);
    return row;
  }

  expect(rule: RuleId, entity: Entity, note: string): void {
    this.sink.truth(rule, { entity, expected: true, note });
  }
  nearMiss(rule: RuleId, entity: Entity, note: string): void {
    this.sink.truth(rule, { entity, expected: false, note });
  }
  licence(entry: LicenceEntry): void {
    this.sink.licence(entry);
  }

  /** Writes the block's rows, grouped per table in creation order. */
  flush(): void {
    for (const [table, row] of this.rows) this.sink.row(table, row);
    this.rows.length = 0;
  }

  // ── identifiers ────────────────────────────────────────────────────────────
  identityKey(): string {
    const n = ++this.serials.identity;
    return `IK${hex32(mix32(n ^ 0x1d872b41))}${hex32(mix32(n + 0x2545f491))}`.toUpperCase();
  }
  /** A keyed-hash-looking value, unique in the package (the first 8 hex digits are a bijection of the serial). */
  hash(): string {
    const n = ++this.serials.hash;
    return `${hex32(mix32(n ^ 0x6a09e667))}${hex32(mix32(n + 0x3c6ef372))}${this.rng.hex(16)}`;
  }
  uniqueSuffix(): string {
    return pad(100_000 + ++this.serials.uniqueName, 6);
  }
  licenceNo(province: Province): string {
    return `${province.code}1${2010 + (this.serials.licence % 15)}${pad(++this.serials.licence, 4)}`;
  }

  // ── places and text helpers ───────────────────────────────────────────────
  place(province?: Province): Place {
    const p = province ?? this.rng.pick(this.sources.provinces);
    const city = this.rng.pick(p.cities);
    const area = this.rng.pick(city.areas);
    return { province: p, cityName: city.name, cityShort: city.short, area, areaCode: city.code.padEnd(6, '0') };
  }
  regionText(pl: Place): string {
    return pl.cityName === pl.province.name ? `${pl.province.name}${pl.area}` : `${pl.province.name}${pl.cityName}${pl.area}`;
  }
  time(from: number, to: number): number {
    return from + Math.floor(this.rng.next() * ((to - from) / 1000)) * 1000;
  }
  fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (key === 'n') return String(this.rng.int(2, 30));
      if (key === 'm') return String(this.rng.int(3, 9800));
      if (key === 'city') return this.rng.pick(this.rng.pick(this.sources.provinces).cities).short;
      if (key === 'province') return this.rng.pick(this.sources.provinces).name;
      return this.rng.pick(FILLERS[key] ?? [key]);
    });
  }

  /** A nickname with no protected term of any category (checked, redrawn until clean). */
  personalName(): string {
    return this.cleanName(() => {
      const r = this.rng;
      switch (r.int(0, 3)) {
        case 0:
          return r.pick(NAME_PREFIXES) + r.pick(NAME_CORES);
        case 1:
          return r.pick(NAME_CORES) + r.pick(NAME_SUFFIXES);
        case 2:
          return r.pick(SURNAMES) + r.pick(NAME_CORES) + r.pick(NAME_SUFFIXES);
        default:
          return r.pick(NAME_PREFIXES) + r.pick(NAME_CORES) + r.pick(NAME_SUFFIXES);
      }
    }, []);
  }
  brandName(): string {
    return this.cleanName(() => this.rng.pick(BRAND_WORDS) + this.rng.pick(BRAND_SUFFIXES), []);
  }
  /**
   * Draws names until one uses only `allowed` lexicon categories. Organisation names built
   * around a fixed place can never get clean that way, so after a few tries they fall back
   * to a brand-style name with no protected term at all.
   */
  cleanName(make: () => string, allowed: readonly LexiconCategory[], fallbackToBrand = allowed.length > 0): string {
    for (let attempt = 0; attempt < (fallbackToBrand ? 20 : 200); attempt++) {
      const name = make();
      if (this.guard.allows(name, allowed)) return name;
    }
    if (fallbackToBrand) return this.brandName();
    throw new Error('无法生成不含敏感词的账号名称：请检查词库是否过宽');
  }

  // ── subjects ───────────────────────────────────────────────────────────────
  subject(type: SubjectType, overrides: Partial<SubjectRec> = {}, pl: Place = this.place()): SubjectRec {
    const r = this.rng;
    const serial = ++this.serials.subject;
    const org = type !== 'individual';
    const industry = r.pick(INDUSTRIES);
    const name = org ? `${pl.cityName}${r.pick(BRAND_WORDS)}${r.pick(BRAND_WORDS)}${industry[0]}有限公司` : `${r.pick(SURNAMES)}${r.chance(0.6) ? '*' : '**'}`;
    const uscc = org
      ? makeUscc({ enterprise: '91', government: '11', news_unit: '12', institution: '12', social_org: '51', other: '93' }[type], pl.areaCode, serial)
      : undefined;
    const row: SubjectRec = {
      subject_id: `S${pad(serial, 8)}`,
      subject_type: type,
      name,
      identity_key: this.identityKey(),
      uscc,
      verification_methods: org ? ['mobile', 'uscc'] : r.chance(0.7) ? ['mobile', 'id_card', 'face'] : ['mobile', 'id_card'],
      verified_at: formatTime(this.time(at('2016-01-01'), at('2024-06-30'))),
      registered_region: this.regionText(pl),
      operating_region: r.chance(0.85) ? this.regionText(pl) : this.regionText(this.place()),
      contact: org ? `0${r.int(10, 999)}-${r.digits(3)}****` : `1${r.pick(['3', '5', '7', '8', '9'])}${r.digits(1)}****${r.digits(4)}`,
      business_scope: org ? industry[1] : undefined,
      credit_level: r.weighted(CREDIT_LEVELS),
      ...overrides,
    };
    // Not a column: remembered so accounts of this subject show a matching IP 属地.
    Object.defineProperty(row, 'ipRegion', { value: pl.province.short, enumerable: false });
    return this.add('subjects', row) as SubjectRec;
  }

  // ── accounts ───────────────────────────────────────────────────────────────
  account(subject: SubjectRec, overrides: Partial<AccountRec> = {}): AccountRec {
    const r = this.rng;
    this.accountsCreated++;
    const registered = this.time(at('2016-03-01'), at('2024-06-30'));
    const followers = Math.min(60_000_000, Math.floor(Math.exp(6 + 2.2 * r.normal())));
    const row: AccountRec = {
      account_id: `A${pad(++this.serials.account, 8)}`,
      subject_id: subject.subject_id,
      display_name: '',
      bio: this.fill(r.pick(BIOS)),
      avatar_sha256: r.hex(64),
      content_category: 'lifestyle',
      is_news_account: false,
      registered_at: formatTime(registered),
      last_active_at: formatTime(this.time(at('2024-07-01'), this.end)),
      status: 'active',
      closed_at: undefined,
      agreement_signed: r.chance(0.97) ? true : undefined,
      manual_review: r.chance(0.6) ? 'none' : undefined,
      domain_label: undefined,
      news_license_no: undefined,
      license_displayed: undefined,
      mcn_displayed: false,
      followers,
      monetization_enabled: false,
      monetization_enabled_at: undefined,
      ip_region: r.chance(0.9) ? ((subject as { ipRegion?: string }).ipRegion ?? r.pick(this.sources.provinces).short) : r.pick(this.sources.provinces).short,
      ...overrides,
    };
    if (row.display_name === '') row.display_name = this.personalName();
    return this.add('accounts', row) as AccountRec;
  }

  /** Phone and device per account (pass the values to share them, e.g. within one subject). */
  identifiers(account: AccountRec, shared: { phone?: string; device?: string; payment?: string } = {}): { phone: string; device: string } {
    const r = this.rng;
    const phone = shared.phone ?? this.hash();
    const device = shared.device ?? this.hash();
    this.add('account_identifiers', { account_id: account.account_id, kind: 'phone', value_hash: phone });
    this.add('account_identifiers', { account_id: account.account_id, kind: 'device', value_hash: device });
    if (shared.payment) this.add('account_identifiers', { account_id: account.account_id, kind: 'payment', value_hash: shared.payment });
    if (r.chance(0.3)) this.add('account_identifiers', { account_id: account.account_id, kind: 'email', value_hash: this.hash() });
    return { phone, device };
  }

  // ── contents ───────────────────────────────────────────────────────────────
  contentText(topic: Topic): { title: string; text: string } {
    const r = this.rng;
    const pool = TOPIC_POOLS[topic];
    const sentences: string[] = [];
    const count = r.int(2, 3);
    for (let i = 0; i < count; i++) {
      let s = `${this.fill(r.pick(pool.a))}，${this.fill(r.pick(pool.b))}，${this.fill(r.pick(pool.c))}。`;
      if (r.chance(0.08)) s = s.replace('，', '，“') .replace(/。$/, '”。');
      sentences.push(s);
    }
    sentences.push(this.fill(r.pick(pool.d)));
    const separator = r.chance(0.2) ? '\n' : '';
    let text = sentences.join(separator);
    if (r.chance(0.03)) text = `"${text}"（转述）`;
    return { title: this.fill(r.pick(pool.titles)), text };
  }

  content(account: AccountRec, spec: ContentSpec): Row {
    const r = this.rng;
    const serial = ++this.serials.content;
    const generated = spec.title === undefined || spec.text === undefined ? this.contentText(spec.topic) : undefined;
    const ai = r.chance(0.03);
    const fictional = r.chance(0.02);
    const row: Row = {
      content_id: `C${pad(serial, 9)}`,
      account_id: account.account_id,
      published_at: formatTime(spec.publishedAt),
      title: spec.title ?? generated!.title,
      // The detail sentence keeps unrelated generated texts apart as real ones are (details.ts).
      text: spec.text ?? generated!.text + contentDetail(serial, this.sources.provinces),
      topic: spec.topic,
      is_original: r.chance(0.8),
      source_label: CURRENT_AFFAIRS_TOPICS.includes(spec.topic) ? r.pick(SOURCE_LABELS) : r.chance(0.05) ? '原创' : undefined,
      ai_generated: ai ? true : r.chance(0.5) ? false : undefined,
      ai_label: ai ? true : undefined,
      fictional: fictional ? true : r.chance(0.5) ? false : undefined,
      fiction_label: fictional ? true : undefined,
      rumor_label: r.chance(0.004) ? true : undefined,
      dispute_label: r.chance(0.006) ? true : undefined,
      ...spec.overrides,
    };
    return this.add('contents', row);
  }

  /** A few contents on topics the account may publish, within [from, to]. */
  usualContents(account: AccountRec, count: number, from: number, to: number, topics = SAFE_TOPICS[account.content_category]): Row[] {
    const out: Row[] = [];
    if (to <= from) return out;
    for (let i = 0; i < count; i++) {
      const topic = this.rng.chance(0.05) ? 'other' : this.rng.pick(topics);
      out.push(this.content(account, { topic, publishedAt: this.time(from, to) }));
    }
    return out;
  }

  // ── enforcement, complaints, follower series ──────────────────────────────
  action(row: Row): Row {
    return this.add('enforcement_actions', {
      action_id: `E${pad(++this.serials.action, 8)}`,
      target_type: 'account',
      reported: false,
      ...row,
    });
  }
  complaint(row: Row): Row {
    return this.add('complaints', { complaint_id: `T${pad(++this.serials.complaint, 8)}`, ...row });
  }
  blacklistEntry(row: Row): Row {
    return this.add('blacklist', { entry_id: `B${pad(++this.serials.blacklist, 7)}`, ...row });
  }
  transfer(row: Row): Row {
    return this.add('account_transfers', { transfer_id: `R${pad(++this.serials.transfer, 7)}`, ...row });
  }
  mcn(row: Row): Row {
    return this.add('mcn_orgs', { mcn_id: `M${pad(++this.serials.mcn, 5)}`, ...row });
  }

  /**
   * One value per day of the period ending at `finalFollowers`, moving by similar steps every
   * day (so no spike), and not rising on the days listed in `noGainDays`.
   */
  followerSeries(account: AccountRec, finalFollowers: number, noGainDays: (day: number) => boolean = () => false): void {
    const first = at(this.period.start);
    const last = at(this.period.end);
    const base = Math.max(2, finalFollowers * 0.0015);
    const values: number[] = [];
    let v = finalFollowers;
    for (let d = last; d >= first; d -= DAY) {
      values.push(v);
      const step = noGainDays(d) ? 0 : Math.round(base * (0.6 + 0.8 * this.rng.next()));
      v = Math.max(0, v - step);
    }
    values.reverse();
    let d = first;
    for (const value of values) {
      this.add('follower_daily', { account_id: account.account_id, date: formatDate(d), followers: value });
      d += DAY;
    }
  }
}
