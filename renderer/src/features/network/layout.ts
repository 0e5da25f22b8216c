import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';

export interface LayoutRun {
  /** Resolves when the layout is stable, hit its time limit or was stopped; with the elapsed ms. */
  done: Promise<{ ms: number; stable: boolean }>;
  stop(): void;
}

/**
 * Runs ForceAtlas2 in a web worker (the page stays responsive) until the nodes stop moving:
 * the mean displacement between samples falls below `tolerance` of the graph's extent twice in
 * a row, counted only once the worker has moved them (its first iterations take a while).
 * The worker writes positions into the graph, which sigma redraws as they come.
 */
export function runLayout(graph: Graph, options: { maxMs?: number; sampleMs?: number; tolerance?: number } = {}): LayoutRun {
  const { maxMs = 15_000, sampleMs = 250, tolerance = 0.0015 } = options;
  const started = performance.now();
  if (graph.order < 2) return { done: Promise.resolve({ ms: 0, stable: true }), stop: () => undefined };
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 2000, adjustSizes: false };
  const layout = new FA2Layout(graph, { settings });
  let finish: (r: { ms: number; stable: boolean }) => void = () => undefined;
  const done = new Promise<{ ms: number; stable: boolean }>((resolve) => (finish = resolve));
  let previous = snapshot(graph);
  let timer: ReturnType<typeof setInterval> | null = null;
  let moved = false;
  let calm = 0;
  const end = (stable: boolean) => {
    if (timer === null) return;
    clearInterval(timer);
    timer = null;
    layout.kill();
    finish({ ms: Math.round(performance.now() - started), stable });
  };
  layout.start();
  timer = setInterval(() => {
    const current = snapshot(graph);
    const { meanMove, extent } = compare(previous, current);
    previous = current;
    if (meanMove > 0) moved = true;
    calm = moved && extent > 0 && meanMove / extent < tolerance ? calm + 1 : 0;
    if (calm >= 2) end(true);
    else if (performance.now() - started > maxMs) end(false);
  }, sampleMs);
  return { done, stop: () => end(false) };
}

function snapshot(graph: Graph): Float64Array {
  const xy = new Float64Array(graph.order * 2);
  let i = 0;
  graph.forEachNode((_node, a) => {
    xy[i++] = a.x as number;
    xy[i++] = a.y as number;
  });
  return xy;
}

function compare(a: Float64Array, b: Float64Array): { meanMove: number; extent: number } {
  let move = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < b.length; i += 2) {
    move += Math.hypot(b[i] - a[i], b[i + 1] - a[i + 1]);
    minX = Math.min(minX, b[i]);
    maxX = Math.max(maxX, b[i]);
    minY = Math.min(minY, b[i + 1]);
    maxY = Math.max(maxY, b[i + 1]);
  }
  return { meanMove: move / Math.max(1, b.length / 2), extent: Math.max(maxX - minX, maxY - minY) };
}
