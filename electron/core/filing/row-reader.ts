/// <reference types="electron-vite/node" />
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-thread';
import type { TableName } from '@shared/domain/filing-schema';
import type { ContainerLimits } from './container';
import type { EncodingChoice } from './decode';
import { FatalInputError, type IssueInput } from './report';
import type { TableFormat } from './table-source';
import type { StoredValue } from './values';

/** What the reading thread needs to open the package (the main thread has already identified it). */
export interface ReaderInit {
  source: string;
  limits: ContainerLimits;
}

export interface TableRequest {
  table: TableName;
  /** Entry path inside the package, as the main thread's container found it. */
  file: string;
  format: TableFormat;
  encoding: EncodingChoice;
  maxCellChars: number;
  tmpDir: string;
}

/**
 * The rows one chunk of the file produced: `values` holds them back to back (the table's columns
 * then extra_json, `width` per row), `lines` their source lines. `issues[i].at` is the number of
 * this batch's rows that came before the issue, so the report keeps the single-threaded order.
 * `seen` counts every data row read so far, rejected ones included.
 */
export interface RowBatch {
  values: StoredValue[];
  lines: number[];
  issues: { at: number; issue: IssueInput }[];
  seen: number;
}

export interface TableRead {
  rows: number;
  rejected: number;
  formulas: number;
  headerOk: boolean;
  sha256: string;
}

export type ToReader = { type: 'tables'; tables: TableRequest[] } | { type: 'ack' };

export type FromReader =
  | ({ type: 'rows' } & RowBatch)
  | { type: 'restart' }
  | ({ type: 'done' } & TableRead)
  | { type: 'fatal'; issue: Omit<IssueInput, 'severity'>; rejected: number }
  | { type: 'failed'; message: string; stack?: string };

export interface RowSink {
  rows(batch: RowBatch): void;
  /** Encoding detection fell back to GB18030: everything received for the table must be forgotten. */
  restart(): void;
}

/** A table whose reading stopped on a fatal input error; `rejected` rows were reported before it. */
export class TableReadFailed extends FatalInputError {
  constructor(
    issue: Omit<IssueInput, 'severity'>,
    readonly rejected: number,
  ) {
    super(issue);
  }
}

/**
 * Batches (one ~256 KiB chunk of a file each) the reading thread may have sent ahead of the
 * inserts: bounds the memory between the threads (32 instead of 8 raised peak memory by about 70 MiB,
 * measured), and lets reading go on while this thread builds the indexes of the table just loaded.
 */
export const BATCHES_IN_FLIGHT = 16;
const CANCEL_POLL_MS = 200;

function spawnReader(init: ReaderInit): Promise<Worker> {
  return startWorker(import.meta.url, './parse-worker.ts', () => import('./parse-worker?modulePath'), init);
}

/**
 * The importer's second thread: reads, hashes, decodes, parses, converts and checks the rows of
 * the tables, one after another in the order given, and hands them over in batches, so the main
 * thread only inserts and the two overlap.
 */
export class RowReader {
  private pending: { sink: RowSink; resolve(read: TableRead): void; reject(error: unknown): void } | null = null;
  /** Messages of the next table that arrived before this thread asked for it. */
  private early: FromReader[] = [];
  private broken: unknown = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromReader) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`导入读取线程意外退出（退出码 ${code}）`)));
  }

  /** Starts reading `tables` at once; take each one's rows with `next`, in the same order. */
  static async start(init: ReaderInit, tables: TableRequest[]): Promise<RowReader> {
    const reader = new RowReader(await spawnReader(init));
    reader.worker.postMessage({ type: 'tables', tables } satisfies ToReader);
    return reader;
  }

  /**
   * Takes the next table; `sink` runs on this thread for every batch, in order. `throwIfCancelled`
   * is also polled while no batch arrives (an XLSX being extracted), so a cancel is prompt.
   */
  next(sink: RowSink, throwIfCancelled: () => void): Promise<TableRead> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<TableRead>((resolve, reject) => {
      const timer = setInterval(() => {
        try {
          throwIfCancelled();
        } catch (error) {
          this.fail(error);
        }
      }, CANCEL_POLL_MS);
      const done = () => {
        clearInterval(timer);
        this.pending = null;
      };
      this.pending = {
        sink,
        resolve: (read) => {
          done();
          resolve(read);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      const early = this.early;
      this.early = [];
      for (const message of early) this.receive(message);
    });
  }

  private receive(message: FromReader): void {
    const pending = this.pending;
    if (!pending) {
      this.early.push(message);
      return;
    }
    try {
      switch (message.type) {
        case 'rows':
          pending.sink.rows(message);
          this.worker.postMessage({ type: 'ack' } satisfies ToReader);
          return;
        case 'restart':
          pending.sink.restart();
          return;
        case 'done':
          pending.resolve(message);
          return;
        case 'fatal':
          pending.reject(new TableReadFailed(message.issue, message.rejected));
          return;
        case 'failed': {
          const error = new Error(message.message);
          if (message.stack) error.stack = message.stack;
          this.fail(error);
          return;
        }
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** The thread cannot be trusted to be in step any more: stop it and refuse further reads. */
  private fail(error: unknown): void {
    if (this.broken) return;
    this.broken = error;
    void this.worker.terminate();
    this.pending?.reject(error);
  }

  async close(): Promise<void> {
    if (!this.broken) this.broken = new Error('导入读取线程已关闭');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
