/*
 * Entry of a near-duplicate scan thread (see near-duplicate-scan.ts): scans one slice of a
 * filing's contents through its own read-only connection and posts the pairs back, packed.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { MMAP_BYTES } from '../db/connection';
import { scanSlice, type ScanMessage, type ScanSlice } from './near-duplicate-scan';

const port = parentPort;
if (!port) throw new Error('near-duplicate-worker runs as a worker thread only');
const slice = workerData as ScanSlice;
const post = (message: ScanMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

// Below the rules on the calling thread: they finish first and the scan takes what is left of
// the cores. Only on Linux, where the niceness of "process" 0 is the calling thread's own: on
// Windows and macOS it is the whole process's, and the app would stay lowered after the scan.
if (process.platform === 'linux') {
  try {
    os.setPriority(0, 10);
  } catch {
    // Not permitted here: the threads share the cores evenly, as before.
  }
}

try {
  const db = new Database(slice.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    const pairs = scanSlice(db, slice, (seen) => post({ type: 'progress', seen }));
    const packed = new Float64Array(pairs.length * 4);
    pairs.forEach((p, i) => packed.set([p.a, p.b, p.shared, p.union], i * 4));
    post({ type: 'done', pairs: packed }, [packed.buffer]);
  } finally {
    db.close();
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
