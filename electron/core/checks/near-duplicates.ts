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
 * keys and looks up the same ones; a positional bound drops a candidate as soon as the prefix
 * matches left cannot reach the overlap, and the survivors are counted on the full key arrays (a
 * merge of the two sorted arrays). Rare keys first keeps the lists short.
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
/** One posting: window slot, position in the content's order, content size. */
const POSTING = 3;

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
 * A set of 3-grams with a small value each, by open addressing on their 63 bits. Used for the
 * sample's frequent 3-grams and for the distinct 3-grams of one content.
 */
class GramTable {
  private table: Int32Array<ArrayBuffer>;
  private mask: number;
  size = 0;

  constructor(capacityBits = 10) {
    this.table = new Int32Array(4 << capacityBits);
    this.mask = (1 << capacityBits) - 1;
  }

  /** The value stored for a 3-gram, or −1. */
  get(high: number, low: number): number {
    const table = this.table;
    for (let slot = gramHash(high, low) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 2] === 0) return -1;
      if (table[at] === high && table[at + 1] === low) return table[at + 3];
    }
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

  /** The table's storage, to hand to another thread (`GramTable.from`). */
  get raw(): Int32Array<ArrayBuffer> {
    return this.table;
  }

  static from(raw: Int32Array<ArrayBuffer>): GramTable {
    const table = new GramTable(0);
    table.table = raw;
    table.mask = raw.length / 4 - 1;
    for (let at = 2; at < raw.length; at += 4) if (raw[at] !== 0) table.size++;
    return table;
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

/** The distinct 3-grams of one text at a time: slots count as empty unless stamped with the current text, so starting a text costs nothing. */
class TextGramSet {
  private table = new Int32Array(4 << 10);
  private mask = (1 << 10) - 1;
  private stamp = 0;

  /** Starts a new text of up to `grams` 3-grams. */
  reset(grams: number): void {
    this.stamp++;
    if (grams * 2 > this.mask) {
      const slots = 1 << (32 - Math.clz32(grams * 4));
      this.table = new Int32Array(4 * slots);
      this.mask = slots - 1;
    }
  }

  /** Adds a 3-gram; false when the text already had it. */
  add(high: number, low: number): boolean {
    const table = this.table;
    for (let slot = gramHash(high, low) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 2] !== this.stamp) {
        table[at] = high;
        table[at + 1] = low;
        table[at + 2] = this.stamp;
        return true;
      }
      if (table[at] === high && table[at + 1] === low) return false;
    }
  }
}

/**
 * The order of keys for the prefixes: document frequency in a sample of the contents, in
 * half-powers of two, rare first. A 3-gram seen in one sampled content is as rare as one not
 * seen at all, so only those seen twice or more are kept (the table stays small enough for the
 * cache). Shared by the contents of one scan, it must not change once the scan has begun.
 */
export class GramOrder {
  private readonly frequency = new GramTable(16);
  private readonly inContent = new TextGramSet();
  private codes: Uint32Array = new Uint32Array(1024);
  private buckets: GramTable | undefined;

  /** The order of another thread's sample (`sealed`). */
  static from(sealed: Int32Array<ArrayBuffer>): GramOrder {
    const order = new GramOrder();
    order.buckets = GramTable.from(sealed);
    return order;
  }

  /** Closes the sample; returns what `GramOrder.from` needs to rebuild the order elsewhere. */
  sealed(): Int32Array<ArrayBuffer> {
    return (this.buckets ??= this.seal()).raw;
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
      if (this.inContent.add(high, low)) this.frequency.increment(high, low);
    }
  }

  /** The frequency bucket of a 3-gram (0 = seen at most once), shifted into place above the hash. */
  bucketOf(high: number, low: number): number {
    const buckets = (this.buckets ??= this.seal());
    const bucket = buckets.get(high, low);
    return bucket < 0 ? 0 : bucket << HASH_BITS;
  }

  private seal(): GramTable {
    const buckets = new GramTable(10);
    this.frequency.forEach((high, low, f) => {
      if (f >= 2) buckets.add(high, low, Math.min(31, Math.floor(Math.log2(f) * 2)));
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
}

/** An arena of runs without its first `from` values (grown when `needed` more would fill more than half). */
function withoutHead(data: Uint32Array<ArrayBuffer>, from: number, end: number, needed: number): Uint32Array<ArrayBuffer> {
  const count = end - from;
  if ((count + needed) * 2 <= data.length) return data.copyWithin(0, from, end);
  const fresh = new Uint32Array(Math.max(data.length * 2, (count + needed) * 2));
  fresh.set(data.subarray(from, end));
  return fresh;
}

/** The distinct 3-grams of a normalised text, as strings: for the exact recount of a pair the keys passed. */
function gramSet(codes: Uint32Array, length: number): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 2 < length; i++) grams.add(String.fromCodePoint(codes[i], codes[i + 1], codes[i + 2]));
  return grams;
}

