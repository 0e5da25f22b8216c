import type Database from 'better-sqlite3';
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { AnalysisStats, NetworkAnalysis } from '@shared/api/network';
import type { Severity } from '@shared/domain/rules';
import { AppError } from '@shared/errors';
import { nowUtc8 } from '../checks/store';
import type { JobContext } from '../jobs';
import { scoreMatrix } from './score';
import { worse } from './severity';
import { IntUnionFind } from './union-find';

/** Matrices with at least this many accounts are split into Louvain communities. */
export const SPLIT_THRESHOLD = 30;

export type AnalyseJob = Pick<JobContext, 'progress' | 'throwIfCancelled'>;

/**
 * One control link between accounts, as the list of accounts it joins (rowids of `accounts`).
 * identity: one real subject (identity_key) holding several accounts; identifier: one phone,
 * device or payment value used by several accounts; burst: accounts of one MCN (contract active
 * at the burst) that published near-duplicate contents together.
 */
interface ControlGroup {
  kind: 'identity' | 'identifier' | 'burst';
  members: Int32Array;
}

interface Member {
  accountId: string;
  displayName: string;
  followers: number;
  identityKey: string;
}

interface Candidate {
  members: Member[];
  subjects: Set<string>;
  mcns: Set<string>;
  identifiers: number;
  bursts: number;
  followers: number;
  findings: Record<Severity, number>;
  worst: Severity | null;
  community: Map<string, number> | null;
  communities: number;
}

const splitIds = (concat: string) => Int32Array.from(concat.split(','), Number);

/** The distinct ids of a group_concat, ascending. */
function distinctIds(concat: string): Int32Array {
  const ids = splitIds(concat).sort();
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[n++] = ids[i];
  return ids.subarray(0, n);
}

/** 32-bit seeded generator, so Louvain (which shuffles) gives the same communities every run. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds the control graph of a filing and stores its matrices: connected groups of two or more
 * accounts over the control links, each scored with its reasons; big ones split into Louvain
 * communities. Edges are aggregated in SQL (GROUP BY identity key / identifier value) and joined
 * in a typed-array union-find: adding a million edges to a graph object one by one is what the
 * measured notes warn against.
 */
