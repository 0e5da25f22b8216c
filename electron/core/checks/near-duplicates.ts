import { normalizedCodePoints } from './fast-normalize';

/*
 * Near-duplicate content pairs for matrix.coordinated_duplicates, exactly: every pair of
 * contents whose normalised title+text are ≥ 20 characters, whose character 3-gram sets have
 * Jaccard ≥ 0.8, and which were published at most 24 hours apart — and no other pair.
 *
 * A 3-gram is its three code points (63 bits, so distinct 3-grams never compare equal). For the
 * filter each content's distinct 3-grams become 32-bit keys: a frequency bucket from a sample
 * (`GramOrder`; rare first) above a 27-bit hash. Distinct 3-grams may share a key, which can only
 * raise the overlap counted on keys (per key, the shared 3-grams are at most the smaller count),
 * so nothing is missed; every pair the keys pass is then recounted on the exact 3-grams.
 *
 * Candidates come from prefix filtering (AllPairs / PPJoin): with the keys in one order, a pair
 * with Jaccard ≥ 0.8 shares at least ⌈0.8·max(|x|, |y|)⌉ of them, so the first |x| − ⌈0.8·|x|⌉ + 1
 * keys of x and the first |y| − ⌈0.8·|y|⌉ + 1 of y meet. Each content is filed under its prefix
 * keys and looks up the same ones; a positional bound drops a candidate whose prefix matches,
 * plus every key after its last one, cannot reach the overlap, and the survivors are counted on
 * all their keys (the earlier content's keys looked up in a set of this one's). Rare keys first
 * keeps the lists short.
 *
 * Keys instead of dense 3-gram ids: a dictionary of every 3-gram of a million-account package
 * holds millions of entries, and a cache miss per 3-gram was most of the scan's time.
 *
 * Contents stream in published_at order through a sliding 24-hour window: memory follows the
 * busiest day, not the package.
 */

const MIN_CHARS = 20;
const WINDOW_SECONDS = 86_400;
/** Keys are (frequency bucket << HASH_BITS) | hash of the 3-gram, in 32 bits. */
const HASH_BITS = 27;
const HASH_MASK = (1 << HASH_BITS) - 1;
/** A posting's position in its content's key order, below its chain bit. */
const POSITION_MASK = (1 << 30) - 1;

export interface DuplicateInput {
  /** Identifies the content in the pairs (the rule passes the row id). */
  id: number;
  /** Seconds of the stored UTC+8 digits; only differences matter. Non-decreasing along the stream. */
  time: number;
  title: string | null;
  text: string | null;
  /** Filed for later contents but not compared with earlier ones (the lead-in of a parallel slice). */
  fileOnly?: boolean;
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
const requiredOverlap = (x: number, y: number) => Math.floor((4 * (x + y) + 8) / 9);
/** Length filter: Jaccard ≥ 0.8 needs 5·|smaller| ≥ 4·|larger|. */
const sizesCompatible = (x: number, y: number) => 5 * x >= 4 * y && 5 * y >= 4 * x;
/** Prefix length |x| − ⌈4|x|/5⌉ + 1. */
const prefixLength = (n: number) => n - Math.floor((4 * n + 4) / 5) + 1;
/**
 * Mid-prefix length |x| − ⌈8|x|/9⌉ + 1. Two sets of sizes x ≤ y need an overlap α = ⌈4(x + y)/9⌉ ≥
 * ⌈8x/9⌉, so their rarest shared key lies within the smaller one's mid-prefix.
 */
const midPrefixLength = (n: number) => n - Math.floor((8 * n + 8) / 9) + 1;

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The two 32-bit halves of a 3-gram's 63 bits (code points < 0x110000, 21 bits each). */
const gramHigh = (c0: number, c1: number) => c0 | (c1 << 21);
const gramLow = (c1: number, c2: number) => (c1 >>> 11) | (c2 << 10);
const gramHash = (high: number, low: number) => mix32(Math.imul(high, 0x9e3779b1) ^ low);

/**
 * 3-grams with a count each, by open addressing on their 63 bits: the sample's document frequencies.
 */
class GramTable {
  private table: Int32Array<ArrayBuffer>;
  private mask: number;
  size = 0;

  constructor(capacityBits = 10) {
    this.table = new Int32Array(4 << capacityBits);
    this.mask = (1 << capacityBits) - 1;
  }