/**
 * Postings per prefix key, oldest first: (slot, position, size) triples. Most keys are rare and
 * have one posting in the window, kept in the key's own entry; a key met again gets a contiguous
 * list, so walks over common keys stream through memory. Entries live in one open-addressing
 * table of four ints (16 bytes: the table is most of the scan's memory traffic, and two threads
 * share the memory bus): key; then either slot + 1, position, size of the one posting, or
 * −(list number + 1), list start, list end. Whenever the keys have doubled since the last sweep,
 * the table is rebuilt with only the keys that still have a posting in the window.
 */
class PostingIndex {
  private table = new Int32Array(4 << 16);
  private mask = (1 << 16) - 1;
  private used = 0;
  private lists: (Int32Array<ArrayBuffer> | undefined)[] = [];
  private freeLists: number[] = [];
  private sweepAt = 1 << 15;

  /** The entry (an offset into `entries`) of a key, or −1. */
  find(key: number): number {
    const table = this.table;
    for (let slot = mix32(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 1] === 0) return -1;
      if (table[at] === (key | 0)) return at;
    }
  }

  get entries(): Int32Array<ArrayBuffer> {
    return this.table;
  }

  /** The list of an entry with more than one posting (its start and end at entry + 2, + 3), else undefined (slot + 1, position, size at entry + 1 … + 3). */
  list(entry: number): Int32Array<ArrayBuffer> | undefined {
    const head = this.table[entry + 1];
    return head < 0 ? this.lists[-head - 1] : undefined;
  }

  add(key: number, slot: number, position: number, size: number, live: number): void {
    let entry = this.find(key);
    const table = this.table;
    if (entry < 0) {
      let s = mix32(key) & this.mask;
      while (table[(s << 2) + 1] !== 0) s = (s + 1) & this.mask;
      entry = s << 2;
      table[entry] = key | 0;
      table[entry + 1] = slot + 1;
      table[entry + 2] = position;
      table[entry + 3] = size;
      // Sweep once the keys have doubled since the last sweep (amortised: each key is moved a bounded number of times).
      if (++this.used > this.sweepAt) {
        this.rebuild(live);
        this.sweepAt = Math.max(1 << 15, 2 * this.used);
      } else if (this.used * 2 > this.mask) this.rebuild(-1);
      return;
    }
    const head = table[entry + 1];
    if (head > 0) {
      if (head - 1 < live) {
        // The one posting has left the window: replace it.
        table[entry + 1] = slot + 1;
        table[entry + 2] = position;
        table[entry + 3] = size;
        return;
      }
      const ref = this.freeLists.pop() ?? this.lists.length;
      const fresh = new Int32Array(4 * POSTING);
      fresh[0] = head - 1;
      fresh[1] = table[entry + 2];
      fresh[2] = table[entry + 3];
      this.lists[ref] = fresh;
      table[entry + 1] = -ref - 1;
      table[entry + 2] = 0;
      table[entry + 3] = POSTING;
    }
    const ref = -table[entry + 1] - 1;
    let list = this.lists[ref]!;
    let end = table[entry + 3];
    if (end + POSTING > list.length) {
      // Full: drop what left the window, and double when more than half is still live.
      let from = table[entry + 2];
      while (from < end && list[from] < live) from += POSTING;
      const count = end - from;
      if (count * 2 <= list.length) list.copyWithin(0, from, end);
      else {
        const bigger = new Int32Array(list.length * 2);
        bigger.set(list.subarray(from, end));
        list = this.lists[ref] = bigger;
      }
      table[entry + 2] = 0;
      end = count;
    }
    list[end] = slot;
    list[end + 1] = position;
    list[end + 2] = size;
    table[entry + 3] = end + POSTING;
  }

  /** Re-inserts the entries with a posting at or after `live` into a table at most half full. */
  private rebuild(live: number): void {
    const old = this.table;
    let kept = 0;
    for (let at = 0; at < old.length; at += 4) {
      const head = old[at + 1];
      if (head === 0) continue;
      const newest = head > 0 ? head - 1 : this.lists[-head - 1]![old[at + 3] - POSTING];
      if (newest >= live) kept++;
      else {
        old[at + 1] = 0;
        if (head < 0) {
          this.lists[-head - 1] = undefined;
          this.freeLists.push(-head - 1);
        }
      }
    }
    const capacity = Math.max(1 << 16, 1 << (32 - Math.clz32(kept * 3)));
    const table = (this.table = new Int32Array(capacity * 4));
    this.mask = capacity - 1;
    this.used = kept;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] === 0) continue;
      let s = mix32(old[at]) & this.mask;
      while (table[(s << 2) + 1] !== 0) s = (s + 1) & this.mask;
      const to = s << 2;
      table[to] = old[at];
      table[to + 1] = old[at + 1];
      table[to + 2] = old[at + 2];
      table[to + 3] = old[at + 3];
    }
  }
}

