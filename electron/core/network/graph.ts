import type Database from 'better-sqlite3';
import type { EdgeKind, GraphEdge, GraphFocus, GraphNode, GraphView, MatrixView } from '@shared/api/network';
import type { Severity } from '@shared/domain/rules';
import { AppError } from '@shared/errors';
import { getMatrix, matrixOfAccount } from './matrices';
import { worse } from './severity';

const IDENTIFIER_LABELS: Record<string, string> = { phone: '手机号', device: '设备', payment: '收款账户', ip: '注册IP' };

interface FocusAccounts {
  title: string;
  ids: string[];
  total: number;
  matrix: MatrixView | null;
  community: Map<string, number>;
  /** MCN focus: the MCN node is shown even if none of the accounts shown has a contract. */
  mcnId: string | null;
}

function focusAccounts(db: Database.Database, filingId: number, focus: GraphFocus, maxAccounts: number): FocusAccounts {
  if (focus.kind === 'mcn') {
    const org = db.prepare('SELECT name FROM mcn_orgs WHERE filing_id = ? AND mcn_id = ?').get(filingId, focus.mcnId) as { name: string } | undefined;
    if (!org) throw new AppError('not_found', `MCN 机构不存在：${focus.mcnId}`);
    const rows = db
      .prepare(
        `SELECT DISTINCT c.account_id, a.followers FROM mcn_contracts c JOIN accounts a ON a.filing_id = c.filing_id AND a.account_id = c.account_id
         WHERE c.filing_id = ? AND c.mcn_id = ? ORDER BY a.followers DESC, c.account_id`,
      )
      .all(filingId, focus.mcnId) as { account_id: string }[];
    return { title: `MCN：${org.name}`, ids: rows.slice(0, maxAccounts).map((r) => r.account_id), total: rows.length, matrix: null, community: new Map(), mcnId: focus.mcnId };
  }
  let matrixId: number | null = focus.kind === 'matrix' ? focus.matrixId : null;
  if (focus.kind === 'account') {
    const exists = db.prepare('SELECT display_name FROM accounts WHERE filing_id = ? AND account_id = ?').pluck().get(filingId, focus.accountId) as string | undefined;
    if (exists === undefined) throw new AppError('not_found', `账号不存在：${focus.accountId}`);
    matrixId = matrixOfAccount(db, filingId, focus.accountId);
    if (matrixId === null) return { title: `账号：${exists}`, ids: [focus.accountId], total: 1, matrix: null, community: new Map(), mcnId: null };
  }
  const matrix = getMatrix(db, filingId, matrixId!);
  if (!matrix) throw new AppError('not_found', `账号组不存在：#${matrixId}（请先运行网络分析）`);
  const rows = db
    .prepare(
      `SELECT m.account_id, m.community FROM matrix_members m JOIN accounts a ON a.filing_id = m.filing_id AND a.account_id = m.account_id
       WHERE m.filing_id = ? AND m.matrix_id = ? ORDER BY a.followers DESC, m.account_id`,
    )
    .all(filingId, matrixId) as { account_id: string; community: number }[];
  const shown = rows.slice(0, maxAccounts);
  return {
    title: `账号组 #${matrix.matrixId}`,
    ids: shown.map((r) => r.account_id),
    total: rows.length,
    matrix,
    community: new Map(shown.map((r) => [r.account_id, r.community])),
    mcnId: null,
  };
}

/**
 * The neighbourhood of a set of accounts for the canvas: their real subjects (and former
 * subjects of transfers), MCNs, identifiers two or more of them share, and the near-duplicate
 * bursts they took part in, each node with its worst present, not dismissed finding.
 */
