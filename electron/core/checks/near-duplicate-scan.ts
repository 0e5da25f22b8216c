/// <reference types="electron-vite/node" />
import os from 'node:os';
import type Database from 'better-sqlite3';
import { startWorker } from '../worker-thread';
import { findNearDuplicatePairs, GramOrder, type DuplicateInput, type DuplicatePair } from './near-duplicates';
import { addDays, epochSeconds } from './time';

/*
 * The near-duplicate scan over one filing's contents, split by publication time over worker
 * threads. Each slice owns the contents from its start to the next slice's start (in
 * (published_at, rowid) order) and also reads the 24 hours before its start, filing them
 * without comparing them, so every pair is found by exactly one slice. Each thread reads the
 * workspace through its own read-only connection.
 */

/** A position in the (published_at, rowid) order. */
type StreamPoint = [publishedAt: string, rowid: number];

export interface ScanSlice {
  dbPath: string;
  filingId: number;
  /** The 3-gram order from the filing's sample (`GramOrder.sealed`), the same for every slice. */
  order: Uint8Array<ArrayBuffer>;
  /** First content the slice compares; absent = from the beginning. */
  start?: StreamPoint;
  /** First content of the next slice; absent = to the end. */
  end?: StreamPoint;
}

/**
 * Contents sampled to estimate 3-gram frequencies: one in 75, from 10,000 to 40,000. A prefix
 * key's postings grow with its frequency times the contents of a day, so a denser filing needs
 * finer frequencies; at 1M accounts (3M contents) 40,000 against 10,000 took the in-memory scan
 * from 23.3 to 20.2 µs per content, for 0.7 s more sampling.
 */
const sampleSize = (total: number) => Math.min(40_000, Math.max(10_000, Math.round(total / 75)));
/** Below this many contents one thread is quicker than starting workers. */
const PARALLEL_FROM = 200_000;
const MAX_THREADS = 4;

export type ScanMessage = { type: 'progress'; seen: number } | { type: 'done'; pairs: Float64Array } | { type: 'error'; message: string };

/**
 * epochSeconds for a stream of stored times in order: the date part is converted once per day,
 * the clock digits read directly ('YYYY-MM-DD HH:MM:SS'; a bare date is midnight).
 */
function streamSeconds(): (value: string) => number {
  let day = '';
  let dayStart = 0;
  const digits = (v: string, at: number) => (v.charCodeAt(at) - 48) * 10 + (v.charCodeAt(at + 1) - 48);
  return (value) => {
    const date = value.slice(0, 10);
    if (date !== day) {
      day = date;
      dayStart = epochSeconds(date);
    }
    return value.length < 19 ? dayStart : dayStart + digits(value, 11) * 3600 + digits(value, 14) * 60 + digits(value, 17);
  };
}

/** Title and text joined by SQLite, as the rule compares them: one string per row instead of two and a join. */
const JOINED = "coalesce(title, '') || coalesce(text, '')";

/**
 * The 3-gram order of a scan: frequencies in every k-th row of the contents table (point
 * lookups spread over the whole filing). The same for every slice, though any fixed order
 * would be exact.
 */
export function sampledOrder(db: Database.Database, filingId: number, total: number): GramOrder {
  const order = new GramOrder();
  const { hi } = db.prepare('SELECT max(rowid) AS hi FROM contents').get() as { hi: number | null };
  if (hi === null || total === 0) return order;
  // Steps over the whole table; with other filings in it, this one gets its share of the sample.
  const step = Math.max(1, Math.floor(hi / Math.min(sampleSize(total), total)));
  const row = db.prepare(`SELECT ${JOINED} FROM contents WHERE rowid = ? AND filing_id = ?`).pluck();
  for (let rowid = 1; rowid <= hi; rowid += step) {
    const found = row.get(rowid, filingId) as string | undefined;
    if (found !== undefined) order.addSample(null, found);
  }
  return order;
}

