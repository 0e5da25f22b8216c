/// <reference types="electron-vite/node" />
import { Worker } from 'node:worker_threads';
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

export type ToReader = ({ type: 'table' } & TableRequest) | { type: 'ack' };

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

/** Batches the reading thread may have sent ahead of the inserts: bounds the memory between them. */
export const BATCHES_IN_FLIGHT = 8;
const CANCEL_POLL_MS = 200;

async function spawnReader(init: ReaderInit): Promise<Worker> {
  // From source (tsx, vitest) the entry is TypeScript, run through tsx's loader; the desktop
  // build bundles it as its own chunk (electron-vite `?modulePath`), which needs no loader.
  if (import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: init, execArgv: [...process.execArgv, '--import', 'tsx'] });
  }
  const { default: entry } = await import('./parse-worker?modulePath');
  return new Worker(entry, { workerData: init });
}

/**
 * The importer's second thread: reads, hashes, decodes, parses, converts and checks the rows of
 * one table after another and hands them over in batches, so the main thread only inserts and
 * the two overlap. Tables are read one at a time, in the order asked.
 */
export class RowReader {
  private pending: { sink: RowSink; resolve(read: TableRead): void; reject(error: unknown): void } | null = null;
  private broken: unknown = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromReader) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`导入读取线程意外退出（退出码 ${code}）`)));
  }

  static async start(init: ReaderInit): Promise<RowReader> {
    return new RowReader(await spawnReader(init));
  }

  /**
   * Reads one table; `sink` runs on this thread for every batch, in order. `throwIfCancelled`
   * is also polled while no batch arrives (an XLSX being extracted), so a cancel is prompt.
   */
  read(request: TableRequest, sink: RowSink, throwIfCancelled: () => void): Promise<TableRead> {
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
      this.worker.postMessage({ type: 'table', ...request } satisfies ToReader);
    });
  }

  private receive(message: FromReader): void {
    const pending = this.pending;
    if (!pending) return;
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