  /** Stores a value for a 3-gram; returns false when it was already there (the value is kept). */
  add(high: number, low: number, value: number): boolean {
    const table = this.table;
    let slot = gramHash(high, low) & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 2] === 0) break;
      if (table[at] === high && table[at + 1] === low) return false;
    }
    const at = slot << 2;
    table[at] = high;
    table[at + 1] = low;
    table[at + 2] = 1;
    table[at + 3] = value;
    if (++this.size * 2 > this.mask) this.grow();
    return true;
  }

  /** Adds `by` to a 3-gram's value (from 0). */
  increment(high: number, low: number, by = 1): void {
    const table = this.table;
    for (let slot = gramHash(high, low) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 2] === 0) break;
      if (table[at] === high && table[at + 1] === low) {
        table[at + 3] += by;
        return;
      }
    }
    this.add(high, low, by);
  }

  forEach(visit: (high: number, low: number, value: number) => void): void {
    for (let at = 0; at < this.table.length; at += 4) if (this.table[at + 2] !== 0) visit(this.table[at], this.table[at + 1], this.table[at + 3]);
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = (this.mask << 1) | 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === 0) continue;
      let slot = gramHash(old[at], old[at + 1]) & this.mask;
      while (this.table[(slot << 2) + 2] !== 0) slot = (slot + 1) & this.mask;
      this.table.set(old.subarray(at, at + 4), slot << 2);
    }
  }
}

const grownInt32 = (array: Int32Array<ArrayBuffer>, needed: number, fill = 0) => {
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  if (fill !== 0) bigger.fill(fill, array.length);
  bigger.set(array);
  return bigger;
};

/**
 * The distinct 3-grams of one content at a time, by key (the low bits of a key are hash bits):
 * which 3-grams it has, and which keys. Two 3-grams on one key are two entries. Slots count as
 * empty unless stamped with the current content, so starting a content costs nothing.
 */
class ContentGrams {
  private table = new Int32Array(4 << 10);
  private mask = (1 << 10) - 1;
  private stamp = 0;

  /** Starts a new content of up to `grams` 3-grams. */
  reset(grams: number): void {
    this.stamp++;
    if (grams * 2 > this.mask) {
      const slots = 1 << (32 - Math.clz32(grams * 4));
      this.table = new Int32Array(4 * slots);
      this.mask = slots - 1;
    }
  }

  /**
   * Adds a 3-gram (its 63 bits as two halves) under its key: 0 when the content already had it,
   * 1 when it is new, 2 when it is new but another 3-gram of the content has the same key.
   */
  add(key: number, high: number, low: number): 0 | 1 | 2 {
    const table = this.table;
    let added: 1 | 2 = 1;
    for (let slot = key & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 3] !== this.stamp) {
        table[at] = key;
        table[at + 1] = high;
        table[at + 2] = low;
        table[at + 3] = this.stamp;
        return added;
      }
      if (table[at] === (key | 0)) {
        if (table[at + 1] === high && table[at + 2] === low) return 0;
        added = 2;
      }
    }
  }

  /** Whether the content has this 3-gram (under its key). */
  hasGram(key: number, high: number, low: number): boolean {
    const table = this.table;
    for (let slot = key & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 3] !== this.stamp) return false;
      if (table[at] === (key | 0) && table[at + 1] === high && table[at + 2] === low) return true;
    }
  }

  /** Whether a 3-gram of the content has this key. */
  has(key: number): boolean {
    const table = this.table;
    for (let slot = key & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 3] !== this.stamp) return false;
      if (table[at] === (key | 0)) return true;
    }
  }
}

/**
 * Puts the `k` smallest of a[0, n) first, in ascending order (the rest in any order): a
 * selection, then an insertion sort of the few selected.
 */
