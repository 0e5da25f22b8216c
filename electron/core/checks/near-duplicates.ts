import { normalizedCodePoints } from './fast-normalize';

/*
 * Near-duplicate content pairs for matrix.coordinated_duplicates, exactly: every pair of
 * contents whose normalised title+text are ≥ 20 characters, whose character 3-gram sets have
 * Jaccard ≥ 0.8, and which were published at most 24 hours apart — and no other pair.
 *
 * 3-grams get dense integer ids from a dictionary keyed on their three code points (63 bits,
 * so two different 3-grams never share an id): the id sets are the 3-gram sets, and the
 * Jaccard computed on them is exact.
 *
 * Candidates: a partition (pigeonhole) filter. Jaccard ≥ 0.8 ⇔ |x ∩ y| ≥ α = ⌈4(|x| + |y|)/9⌉,
 * so the symmetric difference |x Δ y| = |x| + |y| − 2|x ∩ y| is at most (|x| + |y|)/9, at most
 * 2L/9 for L = max(|x|, |y|). Split the 3-gram universe into m = ⌊2·top/9⌋ + 1 parts (a fixed
 * hash of the id picks the part) for every L up to `top`: at most m − 1 differing 3-grams touch
 * at most m − 1 parts, so x and y are EQUAL on at least one part. Each content is filed under
 * (class, part, hash of its 3-grams in that part) for every part, and looks up the same keys.
 * Sizes go in classes (tops growing by 5/4); a pair is found in the class of its larger size L,
 * which lies in [|x|, 5|x|/4] and [|y|, 5|y|/4] (length filter: 5·|smaller| ≥ 4·|larger|), so
 * each content covers the one to three classes meeting [n, 5n/4]. Prefix filtering (AllPairs /
 * PPJoin) was measured first and fails here: generated texts are built from a few hundred
 * phrases (19,099 distinct 3-grams in 300,000 contents), so even the rarest prefix tokens sit in
 * about 1 % of the window and the candidates grow with the square of the package.
 *
 * A hash collision on a part key only adds a candidate; every candidate is verified exactly on
 * the id sets (α in integers: 9·|x ∩ y| ≥ 4·(|x| + |y|)), so nothing is invented and, equal
 * parts having equal keys, nothing is missed. Contents stream in published_at order through a
 * sliding 24-hour window: memory follows the busiest day, not the package (the dictionary grows
 * with the distinct 3-grams of the package).
 */

export const MIN_CHARS = 20;
export const WINDOW_SECONDS = 86_400;

export interface DuplicateInput {
  contentId: string;
  accountId: string;
  /** Seconds of the stored UTC+8 digits; only differences matter. Non-decreasing along the stream. */
  time: number;
  publishedAt: string;
  srcRow: number;
  title: string | null;
  text: string | null;
}

export interface ContentNode {
  /** Position of the content in the stream (all contents, short ones included). */
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
  /** |A ∩ B| and |A ∪ B| of the 3-gram sets (the Jaccard similarity is their quotient). */
  shared: number;
  union: number;
}

/** α = ⌈4(x + y)/9⌉: the overlap two sets of these sizes need for Jaccard ≥ 0.8 (5·I ≥ 4·(x + y − I) ⇔ 9·I ≥ 4·(x + y)). */
export const requiredOverlap = (x: number, y: number) => Math.floor((4 * (x + y) + 8) / 9);
/** Length filter: Jaccard ≥ 0.8 needs 5·|smaller| ≥ 4·|larger|. */
export const sizesCompatible = (x: number, y: number) => 5 * x >= 4 * y && 5 * y >= 4 * x;

