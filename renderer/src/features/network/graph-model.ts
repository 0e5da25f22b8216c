import Graph from 'graphology';
import type { EdgeKind, GraphView, NodeKind } from '@shared/api/network';
import { ENUMS, type EnumName } from '@shared/domain/filing-schema';
import type { Severity } from '@shared/domain/rules';

/** Node attributes on the canvas graph (sigma reads x, y, size, color, label). */
export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: NodeKind;
  ref: string;
  severity: Severity | null;
  followers: number | null;
  findings: number;
  community: number | null;
  meta: Record<string, string | number | boolean | null>;
}

export interface EdgeAttrs {
  kind: EdgeKind;
  from: string | null;
  to: string | null;
  color: string;
  size: number;
}

export type CanvasGraph = Graph<NodeAttrs, EdgeAttrs>;

export const KIND_COLORS: Record<NodeKind, string> = {
  account: '#1c7ed6',
  subject: '#37b24d',
  mcn: '#ae3ec9',
  identifier: '#f76707',
  burst: '#d6336c',
};

export const SEVERITY_COLORS: Record<Severity | 'none', string> = {
  high: '#e03131',
  medium: '#f59f00',
  low: '#fcc419',
  info: '#4dabf7',
  none: '#adb5bd',
};

export const EDGE_COLORS: Record<EdgeKind, string> = {
  owns: '#8ce99a',
  contract: '#d0bfff',
  phone: '#ffc078',
  device: '#ffa94d',
  payment: '#ff922b',
  ip: '#ffe8cc',
  transfer: '#63e6be',
  burst: '#faa2c1',
};

export type ColorMode = 'kind' | 'severity';

export function nodeColor(attrs: Pick<NodeAttrs, 'kind' | 'severity'>, mode: ColorMode): string {
  return mode === 'kind' ? KIND_COLORS[attrs.kind] : SEVERITY_COLORS[attrs.severity ?? 'none'];
}

/** Accounts grow with the logarithm of their followers; hubs keep a fixed, readable size. */
export function nodeSize(kind: NodeKind, followers: number | null): number {
  if (kind === 'account') return 3 + 1.6 * Math.log10(1 + (followers ?? 0));
  if (kind === 'mcn') return 12;
  if (kind === 'subject') return 6;
  return 4;
}

/** A deterministic spread for the first frame, so the layout starts from the same place every time. */
function seededPosition(key: string): { x: number; y: number } {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const a = ((h >>> 0) % 10_000) / 10_000;
  const b = ((Math.imul(h, 2654435761) >>> 0) % 10_000) / 10_000;
  return { x: Math.cos(2 * Math.PI * a) * Math.sqrt(b) * 100, y: Math.sin(2 * Math.PI * a) * Math.sqrt(b) * 100 };
}

export function toCanvasGraph(view: GraphView, mode: ColorMode): CanvasGraph {
  const graph: CanvasGraph = new Graph({ type: 'undirected', multi: true });
  for (const n of view.nodes) {
    graph.addNode(n.key, {
      ...seededPosition(n.key),
      size: nodeSize(n.kind, n.followers),
      color: nodeColor(n, mode),
      label: n.label,
      kind: n.kind,
      ref: n.ref,
      severity: n.severity,
      followers: n.followers,
      findings: n.findings,
      community: n.community,
      meta: n.meta,
    });
  }
  for (const e of view.edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    graph.addEdgeWithKey(e.key, e.source, e.target, { kind: e.kind, from: e.from, to: e.to, color: EDGE_COLORS[e.kind], size: e.kind === 'owns' || e.kind === 'contract' ? 1 : 1.5 });
  }
  return graph;
}

/**
 * Whether a dated edge exists on a day ('YYYY-MM-DD'): a contract between signing and ending
 * (ended that day or earlier = gone), a transfer from its effective day, a burst from its first
 * publication. Undated edges always exist.
 */
export function edgeExistsOn(edge: Pick<EdgeAttrs, 'kind' | 'from' | 'to'>, day: string | null): boolean {
  if (day === null || edge.from === null) return true;
  if (edge.from.slice(0, 10) > day) return false;
  if (edge.kind === 'contract' && edge.to !== null && edge.to.slice(0, 10) <= day) return false;
  return true;
}

/** Nodes within `hops` links of `center`, following only the edges the filter lets through. */
export function egoNodes(graph: CanvasGraph, center: string, hops: number, edgeVisible: (edge: string) => boolean): Set<string> {
  const seen = new Set([center]);
  let frontier = [center];
  for (let h = 0; h < hops && frontier.length > 0; h++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachEdge(node, (edge, _attrs, source, target) => {
        if (!edgeVisible(edge)) return;
        const other = source === node ? target : source;
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      });
    }
    frontier = next;
  }
  return seen;
}

/** Nodes whose label or id contains the query (case-insensitive), most followed first. */
export function searchNodes(graph: CanvasGraph, query: string, limit = 50): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: { key: string; followers: number }[] = [];
  graph.forEachNode((key, a) => {
    if (a.label.toLowerCase().includes(q) || a.ref.toLowerCase().includes(q)) hits.push({ key, followers: a.followers ?? -1 });
  });
  return hits
    .sort((x, y) => y.followers - x.followers || (x.key < y.key ? -1 : 1))
    .slice(0, limit)
    .map((h) => h.key);
}

/** Which enumeration of the filing format a node attribute's codes belong to. */
const META_ENUMS: Partial<Record<NodeKind, Record<string, EnumName>>> = {
  account: { status: 'account_status', content_category: 'content_category' },
  subject: { subject_type: 'subject_type' },
  mcn: { status: 'mcn_status' },
  identifier: { kind: 'identifier_kind' },
};

/** A node attribute as the inspector reads it: enumeration codes by their Chinese label. */
export function metaValueLabel(kind: NodeKind, key: string, value: unknown): string {
  const enumName = META_ENUMS[kind]?.[key];
  const labels: Readonly<Record<string, string>> | undefined = enumName ? ENUMS[enumName] : undefined;
  return labels?.[String(value)] ?? String(value);
}

/** In-app routes of a node's details page: profiles, one finding, or the MCN's findings. */
export function detailsHref(kind: NodeKind, ref: string, filingId: number): string | null {
  if (kind === 'account') return `/profiles/account/${filingId}/${encodeURIComponent(ref)}`;
  if (kind === 'subject') return `/profiles/subject/${encodeURIComponent(ref)}`;
  if (kind === 'burst') return `/findings/${encodeURIComponent(ref)}`;
  if (kind === 'mcn') return `/findings?filing=${filingId}&mcn=${encodeURIComponent(ref)}`;
  return null;
}