export function analyseNetwork(db: Database.Database, filingId: number, job: AnalyseJob, splitThreshold = SPLIT_THRESHOLD): NetworkAnalysis {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = (phase: string) => {
    const now = performance.now();
    phases[phase] = Math.round(now - mark);
    mark = now;
    job.throwIfCancelled();
  };

  const filing = db.prepare('SELECT id, period_end FROM filings WHERE id = ?').get(filingId) as { id: number; period_end: string } | undefined;
  if (!filing) throw new AppError('not_found', `备案数据不存在：${filingId}`);
  const range = db.prepare('SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM accounts WHERE filing_id = ?').get(filingId) as {
    lo: number | null;
    hi: number | null;
    n: number;
  };
  const lo = range.lo ?? 0;
  const size = range.n > 0 ? range.hi! - lo + 1 : 0;
  const uf = new IntUnionFind(size);
  const groups: ControlGroup[] = [];
  const links = { identity: 0, identifier: 0, burst: 0 };
  const join = (kind: ControlGroup['kind'], members: Int32Array) => {
    for (let i = 0; i < members.length; i++) members[i] -= lo;
    for (let i = 1; i < members.length; i++) uf.union(members[0], members[i]);
    links[kind] += members.length - 1;
    groups.push({ kind, members });
  };

  job.progress({ phase: 'identity', label: '汇总同一实名主体的账号', done: 0, total: null });
  // Set-based: first the few identity keys that can join two accounts (held by two subject records,
  // or by one subject holding two accounts), from covering index scans; only those are joined back
  // to their accounts. Grouping every subject of the filing is what made this phase slow.
  const identityRows = db
    .prepare(
      `WITH keys AS MATERIALIZED (
         SELECT identity_key FROM subjects WHERE filing_id = @f GROUP BY identity_key HAVING count(*) > 1
         UNION
         SELECT s.identity_key FROM (SELECT subject_id FROM accounts WHERE filing_id = @f GROUP BY subject_id HAVING count(*) > 1) m
         CROSS JOIN subjects s ON s.filing_id = @f AND s.subject_id = m.subject_id
       )
       SELECT group_concat(a.rowid) FROM keys k
       CROSS JOIN subjects s ON s.filing_id = @f AND s.identity_key = k.identity_key
       CROSS JOIN accounts a ON a.filing_id = s.filing_id AND a.subject_id = s.subject_id
       GROUP BY k.identity_key HAVING count(*) > 1`,
    )
    .raw()
    .iterate({ f: filingId }) as Iterable<[string]>;
  for (const [concat] of identityRows) join('identity', splitIds(concat));
  lap('identity');

  job.progress({ phase: 'identifiers', label: '汇总共用的手机号、设备与收款账户', done: 0, total: null });
  // Set-based as well: the values listed more than once come from the covering index
  // (filing_id, kind, value_hash) without touching the table; only their rows are joined to the
  // accounts. An account listing one value twice is deduplicated here, not with DISTINCT in SQL
  // (a temporary b-tree per group).
  const identifierRows = db
    .prepare(
      `WITH shared AS MATERIALIZED (
         SELECT kind, value_hash FROM account_identifiers
         WHERE filing_id = @f AND kind IN ('phone', 'device', 'payment')
         GROUP BY kind, value_hash HAVING count(*) > 1
       )
       SELECT group_concat(a.rowid) FROM shared s
       CROSS JOIN account_identifiers i ON i.filing_id = @f AND i.kind = s.kind AND i.value_hash = s.value_hash
       CROSS JOIN accounts a ON a.filing_id = i.filing_id AND a.account_id = i.account_id
       GROUP BY s.kind, s.value_hash`,
    )
    .raw()
    .iterate({ f: filingId }) as Iterable<[string]>;
  for (const [concat] of identifierRows) {
    const members = distinctIds(concat);
    if (members.length > 1) join('identifier', members);
  }
  lap('identifiers');

  job.progress({ phase: 'bursts', label: '读取雷同内容批量发布', done: 0, total: null });
  const checkRun = db.prepare(`SELECT max(id) AS id FROM check_runs WHERE filing_id = ? AND status = 'succeeded'`).get(filingId) as { id: number | null };
  const burstFindings = db
    .prepare(
      `SELECT entity_json, evidence_json FROM findings
       WHERE filing_id = ? AND rule_id = 'matrix.coordinated_duplicates' AND present = 1 AND status <> 'dismissed'`,
    )
    .all(filingId) as { entity_json: string; evidence_json: string }[];
  const rowidOf = db.prepare('SELECT rowid FROM accounts WHERE filing_id = ? AND account_id = ?').pluck();
  // No DISTINCT here (duplicates are dropped below): with it SQLite preferred the (filing_id, mcn_id)
  // index for the ordering and scanned every contract of the filing per account — 81 s for the
  // 2,467 bursts of the 1M package instead of milliseconds.
  const contractsAt = db
    .prepare(
      `SELECT mcn_id FROM mcn_contracts WHERE filing_id = @f AND account_id = @a
       AND signed_at <= @t AND (ended_at IS NULL OR ended_at > @t)`,
    )
    .pluck();
  /** Every burst's accounts (offsets into the union-find), for counting bursts per matrix. */
  const bursts: Int32Array[] = [];
  for (const finding of burstFindings) {
    const entity = JSON.parse(finding.entity_json) as { ids?: string[] };
    const evidence = JSON.parse(finding.evidence_json) as { table: string; key: Record<string, unknown> }[];
    const times = evidence.filter((e) => e.table === 'contents' && typeof e.key.published_at === 'string').map((e) => e.key.published_at as string);
    const firstAt = times.sort()[0];
    const byMcn = new Map<string, number[]>();
    const offsets: number[] = [];
    for (const accountId of entity.ids ?? []) {
      const rowid = rowidOf.get(filingId, accountId) as number | undefined;
      if (rowid === undefined) continue;
      offsets.push(rowid - lo);
      if (firstAt === undefined) continue;
      for (const mcn of new Set(contractsAt.all({ f: filingId, a: accountId, t: firstAt }) as string[])) {
        const rowids = byMcn.get(mcn);
        if (rowids) rowids.push(rowid);
        else byMcn.set(mcn, [rowid]);
      }
    }
    bursts.push(Int32Array.from(offsets));
    for (const rowids of byMcn.values()) if (rowids.length > 1) join('burst', Int32Array.from(rowids));
  }
  lap('bursts');

  job.progress({ phase: 'components', label: '计算连通的账号组', done: 0, total: size });
  const componentSize = new Int32Array(size);
  for (let i = 0; i < size; i++) componentSize[uf.find(i)]++;
  const candidateOf = new Int32Array(size).fill(-1);
  const candidates: Candidate[] = [];
  for (let i = 0; i < size; i++) {
    if (componentSize[i] < 2) continue;
    candidateOf[i] = candidates.length;
    candidates.push({
      members: [],
      subjects: new Set(),
      mcns: new Set(),
      identifiers: 0,
      bursts: 0,
      followers: 0,
      findings: { high: 0, medium: 0, low: 0, info: 0 },
      worst: null,
      community: null,
      communities: 0,
    });
  }
  const candidateAt = (offset: number) => candidateOf[uf.find(offset)];
  const byAccount = new Map<string, number>();
  const byIdentity = new Map<string, number>();
  // Only the accounts inside a matrix are read (by rowid), not the whole filing.
  const memberRowids: number[] = [];
  for (let i = 0; i < size; i++) if (componentSize[uf.find(i)] >= 2) memberRowids.push(i + lo);
  const accountRows = db
    .prepare(
      `SELECT a.rowid, a.account_id, a.display_name, a.followers, coalesce(s.identity_key, '?' || a.subject_id) FROM json_each(?) j
       CROSS JOIN accounts a ON a.rowid = j.value
       LEFT JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id`,
    )
    .raw()
    .iterate(JSON.stringify(memberRowids)) as Iterable<[number, string, string, number, string]>;
  for (const [rowid, accountId, displayName, followers, identityKey] of accountRows) {
    const c = candidateAt(rowid - lo);
    if (c < 0) continue;
    const candidate = candidates[c];
    candidate.members.push({ accountId, displayName, followers, identityKey });
    candidate.subjects.add(identityKey);
    candidate.followers += followers;
    byAccount.set(accountId, c);
    byIdentity.set(identityKey, c);
  }
  for (const group of groups) if (group.kind === 'identifier') candidates[candidateAt(group.members[0])].identifiers++;
  for (const burst of bursts) {
    const counts = new Map<number, number>();
    for (const offset of burst) {
      const c = candidateAt(offset);
      if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const [c, n] of counts) if (n >= 2) candidates[c].bursts++;
  }
  const contractRows = db.prepare('SELECT account_id, mcn_id FROM mcn_contracts WHERE filing_id = ?').raw().iterate(filingId) as Iterable<[string, string]>;
  for (const [accountId, mcnId] of contractRows) {
    const c = byAccount.get(accountId);
    if (c !== undefined) candidates[c].mcns.add(mcnId);
  }
  lap('components');

  job.progress({ phase: 'findings', label: '统计各账号组的核查发现', done: 0, total: null });
  const findingRows = db
    .prepare(
      `SELECT severity, account_id, identity_key, CASE WHEN entity_type = 'account_group' THEN entity_json END FROM findings
       WHERE filing_id = ? AND present = 1 AND status <> 'dismissed'`,
    )
    .raw()
    .iterate(filingId) as Iterable<[Severity, string | null, string | null, string | null]>;
  for (const [severity, accountId, identityKey, groupJson] of findingRows) {
    const hit = new Set<number>();
    if (accountId !== null && byAccount.has(accountId)) hit.add(byAccount.get(accountId)!);
    if (identityKey !== null && byIdentity.has(identityKey)) hit.add(byIdentity.get(identityKey)!);
    if (groupJson !== null) for (const id of (JSON.parse(groupJson) as { ids: string[] }).ids) if (byAccount.has(id)) hit.add(byAccount.get(id)!);
    for (const c of hit) {
      candidates[c].findings[severity]++;
      candidates[c].worst = worse(candidates[c].worst, severity);
    }
  }
  lap('findings');

  job.progress({ phase: 'communities', label: '在大型账号组内划分社区（Louvain）', done: 0, total: null });
  const graphs = new Map<number, UndirectedGraph>();
  for (let c = 0; c < candidates.length; c++) {
    if (candidates[c].members.length < splitThreshold) continue;
    graphs.set(c, new UndirectedGraph());
  }
  if (graphs.size > 0) {
    const offsetOf = new Map<string, number>();
    for (const c of graphs.keys()) for (const m of candidates[c].members) offsetOf.set(m.accountId, (rowidOf.get(filingId, m.accountId) as number) - lo);
    const accountOf = new Map<number, string>([...offsetOf].map(([id, offset]) => [offset, id]));
    for (const [c, graph] of graphs) for (const m of candidates[c].members) graph.addNode(`a${offsetOf.get(m.accountId)}`);
    groups.forEach((group, index) => {
      const graph = graphs.get(candidateAt(group.members[0]));
      if (!graph) return;
      const hub = `g${index}`;
      graph.addNode(hub);
      for (const offset of group.members) graph.mergeEdge(hub, `a${offset}`);
    });
    for (const [c, graph] of graphs) {
      const mapping = louvain(graph, { rng: seededRandom(c + 1) });
      const renumber = new Map<number, number>();
      const community = new Map<string, number>();
      graph.forEachNode((node) => {
        if (!node.startsWith('a')) return;
        const raw = mapping[node];
        if (!renumber.has(raw)) renumber.set(raw, renumber.size + 1);
        community.set(accountOf.get(Number(node.slice(1)))!, renumber.get(raw)!);
      });
      candidates[c].community = community;
      candidates[c].communities = renumber.size;
      job.throwIfCancelled();
    }
  }
  lap('communities');

  job.progress({ phase: 'write', label: '保存账号组', done: 0, total: candidates.length });
  const scored = candidates.map((c) => {
    c.members.sort((x, y) => y.followers - x.followers || (x.accountId < y.accountId ? -1 : 1));
    const { score, reasons } = scoreMatrix({
      accounts: c.members.length,
      subjects: c.subjects.size,
      identifiers: c.identifiers,
      bursts: c.bursts,
      findingsBySeverity: c.findings,
      followers: c.followers,
    });
    const firstId = c.members.reduce((min, m) => (m.accountId < min ? m.accountId : min), c.members[0].accountId);
    return { c, score, reasons, firstId };
  });
  scored.sort((x, y) => y.score - x.score || y.c.members.length - x.c.members.length || (x.firstId < y.firstId ? -1 : x.firstId > y.firstId ? 1 : 0));

  const analysedAt = nowUtc8();
  const stats: AnalysisStats = {
    accounts: range.n,
    links,
    bursts: bursts.length,
    matrices: scored.length,
    accountsInMatrices: byAccount.size,
    largestMatrix: scored.reduce((max, s) => Math.max(max, s.c.members.length), 0),
    splitMatrices: graphs.size,
    communities: scored.reduce((sum, s) => sum + s.c.communities, 0),
    phases,
  };
  const insertMatrix = db.prepare(
    `INSERT INTO matrices (filing_id, matrix_id, score, account_count, subject_count, identifier_count, burst_count, mcn_count,
       finding_count, followers_total, worst_severity, community_count, reasons_json, sample_accounts_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMember = db.prepare('INSERT INTO matrix_members (filing_id, matrix_id, account_id, community) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM matrix_members WHERE filing_id = ?').run(filingId);
    db.prepare('DELETE FROM matrices WHERE filing_id = ?').run(filingId);
    db.prepare('DELETE FROM network_analyses WHERE filing_id = ?').run(filingId);
    scored.forEach(({ c, score, reasons }, index) => {
      const matrixId = index + 1;
      const f = c.findings;
      insertMatrix.run(
        filingId,
        matrixId,
        score,
        c.members.length,
        c.subjects.size,
        c.identifiers,
        c.bursts,
        c.mcns.size,
        f.high + f.medium + f.low + f.info,
        c.followers,
        c.worst,
        c.communities,
        JSON.stringify(reasons),
        JSON.stringify(c.members.slice(0, 5).map((m) => ({ accountId: m.accountId, displayName: m.displayName }))),
      );
      for (const m of c.members) insertMember.run(filingId, matrixId, m.accountId, c.community?.get(m.accountId) ?? 0);
    });
    lap('write');
    const durationMs = Math.round(performance.now() - started);
    db.prepare('INSERT INTO network_analyses (filing_id, analysed_at, duration_ms, check_run_id, stats_json) VALUES (?, ?, ?, ?, ?)').run(
      filingId,
      analysedAt,
      durationMs,
      checkRun.id,
      JSON.stringify(stats),
    );
  })();
  job.progress({ phase: 'write', label: '保存账号组', done: candidates.length, total: candidates.length });
  return readAnalysis(db, filingId)!;
}

export function readAnalysis(db: Database.Database, filingId: number): NetworkAnalysis | null {
  const row = db.prepare('SELECT * FROM network_analyses WHERE filing_id = ?').get(filingId) as
    | { filing_id: number; analysed_at: string; duration_ms: number; check_run_id: number | null; stats_json: string }
    | undefined;
  if (!row) return null;
  return {
    filingId: row.filing_id,
    analysedAt: row.analysed_at,
    durationMs: row.duration_ms,
    checkRunId: row.check_run_id,
    stats: JSON.parse(row.stats_json) as AnalysisStats,
  };
}
