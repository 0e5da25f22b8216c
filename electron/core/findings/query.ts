import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { FacetName, FindingSort, ParsedFindingFilter } from '@shared/api/findings';
import type { FINDING_STATUSES } from '@shared/api/findings';
import { AppError } from '@shared/errors';
import { ensureAllNameIndexes, ensureNameIndex, nameMatchSql } from '../profiles/name-index';

/*
 * The findings desk's filter as SQL: one compiler for the table, the facet counts, bulk review
 * and the workbook, so they always agree on what "the filtered set" is. Lists bind as JSON arrays
 * (json_each); a single value binds as an equality so the planner can use the composite indexes
 * of migrations 0003/0008 for keyset paging in sort order.
 */

type Params = Record<string, unknown>;

export interface Compiled {
  /** Conditions on `findings f`, joined with AND. */
  where: string[];
  params: Params;
}

/** Columns of one facet dimension in a source: `findings f` or the facet cube. */
interface Columns {
  filing: string;
  rule: string;
  severity: string;
  status: string;
  mcn: string;
  category: string;
}

const FINDING_COLUMNS: Columns = {
  filing: 'f.filing_id',
  rule: 'f.rule_id',
  severity: 'f.severity',
  status: 'f.status',
  mcn: "coalesce(f.mcn_id, '')",
  category: "coalesce((SELECT a.content_category FROM accounts a WHERE a.filing_id = f.filing_id AND a.account_id = f.account_id), '')",
};

/** The cube (finding_facets) and the direct aggregate share these column names. */
const CUBE_COLUMNS: Columns = {
  filing: 'filing_id',
  rule: 'rule_id',
  severity: 'severity',
  status: 'status',
  mcn: 'mcn_id',
  category: 'content_category',
};

function inList(column: string, name: string, values: readonly (string | number)[], params: Params): string {
  if (values.length === 1) {
    params[name] = values[0];
    return `${column} = @${name}`;
  }
  params[name] = JSON.stringify(values);
  return `${column} IN (SELECT value FROM json_each(@${name}))`;
}

/** Conditions of the seven facets, leaving out `except` (a facet's own counts ignore its own selection). */
function facetConditions(filter: ParsedFindingFilter, cols: Columns, params: Params, except?: FacetName): string[] {
  const where: string[] = [];
  const add = (facet: FacetName, values: readonly (string | number)[] | undefined, build: () => string) => {
    if (facet !== except && values && values.length > 0) where.push(build());
  };
  add('filing', filter.filings, () => inList(cols.filing, 'fFilings', filter.filings!, params));
  add('platform', filter.platforms, () => {
    params.fPlatforms = JSON.stringify(filter.platforms);
    return `${cols.filing} IN (SELECT id FROM filings WHERE platform_id IN (SELECT value FROM json_each(@fPlatforms)))`;
  });
  add('rule', filter.rules, () => inList(cols.rule, 'fRules', filter.rules!, params));
  add('severity', filter.severities, () => inList(cols.severity, 'fSeverities', filter.severities!, params));
  add('status', filter.statuses, () => inList(cols.status, 'fStatuses', filter.statuses!, params));
  add('mcn', filter.mcns, () => {
    const mcns = filter.mcns!;
    // A single real MCN binds to the raw column so findings_mcn serves it.
    if (mcns.length === 1 && mcns[0] !== '' && cols === FINDING_COLUMNS) {
      params.fMcn = mcns[0];
      return 'f.mcn_id = @fMcn';
    }
    return inList(cols.mcn, 'fMcns', mcns, params);
  });
  add('category', filter.categories, () => inList(cols.category, 'fCategories', filter.categories!, params));
  return where;
}

/** Filters the facet cube cannot answer: names, one account or subject, a campaign, gone findings. */
export function needsDirectCount(filter: ParsedFindingFilter): boolean {
  return Boolean(filter.q || filter.accountId || filter.identityKey || filter.campaign || filter.includeGone);
}

export interface CompileOptions {
  /** Materializes a campaign's counted findings and returns the key of their rows in temp.finding_scope. */
  campaignScope(campaign: NonNullable<ParsedFindingFilter['campaign']>): string;
}