/** Size classes: class c holds the sizes in (top[c − 1], top[c]]; tops grow by 5/4 so [n, 5n/4] meets at most three. */
const classTops: number[] = [4];
/** class of each size (index = size), extended on demand. */
let classBySize = new Uint8Array(0);
function classOf(size: number): number {
  if (size >= classBySize.length) {
    while (classTops[classTops.length - 1] < size) {
      const top = classTops[classTops.length - 1];
      classTops.push(Math.max(top + 1, Math.floor((top * 5) / 4)));
    }
    const bySize = new Uint8Array(classTops[classTops.length - 1] + 1);
    for (let c = 0, s = 0; s < bySize.length; s++) {
      if (s > classTops[c]) c++;
      bySize[s] = c;
    }
    classBySize = bySize;
  }
  return classBySize[size];
}
/** Parts of a class: one more than the largest symmetric difference two matching sets of its sizes can have. */
export const partsOfClass = (c: number) => Math.floor(Math.floor((2 * classTops[c]) / 9) / 2) + 1;
/** The classes a set of n 3-grams is filed and looked up under: those meeting [n, ⌊5n/4⌋]. */
export function classesOf(n: number): [number, number] {
  return [classOf(n), classOf(Math.floor((5 * n) / 4))];
}
/** The largest size of a class (for tests). */
export const classTop = (c: number) => classTops[c];

/**
 * Dense ids for 3-grams, keyed on their code points (each < 0x110000, 21 bits): the 63 bits are
 * split over two 32-bit keys, so the mapping is injective. Open addressing on typed arrays.
 */
export class GramDictionary {
  private keyA = new Int32Array(1 << 16);
  private keyB = new Int32Array(1 << 16);
  /** id + 1; 0 marks an empty slot. */
  private slots = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  id(c0: number, c1: number, c2: number): number {
    const a = c0 | (c1 << 21);
    const b = (c1 >>> 11) | (c2 << 10);
    let slot = mix32(Math.imul(a, 0x9e3779b1) ^ b) & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) break;
      if (this.keyA[slot] === a && this.keyB[slot] === b) return v - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.keyA[slot] = a;
    this.keyB[slot] = b;
    this.slots[slot] = id + 1;
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const { keyA, keyB, slots } = this;
    const capacity = slots.length * 2;
    this.keyA = new Int32Array(capacity);
    this.keyB = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === 0) continue;
      let slot = mix32(Math.imul(keyA[i], 0x9e3779b1) ^ keyB[i]) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keyA[slot] = keyA[i];
      this.keyB[slot] = keyB[i];
      this.slots[slot] = slots[i];
    }
  }
}

export function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const SUBPARTS = Number(process.env.SUBPARTS ?? 4);
/** Part and sub-part of a 3-gram id in an m-part split, as one cell number part · SUBPARTS + sub-part: a fixed hash of the id, scaled. */
export const cellOf = (id: number, m: number) => Math.floor((mix32(Math.imul(id, 0x9e3779b1) + 0x632be5ab) * (m * SUBPARTS)) / 4294967296);
/** What a 3-gram adds to its part's key: the key of a part is the 32-bit sum over its 3-grams (order-free). */
const valueOf = (id: number) => mix32(id ^ 0x5bd1e995);
/** The key of a part without one of its sub-parts: class, cell left out and the sum of the rest. */
const cellKey = (c: number, cell: number, sum: number) => mix32((sum ^ mix32((c << 20) + cell + 1)) >>> 0) | 0;

const HEAD_BITS = 22;

