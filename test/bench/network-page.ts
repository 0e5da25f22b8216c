/*
 * Browser half of the network benchmark (bundled by test/bench/network.ts, run in headless
 * Chromium): the app's own graph model, sigma settings and ForceAtlas2 worker, on generated graphs.
 */
import Sigma from 'sigma';
import type { EdgeKind, GraphView, NodeKind } from '@shared/api/network';
import { toCanvasGraph } from '../../renderer/src/features/network/graph-model';
import { runLayout } from '../../renderer/src/features/network/layout';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A matrix-shaped graph: clusters of accounts around their subjects and shared identifiers,
 * a few links between clusters.
 */
function generate(nodes: number, edges: number, clusters: number, seed: number): GraphView {
  const random = rng(seed);
  const view: GraphView = { title: 'bench', nodes: [], edges: [], totalAccounts: 0, truncated: false, matrix: null, periodEnd: '2024-12-31' };
  const kinds: NodeKind[] = ['account', 'account', 'account', 'account', 'account', 'account', 'account', 'subject', 'subject', 'identifier'];
  const members: number[][] = Array.from({ length: clusters }, () => []);
  for (let i = 0; i < nodes; i++) {
    const kind = kinds[i % kinds.length];
    const c = i % clusters;
    members[c].push(i);
    view.nodes.push({ key: `n${i}`, kind, label: `${kind}-${i}`, ref: String(i), followers: kind === 'account' ? Math.floor(random() ** 4 * 1e6) : null, severity: random() < 0.05 ? 'high' : null, findings: 0, community: c, meta: {} });
  }
  const edgeKinds: EdgeKind[] = ['owns', 'phone', 'device', 'payment', 'ip', 'contract'];
  for (let e = 0; e < edges; e++) {
    const c = Math.floor(random() * clusters);
    const inCluster = random() < 0.97;
    const a = members[c][Math.floor(random() * members[c].length)];
    const other = inCluster ? members[c] : members[Math.floor(random() * clusters)];
    const b = other[Math.floor(random() * other.length)];
    if (a === b) continue;
    view.edges.push({ key: `e${e}`, source: `n${a}`, target: `n${b}`, kind: edgeKinds[e % edgeKinds.length], from: null, to: null });
  }
  return view;
}

declare global {
  interface Window {
    benchCanvas(nodes: number, edges: number, seconds: number): Promise<{ nodes: number; edges: number; firstFrameMs: number; frames: number; seconds: number; fps: number; webgl: string }>;
    benchLayout(nodes: number, edges: number, maxMs: number): Promise<{ nodes: number; edges: number; ms: number; stable: boolean }>;
  }
}

window.benchCanvas = async (nodes, edges, seconds) => {
  const view = generate(nodes, edges, Math.ceil(nodes / 100), 7);
  const graph = toCanvasGraph(view, 'kind');
  // A precomputed layout (clusters on a grid), as the measured notes advise for big graphs.
  const side = Math.ceil(Math.sqrt(Math.ceil(nodes / 100)));
  graph.forEachNode((node, a) => {
    const c = a.community ?? 0;
    const r = rng(Number(node.slice(1)) + 1);
    graph.mergeNodeAttributes(node, { x: (c % side) * 100 + r() * 60, y: Math.floor(c / side) * 100 + r() * 60 });
  });
  const container = document.getElementById('stage')!;
  const t0 = performance.now();
  // The settings NetworkCanvas uses for a graph of this size.
  const renderer = new Sigma(graph, container, { renderEdgeLabels: false, labelRenderedSizeThreshold: 9, hideEdgesOnMove: graph.size > 20_000, hideLabelsOnMove: graph.order > 20_000, zIndex: true });
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const firstFrameMs = performance.now() - t0;
  const gl = (renderer.getCanvases().nodes.getContext('webgl2') ?? renderer.getCanvases().nodes.getContext('webgl')) as WebGLRenderingContext | null;
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const webgl = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  const camera = renderer.getCamera();
  let frames = 0;
  let panning = true;
  const start = performance.now();
  const count = () => {
    frames++;
    if (panning) requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  // A pan as a drag does it: the camera animates, so sigma treats the view as moving.
  for (let leg = 0; performance.now() - start < seconds * 1000; leg++) {
    await camera.animate({ x: 0.5 + 0.3 * Math.sin(leg), y: 0.5 + 0.3 * Math.cos(leg), ratio: 0.6 }, { duration: 1000, easing: 'linear' });
  }
  panning = false;
  const secondsRun = (performance.now() - start) / 1000;
  renderer.kill();
  return { nodes: graph.order, edges: graph.size, firstFrameMs: Math.round(firstFrameMs), frames, seconds: secondsRun, fps: frames / secondsRun, webgl };
};

window.benchLayout = async (nodes, edges, maxMs) => {
  const graph = toCanvasGraph(generate(nodes, edges, Math.ceil(nodes / 250), 11), 'kind');
  const run = runLayout(graph, { maxMs });
  const { ms, stable } = await run.done;
  return { nodes: graph.order, edges: graph.size, ms, stable };
};