/** Conditions that are not facets (name search, account, subject, campaign, present). */
function otherConditions(db: Database.Database, filter: ParsedFindingFilter, params: Params, options: CompileOptions): string[] {
  const where: string[] = [];
  if (!filter.includeGone) where.push('f.present = 1');
  if (filter.accountId) {
    params.fAccount = filter.accountId;
    where.push('f.account_id = @fAccount');
  }
  if (filter.identityKey) {
    params.fIdentity = filter.identityKey;
    where.push(`(f.identity_key = @fIdentity OR f.account_id IN (
      SELECT a.account_id FROM subjects s JOIN accounts a ON a.filing_id = s.filing_id AND a.subject_id = s.subject_id
      WHERE s.filing_id = f.filing_id AND s.identity_key = @fIdentity))`);
  }
  if (filter.q) {
    const single = filter.filings?.length === 1 ? filter.filings[0] : null;
    if (single !== null) ensureNameIndex(db, single);
    else ensureAllNameIndexes(db);
    const match = nameMatchSql(filter.q, single);
    Object.assign(params, match.params);
    // An account name leads to that account's findings; a subject name to every finding of the
    // subject (its accounts' findings carry its identity_key too).
    where.push(`f.id IN (
      SELECT f2.id FROM (${match.sql}) h JOIN findings f2 ON f2.filing_id = h.filing_id AND f2.account_id = h.entity_id WHERE h.kind = 'account'
      UNION
      SELECT f2.id FROM (${match.sql}) h JOIN findings f2 ON f2.filing_id = h.filing_id AND f2.identity_key = h.identity_key WHERE h.kind = 'subject'
      UNION
      SELECT f2.id FROM (${match.sql}) h JOIN subjects s ON s.filing_id = h.filing_id AND s.identity_key = h.identity_key
        JOIN accounts a ON a.filing_id = s.filing_id AND a.subject_id = s.subject_id
        JOIN findings f2 ON f2.filing_id = a.filing_id AND f2.account_id = a.account_id WHERE h.kind = 'subject')`);
  }
  if (filter.campaign) {
    params.fScope = options.campaignScope(filter.campaign);
    where.push('f.id IN (SELECT id FROM temp.finding_scope WHERE key = @fScope)');
  }
  return where;
}

export function compileFilter(db: Database.Database, filter: ParsedFindingFilter, options: CompileOptions): Compiled {
  const params: Params = {};
  const where = [...otherConditions(db, filter, params, options), ...facetConditions(filter, FINDING_COLUMNS, params)];
  return { where, params };
}

// ---------------------------------------------------------------------------------------------
// Sorting and keyset cursors

interface SortSpec {
  /** ORDER BY terms, the last one always f.id. */
  order: string[];
  /** The cursor's values for one row. */
  key(row: { id: number; severity_rank: number; rule_id: string; status: string }): (string | number)[];
}

/**
 * Severity order is id order when the filter fixes one severity: then the plain (filing, id)
 * indexes serve it and nothing sorts.
 */
function sortSpec(sort: FindingSort, filter: ParsedFindingFilter): SortSpec {
  switch (sort) {
    case 'severity':
      if (filter.severities?.length === 1) return { order: ['f.id'], key: (r) => [r.id] };
      return { order: ['f.severity_rank', 'f.id'], key: (r) => [r.severity_rank, r.id] };
    case 'rule':
      if (filter.rules?.length === 1) return { order: ['f.id'], key: (r) => [r.id] };
      return { order: ['f.rule_id', 'f.id'], key: (r) => [r.rule_id, r.id] };
    case 'status':
      if (filter.statuses?.length === 1) return { order: ['f.id'], key: (r) => [r.id] };
      return { order: ['f.status', 'f.id'], key: (r) => [r.status, r.id] };
    case 'id':
      return { order: ['f.id'], key: (r) => [r.id] };
  }
}

const cursorSchema = z.array(z.union([z.string().max(200), z.number()])).min(1).max(2);