/**
 * Streams contents in published_at order and returns every pair with Jaccard ≥ 0.8 published at
 * most 24 hours apart, in stream order (by b, then a).
 */
export function findNearDuplicatePairs(contents: Iterable<DuplicateInput>, options: NearDuplicateOptions = {}): DuplicatePair[] {
  const order = options.order ?? new GramOrder();
  const onProgress = options.onProgress ?? (() => {});
  const hashMask = options.keyHashBits === undefined ? HASH_MASK : (1 << options.keyHashBits) - 1;
  const distinct = new TextGramSet();
  let codes: Uint32Array = new Uint32Array(1024);
  let keys = new Uint32Array(1024);

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
  /** Candidate state while one content probes: stamped with its slot; count of prefix matches, −1 once ruled out. */
  let wStamp = new Int32Array(capacity).fill(-1);
  let wCount = new Int32Array(capacity);
  /** Where each window content's normalised code points sit in `texts` (for the exact recount; typed arrays keep them out of the garbage collector's way). */
  let wTextOffset = new Int32Array(capacity);
  let wTextLength = new Int32Array(capacity);
  let texts = new Uint32Array(1 << 20);
  let textsEnd = 0;
  /* The sorted keys of the window's contents, back to back; compacted the same way. */
  let arena = new Uint32Array(1 << 20);
  let arenaEnd = 0;

  const postings = new PostingIndex();

  /** Window contents with a key collision among their own 3-grams: not filed, every later content compares with them exactly. */
  let collidedSlots: number[] = [];
  let candidates = new Int32Array(1024);
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

  /** The exact |A ∩ B| of the current content (its 3-grams) and window content y. */
  const exactShared = (current: Set<string>, y: number) => {
    const at = wTextOffset[y];
    let shared = 0;
    for (const gram of gramSet(texts.subarray(at, at + wTextLength[y]), wTextLength[y])) if (current.has(gram)) shared++;
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

    // The distinct 3-grams (exactly, on their 63 bits) as keys: frequency bucket, then hash.
    if (keys.length < length) keys = new Uint32Array(length * 2);
    distinct.reset(length);
    let n = 0;
    for (let i = 0; i + 2 < length; i++) {
      const high = gramHigh(codes[i], codes[i + 1]);
      const low = gramLow(codes[i + 1], codes[i + 2]);
      if (distinct.add(high, low)) keys[n++] = (order.bucketOf(high, low) | (gramHash(low, high) & hashMask)) >>> 0;
    }
    const sorted = keys.subarray(0, n).sort();
    // Two 3-grams of this content with one key (about 1 content in 10,000): compared exactly instead.
    let collided = false;
    for (let i = 1; i < n && !collided; i++) collided = sorted[i] === sorted[i - 1];
    const prefix = prefixLength(n);

    while (live < slots && wTime[live - base] < time - WINDOW_SECONDS) live++;

    if (collidedSlots.length > 0 && collidedSlots[0] < live) collidedSlots = collidedSlots.filter((slot) => slot >= live);
    if (!input.fileOnly) {
      const stamp = slots;
      let exact: Set<string> | undefined;
      /**
       * Window content y against this one: the overlap of the sorted key arrays first (an upper
       * bound of the exact one, also with keys repeated inside a content: per key, the shared
       * 3-grams are at most the smaller count), then, if it can reach α, the exact recount.
       */
      const verify = (y: number) => {
        const ny = wSize[y];
        if (!sizesCompatible(n, ny)) return;
        const alpha = requiredOverlap(n, ny);
        let a = 0;
        let b = wOffset[y];
        const bEnd = b + ny;
        let shared = 0;
        while (a < n && b < bEnd && shared + Math.min(n - a, bEnd - b) >= alpha) {
          const ka = sorted[a];
          const kb = arena[b];
          if (ka === kb) {
            shared++;
            a++;
            b++;
          } else if (ka < kb) a++;
          else b++;
        }
        if (shared < alpha) return;
        exact ??= gramSet(codes, length);
        shared = exactShared(exact, y);
        if (shared >= alpha) pairs.push({ a: wId[y], b: input.id, shared, union: n + ny - shared });
      };
      // A content with a key collision of its own is not filed under its prefix: it meets every window content, or they meet it.
      if (collided) for (let slot = live; slot < slots; slot++) verify(slot - base);
      else for (const slot of collidedSlots) verify(slot - base);

      // Candidates: window contents sharing a prefix key, while the positional bound holds.
      let candidateCount = 0;
      /** A posting of prefix key i: window content `slot`, where the key sits at `position` among its `ny` keys. */
      const consider = (i: number, slot: number, position: number, ny: number) => {
        if (!sizesCompatible(n, ny)) return;
        const y = slot - base;
        if (wStamp[y] !== stamp) {
          wStamp[y] = stamp;
          wCount[y] = 0;
          if (candidateCount === candidates.length) candidates = grownInt32(candidates, candidateCount + 1);
          candidates[candidateCount++] = y;
        } else if (wCount[y] < 0) return;
        // Matches so far, this one, and at most every later key of the shorter remainder.
        if (wCount[y] + 1 + Math.min(n - i - 1, ny - position - 1) >= requiredOverlap(n, ny)) wCount[y]++;
        else wCount[y] = -1;
      };
      for (let i = 0; i < (collided ? 0 : prefix); i++) {
        const entry = postings.find(sorted[i]);
        if (entry < 0) continue;
        const list = postings.list(entry);
        const entries = postings.entries;
        if (list === undefined) {
          if (entries[entry + 1] > live) consider(i, entries[entry + 1] - 1, entries[entry + 2], entries[entry + 3]);
          continue;
        }
        let at = entries[entry + 2];
        const end = entries[entry + 3];
        while (at < end && list[at] < live) at += POSTING;
        entries[entry + 2] = at;
        for (; at < end; at += POSTING) consider(i, list[at], list[at + 1], list[at + 2]);
      }

      for (let c = 0; c < candidateCount; c++) if (wCount[candidates[c]] >= 0) verify(candidates[c]);
    }

    // File the content: its sorted keys, its code points and one posting per prefix key.
    if (slots - base === capacity) compactWindow();
    if (arenaEnd + n > arena.length) compactArena(n);
    const w = slots - base;
    wTime[w] = time;
    wId[w] = input.id;
    wSize[w] = n;
    wOffset[w] = arenaEnd;
    wStamp[w] = -1;
    if (textsEnd + length > texts.length) compactTexts(length);
    wTextOffset[w] = textsEnd;
    wTextLength[w] = length;
    texts.set(codes.subarray(0, length), textsEnd);
    textsEnd += length;
    arena.set(sorted, arenaEnd);
    arenaEnd += n;
    if (collided) collidedSlots.push(slots);
    for (let i = 0; i < (collided ? 0 : prefix); i++) {
      postings.add(sorted[i], slots, i, n, live);
    }
    slots++;
  }
  return pairs;
}