/** Runs one slice on a connection of this thread. */
export function scanSlice(db: Database.Database, slice: ScanSlice, onProgress: (seen: number) => void = () => {}): DuplicatePair[] {
  const order = GramOrder.from(slice.order);
  const conditions = ['filing_id = @f'];
  const params: Record<string, unknown> = { f: slice.filingId };
  if (slice.start) {
    conditions.push('published_at >= @lead');
    params.lead = addDays(slice.start[0], -1);
  }
  if (slice.end) {
    conditions.push('(published_at < @endAt OR (published_at = @endAt AND rowid < @endRow))');
    params.endAt = slice.end[0];
    params.endRow = slice.end[1];
  }
  // Row-id order breaks published_at ties, which the index (filing_id, published_at) gives without a sort.
  const rows = db
    .prepare(`SELECT rowid, published_at, ${JOINED} FROM contents WHERE ${conditions.join(' AND ')} ORDER BY published_at, rowid`)
    .raw()
    .iterate(params) as Iterable<[number, string, string]>;
  const [startAt, startRow] = slice.start ?? ['', 0];
  function* inputs(): Generator<DuplicateInput> {
    const seconds = streamSeconds();
    // One object, refilled per row: findNearDuplicatePairs keeps nothing of its inputs.
    const input: DuplicateInput = { id: 0, time: 0, title: null, text: null, fileOnly: false };
    for (const [id, publishedAt, text] of rows) {
      input.id = id;
      input.time = seconds(publishedAt);
      input.text = text;
      input.fileOnly = publishedAt < startAt || (publishedAt === startAt && id < startRow);
      yield input;
    }
  }
  const recall = db.prepare(`SELECT ${JOINED} FROM contents WHERE rowid = ?`).pluck();
  return findNearDuplicatePairs(inputs(), {
    order,
    onProgress,
    recall: (id) => ({ title: null, text: recall.get(id) as string }),
  });
}

/** Slice starts that split the filing's contents into `parts` runs of about equal length. */
function sliceStarts(db: Database.Database, filingId: number, total: number, parts: number): StreamPoint[] {
  const at = db.prepare('SELECT published_at, rowid FROM contents WHERE filing_id = ? ORDER BY published_at, rowid LIMIT 1 OFFSET ?').raw();
  const starts: StreamPoint[] = [];
  for (let k = 1; k < parts; k++) {
    const row = at.get(filingId, Math.floor((total * k) / parts)) as [string, number] | undefined;
    if (row) starts.push(row);
  }
  return starts;
}

export interface ScanOptions {
  /** Called with the number of contents compared so far (over all slices) and the filing's total. */
  onProgress?: (seen: number, total: number) => void;
  /** Stops the scan (the workers are terminated) when it throws. */
  throwIfCancelled?: () => void;
  /** Threads to use; default: the machine's cores, at most four, and one for small filings. */
  threads?: number;
}

/** How many contents the scan compares and on how many threads (one: on the calling thread). */
export function scanPlan(db: Database.Database, dbPath: string, filingId: number, threads?: number): { total: number; threads: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM contents WHERE filing_id = ?').get(filingId) as { n: number }).n;
  if (dbPath === ':memory:') return { total, threads: 1 };
  return { total, threads: threads ?? (total < PARALLEL_FROM ? 1 : Math.min(MAX_THREADS, os.availableParallelism())) };
}

/**
 * Every near-duplicate pair of the filing's contents (rules-v1 matrix.coordinated_duplicates),
 * on worker threads when the filing is large.
 */
export async function scanNearDuplicates(db: Database.Database, dbPath: string, filingId: number, options: ScanOptions = {}): Promise<DuplicatePair[]> {
  const { total, threads } = scanPlan(db, dbPath, filingId, options.threads);
  const check = options.throwIfCancelled ?? (() => {});
  const order = sampledOrder(db, filingId, total).sealed();
  if (threads <= 1) {
    return scanSlice(db, { dbPath, filingId, order }, (seen) => {
      check();
      options.onProgress?.(seen, total);
    });
  }
  const starts = sliceStarts(db, filingId, total, threads);
  const slices: ScanSlice[] = [undefined, ...starts].map((start, k) => ({ dbPath, filingId, order, start, end: starts[k] }));
  const seen = slices.map(() => 0);
  const workers = await Promise.all(
    slices.map((slice) => startWorker(import.meta.url, './near-duplicate-worker.ts', () => import('./near-duplicate-worker?modulePath'), slice)),
  );
  try {
    const results = await Promise.all(
      workers.map(
        (worker, k) =>
          new Promise<Float64Array>((resolve, reject) => {
            worker.on('message', (message: ScanMessage) => {
              if (message.type === 'done') resolve(message.pairs);
              else if (message.type === 'error') reject(new Error(message.message));
              else {
                seen[k] = message.seen;
                try {
                  check();
                  // Each slice also streams the day before its start: the sum can pass the total by that much.
                  options.onProgress?.(Math.min(total, seen.reduce((a, b) => a + b, 0)), total);
                } catch (error) {
                  reject(error as Error);
                }
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`雷同内容比对线程意外退出（退出码 ${code}）`)));
          }),
      ),
    );
    const pairs: DuplicatePair[] = [];
    for (const packed of results) {
      for (let i = 0; i < packed.length; i += 4) pairs.push({ a: packed[i], b: packed[i + 1], shared: packed[i + 2], union: packed[i + 3] });
    }
    return pairs;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