export function encodeCursor(values: (string | number)[]): string {
  return JSON.stringify(values);
}

function decodeCursor(cursor: string, width: number): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = null;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.length !== width) throw new AppError('invalid_argument', `翻页游标无效：${cursor.slice(0, 60)}（排序方式或筛选条件已改变，请从第一页重新加载）`);
  return result.data;
}

/** The finding's subject: its own identity_key, or (account findings carry none) its account's subject's. */
export const SUBJECT_KEY = `coalesce(f.identity_key, (SELECT s2.identity_key FROM accounts a2 JOIN subjects s2 ON s2.filing_id = a2.filing_id AND s2.subject_id = a2.subject_id
  WHERE a2.filing_id = f.filing_id AND a2.account_id = f.account_id))`;

export const ROW_COLUMNS = `f.id, f.filing_id, f.rule_id, f.severity, f.severity_rank, f.entity_json, f.title, f.explanation, f.status, f.present,
  f.note, f.dismiss_reason, f.typical_case, f.first_seen_run, f.last_seen_run, f.updated_at, f.account_id, f.mcn_id,
  (SELECT platform_name FROM filings fl WHERE fl.id = f.filing_id) AS platform_name,
  (SELECT a.display_name FROM accounts a WHERE a.filing_id = f.filing_id AND a.account_id = f.account_id) AS account_name,
  ${SUBJECT_KEY} AS identity_key,
  (SELECT s.name FROM subjects s WHERE s.filing_id = f.filing_id AND s.identity_key = ${SUBJECT_KEY} LIMIT 1) AS subject_name`;

export interface PageRow {
  id: number; filing_id: number; rule_id: string; severity: 'high' | 'medium' | 'low' | 'info'; severity_rank: number; entity_json: string;
  title: string; explanation: string; status: (typeof FINDING_STATUSES)[number]; present: number; note: string | null; dismiss_reason: string | null;
  typical_case: number; first_seen_run: number; last_seen_run: number; updated_at: string; account_id: string | null;
  identity_key: string | null; mcn_id: string | null; platform_name: string; account_name: string | null; subject_name: string | null;
}

export interface PageRequest {
  sort: FindingSort;
  limit: number;
  cursor?: string;
  offset?: number;
  /** Extra columns to select (the workbook reads evidence and citations too). */
  columns?: string;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const STATEMENT_CACHE = 64;

/**
 * Paging re-runs the same few statements (an export runs one per 2,000 rows): prepare each once
 * per connection rather than leaving hundreds of compiled statements to the garbage collector.
 */
function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * One page in sort order: by keyset when a cursor is given, else from `offset`.
 *
 * A two-column key (value, id) is read as two index range scans, the rest of the cursor's band
 * (`value = k0 AND id > k1`) and then the bands after it (`value > k0`): SQLite serves a row
 * value comparison `(value, id) > (k0, k1)` by seeking to the band only, so each page would
 * re-scan its band from the start and paging through a million rows would grow quadratic.
 */
export function selectPage<T extends PageRow = PageRow>(
  db: Database.Database,
  filter: ParsedFindingFilter,
  compiled: Compiled,
  request: PageRequest,
): { rows: T[]; next: string | null } {
  const spec = sortSpec(request.sort, filter);
  const run = (extra: string[], order: string[], extraParams: Params, limit: number, offset = 0) => {
    const where = [...compiled.where, ...extra];
    const sql = `SELECT ${ROW_COLUMNS}${request.columns ? `, ${request.columns}` : ''} FROM findings f
      WHERE ${where.length ? where.join(' AND ') : '1'} ORDER BY ${order.join(', ')} LIMIT @pLimit OFFSET @pOffset`;
    return prepared(db, sql).all({ ...compiled.params, ...extraParams, pLimit: limit, pOffset: offset }) as T[];
  };
  const want = request.limit + 1;
  let rows: T[];
  if (request.cursor) {
    const values = decodeCursor(request.cursor, spec.order.length);
    if (values.length === 1) {
      rows = run(['f.id > @k0'], spec.order, { k0: values[0] }, want);
    } else {
      const column = spec.order[0];
      rows = run([`${column} = @k0`, 'f.id > @k1'], ['f.id'], { k0: values[0], k1: values[1] }, want);
      if (rows.length < want) rows = rows.concat(run([`${column} > @k0`], spec.order, { k0: values[0] }, want - rows.length));
    }
  } else {
    rows = run([], spec.order, {}, want, request.offset ?? 0);
  }
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > request.limit && last ? encodeCursor(spec.key(last)) : null };
}

