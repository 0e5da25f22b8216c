import { describe, expect, it } from 'vitest';
import type { GraphView } from '@shared/api/network';
import { detailsHref, metaValueLabel, edgeExistsOn, egoNodes, KIND_COLORS, nodeColor, nodeSize, searchNodes, SEVERITY_COLORS, toCanvasGraph } from './graph-model';

const node = (key: string, kind: GraphView['nodes'][number]['kind'], label: string, followers: number | null = null) => ({
  key,
  kind,
  label,
  ref: key.slice(2),
  followers,
  severity: null,
  findings: 0,
  community: null,
  meta: {},
});

// s:K1 — a:A1 — i:phone:p — a:A2 — m:M1 — a:A3
const VIEW: GraphView = {
  title: 't',
  nodes: [node('s:K1', 'subject', '张*'), node('a:A1', 'account', '甲', 10), node('i:phone:p', 'identifier', '手机号'), node('a:A2', 'account', '乙甲', 500), node('m:M1', 'mcn', '机构'), node('a:A3', 'account', '丙', 1)],
  edges: [
    { key: 'e1', source: 's:K1', target: 'a:A1', kind: 'owns', from: null, to: null },
    { key: 'e2', source: 'a:A1', target: 'i:phone:p', kind: 'phone', from: null, to: null },
    { key: 'e3', source: 'a:A2', target: 'i:phone:p', kind: 'phone', from: null, to: null },
    { key: 'e4', source: 'm:M1', target: 'a:A2', kind: 'contract', from: '2024-01-01 00:00:00', to: null },
    { key: 'e5', source: 'm:M1', target: 'a:A3', kind: 'contract', from: '2024-01-01 00:00:00', to: '2024-06-30 12:00:00' },
    { key: 'dangling', source: 'm:M1', target: 'a:NOPE', kind: 'contract', from: null, to: null },
  ],
  totalAccounts: 3,
  truncated: false,
  matrix: null,
  periodEnd: '2024-12-31',
};

describe('canvas graph model', () => {
  it('builds the graph, skipping edges to nodes not in view', () => {
    const g = toCanvasGraph(VIEW, 'kind');
    expect(g.order).toBe(6);
    expect(g.size).toBe(5);
    expect(g.getNodeAttribute('a:A1', 'color')).toBe(KIND_COLORS.account);
  });

  it('colours by kind or by worst severity, grey without findings', () => {
    expect(nodeColor({ kind: 'mcn', severity: 'high' }, 'kind')).toBe(KIND_COLORS.mcn);
    expect(nodeColor({ kind: 'mcn', severity: 'high' }, 'severity')).toBe(SEVERITY_COLORS.high);
    expect(nodeColor({ kind: 'account', severity: null }, 'severity')).toBe(SEVERITY_COLORS.none);
  });

  it('sizes accounts by followers', () => {
    expect(nodeSize('account', 1_000_000)).toBeGreaterThan(nodeSize('account', 100));
    expect(nodeSize('account', 0)).toBeGreaterThan(0);
  });

  it('keeps a contract up to the day before it ended, transfers and bursts from their day', () => {
    const contract = { kind: 'contract' as const, from: '2024-01-01 00:00:00', to: '2024-06-30 12:00:00' };
    expect(edgeExistsOn(contract, '2023-12-31')).toBe(false);
    expect(edgeExistsOn(contract, '2024-01-01')).toBe(true);
    expect(edgeExistsOn(contract, '2024-06-29')).toBe(true);
    expect(edgeExistsOn(contract, '2024-06-30')).toBe(false);
    expect(edgeExistsOn({ kind: 'transfer', from: '2024-05-01 00:00:00', to: null }, '2025-01-01')).toBe(true);
    expect(edgeExistsOn({ kind: 'owns', from: null, to: null }, '1999-01-01')).toBe(true);
    expect(edgeExistsOn(contract, null)).toBe(true);
  });

  it('walks k hops from a node, through the edges the filters let through', () => {
    const g = toCanvasGraph(VIEW, 'kind');
    const all = () => true;
    expect([...egoNodes(g, 'a:A1', 1, all)].sort()).toEqual(['a:A1', 'i:phone:p', 's:K1']);
    expect([...egoNodes(g, 'a:A1', 2, all)].sort()).toEqual(['a:A1', 'a:A2', 'i:phone:p', 's:K1']);
    expect(egoNodes(g, 'a:A1', 5, all).size).toBe(6);
    const noPhones = (edge: string) => g.getEdgeAttribute(edge, 'kind') !== 'phone';
    expect([...egoNodes(g, 'a:A1', 5, noPhones)].sort()).toEqual(['a:A1', 's:K1']);
  });

  it('finds nodes by name or id, most followed first', () => {
    const g = toCanvasGraph(VIEW, 'kind');
    expect(searchNodes(g, '甲')).toEqual(['a:A2', 'a:A1']);
    expect(searchNodes(g, 'a3')).toEqual(['a:A3']);
    expect(searchNodes(g, '  ')).toEqual([]);
  });

  it('links accounts and subjects to their profiles and bursts to their finding', () => {
    expect(detailsHref('account', 'A/1', 3)).toBe('/profiles/account/3/A%2F1');
    expect(detailsHref('subject', 'K1', 3)).toBe('/profiles/subject/K1');
    expect(detailsHref('burst', '42', 3)).toBe('/findings/42');
    expect(detailsHref('mcn', 'M1', 3)).toBe('/findings?filing=3&mcn=M1');
  });

  it('shows enumeration codes of node attributes by their Chinese labels', () => {
    expect(metaValueLabel('account', 'status', 'active')).toBe('正常');
    expect(metaValueLabel('account', 'content_category', 'government_affairs')).toBe('政务');
    expect(metaValueLabel('mcn', 'status', 'expelled')).toBe('清退');
    expect(metaValueLabel('identifier', 'kind', 'payment')).toBe('收款账户');
    expect(metaValueLabel('account', 'account_id', 'A1')).toBe('A1');
    expect(detailsHref('identifier', 'phone:p', 3)).toBeNull();
  });
});
