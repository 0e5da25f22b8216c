/*
 * Entry of the checkpoint thread (see checkpoint.ts): copies the workspace's write-ahead log into
 * the database file through a connection of its own, then resets the log if no reader needs it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointMessage } from './checkpoint';

const port = parentPort;
if (!port) throw new Error('checkpoint-worker runs as a worker thread only');
const post = (message: CheckpointMessage) => port.postMessage(message);

try {
  const db = new Database((workerData as { dbPath: string }).dbPath, { fileMustExist: true });
  try {
    // The reset waits this long for readers still on the log (and holds new writers meanwhile).
    db.pragma('busy_timeout = 1000');
    post({ type: 'started' });
    const [copied] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    const [reset] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    post({ type: 'done', frames: copied.log, copied: copied.checkpointed, reset: reset.busy === 0 });
  } finally {
    db.close();
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
