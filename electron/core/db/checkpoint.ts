/// <reference types="electron-vite/node" />
import { startWorker } from '../worker-thread';

/*
 * Checkpoints off the importing thread. A million-account import commits about 3 GB to the
 * write-ahead log; copying it into the database file inside COMMIT took 13 s of a 63 s import,
 * during which the import looked finished but was not. The import now commits with automatic
 * checkpoints off (its rows are durable once the log is synced) and hands the copy to a thread
 * of its own. Other connections' automatic checkpoints do not wait for it: SQLite refuses a
 * second checkpointer at once, without calling the busy handler. Until the copy is done, readers
 * find the new pages in the log (slower than through the memory map), so a caller that reads
 * the whole filing next (a check run, checks/engine.ts) awaits `checkpointsSettled` first.
 */

export type CheckpointMessage =
  | { type: 'started' }
  | { type: 'done'; frames: number; copied: number }
  | { type: 'error'; message: string };

export interface CheckpointResult {
  /** Frames in the log, and how many of them are now in the database file. */
  frames: number;
  copied: number;
}

/** Checkpoints still running, per database: a second import may start one while the first is copying. */
const running = new Map<string, Set<Promise<unknown>>>();

/**
 * Starts copying the log of the database at `dbPath` into the file on a worker thread; resolves
 * once the thread is checkpointing (so a checkpoint another connection would start meanwhile is
 * refused, not run on the caller's thread) with the promise of its result.
 */
export async function startCheckpoint(dbPath: string): Promise<{ done: Promise<CheckpointResult> }> {
  const worker = await startWorker(import.meta.url, './checkpoint-worker.ts', () => import('./checkpoint-worker?modulePath'), { dbPath });
  let started!: () => void;
  const begun = new Promise<void>((resolve) => (started = resolve));
  const done = new Promise<CheckpointResult>((resolve, reject) => {
    worker.on('message', (message: CheckpointMessage) => {
      if (message.type === 'started') return started();
      started();
      if (message.type === 'done') resolve({ frames: message.frames, copied: message.copied });
      else reject(new Error(`工作区检查点失败：${message.message}`));
    });
    worker.once('error', (error) => {
      started();
      reject(error);
    });
    worker.once('exit', (code) => {
      started();
      reject(new Error(`工作区检查点线程意外退出（退出码 ${code}）`));
    });
  });
  trackCheckpoint(dbPath, done);
  await begun;
  return { done };
}

/** Counts a checkpoint as running on this database until `done` settles. */
export function trackCheckpoint(dbPath: string, done: Promise<unknown>): void {
  const settled = done.finally(() => {
    const set = running.get(dbPath);
    set?.delete(settled);
    if (set?.size === 0) running.delete(dbPath);
  });
  settled.catch(() => undefined);
  running.set(dbPath, (running.get(dbPath) ?? new Set()).add(settled));
}

/** A checkpoint started by `startCheckpoint` is still running on this database. */
export const isCheckpointing = (dbPath: string): boolean => running.has(dbPath);

/** Resolves when no checkpoint started by `startCheckpoint` is running on this database (errors ignored). */
export async function checkpointsSettled(dbPath: string): Promise<void> {
  for (let set = running.get(dbPath); set; set = running.get(dbPath)) await Promise.allSettled([...set]);
}
