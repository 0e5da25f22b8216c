import { normalizedCodePoints } from './fast-normalize';

/*
 * Near-duplicate content pairs for matrix.coordinated_duplicates, exactly: every pair of
 * contents whose normalised title+text are ≥ 20 characters, whose character 3-gram sets have
 * Jaccard ≥ 0.8, and which were published at most 24 hours apart — and no other pair.
 *
 * 3-grams get dense integer ids from a dictionary keyed on their three code points (63 bits),
 * so two different 3-grams never share an id: the id sets are the 3-gram sets and the Jaccard
 * computed on them is exact.
 *
 * Candidates come from a partition (pigeonhole) filter with one-deletion keys:
 * - Jaccard ≥ 0.8 ⇔ |x ∩ y| ≥ α = ⌈4(|x| + |y|)/9⌉, so the symmetric difference
 *   |x Δ y| = |x| + |y| − 2|x ∩ y| is at most H = ⌊2L/9⌋ for L = max(|x|, |y|).
 * - The 3-gram universe is split into m = ⌊H/2⌋ + 1 parts, each part into SUBPARTS cells (a
 *   fixed hash of the id picks the cell). If every part held ≥ 2 differing 3-grams there would
 *   be ≥ 2m > H of them, so on some part x and y differ in at most one 3-gram, i.e. in at most
 *   one cell; leaving that cell out, their parts are equal.
 * - So each content is filed under, and looks up, one key per (part, cell left out): the hash
 *   of its 3-grams in the part minus that cell. Equal sets have equal keys, so no pair is
 *   missed; a key collision only adds a candidate, and every candidate is verified exactly.
 * - m depends on L, so sizes go in classes (tops growing by 5/4) and a pair is looked for in the
 *   class of L. By the length filter (5·|smaller| ≥ 4·|larger|) L lies in [n, 5n/4] for both
 *   sizes n of the pair, so each content covers the classes meeting [n, ⌊5n/4⌋] (usually two).
 *
 * Prefix filtering (AllPairs / PPJoin, rarest 3-grams first) and a plain m = H + 1 partition
 * were measured first and are far slower here: generated texts are assembled from a few hundred
 * phrases (19,099 distinct 3-grams in 300,000 contents), so even the rarest prefix 3-grams, or a
 * part of four 3-grams, are shared with ~1 % of the window. A key over ~6 3-grams from several
 * phrases is shared with far fewer contents (docs/rules.md has the measurements).
 *
 * Contents stream in published_at order through a sliding 24-hour window: memory follows the
 * busiest day, not the package (the dictionary grows with the distinct 3-grams of the package).
 */

export const MIN_CHARS = 20;
export const WINDOW_SECONDS = 86_400;
/** Cells per part: more cells make each key cover more of the part (fewer false candidates) but add keys. */
const SUBPARTS = 4;
const HEAD_BITS = 22;
const POSTING = 4;

export interface DuplicateInput {
  /** Identifies the content in the pairs (the rule passes the row id). */
  id: number;
  /** Seconds of the stored UTC+8 digits; only differences matter. Non-decreasing along the stream. */
  time: number;
  title: string | null;
  text: string | null;
}

