/*
 * Entry of the checkpoint thread (see checkpoint.ts): copies the workspace's write-ahead log into
 * the database file through a connection of its own.
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
    post({ type: 'started' });
    // PASSIVE: never takes the write lock, so the workstation's own writes go on meanwhile. (A
    // TRUNCATE after it held that lock while waiting for readers, and a write that had begun as a
    // read failed at once with SQLITE_BUSY.) The next write transaction restarts the emptied log,
    // and journal_size_limit (db/connection.ts) then shortens the file.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    post({ type: 'done', frames: result.log, copied: result.checkpointed });
  } finally {
    db.close();
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