export function sortSmallest(a: Uint32Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo, j] ≤ pivot ≤ a[i, hi], and anything between equals the pivot.
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  for (let i = 1; i < k; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * The order of keys for the prefixes: document frequency in a sample of the contents, in
 * half-powers of two, rare first. A 3-gram seen in one sampled content is as rare as one not
 * seen at all, so only those seen twice or more count. Shared by the contents of one scan, it
 * must not change once the scan has begun.
 */
export class GramOrder {
  private readonly frequency = new GramTable(16);
  private readonly inContent = new ContentGrams();
  private codes: Uint32Array = new Uint32Array(1024);
  private buckets: Uint8Array<ArrayBuffer> | undefined;
  /** 32 − log2 of the cells: a 3-gram's cell is the top bits of its hash. */
  private shift = 0;

  /** The order of another thread's sample (`sealed`). */
  static from(sealed: Uint8Array<ArrayBuffer>): GramOrder {
    const order = new GramOrder();
    order.use(sealed);
    return order;
  }

  /** Closes the sample; returns what `GramOrder.from` needs to rebuild the order elsewhere. */
  sealed(): Uint8Array<ArrayBuffer> {
    return this.buckets ?? this.use(this.seal());
  }

  /** Counts one sampled content. */
  addSample(title: string | null, text: string | null): void {
    if (this.buckets) throw new Error('GramOrder: the sample is closed');
    const { codes, length } = normalizedCodePoints((title ?? '') + (text ?? ''), this.codes);
    this.codes = codes;
    this.inContent.reset(length);
    for (let i = 0; i + 2 < length; i++) {
      const high = gramHigh(codes[i], codes[i + 1]);
      const low = gramLow(codes[i + 1], codes[i + 2]);
      if (this.inContent.add(gramHash(high, low), high, low) !== 0) this.frequency.increment(high, low);
    }
  }

  /** The frequency bucket of a 3-gram with this `gramHash`, shifted into place above the key's hash bits. */
  bucketOf(hash: number): number {
    const buckets = this.buckets ?? this.use(this.seal());
    return buckets[hash >>> this.shift] << HASH_BITS;
  }

  private use(buckets: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    this.shift = 32 - Math.log2(buckets.length);
    return (this.buckets = buckets);
  }

  /**
   * The buckets in a table of cells by hash instead of a dictionary of 3-grams: one byte per
   * lookup, in the core's cache (1 MiB for the generated filings). A 3-gram takes the bucket of
   * the most frequent sampled 3-gram in its cell, still one fixed order; with the cells at most
   * 1/16 used, few rare 3-grams are ranked as frequent.
   */
  private seal(): Uint8Array<ArrayBuffer> {
    let frequent = 0;
    this.frequency.forEach((_high, _low, f) => void (f >= 2 && frequent++));
    const bits = Math.min(24, Math.max(16, 32 - Math.clz32(frequent * 16)));
    const buckets = new Uint8Array(1 << bits);
    this.frequency.forEach((high, low, f) => {
      const cell = gramHash(high, low) >>> (32 - bits);
      if (f >= 2) buckets[cell] = Math.max(buckets[cell], Math.min(31, Math.floor(Math.log2(f) * 2)));
    });
    return buckets;
  }
}

export interface NearDuplicateOptions {
  /** The key order (sampled frequencies); without one, hash order (exact, but slower on repetitive text). */
  order?: GramOrder;
  /** Called every 8,192 contents (cancellation, progress). */
  onProgress?: (seen: number) => void;
  /** Fewer hash bits in the keys (tests: makes key collisions common, so the exact paths run). */
  keyHashBits?: number;
  /** Posting number at which the numbering starts again (tests: makes it happen). */
  renumberPostingsAt?: number;
  /**
   * Title and text of a content streamed before, by id. With it the exact recount (a pair the
   * keys pass) reads the earlier content again instead of the scan keeping the code points of
   * every content in the window: copying them was about a tenth of the scan's time.
   */
  recall?: (id: number) => Pick<DuplicateInput, 'title' | 'text'>;
}

/** An arena of runs without its first `from` values (grown when `needed` more would fill more than half). */
function withoutHead(data: Uint32Array<ArrayBuffer>, from: number, end: number, needed: number): Uint32Array<ArrayBuffer> {
  const count = end - from;
  if ((count + needed) * 2 <= data.length) return data.copyWithin(0, from, end);
  const fresh = new Uint32Array(Math.max(data.length * 2, (count + needed) * 2));
  fresh.set(data.subarray(from, end));
  return fresh;
}

/**
 * The window's prefix postings in chains by cell: a cell is the low bits of a key (hash bits),
 * and each cell has two chains, postings at a position within their content's mid-prefix
 * (`midPrefixLength`) and postings after it. The heads are an array by cell, with no keys and no
 * probing, so the lookups of a content's prefix keys are independent loads whose cache misses
 * overlap; a posting carries its key, and a walk passes over the other keys' postings in its
 * cell (with at least two cells per live posting, a few per content). The postings sit in a
 * ring, each linking to the previous posting of its chain. Postings are appended in stream order
 * and leave the window in the same order, so a walk stops at the first posting older than the
 * window and nothing is ever removed. Nothing is allocated per content: the garbage collector
 * and scattered per-key arrays were a third of the scan before; a keyed table of heads, rebuilt
 * to drop the keys that had left the window, was a fifth of it.
 *
 * Postings are numbered from the start of the stream; a posting lives at its number modulo the
 * ring's size, as (window slot, position in the content's key order with the chain in bit 30, key,
 * previous posting of its chain or −1). A head is its chain's newest posting + 1 (0: none yet).
 */
class PostingChains {
  // Small to start with (so that the tests' corpora make both grow); a large filing doubles them a dozen times.
  private heads = new Int32Array(2 << 8);
  private cellMask = (1 << 8) - 1;
  ring = new Int32Array(4 << 8);
  ringMask = (1 << 8) - 1;
  /** Number of the next posting. */
  next = 0;

  /** `renumberAt`: when the numbers start again from the window's oldest (lower in tests). */
  constructor(private readonly renumberAt = 0x7fff_0000) {}

  /** Where the heads of a key's cell are. */
  cell(key: number): number {
    return (key & this.cellMask) << 1;
  }

  /** The newest posting of a chain (0: mid-prefix, 1: after it) of the cell at `cell`, or −1. */
  newest(cell: number, chain: 0 | 1): number {
    return this.heads[cell + chain] - 1;
  }

  /**
   * Appends a posting of `key` to one of its chains. `firstLive` is the number of the window's
   * oldest posting: older ones may be overwritten. Returns by how much the posting numbers went
   * down (0 unless they were renumbered).
   */
  append(key: number, chain: 0 | 1, slot: number, position: number, firstLive: number): number {
    if (this.next - firstLive > this.ringMask) this.growRing(firstLive);
    if ((this.next - firstLive) * 2 > this.cellMask) this.growCells(firstLive);
    const at = ((key & this.cellMask) << 1) + chain;
    const number = this.next++;
    const to = (number & this.ringMask) << 2;
    this.ring[to] = slot;
    this.ring[to + 1] = position | (chain << 30);
    this.ring[to + 2] = key;
    this.ring[to + 3] = this.heads[at] - 1;
    this.heads[at] = number + 1;
    if (this.next === this.renumberAt) return this.renumber(firstLive);
    return 0;
  }

  /** Doubles the cells and links the live postings again, in order. */
  private growCells(firstLive: number): void {
    this.cellMask = (this.cellMask << 1) | 1;
    this.heads = new Int32Array((this.cellMask + 1) * 2);
    this.relink(firstLive);
  }

  /** Links the postings from `firstLive` on into the (empty) heads, in order. */
  private relink(firstLive: number): void {
    const { ring, ringMask, heads, cellMask } = this;
    for (let number = firstLive; number < this.next; number++) {
      const entry = (number & ringMask) << 2;
      const at = ((ring[entry + 2] & cellMask) << 1) + (ring[entry + 1] >>> 30);
      ring[entry + 3] = heads[at] - 1;
      heads[at] = number + 1;
    }
  }

  /** Doubles the ring, keeping the postings from `firstLive` on. */
  private growRing(firstLive: number): void {
    const old = this.ring;
    const oldMask = this.ringMask;
    this.ringMask = (oldMask << 1) | 1;
    this.ring = new Int32Array(old.length * 2);
    for (let number = firstLive; number < this.next; number++) {
      const from = (number & oldMask) << 2;
      this.ring.set(old.subarray(from, from + 4), (number & this.ringMask) << 2);
    }
  }

  /** Numbers the live postings from 0 again, before the numbers overflow 32 bits. */
  private renumber(firstLive: number): number {
    const old = this.ring;
    this.ring = new Int32Array(old.length);
    for (let number = firstLive; number < this.next; number++) {
      const from = (number & this.ringMask) << 2;
      this.ring.set(old.subarray(from, from + 3), ((number - firstLive) & this.ringMask) << 2);
    }
    this.next -= firstLive;
    this.heads.fill(0);
    this.relink(0);
    return firstLive;
  }
}

/**
 * Streams contents in published_at order and returns every pair with Jaccard ≥ 0.8 published at
 * most 24 hours apart, in stream order of the later content (b), then by the earlier one's id.
 */
export function findNearDuplicatePairs(contents: Iterable<DuplicateInput>, options: NearDuplicateOptions = {}): DuplicatePair[] {
  const order = options.order ?? new GramOrder();
  const onProgress = options.onProgress ?? (() => {});
  const hashMask = options.keyHashBits === undefined ? HASH_MASK : (1 << options.keyHashBits) - 1;
  const contentGrams = new ContentGrams();
  /** The key of a 3-gram with this `gramHash`: frequency bucket, then hash. */
  const keyOf = (hash: number) => (order.bucketOf(hash) | (hash & hashMask)) >>> 0;
  let codes: Uint32Array = new Uint32Array(1024);

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
  /** Number of each window content's first posting. */
  let wPosting = new Int32Array(capacity);
  /** Candidate state while one content probes: stamped with its slot; its candidate number. */
  let wStamp = new Int32Array(capacity).fill(-1);
  let wCount = new Int32Array(capacity);
  /** Without `recall`: where each window content's normalised code points sit in `texts` (for the exact recount; typed arrays keep them out of the garbage collector's way). */
  let wTextOffset = new Int32Array(capacity);
  let wTextLength = new Int32Array(capacity);
  let texts = new Uint32Array(1 << 20);
  let textsEnd = 0;
  /* The keys of the window's contents (each prefix first, sorted), back to back; compacted the same way. */
  let arena = new Uint32Array(1 << 20);
  let arenaEnd = 0;

  const postings = new PostingChains(options.renumberPostingsAt);
  /** Number of the window's oldest posting (of slot `live`). */
  let firstLive = 0;

  /** Window contents with a key collision among their own 3-grams: not filed, every later content compares with them exactly. */
  let collidedSlots: number[] = [];
  /** Per candidate of the current content (numbered in `wCount` of its window slot): slot, prefix matches, latest match, its bound. */
  let candidates = new Int32Array(1024);
  let matches = new Int32Array(1024);
  let latest = new Int32Array(1024);
  let rest = new Int32Array(1024);
  /** Per chain of a prefix key (2i: mid-prefix postings, 2i + 1: the others): its next posting; the chains still being walked. */
  let heads = new Int32Array(256);
  let walking = new Int32Array(256);
  const pairs: DuplicatePair[] = [];

  const compactWindow = () => {
    const count = slots - live;
    const from = live - base;
    const size = count * 2 > capacity ? capacity * 2 : capacity;
    const move = <T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(old: T, make: (n: number) => T): T => {
      if (size === capacity) {
        old.copyWithin(0, from, from + count);
        return old;
      }
      const fresh = make(size);
      fresh.set(old.subarray(from, from + count));
      return fresh;
    };
    wTime = move(wTime, (n) => new Float64Array(n));
    wId = move(wId, (n) => new Float64Array(n));
    wSize = move(wSize, (n) => new Int32Array(n));
    wOffset = move(wOffset, (n) => new Int32Array(n));
    wPosting = move(wPosting, (n) => new Int32Array(n));
    wStamp = move(wStamp, (n) => new Int32Array(n).fill(-1));
    wCount = move(wCount, (n) => new Int32Array(n));
    wTextOffset = move(wTextOffset, (n) => new Int32Array(n));
    wTextLength = move(wTextLength, (n) => new Int32Array(n));
    capacity = size;
    base = live;
  };

  const compactArena = (needed: number) => {
    const from = live < slots ? wOffset[live - base] : arenaEnd;
    arena = withoutHead(arena, from, arenaEnd, needed);
    for (let s = live; s < slots; s++) wOffset[s - base] -= from;
    arenaEnd -= from;
  };

  const compactTexts = (needed: number) => {
    const from = live < slots ? wTextOffset[live - base] : textsEnd;
    texts = withoutHead(texts, from, textsEnd, needed);
    for (let s = live; s < slots; s++) wTextOffset[s - base] -= from;
    textsEnd -= from;
  };

  const recall = options.recall;
  let recalled: Uint32Array = new Uint32Array(1024);
  const otherGrams = new ContentGrams();
  /**
   * The exact |A ∩ B| of the current content and window content y: y's distinct 3-grams found,
   * on their 63 bits, among the current content's (`contentGrams` holds them by key).
   */
  const exactShared = (y: number) => {
    let other: Uint32Array;
    let from = 0;
    let to: number;
    if (recall) {
      const { title, text } = recall(wId[y]);
      const normalized = normalizedCodePoints((title ?? '') + (text ?? ''), recalled);
      other = recalled = normalized.codes;
      to = normalized.length;
    } else {
      other = texts;
      from = wTextOffset[y];
      to = from + wTextLength[y];
    }
    otherGrams.reset(to - from);
    let shared = 0;
    for (let i = from; i + 2 < to; i++) {
      const high = gramHigh(other[i], other[i + 1]);
      const low = gramLow(other[i + 1], other[i + 2]);
      const key = keyOf(gramHash(high, low));
      if (otherGrams.add(key, high, low) !== 0 && contentGrams.hasGram(key, high, low)) shared++;
    }
    return shared;
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

    // The distinct 3-grams (exactly, on their 63 bits) as keys: frequency bucket, then hash. They
    // are written where the window keeps them, after the keys of the contents before.
    if (arenaEnd + length > arena.length) compactArena(length);
    contentGrams.reset(length);
    let n = 0;
    // Two 3-grams of this content with one key (about 1 content in 10,000): compared exactly instead.
    let collided = false;
    for (let i = 0; i + 2 < length; i++) {
      const high = gramHigh(codes[i], codes[i + 1]);
      const low = gramLow(codes[i + 1], codes[i + 2]);
      const hash = gramHash(high, low);
      const key = keyOf(hash);
      const added = contentGrams.add(key, high, low);
      if (added !== 0) arena[arenaEnd + n++] = key;
      if (added === 2) collided = true;
    }
    const prefix = prefixLength(n);
    // Only the prefix needs the key order (the smallest keys, sorted): sorting all of them was an
    // eighth of the scan. The rest stays in any order; verify counts it against `contentGrams`.
    const contentKeys = arena.subarray(arenaEnd, arenaEnd + n);
    sortSmallest(contentKeys, n, prefix);

    while (live < slots && wTime[live - base] < time - WINDOW_SECONDS) live++;
    firstLive = live < slots ? wPosting[live - base] : postings.next;

    if (collidedSlots.length > 0 && collidedSlots[0] < live) collidedSlots = collidedSlots.filter((slot) => slot >= live);
    const compare = !input.fileOnly;
    const stamp = slots;
    /**
     * Window content y against this one: first how many of y's keys this content has (an upper
     * bound of the exact overlap, also with keys repeated inside a content: per key, the shared
     * 3-grams are at most y's count of it), then, if that can reach α, the exact recount.
     */
    const verify = (y: number) => {
      const ny = wSize[y];
      if (!sizesCompatible(n, ny)) return;
      const alpha = requiredOverlap(n, ny);
      const bEnd = wOffset[y] + ny;
      let shared = 0;
      for (let b = wOffset[y]; b < bEnd; b++) {
        if (contentGrams.has(arena[b])) shared++;
        else if (shared + (bEnd - b - 1) < alpha) return;
      }
      if (shared < alpha) return;
      shared = exactShared(y);
      if (shared >= alpha) pairs.push({ a: wId[y], b: input.id, shared, union: n + ny - shared });
    };
    let candidateCount = 0;
    /**
     * A posting of prefix key i: window content `slot`, where the key sits at `position` among its
     * `ny` keys. Per candidate: its prefix matches, and the bound of its latest one (the largest i).
     */
    const consider = (i: number, slot: number, position: number) => {
      const y = slot - base;
      const ny = wSize[y];
      if (!sizesCompatible(n, ny)) return;
      let c = wCount[y];
      if (wStamp[y] !== stamp) {
        wStamp[y] = stamp;
        if (candidateCount === candidates.length) {
          candidates = grownInt32(candidates, candidateCount + 1);
          matches = grownInt32(matches, candidates.length);
          latest = grownInt32(latest, candidates.length);
          rest = grownInt32(rest, candidates.length);
        }
        c = wCount[y] = candidateCount++;
        candidates[c] = y;
        matches[c] = 0;
        latest[c] = -1;
      }
      matches[c]++;
      if (i > latest[c]) {
        latest[c] = i;
        rest[c] = Math.min(n - i - 1, ny - position - 1);
      }
    };

    const firstPair = pairs.length;
    // A content with a key collision of its own is not filed under its prefix: it meets every window content, or they meet it.
    if (compare && collided) for (let slot = live; slot < slots; slot++) verify(slot - base);
    else if (compare) for (const slot of collidedSlots) verify(slot - base);

    /*
     * The prefix keys' postings are candidates. The chains are walked side by side, one posting of
     * each per round, so the CPU has the next posting of every chain in flight at once (each one
     * a cache miss; walked one chain after the other, each waited for the previous). In that order
     * a candidate's matches arrive out of key order, so the positional bound is applied once all
     * are in: the matches, plus at most every key after the latest match in both contents. That
     * is the bound the walk in key order applies at its last match, and no earlier one is tighter.
     *
     * Past its mid-prefix a key walks only the other contents' mid-prefix postings: a pair's
     * rarest shared key lies within the smaller content's mid-prefix, so a pair where neither
     * holds it there is no pair. The matches left out that way are (i ≥ mid, j ≥ mid of y), so they
     * come after every match counted in both orders, and the bound at the latest counted match
     * still counts them among the keys after it. At 1M density this walks 10 to 19 postings of
     * the content's own keys instead of 93 (fewer with the larger sample), and about 9 of other keys.
     */
    const filed = collided ? 0 : prefix;
    const mid = midPrefixLength(n);
    if (compare && filed > 0) {
      if (heads.length < 2 * filed) {
        heads = new Int32Array(filed * 4);
        walking = new Int32Array(filed * 4);
      }
      let active = 0;
      for (let i = 0; i < filed; i++) {
        const cell = postings.cell(contentKeys[i]);
        // Chain 2i: postings in their content's mid-prefix; 2i + 1: the others, needed only if the
        // pair's rarest shared key can lie there, which takes this content being the smaller (i < mid).
        for (let chain = 0; chain < (i < mid ? 2 : 1); chain++) {
          const head = postings.newest(cell, chain as 0 | 1);
          heads[2 * i + chain] = head;
          if (head >= firstLive) walking[active++] = 2 * i + chain;
        }
      }
      const ring = postings.ring;
      const ringMask = postings.ringMask;
      while (active > 0) {
        let still = 0;
        for (let k = 0; k < active; k++) {
          const chain = walking[k];
          const entry = (heads[chain] & ringMask) << 2;
          // Other keys of the cell are passed over.
          if (ring[entry + 2] === (contentKeys[chain >>> 1] | 0)) consider(chain >>> 1, ring[entry], ring[entry + 1] & POSITION_MASK);
          const previous = ring[entry + 3];
          heads[chain] = previous;
          if (previous >= firstLive) walking[still++] = chain;
        }
        active = still;
      }
    }
    for (let c = 0; c < candidateCount; c++) {
      const y = candidates[c];
      if (matches[c] + rest[c] >= requiredOverlap(n, wSize[y])) verify(y);
    }
    // Then this content is filed under its prefix keys.
    let firstPosting = postings.next;
    for (let i = 0; i < filed; i++) {
      const shift = postings.append(contentKeys[i], i < mid ? 0 : 1, slots, i, firstLive);
      if (shift !== 0) {
        for (let s = live; s < slots; s++) wPosting[s - base] -= shift;
        firstLive -= shift;
        firstPosting -= shift;
      }
    }
    // In stream order of the earlier content as well.
    if (pairs.length - firstPair > 1) {
      // Without spreading: a flood of copies can give one content more pairs than a call takes arguments.
      const own = pairs.splice(firstPair).sort((p, q) => p.a - q.a);
      for (const pair of own) pairs.push(pair);
    }

    // The window keeps its keys (the prefix first, sorted) and, without `recall`, its code points.
    if (slots - base === capacity) compactWindow();
    const w = slots - base;
    wTime[w] = time;
    wId[w] = input.id;
    wSize[w] = n;
    wOffset[w] = arenaEnd;
    wPosting[w] = firstPosting;
    wStamp[w] = -1;
    if (!recall) {
      if (textsEnd + length > texts.length) compactTexts(length);
      wTextOffset[w] = textsEnd;
      wTextLength[w] = length;
      texts.set(codes.subarray(0, length), textsEnd);
      textsEnd += length;
    }
    arenaEnd += n;
    if (collided) collidedSlots.push(slots);
    slots++;
  }
  return pairs;
}
