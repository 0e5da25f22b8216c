import type { DuplicatePair } from '../near-duplicates';
import { scanNearDuplicates, scanPlan } from '../near-duplicate-scan';
import { epochSeconds, WINDOW } from '../time';
import type { EvidenceRow, FindingDraft, RuleContext, RuleModule } from '../types';
import { IntUnionFind } from '../../network/union-find';
import { acct, ev, params } from './util';

/** A content that takes part in a near-duplicate pair; `index` is its row id. */
interface ContentNode {
  index: number;
  contentId: string;
  accountId: string;
  time: number;
  publishedAt: string;
  srcRow: number;
}

class UnionFind<K> {
  private readonly parent = new Map<K, K>();
  find(x: K): K {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    for (let y = x; y !== root; ) {
      const next = this.parent.get(y)!;
      this.parent.set(y, root);
      y = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  union(a: K, b: K): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
  groups(): Map<K, K[]> {
    const out = new Map<K, K[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const list = out.get(root);
      if (list) list.push(key);
      else out.set(root, [key]);
    }
    return out;
  }
}

function accountNames(rc: RuleContext, ids: string[]): Map<string, { name: string; row: number; identityKey: string }> {
  const stmt = rc.db.prepare(
    `SELECT a.display_name, a.src_row, s.identity_key FROM accounts a JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id
     WHERE a.filing_id = @f AND a.account_id = @a`,
  );
  const out = new Map<string, { name: string; row: number; identityKey: string }>();
  for (const id of ids) {
    const r = stmt.get({ f: rc.filing.id, a: id }) as { display_name: string; src_row: number; identity_key: string } | undefined;
    if (r) out.set(id, { name: r.display_name, row: r.src_row, identityKey: r.identity_key });
  }
  return out;
}

/** A content's near-duplicates (row ids) and the Jaccard similarity of each pair, side by side. */
interface Neighbours {
  ids: number[];
  similarity: number[];
}

/**
 * Bursts of one component of near-duplicate pairs: if it spans more than 24 hours, every 24-hour
 * window starting at one of its contents is split into the components its own pairs form.
 */
function burstsOf(members: ContentNode[], adjacency: Map<number, Neighbours>): ContentNode[][] {
  const sorted = [...members].sort((x, y) => x.time - y.time || x.index - y.index);
  if (sorted[sorted.length - 1].time - sorted[0].time <= WINDOW) return [sorted];
  const out: ContentNode[][] = [];
  for (let s = 0; s < sorted.length; s++) {
    const inWindow = new Map<number, ContentNode>();
    for (let e = s; e < sorted.length && sorted[e].time - sorted[s].time <= WINDOW; e++) inWindow.set(sorted[e].index, sorted[e]);
    const uf = new UnionFind<number>();
    for (const index of inWindow.keys()) {
      uf.find(index);
      for (const other of adjacency.get(index)?.ids ?? []) if (inWindow.has(other)) uf.union(index, other);
    }
    for (const group of uf.groups().values()) out.push(group.map((i) => inWindow.get(i)!).sort((x, y) => x.time - y.time));
  }
  return out;
}

/** A run's scan, started by `prepare` (on worker threads for large filings) and taken by `run`. */
const scans = new WeakMap<RuleContext, { pairs: Promise<DuplicatePair[]>; running: boolean }>();

/** The run's scan, started now if it was not; `running`: the rule's own turn has come. */
function scanOf(rc: RuleContext, running: boolean) {
  let scan = scans.get(rc);
  if (scan) scan.running ||= running;
  else {
    // On this thread the scan runs to its end inside the call: the flag must be set first.
    const state = { pairs: Promise.resolve<DuplicatePair[]>([]), running };
    // Progress belongs to whichever rule is running: shown only once this one is.
    state.pairs = scanNearDuplicates(rc.db, rc.db.name, rc.filing.id, {
      throwIfCancelled: rc.job.throwIfCancelled,
      onProgress: (seen, total) => state.running && rc.progress(`已比对 ${seen.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 条内容`),
    });
    // Taken by run; a run that stops before it must not leave the rejection unhandled.
    state.pairs.catch(() => undefined);
    scans.set(rc, (scan = state));
  }
  return scan;
}

export const matrixCoordinatedDuplicates: RuleModule = {
  id: 'matrix.coordinated_duplicates',
  // On worker threads the scan overlaps the other rules; on this thread it would only come first.
  prepare(rc) {
    if (scanPlan(rc.db, rc.db.name, rc.filing.id).threads <= 1) return false;
    scanOf(rc, false);
    return true;
  },
  async run(rc) {
    const pairs = await scanOf(rc, true).pairs;
    const nodes = new Map<number, ContentNode>();
    const nodeRow = rc.db.prepare(`SELECT content_id, account_id, published_at, src_row FROM contents WHERE rowid = ?`).raw();
    for (const id of new Set(pairs.flatMap((p) => [p.a, p.b]))) {
      const [contentId, accountId, publishedAt, srcRow] = nodeRow.get(id) as [string, string, string, number];
      nodes.set(id, { index: id, contentId, accountId, publishedAt, srcRow, time: epochSeconds(publishedAt) });
    }
    const adjacency = new Map<number, Neighbours>();
    const link = (from: number, to: number, similarity: number) => {
      const list = adjacency.get(from);
      if (list) {
        list.ids.push(to);
        list.similarity.push(similarity);
      } else adjacency.set(from, { ids: [to], similarity: [similarity] });
    };
    const uf = new UnionFind<number>();
    for (const { a, b, shared, union } of pairs) {
      uf.union(a, b);
      link(a, b, shared / union);
      link(b, a, shared / union);
    }
    const bursts = new Map<string, ContentNode[]>();
    for (const members of uf.groups().values()) {
      for (const burst of burstsOf(members.map((i) => nodes.get(i)!), adjacency)) {
        const accounts = [...new Set(burst.map((n) => n.accountId))].sort();
        if (burst.length < 3 || accounts.length < 3) continue;
        const key = accounts.join(',');
        const known = bursts.get(key);
        if (!known || known.length < burst.length) bursts.set(key, burst);
      }
    }
    const out: FindingDraft[] = [];
    for (const [key, burst] of [...bursts].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const ids = key.split(',');
      const names = accountNames(rc, ids);
      const inBurst = new Set(burst.map((n) => n.index));
      let lowest = 1;
      for (const n of burst) {
        const { ids, similarity } = adjacency.get(n.index)!;
        for (let k = 0; k < ids.length; k++) if (inBurst.has(ids[k])) lowest = Math.min(lowest, similarity[k]);
      }
      const evidence: EvidenceRow[] = burst.map((n) => ev('contents', n.srcRow, { content_id: n.contentId, account_id: n.accountId, published_at: n.publishedAt }));
      out.push({
        entity: { type: 'account_group', ids },
        explanation: `${ids.length} 个账号（${ids.map((id) => acct(names.get(id)?.name, id)).join('、')}）在 ${burst[0].publishedAt} 至 ${burst[burst.length - 1].publishedAt}（24 小时内）发布了 ${burst.length} 条雷同内容（${burst
          .map((n) => n.contentId)
          .join('、')}），相互链接的内容两两字符三元组 Jaccard 相似度均不低于 0.8（最低 ${Math.floor(lowest * 1000) / 1000}）。`,
        evidence: [...ids.map((id) => ev('accounts', names.get(id)?.row ?? 0, { account_id: id, display_name: names.get(id)?.name ?? null })), ...evidence],
      });
    }
    return out;
  },
};

const KIND_LABELS: Record<string, string> = { phone: '手机号', device: '设备', payment: '收款账户' };

/** A value (kind, value_hash) held by ≥ 2 accounts: `value` is its first row id, `accounts` its holders by number, in row order. */
interface IdentifierLink {
  value: number;
  accounts: number[];
}

export const matrixSharedIdentifiers: RuleModule = {
  id: 'matrix.shared_identifiers',
  run(rc) {
    const rows = rc.db
      .prepare(
        // Only values held by more than one row can link accounts: they are found on the covering
        // index alone, and only their rows are read from the table (a tenth of all rows), in the
        // same (kind, value_hash, rowid) order as a walk of the whole index. A value is named by its
        // first row id here; kind, hash and rows are read again for the few sets reported.
        `SELECT shared.first, i.account_id
         FROM (SELECT min(rowid) AS first, kind, value_hash FROM account_identifiers
               WHERE filing_id = @f AND kind IN ('phone', 'device', 'payment')
               GROUP BY kind, value_hash HAVING count(*) > 1) shared
         CROSS JOIN account_identifiers i ON i.filing_id = @f AND i.kind = shared.kind AND i.value_hash = shared.value_hash`,
      )
      .raw()
      .iterate(params(rc)) as Iterable<[number, string]>;
    // Accounts as dense integers in order of first appearance in a link, so the sets live in typed
    // arrays; numbering in that order keeps the sets in the order a keyed union-find would list them.
    const accountIndex = new Map<string, number>();
    const accountIds: string[] = [];
    const indexOf = (id: string) => {
      let i = accountIndex.get(id);
      if (i === undefined) {
        i = accountIds.length;
        accountIndex.set(id, i);
        accountIds.push(id);
      }
      return i;
    };
    const links: IdentifierLink[] = [];
    let value = -1;
    let holders: string[] = [];
    const flush = () => {
      if (holders.length >= 2) links.push({ value, accounts: holders.map(indexOf) });
    };
    for (const [first, accountId] of rows) {
      if (first !== value) {
        flush();
        value = first;
        holders = [];
      }
      // Distinct holders in row order; a value has a handful of rows.
      if (!holders.includes(accountId)) holders.push(accountId);
    }
    flush();
    const uf = new IntUnionFind(accountIds.length);
    for (const { accounts } of links) for (let k = 1; k < accounts.length; k++) uf.union(accounts[0], accounts[k]);
    const membersByRoot = new Map<number, number[]>();
    for (let i = 0; i < accountIds.length; i++) {
      const root = uf.find(i);
      const list = membersByRoot.get(root);
      if (list) list.push(i);
      else membersByRoot.set(root, [i]);
    }
    const groups = [...membersByRoot.values()].filter((g) => g.length >= 3);
    // Links by the root of their set, once: filtering all links per set grows with sets × links.
    const linksByRoot = new Map<number, IdentifierLink[]>();
    for (const l of links) {
      const root = uf.find(l.accounts[0]);
      const list = linksByRoot.get(root);
      if (list) list.push(l);
      else linksByRoot.set(root, [l]);
    }
    // Most sets are one subject's own accounts: their identity keys, read in one statement for all
    // sets, rule them out before names and rows are read for the few that remain.
    const identityOf = new Map(
      rc.db
        .prepare(
          `SELECT j.value, s.identity_key FROM json_each(@ids) j
           CROSS JOIN accounts a ON a.filing_id = @f AND a.account_id = j.value
           CROSS JOIN subjects s ON s.filing_id = a.filing_id AND s.subject_id = a.subject_id`,
        )
        .raw()
        .all({ f: rc.filing.id, ids: JSON.stringify(groups.flatMap((g) => g.map((i) => accountIds[i])).sort()) }) as [string, string][],
    );
    const valueOf = rc.db.prepare(`SELECT kind, value_hash FROM account_identifiers WHERE rowid = ?`).raw();
    const valueRows = rc.db
      .prepare(`SELECT account_id, src_row FROM account_identifiers WHERE filing_id = @f AND kind = @kind AND value_hash = @hash ORDER BY rowid`)
      .raw();
    const out: FindingDraft[] = [];
    for (const group of groups) {
      const ids = group.map((i) => accountIds[i]).sort();
      if (new Set(ids.map((id) => identityOf.get(id) ?? `?${id}`)).size < 2) continue;
      const names = accountNames(rc, ids);
      const keys = new Set(ids.map((id) => names.get(id)?.identityKey ?? `?${id}`));
      const groupLinks = (linksByRoot.get(uf.find(group[0])) ?? []).map((l) => {
        const [kind, hash] = valueOf.get(l.value) as [string, string];
        return { kind, hash, holders: l.accounts.map((i) => accountIds[i]), rows: valueRows.all({ f: rc.filing.id, kind, hash }) as [string, number][] };
      });
      out.push({
        entity: { type: 'account_group', ids },
        explanation: `${ids.length} 个账号（${ids.map((id) => acct(names.get(id)?.name, id)).join('、')}）分属 ${keys.size} 个不同主体，却通过 ${groupLinks.length} 个相同标识相互关联（${groupLinks
          .slice(0, 10)
          .map((l) => `${KIND_LABELS[l.kind]} ${l.hash.slice(0, 12)}… 由 ${l.holders.join('、')} 共用`)
          .join('；')}）。`,
        evidence: [
          ...ids.map((id) => ev('accounts', names.get(id)?.row ?? 0, { account_id: id, identity_key: names.get(id)?.identityKey ?? null })),
          ...groupLinks.flatMap((l) => l.rows.map(([a, srcRow]) => ev('account_identifiers', srcRow, { account_id: a, kind: l.kind, value_hash: l.hash }))),
        ],
      });
    }
    return out;
  },
};

export const matrixRules = [matrixCoordinatedDuplicates, matrixSharedIdentifiers];