export interface DuplicatePair {
  /** Ids of the two contents, the earlier one in the stream first. */
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

/** Size classes: class c holds the sizes in (top[c − 1], top[c]]; tops grow by 5/4, so [n, 5n/4] meets at most three. */
const classTops: number[] = [4];
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
/** Parts of a class: ⌊H/2⌋ + 1 for the largest symmetric difference H = ⌊2·top/9⌋ a matching pair of its sizes can have. */
const partsOfClass = (c: number) => Math.floor(Math.floor((2 * classTops[c]) / 9) / 2) + 1;

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

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Cell (part · SUBPARTS + cell in the part) of a 3-gram id in an m-part split: a fixed hash of the id, scaled to [0, m · SUBPARTS). */
const cellOf = (id: number, m: number) => Math.floor((mix32(Math.imul(id, 0x9e3779b1) + 0x632be5ab) * (m * SUBPARTS)) / 4294967296);
/** What a 3-gram adds to a key: keys are 32-bit sums over 3-grams (order-free). */
const valueOf = (id: number) => mix32(id ^ 0x5bd1e995);
/** The key of a part without one of its cells: class, the cell left out, and the sum of the rest. */
const cellKey = (c: number, cell: number, sum: number) => mix32((sum ^ mix32((c << 20) + cell + 1)) >>> 0) | 0;

function grown(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Streams contents in published_at order and returns every pair with Jaccard ≥ 0.8 published at
 * most 24 hours apart, in stream order (by b, then a).
 */
export function findNearDuplicatePairs(contents: Iterable<DuplicateInput>, onProgress: (seen: number) => void = () => {}): DuplicatePair[] {
  const dict = new GramDictionary();
  /** mark[id] = slot of the content being processed when it has that 3-gram (dedupe and verification). */
  let mark = new Int32Array(1 << 16).fill(-1);
  /** head[key & headMask]: the newest posting (global number) filed under a key of that bucket, or −1; postings link to older ones. */
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
  let wId = new Float64Array(capacity);
  let wSize = new Int32Array(capacity);
  let wOffset = new Int32Array(capacity);
  let wFirstPosting = new Int32Array(capacity);
  let wStamp = new Int32Array(capacity).fill(-1);

  /*
   * Postings (one per filed key), numbered globally, stored at number − postingBase; same
   * compaction. Four ints each (key, next posting, slot, unused), so a step of a list walk
   * touches one cache line: the walks are random accesses and dominate the time.
   */
  let postingCapacity = 1 << 16;
  let postingBase = 0;
  let postings = 0;
  let post = new Int32Array(postingCapacity * POSTING);

  /* The 3-gram ids of the window's contents, back to back; compacted the same way. */
  let arena = new Int32Array(1 << 18);
  let arenaEnd = 0;

  let codes: Uint32Array = new Uint32Array(1024);
  let ids = new Int32Array(1024);
  let keys = new Int32Array(256);
  let sums = new Uint32Array(64);
  let candidates = new Int32Array(1024);
  const pairs: DuplicatePair[] = [];

  const compactWindow = () => {
    const count = slots - live;
    const from = live - base;
    if (count * 2 > capacity) {
      const bigger = capacity * 2;
      const grow = <T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(old: T, make: (n: number) => T): T => {
        const fresh = make(bigger);
        fresh.set(old.subarray(from, from + count));
        return fresh;
      };
      wTime = grow(wTime, (n) => new Float64Array(n));
      wId = grow(wId, (n) => new Float64Array(n));
      wSize = grow(wSize, (n) => new Int32Array(n));
      wOffset = grow(wOffset, (n) => new Int32Array(n));
      wFirstPosting = grow(wFirstPosting, (n) => new Int32Array(n));
      wStamp = grow(wStamp, (n) => new Int32Array(n).fill(-1));
      capacity = bigger;
    } else {
      for (const array of [wTime, wId, wSize, wOffset, wFirstPosting, wStamp]) array.copyWithin(0, from, from + count);
    }
    base = live;
  };

  const compactPostings = (firstLive: number, needed: number) => {
    const count = postings - firstLive;
    const from = firstLive - postingBase;
    if ((count + needed) * 2 > postingCapacity) {
      postingCapacity = Math.max(postingCapacity * 2, (count + needed) * 2);
      const fresh = new Int32Array(postingCapacity * POSTING);
      fresh.set(post.subarray(from * POSTING, (from + count) * POSTING));
      post = fresh;
    } else post.copyWithin(0, from * POSTING, (from + count) * POSTING);
    postingBase = firstLive;
    // Posting numbers live in 32-bit arrays: renumber from 0 before they could overflow.
    if (postings > 1 << 30) {
      const shift = postingBase;
      for (let i = 0; i < head.length; i++) head[i] = head[i] >= shift ? head[i] - shift : -1;
      for (let at = 1; at < count * POSTING; at += POSTING) post[at] = post[at] >= shift ? post[at] - shift : -1;
      for (let s = live; s < slots; s++) wFirstPosting[s - base] -= shift;
      postings -= shift;
      postingBase = 0;
    }
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

  let seen = 0;
  let lastTime = -Infinity;
  for (const input of contents) {
    if ((seen++ & 8191) === 0) onProgress(seen - 1);
    const time = input.time;
    if (time < lastTime) throw new Error(`内容未按发布时间排序：第 ${seen} 条（${input.id}）`);
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

    // The keys of every class the content covers: per part, the part without each of its cells in turn.
    let keyCount = 0;
    for (let c = classOf(n), last = classOf(Math.floor((5 * n) / 4)); c <= last; c++) {
      const m = partsOfClass(c);
      const cells = m * SUBPARTS;
      if (sums.length < cells) sums = new Uint32Array(cells * 2);
      sums.fill(0, 0, cells);
      for (let i = 0; i < n; i++) {
        const cell = cellOf(ids[i], m);
        sums[cell] = (sums[cell] + valueOf(ids[i])) >>> 0;
      }
      if (keys.length < keyCount + cells) keys = grown(keys, keyCount + cells);
      for (let part = 0; part < cells; part += SUBPARTS) {
        let whole = 0;
        for (let j = part; j < part + SUBPARTS; j++) whole = (whole + sums[j]) >>> 0;
        for (let j = part; j < part + SUBPARTS; j++) keys[keyCount++] = cellKey(c, j, (whole - sums[j]) >>> 0);
      }
    }

    while (live < slots && wTime[live - base] < time - WINDOW_SECONDS) live++;
    const firstLivePosting = live < slots ? wFirstPosting[live - base] : postings;

    // Candidates: window contents filed under one of the same keys, of a compatible size.
    let candidateCount = 0;
    for (let k = 0; k < keyCount; k++) {
      const key = keys[k];
      for (let p = head[key & headMask]; p >= firstLivePosting; p = post[(p - postingBase) * POSTING + 1]) {
        const at = (p - postingBase) * POSTING;
        if (post[at] !== key) continue;
        const y = post[at + 2] - base;
        if (wStamp[y] === stamp || !sizesCompatible(n, wSize[y])) continue;
        wStamp[y] = stamp;
        if (candidateCount === candidates.length) candidates = grown(candidates, candidateCount + 1);
        candidates[candidateCount++] = y;
      }
    }

    // Verification on the full sets: count the candidate's 3-grams that carry this content's mark.
    for (let c = 0; c < candidateCount; c++) {
      const y = candidates[c];
      const ny = wSize[y];
      const alpha = requiredOverlap(n, ny);
      const end = wOffset[y] + ny;
      let shared = 0;
      for (let j = wOffset[y]; j < end && shared + (end - j) >= alpha; j++) if (mark[arena[j]] === stamp) shared++;
      if (shared >= alpha) pairs.push({ a: wId[y], b: input.id, shared, union: n + ny - shared });
    }

    // File the content: its ids and one posting per key.
    if (slots - base === capacity) compactWindow();
    if (postings + keyCount - postingBase > postingCapacity) compactPostings(firstLivePosting, keyCount);
    if (arenaEnd + n > arena.length) compactArena(n);
    const w = slots - base;
    wTime[w] = time;
    wId[w] = input.id;
    wSize[w] = n;
    wOffset[w] = arenaEnd;
    wFirstPosting[w] = postings;
    wStamp[w] = -1;
    arena.set(ids.subarray(0, n), arenaEnd);
    arenaEnd += n;
    for (let k = 0; k < keyCount; k++) {
      const key = keys[k];
      const at = (postings - postingBase) * POSTING;
      post[at] = key;
      post[at + 1] = head[key & headMask];
      post[at + 2] = slots;
      head[key & headMask] = postings++;
    }
    slots++;
  }
  return pairs;
}
