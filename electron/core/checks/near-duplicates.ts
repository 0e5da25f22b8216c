import { normalizedCodePoints } from './fast-normalize';

/*
 * Near-duplicate content pairs for matrix.coordinated_duplicates: character 3-gram sets of the
 * normalised title+text, Jaccard ≥ 0.8, published at most 24 hours apart.
 *
 * Candidates come from one-permutation MinHash (one hash per 3-gram, BINS bins, empty bins
 * filled by rotation) split into BANDS bands of ROWS bins; two contents become a candidate pair
 * when any band agrees. Contents stream in time order and the band buckets only hold the last
 * 24 hours, so memory follows the busiest day, not the package. Every candidate pair is then
 * verified exactly on the gram sets, so the scheme can only miss pairs, never invent them; a
 * pair at Jaccard 0.8 is missed with probability (1 − 0.8^ROWS)^BANDS ≈ 2·10⁻⁴, and a burst of
 * three or more contents is held together by several pairs.
 */

export const JACCARD_MIN = 0.8;
export const MIN_CHARS = 20;
export const WINDOW_SECONDS = 86_400;

const ROWS = 4;
const BANDS = 16;
const BINS = ROWS * BANDS;
const SLOTS = 1 << 18;

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
  codes: Uint32Array;
  sig: Uint32Array;
  grams?: Float64Array;
}

/** The exact 3-gram set as sorted unique numbers: BMP code points pack three to a number below 2^51. */
function gramSet(codes: Uint32Array): Float64Array {
  const grams = new Float64Array(codes.length - 2);
  for (let i = 0; i + 2 < codes.length; i++) grams[i] = packed(codes[i]) * 17179869184 + packed(codes[i + 1]) * 131072 + packed(codes[i + 2]);
  grams.sort();
  let n = 0;
  for (let i = 0; i < grams.length; i++) if (i === 0 || grams[i] !== grams[i - 1]) grams[n++] = grams[i];
  return grams.subarray(0, n);
}

/** 17 bits per code point: BMP as is, the rare supplementary-plane code points interned above it. */
const supplementary = new Map<number, number>();
function packed(codePoint: number): number {
  if (codePoint < 0x10000) return codePoint;
  let id = supplementary.get(codePoint);
  if (id === undefined) {
    id = 0x10000 + supplementary.size;
    if (id >= 0x20000) throw new Error('三元组编码空间不足');
    supplementary.set(codePoint, id);
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

const scratchMins = new Uint32Array(BINS);
const scratchFilled = new Uint8Array(BINS);

/** One-permutation MinHash signature (BINS values) of a code-point sequence (≥ 3 code points). */
function signature(codes: Uint32Array): Uint32Array {
  const mins = scratchMins.fill(0xffffffff);
  const filled = scratchFilled.fill(0);
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
  return dense;
}

function bandKey(sig: Uint32Array, band: number): number {
  let h = band + 1;
  // Interleaved bins: densification copies a filled bin into its empty neighbours, so adjacent bins are correlated.
  for (let r = 0; r < ROWS; r++) h = mix32(h ^ Math.imul(sig[band + r * BANDS], 0xcc9e2d51));
  // 30 bits keep the key a small integer, which Map hashes far faster than a heap number.
  return h & 0x3fffffff;
}

/**
 * The share of equal signature values estimates the Jaccard similarity (standard deviation about
 * 0.05 at 0.8 with 64 values); a candidate estimated below 0.4 is more than five deviations from
 * 0.8 and skips the exact check.
 */
const ESTIMATE_MIN = Math.floor(0.4 * BINS);
function equalValues(x: Uint32Array, y: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (x[i] === y[i]) same++;
  return same;
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
  /*
   * Band buckets as chained hash tables on typed arrays: head[band][slot] is the newest content
   * whose band key falls in the slot, next[] links to the previous one. Chains run from new to
   * old, so a walk stops at the first content older than 24 hours and nothing is ever deleted;
   * per-content arrays are rings of `capacity` (more than the busiest 24 hours, grown if needed).
   */
  const head = new Int32Array(BANDS * SLOTS).fill(-1);
  let capacity = 1 << 16;
  let next = new Int32Array(BANDS * capacity);
  let keys = new Int32Array(BANDS * capacity);
  let seenBy = new Int32Array(capacity).fill(-1);
  const nodes = new Map<number, ContentNode>();
  const pairs: DuplicatePair[] = [];
  let current = -1;
  let buffer: Uint32Array = new Uint32Array(1024);
  const gramsOf = (entry: WindowEntry) => (entry.grams ??= gramSet(entry.codes));

  const grow = () => {
    const bigger = capacity * 2;
    const next2 = new Int32Array(BANDS * bigger);
    const keys2 = new Int32Array(BANDS * bigger);
    const seen2 = new Int32Array(bigger).fill(-1);
    for (let j = live; j < current; j++) {
      for (let band = 0; band < BANDS; band++) {
        next2[band * bigger + (j & (bigger - 1))] = next[band * capacity + (j & (capacity - 1))];
        keys2[band * bigger + (j & (bigger - 1))] = keys[band * capacity + (j & (capacity - 1))];
      }
    }
    capacity = bigger;
    next = next2;
    keys = keys2;
    seenBy = seen2;
  };

  for (const input of contents) {
    current++;
    if (current % 8192 === 0) {
      onProgress(current);
      if (live - base > 8192) {
        window = window.slice(live - base);
        base = live;
      }
    }
    while (live < current) {
      const oldest = window[live - base];
      if (oldest !== undefined && oldest.node.time >= input.time - WINDOW_SECONDS) break;
      live++;
    }
    if (current - live >= capacity) grow();
    const normalized = normalizedCodePoints((input.title ?? '') + (input.text ?? ''), buffer);
    buffer = normalized.codes;
    if (normalized.length < MIN_CHARS) {
      window.push(undefined);
      continue;
    }
    const codes = buffer.slice(0, normalized.length);
    const sig = signature(codes);
    const entry: WindowEntry = {
      node: { index: current, contentId: input.contentId, accountId: input.accountId, time: input.time, publishedAt: input.publishedAt, srcRow: input.srcRow },
      codes,
      sig,
    };
    const ring = current & (capacity - 1);
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(sig, band);
      const slot = band * SLOTS + (key & (SLOTS - 1));
      const rows = band * capacity;
      for (let other = head[slot]; other >= live; other = next[rows + (other & (capacity - 1))]) {
        const at = other & (capacity - 1);
        if (keys[rows + at] !== key || seenBy[at] === current) continue;
        seenBy[at] = current;
        const otherEntry = window[other - base]!;
        if (equalValues(otherEntry.sig, sig) < ESTIMATE_MIN) continue;
        const x = gramsOf(otherEntry);
        const y = gramsOf(entry);
        const both = intersectionSize(x, y);
        // Jaccard ≥ 0.8 in integers: 5 · |A ∩ B| ≥ 4 · |A ∪ B|.
        if (5 * both >= 4 * (x.length + y.length - both)) {
          pairs.push({ a: other, b: current, jaccard: both / (x.length + y.length - both) });
          nodes.set(other, otherEntry.node);
          nodes.set(current, entry.node);
        }
      }
      next[rows + ring] = head[slot];
      keys[rows + ring] = key;
      head[slot] = current;
    }
    seenBy[ring] = -1;
    window.push(entry);
  }
  pairs.sort((p, q) => p.a - q.a || p.b - q.b);
  return { nodes, pairs };
}
