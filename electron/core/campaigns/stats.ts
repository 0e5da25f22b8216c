import type Database from 'better-sqlite3';
import type { CampaignStats, CampaignView, ScopeFiling } from '@shared/api/campaigns';
import { ENFORCEMENT_ACTIONS } from '@shared/domain/campaigns';
import { RULE_SET_VERSION } from '@shared/domain/rules';
import { normalizeText } from '@shared/text/normalize';
import type { LexiconMatcher } from '../reference/lexicon-matcher';
import { nowUtc8 } from '../checks/store';
import { eventDateSql, weekIndex, windowWeeks } from './attribution';

/*
 * Campaign statistics over every filing in scope, events inside the window (docs/campaigns.md).
 *  - Filings in scope: the listed filings, else every filing of the listed platforms (or of all
 *    platforms) whose period overlaps the window.
 *  - A problem reported by several filings of one platform (a re-filed package, consecutive
 *    periods) is one problem: findings are deduplicated on (platform, rule, entity) and actions
 *    on (platform, action_id), keeping the most recent filing's copy that counts in the window.
 *  - Findings: present and not dismissed. 已确认 = confirmed or rectified; 已整改 = rectified.
 *  - Accounts are platform-local ids, so distinct accounts are counted per platform and summed.
 *  - Actions: those starting inside the window whose reason maps to one of the categories.
 */

export interface CountedFinding {
  id: number;
  filingId: number;
  platformId: string;
  ruleId: string;
  status: string;
  accounts: string[];
  categories: string[];
  date: string;
  typical: boolean;
}

export interface CountedAction {
  platformId: string;
  accountId: string | null;
  action: string;
  categories: string[];
  date: string;
}

interface FilingRow {
  id: number;
  platform_id: string;
  platform_name: string;
  period_start: string;
  period_end: string;
  package_sha256: string;
  version: number;
  source_name: string;
}

/** Most recent first within a platform, so deduplication keeps the latest filing's copy. */
export function scopeFilings(db: Database.Database, campaign: Pick<CampaignView, 'scope' | 'windowStart' | 'windowEnd'>): ScopeFiling[] {
  const columns = 'id, platform_id, platform_name, period_start, period_end, package_sha256, version, source_name';
  const order = 'ORDER BY platform_id, period_end DESC, version DESC, id DESC';
  const rows = (
    campaign.scope.filings.length > 0
      ? db.prepare(`SELECT ${columns} FROM filings WHERE id IN (SELECT value FROM json_each(?)) ${order}`).all(JSON.stringify(campaign.scope.filings))
      : db
          .prepare(
            `SELECT ${columns} FROM filings
             WHERE period_start <= @end AND period_end >= @start
               AND (json_array_length(@platforms) = 0 OR platform_id IN (SELECT value FROM json_each(@platforms)))
             ${order}`,
          )
          .all({ start: campaign.windowStart, end: campaign.windowEnd, platforms: JSON.stringify(campaign.scope.platforms) })
  ) as FilingRow[];
  return rows.map((r) => ({
    id: r.id,
    platformId: r.platform_id,
    platformName: r.platform_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    packageSha256: r.package_sha256,
    version: r.version,
    sourceName: r.source_name,
  }));
}

interface RuleMapping {
  categories: { code: string; lexicon: Set<string> | null }[];
}

function ruleMappings(campaign: CampaignView): Map<string, RuleMapping> {
  const map = new Map<string, RuleMapping>();
  for (const category of campaign.categories) {
    for (const entry of category.rules) {
      const mapping = map.get(entry.rule) ?? { categories: [] };
      mapping.categories.push({ code: category.code, lexicon: entry.lexiconCategories ? new Set(entry.lexiconCategories) : null });
      map.set(entry.rule, mapping);
    }
  }
  return map;
}

function reasonMappings(campaign: CampaignView): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const category of campaign.categories) {
    for (const reason of category.reasons) map.set(reason, [...(map.get(reason) ?? []), category.code]);
  }
  return map;
}

interface FindingRow {
  id: number;
  rule_id: string;
  entity_key: string;
  group_json: string | null;
  account_id: string | null;
  status: string;
  typical_case: number;
  event_date: string | null;
}

