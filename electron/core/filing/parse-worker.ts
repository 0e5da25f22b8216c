/*
 * Entry of the importer's reading thread (see row-reader.ts): opens the package once, then for
 * each table asked reads, hashes, decodes, parses, converts and checks its rows and posts them
 * in batches, one per chunk of the file. At most BATCHES_IN_FLIGHT batches are unacknowledged:
 * reading waits for the inserts, so memory stays bounded whatever the package size.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { FILING_TABLES } from '@shared/domain/filing-schema';
import { RowMapper } from './columns';
import { openContainer, type ContainerEntry, type PackageContainer } from './container';
import { FatalInputError, ReportCollector, type IssueInput } from './report';
import { ROW_CHECKS } from './row-checks';
import { BATCHES_IN_FLIGHT, type FromReader, type ReaderInit, type RowBatch, type TableRequest, type ToReader } from './row-reader';
import { readTable } from './table-source';
import type { StoredValue } from './values';

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread only');
const init = workerData as ReaderInit;
const containerReady = openContainer(init.source, init.limits, { identify: false });

let credits = BATCHES_IN_FLIGHT;
let wake: (() => void) | null = null;

const post = (message: FromReader, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Room for one batch's long text: a batch is one ~256 KiB chunk of the file. */
const ARENA_BYTES = 320 * 1024;

/**
 * The bytes of long text cells (utf8-text.ts), written once into buffers that go to the main
 * thread with their batch, transferred rather than copied. A buffer of their own per cell would
 * be cloned whole (Node's small buffers share an 8 KiB pool), and packing them afterwards was a
 * second copy.
 */
class ByteArena {
  private buffer = Buffer.allocUnsafeSlow(ARENA_BYTES);
  private used = 0;
  private filled: ArrayBuffer[] = [];

  put(latin1: string): Uint8Array {
    const n = latin1.length;
    if (this.used + n > this.buffer.length) {
      if (this.used > 0) this.filled.push(this.buffer.buffer);
      this.buffer = Buffer.allocUnsafeSlow(Math.max(ARENA_BYTES, n));
      this.used = 0;
    }
    this.buffer.write(latin1, this.used, 'latin1');
    const bytes = this.buffer.subarray(this.used, this.used + n);
    this.used += n;
    return bytes;
  }

  /** The buffers written since the last call, to transfer with the batch; later cells go to new ones. */
  take(): ArrayBuffer[] {
    const taken = this.filled;
    if (this.used > 0) {
      taken.push(this.buffer.buffer);
      this.buffer = Buffer.allocUnsafeSlow(ARENA_BYTES);
      this.used = 0;
    }
    this.filled = [];
    return taken;
  }
}

/** Forwards every issue into the batch being built, at its position among the rows. */
class BatchReport extends ReportCollector {
  constructor(private readonly into: () => RowBatch) {
    super(Number.MAX_SAFE_INTEGER);
  }

  override add(issue: IssueInput): void {
    const batch = this.into();
    batch.issues.push({ at: batch.lines.length, issue });
  }
}

async function readOne(request: TableRequest): Promise<void> {
  const container = await containerReady;
  const entry = container.find(request.file);
  if (!entry) throw new FatalInputError({ file: request.file, code: 'file_missing', message: '数据包中没有这个文件' });
  const spec = FILING_TABLES[request.table];
  let batch: RowBatch = { values: [], lines: [], issues: [], seen: 0 };
  const arena = new ByteArena();
  const report = new BatchReport(() => batch);
  const mapper = new RowMapper(spec, request.file, report, ROW_CHECKS[request.table]);
  let hash = createHash('sha256');
  let rows = 0;
  let formulas = 0;
  let headerOk = true;

  const send = () => {
    if (batch.lines.length === 0 && batch.issues.length === 0) return;
    batch.seen = rows;
    credits--;
    post({ type: 'rows', ...batch }, arena.take());
    batch = { values: [], lines: [], issues: [], seen: 0 };
  };
  const add = (values: StoredValue[] | null, line: number) => {
    if (!values) return;
    const out = batch.values;
    for (let i = 0; i < values.length; i++) out.push(values[i]);
    batch.lines.push(line);
  };

  try {
    await readTable(throttled(container), entry, {
      format: request.format,
      encoding: request.encoding,
      maxCellChars: request.maxCellChars,
      tmpDir: request.tmpDir,
      limits: init.limits,
      onBytes: (chunk) => hash.update(chunk),
      onRestart: () => {
        batch = { values: [], lines: [], issues: [], seen: 0 };
        arena.take();
        post({ type: 'restart' });
        hash = createHash('sha256');
        rows = 0;
        mapper.rejectedRows = 0;
      },
      header: (cells, line) => (headerOk = mapper.setHeader(cells, line)),
      row: (cells, line) => {
        rows++;
        add(mapper.mapRow(cells, line), line);
      },
      record: (value, line) => {
        rows++;
        add(mapper.mapRecord(value, line), line);
      },
      columnName: (index) => mapper.columnName(index),
      // Only for tables with long text: for short Chinese cells the bytes would be decoded one by one.
      longText: spec.columns.some((c) => c.longText) ? { column: (index) => mapper.isLongText(index), bytes: (latin1) => arena.put(latin1) } : undefined,
      tick: send,
      onFormula: () => formulas++,
    });
    send();
  } catch (error) {
    if (!(error instanceof FatalInputError)) throw error;
    send();
    post({ type: 'fatal', issue: error.issue, rejected: mapper.rejectedRows });
    return;
  }
  post({ type: 'done', rows, rejected: mapper.rejectedRows, formulas, headerOk, sha256: hash.digest('hex') });
}

/** The package seen through a gate: the next chunk is read only while few batches await their inserts. */
function throttled(container: PackageContainer): PackageContainer {
  return {
    ...container,
    read: (entry: ContainerEntry) =>
      (async function* () {
        for await (const chunk of container.read(entry)) {
          while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
          yield chunk;
        }
      })(),
  };
}

port.on('message', (message: ToReader) => {
  if (message.type === 'ack') {
    credits++;
    const resume = wake;
    wake = null;
    resume?.();
    return;
  }
  void readAll(message.tables);
});

async function readAll(tables: TableRequest[]): Promise<void> {
  for (const table of tables) {
    try {
      await readOne(table);
    } catch (error) {
      if (error instanceof FatalInputError) post({ type: 'fatal', issue: error.issue, rejected: 0 });
      else {
        post({ type: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
        return;
      }
    }
  }
}