export function buildGraph(db: Database.Database, filingId: number, focus: GraphFocus, maxAccounts: number): GraphView {
  const filing = db.prepare('SELECT period_end FROM filings WHERE id = ?').get(filingId) as { period_end: string } | undefined;
  if (!filing) throw new AppError('not_found', `备案数据不存在：${filingId}`);
  const f = focusAccounts(db, filingId, focus, maxAccounts);
  const ids = JSON.stringify(f.ids);
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (source: string, target: string, kind: EdgeKind, from: string | null = null, to: string | null = null, discriminator = '') => {
    const key = `${kind}:${source}>${target}${discriminator}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ key, source, target, kind, from, to });
  };
  const node = (n: Omit<GraphNode, 'severity' | 'findings' | 'community' | 'followers'> & Partial<GraphNode>) => {
    if (!nodes.has(n.key)) nodes.set(n.key, { severity: null, findings: 0, community: null, followers: null, ...n });
    return nodes.get(n.key)!;
  };

  const accounts = db
    .prepare(
      `SELECT a.account_id, a.display_name, a.followers, a.status, a.content_category, a.registered_at, a.closed_at,
              s.identity_key, s.name AS subject_name, s.subject_type, s.subject_id
       FROM accounts a LEFT JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
       WHERE a.filing_id = ? AND a.account_id IN (SELECT value FROM json_each(?))`,
    )
    .all(filingId, ids) as {
    account_id: string;
    display_name: string;
    followers: number;
    status: string;
    content_category: string;
    registered_at: string;
    closed_at: string | null;
    identity_key: string | null;
    subject_name: string | null;
    subject_type: string | null;
    subject_id: string;
  }[];
  const subjectKeys = new Set<string>();
  for (const a of accounts) {
    const key = `a:${a.account_id}`;
    node({
      key,
      kind: 'account',
      label: a.display_name,
      ref: a.account_id,
      followers: a.followers,
      community: f.community.get(a.account_id) ?? null,
      meta: { account_id: a.account_id, status: a.status, content_category: a.content_category, registered_at: a.registered_at, closed_at: a.closed_at, subject_id: a.subject_id },
    });
    if (a.identity_key !== null) {
      subjectKeys.add(a.identity_key);
      node({ key: `s:${a.identity_key}`, kind: 'subject', label: a.subject_name ?? a.identity_key, ref: a.identity_key, meta: { identity_key: a.identity_key, subject_type: a.subject_type } });
      addEdge(`s:${a.identity_key}`, key, 'owns');
    }
  }

  const transfers = db
    .prepare(
      `SELECT t.transfer_id, t.account_id, t.effective_at, s.identity_key, s.name, s.subject_type FROM account_transfers t
       JOIN subjects s ON s.filing_id = t.filing_id AND s.subject_id = t.from_subject_id
       WHERE t.filing_id = ? AND t.account_id IN (SELECT value FROM json_each(?))`,
    )
    .all(filingId, ids) as { transfer_id: string; account_id: string; effective_at: string; identity_key: string; name: string; subject_type: string }[];
  for (const t of transfers) {
    subjectKeys.add(t.identity_key);
    node({ key: `s:${t.identity_key}`, kind: 'subject', label: t.name, ref: t.identity_key, meta: { identity_key: t.identity_key, subject_type: t.subject_type } });
    addEdge(`s:${t.identity_key}`, `a:${t.account_id}`, 'transfer', t.effective_at, null, `#${t.transfer_id}`);
  }

  const contracts = db
    .prepare(
      `SELECT c.mcn_id, c.account_id, c.signed_at, c.ended_at, o.name, o.status FROM mcn_contracts c
       LEFT JOIN mcn_orgs o ON o.filing_id = c.filing_id AND o.mcn_id = c.mcn_id
       WHERE c.filing_id = ? AND c.account_id IN (SELECT value FROM json_each(?))`,
    )
    .all(filingId, ids) as { mcn_id: string; account_id: string; signed_at: string; ended_at: string | null; name: string | null; status: string | null }[];
  if (f.mcnId !== null) {
    const org = db.prepare('SELECT name, status FROM mcn_orgs WHERE filing_id = ? AND mcn_id = ?').get(filingId, f.mcnId) as { name: string; status: string | null };
    node({ key: `m:${f.mcnId}`, kind: 'mcn', label: org.name, ref: f.mcnId, meta: { mcn_id: f.mcnId, status: org.status } });
  }
  for (const c of contracts) {
    node({ key: `m:${c.mcn_id}`, kind: 'mcn', label: c.name ?? c.mcn_id, ref: c.mcn_id, meta: { mcn_id: c.mcn_id, status: c.status } });
    addEdge(`m:${c.mcn_id}`, `a:${c.account_id}`, 'contract', c.signed_at, c.ended_at, `@${c.signed_at}`);
  }

  const shared = db
    .prepare(
      `WITH mine AS (SELECT DISTINCT kind, value_hash, account_id FROM account_identifiers
                     WHERE filing_id = ? AND kind IN ('phone', 'device', 'payment', 'ip') AND account_id IN (SELECT value FROM json_each(?)))
       SELECT kind, value_hash, group_concat(account_id, char(31)) AS accounts FROM mine GROUP BY kind, value_hash HAVING count(*) > 1`,
    )
    .all(filingId, ids) as { kind: 'phone' | 'device' | 'payment' | 'ip'; value_hash: string; accounts: string }[];
  for (const s of shared) {
    const key = `i:${s.kind}:${s.value_hash}`;
    const members = s.accounts.split('\x1f');
    node({ key, kind: 'identifier', label: `${IDENTIFIER_LABELS[s.kind]} ${s.value_hash.slice(0, 8)}…`, ref: `${s.kind}:${s.value_hash}`, meta: { kind: s.kind, value_hash: s.value_hash, accounts: members.length } });
    for (const a of members) addEdge(`a:${a}`, key, s.kind);
  }

  const inFocus = new Set(f.ids);
  const groupFindings = db
    .prepare(
      `SELECT id, rule_id, severity, entity_json, evidence_json FROM findings
       WHERE filing_id = ? AND entity_type = 'account_group' AND present = 1 AND status <> 'dismissed'`,
    )
    .all(filingId) as { id: number; rule_id: string; severity: Severity; entity_json: string; evidence_json: string }[];
  for (const g of groupFindings) {
    const members = (JSON.parse(g.entity_json) as { ids: string[] }).ids.filter((id) => inFocus.has(id));
    if (members.length === 0) continue;
    for (const id of members) bump(nodes.get(`a:${id}`), g.severity);
    if (g.rule_id !== 'matrix.coordinated_duplicates') continue;
    const times = (JSON.parse(g.evidence_json) as { table: string; key: Record<string, unknown> }[])
      .filter((e) => e.table === 'contents' && typeof e.key.published_at === 'string')
      .map((e) => e.key.published_at as string)
      .sort();
    const key = `b:${g.id}`;
    const burst = node({ key, kind: 'burst', label: `雷同内容 ${times[0]?.slice(0, 16) ?? ''}`, ref: String(g.id), meta: { finding_id: g.id, contents: times.length, first_at: times[0] ?? null, last_at: times.at(-1) ?? null } });
    bump(burst, g.severity);
    for (const id of members) addEdge(`a:${id}`, key, 'burst', times[0] ?? null, times.at(-1) ?? null);
  }

  const findingRows = db
    .prepare(
      `SELECT severity, account_id, identity_key, mcn_id FROM findings
       WHERE filing_id = @f AND present = 1 AND status <> 'dismissed' AND entity_type <> 'account_group' AND (
         account_id IN (SELECT value FROM json_each(@ids)) OR identity_key IN (SELECT value FROM json_each(@keys)) OR mcn_id IN (SELECT value FROM json_each(@mcns)))`,
    )
    .all({ f: filingId, ids, keys: JSON.stringify([...subjectKeys]), mcns: JSON.stringify([...nodes.values()].filter((n) => n.kind === 'mcn').map((n) => n.ref)) }) as {
    severity: Severity;
    account_id: string | null;
    identity_key: string | null;
    mcn_id: string | null;
  }[];
  for (const r of findingRows) {
    // A finding about an account is the account's; one about a subject (no account) is the subject's.
    if (r.account_id !== null) bump(nodes.get(`a:${r.account_id}`), r.severity);
    else if (r.identity_key !== null) bump(nodes.get(`s:${r.identity_key}`), r.severity);
    if (r.mcn_id !== null) bump(nodes.get(`m:${r.mcn_id}`), r.severity);
  }

  return { title: f.title, nodes: [...nodes.values()], edges, totalAccounts: f.total, truncated: f.total > f.ids.length, matrix: f.matrix, periodEnd: filing.period_end };
}

function bump(n: GraphNode | undefined, severity: Severity): void {
  if (!n) return;
  n.findings++;
  n.severity = worse(n.severity, severity);
}