function grown(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Streams contents in published_at order and returns every pair with Jaccard ≥ 0.8 published at
 * most 24 hours apart (pairs sorted by a, then b; a < b), with the nodes that take part in a pair.
 */
export function findNearDuplicatePairs(
  contents: Iterable<DuplicateInput>,
  onProgress: (seen: number) => void = () => {},
): { nodes: Map<number, ContentNode>; pairs: DuplicatePair[] } {
  const dict = new GramDictionary();
  /** mark[id] = slot of the content being processed when it has that 3-gram (dedupe and verification). */
  let mark = new Int32Array(1 << 16).fill(-1);
  /** head[key & mask]: the newest posting (global number) filed under a key in that bucket, or −1. */
  const headMask = (1 << HEAD_BITS) - 1;
  const head = new Int32Array(1 << HEAD_BITS).fill(-1);

  /*
   * The window: contents long enough to take part, numbered in stream order ("slot"), stored at
   * slot − base. Slots before `live` are older than 24 hours. When the arrays fill up, the live
   * part moves to the front (and the arrays double when it fills more than half).
   */
  let capacity = 1 << 12;
  let base = 0;
  let live = 0;
  let slots = 0;
  let wTime = new Float64Array(capacity);
  let wIndex = new Float64Array(capacity);
  let wSize = new Int32Array(capacity);
  let wOffset = new Int32Array(capacity);
  let wFirstPosting = new Int32Array(capacity);
  let wStamp = new Int32Array(capacity).fill(-1);
  let wInput: DuplicateInput[] = [];

  /* Postings (one per filed part key), numbered globally, stored at number − postingBase; same compaction. */
  let postingCapacity = 1 << 16;
  let postingBase = 0;
  let postings = 0;
  let pSlot = new Int32Array(postingCapacity);
  let pKey = new Int32Array(postingCapacity);
  let pNext = new Int32Array(postingCapacity);

  /* The 3-gram ids of the window's contents, back to back; compacted the same way. */
  let arena = new Int32Array(1 << 18);
  let arenaEnd = 0;

  let codes: Uint32Array = new Uint32Array(1024);
  let ids = new Int32Array(1024);
  let keys = new Int32Array(256);
  let sums = new Uint32Array(64);
  let candidates = new Int32Array(1024);
  const nodes = new Map<number, ContentNode>();
  const pairs: DuplicatePair[] = [];
  const nodeOf = (input: DuplicateInput, index: number) => {
    if (!nodes.has(index)) {
      nodes.set(index, { index, contentId: input.contentId, accountId: input.accountId, time: input.time, publishedAt: input.publishedAt, srcRow: input.srcRow });
    }
  };

  const compactWindow = () => {
    const count = slots - live;
    const from = live - base;
    if (count * 2 > capacity) {
      const bigger = capacity * 2;
      const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
        const fresh = make(bigger);
        fresh.set(old.subarray(from, from + count));
        return fresh;
      };
      wTime = grow(wTime, (n) => new Float64Array(n));
      wIndex = grow(wIndex, (n) => new Float64Array(n));
      wSize = grow(wSize, (n) => new Int32Array(n));
      wOffset = grow(wOffset, (n) => new Int32Array(n));
      wFirstPosting = grow(wFirstPosting, (n) => new Int32Array(n));
      wStamp = grow(wStamp, (n) => new Int32Array(n).fill(-1));
      capacity = bigger;
    } else {
      for (const array of [wTime, wIndex, wSize, wOffset, wFirstPosting, wStamp]) array.copyWithin(0, from, from + count);
    }
    wInput = wInput.slice(from, from + count);
    base = live;
  };

  const compactPostings = (firstLive: number, needed: number) => {
    const count = postings - firstLive;
    const from = firstLive - postingBase;
    if ((count + needed) * 2 > postingCapacity) {
      postingCapacity = Math.max(postingCapacity * 2, (count + needed) * 2);
      const move = (old: Int32Array) => {
        const fresh = new Int32Array(postingCapacity);
        fresh.set(old.subarray(from, from + count));
        return fresh;
      };
      pSlot = move(pSlot);
      pKey = move(pKey);
      pNext = move(pNext);
    } else {
      for (const array of [pSlot, pKey, pNext]) array.copyWithin(0, from, from + count);
    }
    postingBase = firstLive;
  };

  const compactArena = (needed: number) => {
    const from = live < slots ? wOffset[live - base] : arenaEnd;
    const count = arenaEnd - from;
    if ((count + needed) * 2 > arena.length) {
      const fresh = new Int32Array(Math.max(arena.length * 2, (count + needed) * 2));
      fresh.set(arena.subarray(from, arenaEnd));
      arena = fresh;
    } else arena.copyWithin(0, from, arenaEnd);
    for (let s = live; s < slots; s++) wOffset[s - base] -= from;
    arenaEnd = count;
  };

  let index = -1;
  let lastTime = -Infinity;
  for (const input of contents) {
    index++;
    if ((index & 8191) === 0) onProgress(index);
    const time = input.time;
    if (time < lastTime) throw new Error(`内容未按发布时间排序：${input.contentId}（${input.publishedAt}）`);
    lastTime = time;

    const normalized = normalizedCodePoints((input.title ?? '') + (input.text ?? ''), codes);
    codes = normalized.codes;
    const length = normalized.length;
    if (length < MIN_CHARS) continue;

    // The distinct 3-gram ids, marked with this content's slot.
    const stamp = slots;
    if (ids.length < length) ids = new Int32Array(length * 2);
    let n = 0;
    for (let i = 0; i + 2 < length; i++) {
      const id = dict.id(codes[i], codes[i + 1], codes[i + 2]);
      if (id >= mark.length) {
        const bigger = new Int32Array(mark.length * 2).fill(-1);
        bigger.set(mark);
        mark = bigger;
      }
      if (mark[id] !== stamp) {
        mark[id] = stamp;
        ids[n++] = id;
      }
    }

    // The keys of every class the content covers: per part, the part without each of its sub-parts in turn.
    const [firstClass, lastClass] = classesOf(n);
    let keyCount = 0;
    for (let c = firstClass; c <= lastClass; c++) {
      const m = partsOfClass(c);
      if (sums.length < m * SUBPARTS) sums = new Uint32Array(m * SUBPARTS * 2);
      sums.fill(0, 0, m * SUBPARTS);
      for (let i = 0; i < n; i++) {
        const at = cellOf(ids[i], m);
        sums[at] = (sums[at] + valueOf(ids[i])) >>> 0;
      }
      if (keys.length < keyCount + m * SUBPARTS) keys = grown(keys, keyCount + m * SUBPARTS);
      for (let part = 0; part < m; part++) {
        let whole = 0;
        for (let j = 0; j < SUBPARTS; j++) whole = (whole + sums[part * SUBPARTS + j]) >>> 0;
        for (let j = 0; j < SUBPARTS; j++) keys[keyCount++] = cellKey(c, part * SUBPARTS + j, (whole - sums[part * SUBPARTS + j]) >>> 0);
      }
    }

    while (live < slots && wTime[live - base] < time - WINDOW_SECONDS) live++;
    const firstLivePosting = live < slots ? wFirstPosting[live - base] : postings;

    // Candidates: window contents filed under one of the same keys, of a compatible size.
    let candidateCount = 0;
    for (let k = 0; k < keyCount; k++) {
      const key = keys[k];
      for (let p = head[key & headMask]; p >= firstLivePosting; p = pNext[p - postingBase]) {
        const at = p - postingBase;
        if (pKey[at] !== key) continue;
        const y = pSlot[at] - base;
        if (wStamp[y] === stamp || !sizesCompatible(n, wSize[y])) continue;
        wStamp[y] = stamp;
        if (candidateCount === candidates.length) candidates = grown(candidates, candidateCount + 1);
        candidates[candidateCount++] = y;
      }
    }

    // Verification on the full sets: count y's 3-grams that carry this content's mark.
    for (let c = 0; c < candidateCount; c++) {
      const y = candidates[c];
      const ny = wSize[y];
      const alpha = requiredOverlap(n, ny);
      const from = wOffset[y];
      const end = from + ny;
      let shared = 0;
      for (let j = from; j < end && shared + (end - j) >= alpha; j++) if (mark[arena[j]] === stamp) shared++;
      if (shared >= alpha) {
        nodeOf(wInput[y], wIndex[y]);
        nodeOf(input, index);
        pairs.push({ a: wIndex[y], b: index, shared, union: n + ny - shared });
      }
    }

    // File the content: its ids and one posting per key.
    if (slots - base === capacity) compactWindow();
    if (postings + keyCount - postingBase > postingCapacity) compactPostings(firstLivePosting, keyCount);
    if (arenaEnd + n > arena.length) compactArena(n);
    const w = slots - base;
    wTime[w] = time;
    wIndex[w] = index;
    wSize[w] = n;
    wOffset[w] = arenaEnd;
    wFirstPosting[w] = postings;
    wStamp[w] = -1;
    wInput[w] = input;
    arena.set(ids.subarray(0, n), arenaEnd);
    arenaEnd += n;
    for (let k = 0; k < keyCount; k++) {
      const key = keys[k];
      const at = postings - postingBase;
      pSlot[at] = slots;
      pKey[at] = key;
      pNext[at] = head[key & headMask];
      head[key & headMask] = postings++;
    }
    slots++;
  }
  pairs.sort((p, q) => p.a - q.a || p.b - q.b);
  return { nodes, pairs };
}