export function countedFindings(
  db: Database.Database,
  campaign: CampaignView,
  filings: readonly ScopeFiling[],
  lexicon: () => LexiconMatcher,
  throwIfCancelled: () => void = () => {},
): CountedFinding[] {
  const rules = ruleMappings(campaign);
  if (rules.size === 0) return [];
  // No outer `WHERE event_date <> 'outside'`: SQLite flattens such a subquery and evaluates the
  // event date (a json_each over the evidence) once per mention; JavaScript skips those rows.
  const select = db.prepare(
    `SELECT id, rule_id, entity_key, CASE WHEN entity_type = 'account_group' THEN entity_json END AS group_json, account_id, status, typical_case,
            ${eventDateSql('evidence_json')} AS event_date
     FROM findings
     WHERE filing_id = @f AND rule_id IN (SELECT value FROM json_each(@rules)) AND present = 1 AND status <> 'dismissed'`,
  );
  let matcher: LexiconMatcher | null = null;
  const displayName = db.prepare('SELECT display_name FROM accounts WHERE filing_id = ? AND account_id = ?').pluck();
  const ruleList = JSON.stringify([...rules.keys()]);
  // Deduplication only matters where a platform has several filings in scope.
  const filingsPerPlatform = new Map<string, number>();
  for (const f of filings) filingsPerPlatform.set(f.platformId, (filingsPerPlatform.get(f.platformId) ?? 0) + 1);
  const seen = new Set<string>();
  const out: CountedFinding[] = [];
  for (const filing of filings) {
    throwIfCancelled();
    const periodEndInside = filing.periodEnd >= campaign.windowStart && filing.periodEnd <= campaign.windowEnd;
    const dedupe = filingsPerPlatform.get(filing.platformId)! > 1;
    for (const row of select.iterate({ f: filing.id, rules: ruleList, ws: campaign.windowStart, we: campaign.windowEnd }) as Iterable<FindingRow>) {
      if (row.event_date === 'outside' || (row.event_date === null && !periodEndInside)) continue;
      const key = dedupe ? `${filing.platformId}\u0000${row.rule_id}\u0000${row.entity_key}` : '';
      if (dedupe && seen.has(key)) continue;
      let nameCategories: Set<string> | null = null;
      const categories: string[] = [];
      for (const target of rules.get(row.rule_id)!.categories) {
        if (target.lexicon) {
          if (nameCategories === null) {
            matcher ??= lexicon();
            const name = row.account_id ? (displayName.get(filing.id, row.account_id) as string | undefined) : undefined;
            nameCategories = new Set(name ? matcher.findAll(normalizeText(name)).map((m) => m.category) : []);
          }
          if (![...target.lexicon].some((c) => nameCategories!.has(c))) continue;
        }
        if (!categories.includes(target.code)) categories.push(target.code);
      }
      if (categories.length === 0) continue;
      if (dedupe) seen.add(key);
      out.push({
        id: row.id,
        filingId: filing.id,
        platformId: filing.platformId,
        ruleId: row.rule_id,
        status: row.status,
        accounts: row.group_json ? (JSON.parse(row.group_json) as { ids: string[] }).ids : row.account_id ? [row.account_id] : [],
        categories,
        date: row.event_date ?? filing.periodEnd,
        typical: row.typical_case === 1,
      });
    }
  }
  return out;
}

