import { normalizeText } from '@shared/text/normalize';

/*
 * Near-duplicate content pairs for matrix.coordinated_duplicates: character 3-gram sets of the
 * normalised title+text, Jaccard ≥ 0.8, published at most 24 hours apart.
 *
 * Candidates come from one-permutation MinHash (one hash per 3-gram, BINS bins, empty bins
 * filled by rotation) split into BANDS bands of ROWS bins; two contents become a candidate pair
 * when any band agrees. Contents stream in time order and the band buckets only hold the last
 * 24 hours, so memory follows the busiest day, not the package. Every candidate pair is then
 * verified exactly on the gram sets, so the scheme can only miss pairs, never invent them; a
 * pair at Jaccard 0.8 is missed with probability (1 − 0.8^ROWS)^BANDS ≈ 4·10⁻⁵, and a burst of
 * three or more contents is held together by several pairs.
 */

export const JACCARD_MIN = 0.8;
export const MIN_CHARS = 20;
export const WINDOW_SECONDS = 86_400;

const ROWS = 3;
const BANDS = 14;
const BINS = ROWS * BANDS;

export interface DuplicateInput {
  contentId: string;
  accountId: string;
  /** Seconds of the stored UTC+8 digits; only differences matter. */
  time: number;
  publishedAt: string;
  srcRow: number;
  title: string | null;
  text: string | null;
}

export interface ContentNode {
  index: number;
  contentId: string;
  accountId: string;
  time: number;
  publishedAt: string;
  srcRow: number;
}

export interface DuplicatePair {
  a: number;
  b: number;
  jaccard: number;
}

interface WindowEntry {
  node: ContentNode;
  codes: number[];
  grams?: Float64Array;
}

/** Code points of a normalised text (surrogate pairs joined). */
function codePoints(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

/** The exact 3-gram set as sorted unique numbers: code points map to dense ids (< 2^17), three ids pack exactly below 2^53. */
function gramSet(codes: number[]): Float64Array {
  const grams = new Float64Array(codes.length - 2);
  for (let i = 0; i + 2 < codes.length; i++) grams[i] = denseId(codes[i]) * 17179869184 + denseId(codes[i + 1]) * 131072 + denseId(codes[i + 2]);
  grams.sort();
  let n = 0;
  for (let i = 0; i < grams.length; i++) if (i === 0 || grams[i] !== grams[i - 1]) grams[n++] = grams[i];
  return grams.subarray(0, n);
}

const denseIds = new Map<number, number>();
function denseId(codePoint: number): number {
  let id = denseIds.get(codePoint);
  if (id === undefined) {
    id = denseIds.size;
    denseIds.set(codePoint, id);
  }
  return id;
}

function intersectionSize(x: Float64Array, y: Float64Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      both++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return both;
}

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One-permutation MinHash band keys of a code-point sequence (≥ 3 code points). */
function bandKeys(codes: number[]): number[] {
  const mins = new Uint32Array(BINS).fill(0xffffffff);
  const filled = new Uint8Array(BINS);
  for (let i = 0; i + 2 < codes.length; i++) {
    const h = mix32(Math.imul(codes[i], 0x9e3779b1) ^ Math.imul(codes[i + 1], 0x85ebca77) ^ mix32(codes[i + 2] + 0x27d4eb2f));
    const bin = h % BINS;
    const value = mix32(h ^ 0x5bd1e995);
    if (value < mins[bin] || !filled[bin]) {
      mins[bin] = value;
      filled[bin] = 1;
    }
  }
  // Rotation densification: an empty bin takes the next filled bin's value, offset by the distance.
  const dense = new Uint32Array(BINS);
  for (let bin = 0; bin < BINS; bin++) {
    let from = bin;
    let distance = 0;
    while (!filled[from]) {
      from = (from + 1) % BINS;
      distance++;
    }
    dense[bin] = distance === 0 ? mins[from] : mix32(mins[from] + distance * 0x9e3779b1);
  }
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = band + 1;
    for (let r = 0; r < ROWS; r++) h = mix32(h ^ Math.imul(dense[band * ROWS + r], 0xcc9e2d51));
    keys.push(h);
  }
  return keys;
}

/**
 * Streams contents in published_at order and returns every pair with Jaccard ≥ 0.8 published at
 * most 24 hours apart, with the nodes that take part in a pair.
 */
export function findNearDuplicatePairs(
  contents: Iterable<DuplicateInput>,
  onProgress: (seen: number) => void = () => {},
): { nodes: Map<number, ContentNode>; pairs: DuplicatePair[] } {
  // window[i] is the content with stream index base + i (undefined: too short to take part).
  let window: (WindowEntry | undefined)[] = [];
  let base = 0;
  let live = 0; // stream index of the oldest content still within 24 hours
  const buckets: Map<number, number[]>[] = Array.from({ length: BANDS }, () => new Map());
  const nodes = new Map<number, ContentNode>();
  const pairs: DuplicatePair[] = [];
  let current = -1;
  const gramsOf = (entry: WindowEntry) => (entry.grams ??= gramSet(entry.codes));

  for (const input of contents) {
    current++;
    if (current % 65_536 === 0) {
      onProgress(current);
      if (live - base > 100_000) {
        // Forget what left the window: the array prefix and the buckets that hold only old contents.
        window = window.slice(live - base);
        base = live;
        for (const map of buckets) for (const [key, bucket] of map) if (bucket[bucket.length - 1] < live) map.delete(key);
      }
    }
    while (live < current) {
      const oldest = window[live - base];
      if (oldest !== undefined && oldest.node.time >= input.time - WINDOW_SECONDS) break;
      live++;
    }
    const codes = codePoints(normalizeText((input.title ?? '') + (input.text ?? '')));
    if (codes.length < MIN_CHARS) {
      window.push(undefined);
      continue;
    }
    const keys = bandKeys(codes);
    const entry: WindowEntry = {
      node: { index: current, contentId: input.contentId, accountId: input.accountId, time: input.time, publishedAt: input.publishedAt, srcRow: input.srcRow },
      codes,
    };
    const candidates = new Set<number>();
    for (let band = 0; band < BANDS; band++) {
      const bucket = buckets[band].get(keys[band]);
      if (!bucket) {
        buckets[band].set(keys[band], [current]);
        continue;
      }
      let keep = 0;
      for (const other of bucket) {
        if (other < live) continue;
        bucket[keep++] = other;
        candidates.add(other);
      }
      bucket.length = keep;
      bucket.push(current);
    }
    for (const other of candidates) {
      const otherEntry = window[other - base]!;
      const x = gramsOf(otherEntry);
      const y = gramsOf(entry);
      const both = intersectionSize(x, y);
      // Jaccard ≥ 0.8 in integers: 5 · |A ∩ B| ≥ 4 · |A ∪ B|.
      if (5 * both >= 4 * (x.length + y.length - both)) {
        const similarity = both / (x.length + y.length - both);
        pairs.push({ a: other, b: current, jaccard: similarity });
        nodes.set(other, otherEntry.node);
        nodes.set(current, entry.node);
      }
    }
    window.push(entry);
  }
  return { nodes, pairs };
}