// ---------------------------------------------------------------------------------------------
// Facet counts

export const FACET_COLUMN: Record<FacetName, string> = {
  filing: 'filing_id',
  platform: '(SELECT platform_id FROM filings WHERE id = src.filing_id)',
  rule: 'rule_id',
  severity: 'severity',
  status: 'status',
  mcn: 'mcn_id',
  category: 'content_category',
};

/**
 * Counts of every facet value and the total, in one statement. When the filter only involves
 * facets the sources are the trigger-kept cubes of migration 0008: the small finding_facets for
 * every part whose conditions and facet leave MCN out, finding_facets_mcn for the others (the
 * MCN facet, and everything once the filter names MCNs). Otherwise both are an aggregate of the
 * matching findings computed once (MATERIALIZED) and grouped eight ways.
 */
export function facetCounts(
  db: Database.Database,
  filter: ParsedFindingFilter,
  options: CompileOptions,
): { total: number; counts: Record<FacetName, Map<string, number>> } {
  const params: Params = {};
  let sources: string;
  const direct = needsDirectCount(filter);
  if (direct) {
    const other = otherConditions(db, filter, params, options);
    sources = `src AS MATERIALIZED (SELECT ${FINDING_COLUMNS.filing} AS filing_id, ${FINDING_COLUMNS.rule} AS rule_id, ${FINDING_COLUMNS.severity} AS severity,
        ${FINDING_COLUMNS.status} AS status, ${FINDING_COLUMNS.mcn} AS mcn_id, ${FINDING_COLUMNS.category} AS content_category, count(*) AS n
      FROM findings f WHERE ${other.length ? other.join(' AND ') : '1'} GROUP BY 1, 2, 3, 4, 5, 6)`;
  } else {
    sources = `src AS NOT MATERIALIZED (SELECT filing_id, rule_id, severity, status, mcn_id, content_category, n FROM finding_facets_mcn WHERE n > 0),
      small AS NOT MATERIALIZED (SELECT filing_id, rule_id, severity, status, content_category, n FROM finding_facets WHERE n > 0)`;
  }
  const mcnFilter = Boolean(filter.mcns?.length);
  /** The source of one part: the small cube unless it groups or filters by MCN. */
  const from = (facet?: FacetName) => (direct || mcnFilter || facet === 'mcn' ? 'src' : 'small');
  const parts: string[] = [];
  const all = facetConditions(filter, CUBE_COLUMNS, params);
  parts.push(`SELECT 'total' AS facet, '' AS value, coalesce(sum(n), 0) AS n FROM ${from()}${all.length ? ` WHERE ${all.join(' AND ')}` : ''}`);
  for (const facet of Object.keys(FACET_COLUMN) as FacetName[]) {
    const own: Params = {};
    const where = facetConditions(filter, CUBE_COLUMNS, own, facet);
    // Each facet's own parameter names stay distinct; the values are the same as `all`'s.
    Object.assign(params, own);
    parts.push(`SELECT '${facet}', ${FACET_COLUMN[facet]}, sum(n) FROM ${from(facet)} AS src${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY 2`);
  }
  const rows = db.prepare(`WITH ${sources} ${parts.join(' UNION ALL ')}`).all(params) as { facet: FacetName | 'total'; value: string | number; n: number }[];
  const counts = Object.fromEntries((Object.keys(FACET_COLUMN) as FacetName[]).map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  let total = 0;
  for (const r of rows) {
    if (r.facet === 'total') total = r.n;
    else if (r.n > 0) counts[r.facet].set(String(r.value), r.n);
  }
  return { total, counts };
}