export function countedActions(db: Database.Database, campaign: CampaignView, filings: readonly ScopeFiling[]): CountedAction[] {
  const reasons = reasonMappings(campaign);
  if (reasons.size === 0) return [];
  const select = db
    .prepare(
      `SELECT action_id, CASE WHEN target_type = 'account' THEN account_id END, action, reason, substr(start_at, 1, 10)
       FROM enforcement_actions
       WHERE filing_id = ? AND reason IN (SELECT value FROM json_each(?)) AND substr(start_at, 1, 10) BETWEEN ? AND ?`,
    )
    .raw();
  const reasonList = JSON.stringify([...reasons.keys()]);
  const seen = new Set<string>();
  const out: CountedAction[] = [];
  for (const filing of filings) {
    for (const [actionId, accountId, action, reason, date] of select.iterate(filing.id, reasonList, campaign.windowStart, campaign.windowEnd) as Iterable<
      [string, string | null, string, string, string]
    >) {
      const key = `${filing.platformId}\u0000${actionId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ platformId: filing.platformId, accountId, action, categories: reasons.get(reason)!, date });
    }
  }
  return out;
}

interface Tally {
  findings: number;
  confirmed: number;
  rectified: number;
  accounts: Set<string>;
  actions: number;
  actionAccounts: Set<string>;
}

const tally = (): Tally => ({ findings: 0, confirmed: 0, rectified: 0, accounts: new Set(), actions: 0, actionAccounts: new Set() });

function addFinding(t: Tally, f: CountedFinding): void {
  t.findings++;
  if (f.status === 'confirmed' || f.status === 'rectified') t.confirmed++;
  if (f.status === 'rectified') t.rectified++;
  for (const a of f.accounts) t.accounts.add(a);
}

function addAction(t: Tally, a: CountedAction): void {
  t.actions++;
  if (a.accountId) t.actionAccounts.add(a.accountId);
}

export function computeStats(
  db: Database.Database,
  campaign: CampaignView,
  lexicon: () => LexiconMatcher,
  throwIfCancelled: () => void = () => {},
): CampaignStats & { counted: CountedFinding[] } {
  const started = performance.now();
  const filings = scopeFilings(db, campaign);
  const findings = countedFindings(db, campaign, filings, lexicon, throwIfCancelled);
  const actions = countedActions(db, campaign, filings);

  const platforms = new Map<string, string>();
  for (const f of filings) if (!platforms.has(f.platformId)) platforms.set(f.platformId, f.platformName);
  const categoryCodes = campaign.categories.map((c) => c.code);

  const cell = new Map<string, Tally>();
  const cellOf = (p: string, c: string) => {
    const k = `${p}\u0000${c}`;
    let t = cell.get(k);
    if (!t) cell.set(k, (t = tally()));
    return t;
  };
  const perPlatform = new Map<string, Tally>([...platforms.keys()].map((p) => [p, tally()]));
  const byType = new Map<string, Tally>();
  const weeks = windowWeeks(campaign.windowStart, campaign.windowEnd).map((w) => ({
    ...w,
    findings: 0,
    confirmed: 0,
    actions: 0,
    findingsByCategory: Object.fromEntries(categoryCodes.map((c) => [c, 0])) as Record<string, number>,
    actionsByCategory: Object.fromEntries(categoryCodes.map((c) => [c, 0])) as Record<string, number>,
  }));

  // A window has a few hundred days and the counted rows hundreds of thousands: parse each date once.
  const weekOfDate = new Map<string, number>();
  const weekOf = (date: string) => {
    let w = weekOfDate.get(date);
    if (w === undefined) weekOfDate.set(date, (w = weekIndex(campaign.windowStart, date)));
    return weeks[w];
  };

  for (const f of findings) {
    for (const c of f.categories) addFinding(cellOf(f.platformId, c), f);
    addFinding(perPlatform.get(f.platformId)!, f);
    const week = weekOf(f.date);
    week.findings++;
    if (f.status === 'confirmed' || f.status === 'rectified') week.confirmed++;
    for (const c of f.categories) week.findingsByCategory[c]++;
  }
  for (const a of actions) {
    for (const c of a.categories) addAction(cellOf(a.platformId, c), a);
    addAction(perPlatform.get(a.platformId)!, a);
    const k = `${a.platformId}\u0000${a.action}`;
    let t = byType.get(k);
    if (!t) byType.set(k, (t = tally()));
    addAction(t, a);
    const week = weekOf(a.date);
    week.actions++;
    for (const c of a.categories) week.actionsByCategory[c]++;
  }

  const platformIds = [...platforms.keys()];
  const cells = platformIds.flatMap((p) =>
    categoryCodes.map((c) => {
      const t = cell.get(`${p}\u0000${c}`) ?? tally();
      return { platformId: p, category: c, findings: t.findings, confirmed: t.confirmed, rectified: t.rectified, accounts: t.accounts.size };
    }),
  );
  const categoryTotals = categoryCodes.map((c) => {
    const sum = { category: c, findings: 0, confirmed: 0, rectified: 0, accounts: 0, actions: 0, actionAccounts: 0 };
    for (const p of platformIds) {
      const t = cell.get(`${p}\u0000${c}`);
      if (!t) continue;
      sum.findings += t.findings;
      sum.confirmed += t.confirmed;
      sum.rectified += t.rectified;
      sum.accounts += t.accounts.size;
      sum.actions += t.actions;
      sum.actionAccounts += t.actionAccounts.size;
    }
    return sum;
  });
  const platformTotals = platformIds.map((p) => {
    const t = perPlatform.get(p)!;
    return { platformId: p, findings: t.findings, confirmed: t.confirmed, rectified: t.rectified, accounts: t.accounts.size, actions: t.actions, actionAccounts: t.actionAccounts.size };
  });
  const totals = platformTotals.reduce(
    (s, t) => ({
      findings: s.findings + t.findings,
      confirmed: s.confirmed + t.confirmed,
      rectified: s.rectified + t.rectified,
      accounts: s.accounts + t.accounts,
      actions: s.actions + t.actions,
      actionAccounts: s.actionAccounts + t.actionAccounts,
    }),
    { findings: 0, confirmed: 0, rectified: 0, accounts: 0, actions: 0, actionAccounts: 0 },
  );
  const actionsByType = platformIds.flatMap((p) =>
    ENFORCEMENT_ACTIONS.map((action) => {
      const t = byType.get(`${p}\u0000${action}`);
      return { platformId: p, action, actions: t?.actions ?? 0, accounts: t?.actionAccounts.size ?? 0 };
    }),
  );
  const actionsByCategory = platformIds.flatMap((p) =>
    categoryCodes.map((c) => {
      const t = cell.get(`${p}\u0000${c}`);
      return { platformId: p, category: c, actions: t?.actions ?? 0, accounts: t?.actionAccounts.size ?? 0 };
    }),
  );

  return {
    campaign,
    generatedAt: nowUtc8(),
    ruleSetVersion: RULE_SET_VERSION,
    filings,
    platforms: platformIds.map((p) => ({ platformId: p, platformName: platforms.get(p)! })),
    cells,
    categoryTotals,
    platformTotals,
    totals,
    actionsByType,
    actionsByCategory,
    weeks,
    typicalCases: findings.filter((f) => f.typical).length,
    durationMs: Math.round(performance.now() - started),
    counted: findings,
  };
}
