import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { ValidationReport } from '@shared/api/filings';
import { FILING_TABLES, TABLE_LOAD_ORDER, isTableName, type TableName, type TableSpec } from '@shared/domain/filing-schema';
import { DEFAULT_CONTAINER_LIMITS, openContainer, readAll, type ContainerEntry, type ContainerLimits, type PackageContainer } from './container';
import { encodingFromDeclared } from './decode';
import { MANIFEST_FILE, parseManifest, type Manifest } from './manifest';
import { DEFAULT_ISSUE_LIMIT, FatalInputError, ReportCollector } from './report';
import { RowReader, TableReadFailed, type TableRead } from './row-reader';
import { tableFormat, type TableFormat } from './table-source';
import { TableWriter } from './writer';
import { PackageIdentity } from './identity';
import { startCheckpoint } from '../db/checkpoint';

export interface ImportLimits extends ContainerLimits {
  /** Longest cell, in characters (the `text` column included). */
  maxCellChars: number;
  maxManifestBytes: number;
  maxDocumentBytes: number;
  issueLimit: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  ...DEFAULT_CONTAINER_LIMITS,
  maxCellChars: 1024 * 1024,
  maxManifestBytes: 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  issueLimit: DEFAULT_ISSUE_LIMIT,
};

export interface ImportJob {
  progress(update: { phase: string; label: string; done: number; total?: number | null }): void;
  throwIfCancelled(): void;
}

export interface ImportRequest {
  /** A .zip file or a folder. */
  source: string;
  /** Name shown in lists (defaults to the file or folder name); uploads pass the original name. */
  sourceName?: string;
  actor: string;
  isSample?: boolean;
  /** Validate only: everything is read, checked and rolled back. */
  dryRun?: boolean;
  job?: ImportJob;
  limits?: Partial<ImportLimits>;
  /** Scratch folder for XLSX extraction. */
  tmpDir: string;
}

export interface ImportOutcome {
  filingId: number | null;
  packageSha256: string | null;
  existingFilingId: number | null;
  report: ValidationReport;
}

interface PlannedTable {
  spec: TableSpec;
  decl: Manifest['tables'][number];
  entry: ContainerEntry;
  format: TableFormat;
}

const noJob: ImportJob = { progress: () => undefined, throwIfCancelled: () => undefined };

/** Current time as stored in the workspace: UTC+8 'YYYY-MM-DD HH:MM:SS'. */
export function nowUtc8(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Reads a filing package into the workspace in one transaction: everything or nothing. Rows are
 * streamed (bounded memory), converted, checked and inserted as they arrive; declared row counts
 * and hashes are verified on the same pass; references are checked set-based at the end.
 * Refusals throw AppError: `invalid_input` with the validation report, `conflict` for a package
 * imported before, `cancelled`. A dry run returns the report and stores nothing.
 */
export async function importPackage(db: Database.Database, request: ImportRequest): Promise<ImportOutcome> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...request.limits };
  const job = request.job ?? noJob;
  const report = new ReportCollector(limits.issueLimit);
  let container: PackageContainer | null = null;
  let identity: PackageIdentity | null = null;
  const refuse = async (): Promise<ImportOutcome> => {
    // The report is the answer; a hash that could not be computed does not replace it.
    const sha = identity ? await identity.sha256().catch(() => null) : null;
    const outcome = { filingId: null, packageSha256: sha, existingFilingId: null, report: report.report() };
    if (request.dryRun) return outcome;
    throw new AppError('invalid_input', refusalMessage(outcome.report), outcome.report);
  };
  /** A package imported before: a conflict, or in a dry run an error in the report. */
  const duplicate = (sha: string, existing: ExistingFiling): ImportOutcome => {
    const message = `该数据包已导入过：${existing.platform_name} 第 ${existing.version} 版（备案 #${existing.id}，导入于 ${existing.imported_at}），同一数据包不能重复导入`;
    if (!request.dryRun) throw new AppError('conflict', message, { existingFilingId: existing.id, packageSha256: sha });
    report.error({ file: '', code: 'package_duplicate', value: sha, message });
    return { filingId: null, packageSha256: sha, existingFilingId: existing.id, report: report.report() };
  };
  try {
    job.progress({ phase: 'open', label: '打开数据包', done: 0, total: null });
    try {
      container = await openContainer(request.source, limits, { identify: false });
    } catch (error) {
      if (error instanceof FatalInputError) {
        report.error(error.issue);
        return await refuse();
      }
      throw error;
    }
    identity = new PackageIdentity(request.source, container, limits);
    const manifestEntry = container.find(MANIFEST_FILE);
    if (!manifestEntry) {
      report.error({ file: MANIFEST_FILE, code: 'manifest_missing', message: '数据包根目录中没有 manifest.json（清单文件），无法识别为备案数据包' });
      return await refuse();
    }
    const manifest = parseManifest(await readAll(container, manifestEntry, limits.maxManifestBytes), report);
    if (!manifest) return await refuse();

    // A package imported before has the same manifest (its bytes are part of the identity), so
    // only then is the identity awaited before reading; otherwise it is checked before COMMIT.
    if (db.prepare('SELECT 1 FROM filings WHERE manifest_json = ?').get(JSON.stringify(manifest))) {
      const sha = await identity.sha256();
      job.throwIfCancelled();
      const existing = existingFiling(db, sha);
      if (existing) return duplicate(sha, existing);
    }

    const plan = planTables(manifest, container, report);
    const documents = planDocuments(manifest, container, report);
    if (report.errors > 0) return await refuse();

    const loaded = await loadInTransaction(db, request, limits, job, report, container, manifest, plan, documents, identity);
    if ('existing' in loaded) return duplicate(loaded.sha256, loaded.existing);
    if (report.errors > 0) return await refuse();
    // Committed: a checkpoint that cannot start is no failure (the next automatic one, or closing, copies the log).
    if (loaded.filingId !== null && db.pragma('journal_mode', { simple: true }) === 'wal') await startCheckpoint(db.name).catch(() => undefined);
    return { filingId: loaded.filingId, packageSha256: loaded.sha256, existingFilingId: null, report: report.report() };
  } catch (error) {
    if (error instanceof FatalInputError) {
      report.error(error.issue);
      return await refuse();
    }
    throw error;
  } finally {
    container?.close();
    await identity?.close();
  }
}

interface ExistingFiling {
  id: number;
  platform_name: string;
  version: number;
  imported_at: string;
}

const existingFiling = (db: Database.Database, sha256: string) =>
  db.prepare('SELECT id, platform_name, version, imported_at FROM filings WHERE package_sha256 = ?').get(sha256) as ExistingFiling | undefined;

function refusalMessage(report: ValidationReport): string {
  const first = report.issues.find((i) => i.severity === 'error');
  const where = first ? [first.file, first.row !== null ? `第 ${first.row} 行` : null, first.column].filter(Boolean).join(' ') : '';
  return `数据包未通过校验，未导入：共 ${report.errorCount} 个错误${first ? `，首个错误：${where ? `${where}：` : ''}${first.message}` : ''}`;
}

function planTables(manifest: Manifest, container: PackageContainer, report: ReportCollector): PlannedTable[] {
  const seen = new Set<string>();
  const planned = new Map<TableName, PlannedTable>();
  manifest.tables.forEach((decl, i) => {
    const column = `tables[${i}]`;
    if (!isTableName(decl.table)) {
      report.warning({ file: MANIFEST_FILE, column, value: decl.table, code: 'table_unknown', message: `清单中有未知的数据表「${decl.table}」，已忽略（文件 ${decl.file} 未读取）` });
      return;
    }
    if (seen.has(decl.table)) {
      report.error({ file: MANIFEST_FILE, column, value: decl.table, code: 'table_duplicate', message: `数据表 ${decl.table} 在清单中声明了不止一次` });
      return;
    }
    seen.add(decl.table);
    const format = tableFormat(decl.file);
    if ('code' in format) {
      report.error({ file: decl.file, code: format.code, message: format.message });
      return;
    }
    if (encodingFromDeclared(decl.encoding) === null) {
      report.error({ file: MANIFEST_FILE, column: `${column}.encoding`, value: decl.encoding, code: 'encoding_unknown', message: `不支持的编码「${decl.encoding}」：应为 UTF-8 或 GB18030/GBK/GB2312/CP936` });
      return;
    }
    const entry = container.find(decl.file);
    if (!entry) {
      report.error({ file: decl.file, code: 'file_missing', message: `清单声明的数据表文件 ${decl.file}（${decl.table}）不在数据包中` });
      return;
    }
    planned.set(decl.table, { spec: FILING_TABLES[decl.table], decl, entry, format: format.format });
  });
  for (const name of TABLE_LOAD_ORDER) {
    const spec = FILING_TABLES[name];
    if (spec.required && !seen.has(name)) {
      report.error({ file: MANIFEST_FILE, column: 'tables', value: name, code: 'table_required', message: `缺少必需的数据表 ${name}（${spec.label}）` });
    }
  }
  return TABLE_LOAD_ORDER.flatMap((name) => planned.get(name) ?? []);
}

function planDocuments(manifest: Manifest, container: PackageContainer, report: ReportCollector) {
  const seen = new Set<string>();
  return manifest.documents.flatMap((doc, i) => {
    const entry = container.find(doc.file);
    if (!entry) {
      report.error({ file: doc.file, column: `documents[${i}]`, code: 'file_missing', message: `清单声明的文档 ${doc.file}（${doc.title ?? doc.kind}）不在数据包中` });
      return [];
    }
    if (seen.has(entry.path)) {
      report.error({ file: doc.file, column: `documents[${i}]`, code: 'document_duplicate', message: `文档 ${doc.file} 在清单中声明了不止一次` });
      return [];
    }
    seen.add(entry.path);
    return [{ doc, entry }];
  });
}

async function loadInTransaction(
  db: Database.Database,
  request: ImportRequest,
  limits: ImportLimits,
  job: ImportJob,
  report: ReportCollector,
  container: PackageContainer,
  manifest: Manifest,
  plan: PlannedTable[],
  documents: { doc: Manifest['documents'][number]; entry: ContainerEntry }[],
  identity: PackageIdentity,
): Promise<{ filingId: number | null; sha256: string } | { existing: ExistingFiling; sha256: string }> {
  // Started before the transaction, reading all tables at once: it runs ahead of the inserts
  // (within BATCHES_IN_FLIGHT), also while an index is being built.
  const reader = await RowReader.start(
    { source: request.source, limits },
    plan.map((table) => ({
      table: table.spec.name,
      file: table.entry.path,
      format: table.format,
      encoding: encodingFromDeclared(table.decl.encoding) ?? 'detect',
      maxCellChars: limits.maxCellChars,
      tmpDir: request.tmpDir,
    })),
  );
  const restorePragmas = setPragmas(db, {
    cache_size: IMPORT_CACHE_KIB,
    // COMMIT leaves the log to a checkpoint on another thread (db/checkpoint.ts).
    wal_autocheckpoint: 0,
    temp_store: TEMP_STORE_FILE,
    // Writes go through the page cache anyway; without the map the pages an import reads stay out of
    // the process's resident set, so its memory stays bounded by the cache.
    mmap_size: 0,
    // Every row's only foreign key is the filing this transaction has just created: checking it per
    // row (a lookup in filings) cost about 3 s of a million-account import. Set before BEGIN, as SQLite requires.
    foreign_keys: 0,
  });
  try {
    // IMMEDIATE takes the write lock now, so the version number cannot race another import.
    db.exec('BEGIN IMMEDIATE');
    const { next } = db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM filings WHERE platform_id = ?').get(manifest.platform.platform_id) as { next: number };
    const filingId = Number(
      db
        .prepare(
          `INSERT INTO filings (package_sha256, package_id, source_name, platform_id, platform_name, operator, platform_uscc,
            platform_province, platform_news_license_no, period_start, period_end, generated_at, complaint_deadline_days,
            version, is_sample, manifest_json, imported_at, imported_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          // Unique until the identity, computed meanwhile on its own thread, replaces it before COMMIT.
          `import-pending:${randomUUID()}`, manifest.package_id, request.sourceName ?? container.sourceName, manifest.platform.platform_id,
          manifest.platform.name, manifest.platform.operator, manifest.platform.uscc, manifest.platform.province,
          manifest.platform.news_license_no, manifest.period.start, manifest.period.end, manifest.generated_at,
          manifest.complaint_deadline_days, next, request.isSample ? 1 : 0, JSON.stringify(manifest), nowUtc8(), request.actor,
        ).lastInsertRowid,
    );

    const total = plan.reduce((sum, t) => sum + t.decl.rows, 0);
    const deferred = deferIndexes(db, filingId, plan);
    let doneBefore = 0;
    const broken = new Set<TableName>();
    for (const table of plan) {
      const label = `读取 ${table.decl.file}（${table.spec.label}）`;
      const result = await loadTable(db, filingId, table, reader, report, (rows) => job.progress({ phase: 'read', label, done: doneBefore + rows, total }), job);
      if (!result.complete || result.rejected > 0) broken.add(table.spec.name);
      if (result.sha256) identity.learn(table.entry.path, result.sha256);
      doneBefore += table.decl.rows;
      // Built while the table's pages are still in the cache and the reader goes on with the next table.
      for (const sql of deferred.get(table.spec.name) ?? []) {
        job.throwIfCancelled();
        db.exec(sql);
      }
    }
    await reader.close();

    job.progress({ phase: 'documents', label: '读取文档', done: total, total });
    for (const { doc, entry } of documents) {
      job.throwIfCancelled();
      const bytes = await readAll(container, entry, limits.maxDocumentBytes);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== doc.sha256) {
        report.error({ file: entry.path, value: sha, code: 'sha256_mismatch', message: `文档的 SHA-256 与清单声明不符（声明 ${doc.sha256}，实际 ${sha}），文件可能被改动或损坏` });
        continue;
      }
      db.prepare('INSERT INTO filing_documents (filing_id, kind, title, file, sha256, size, content) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(filingId, doc.kind, doc.title, entry.path, sha, bytes.length, bytes);
    }

    job.progress({ phase: 'references', label: '核对引用关系', done: total, total });
    checkReferences(db, filingId, plan, broken, report);
    job.throwIfCancelled();

    const sha256 = await identity.sha256();
    job.throwIfCancelled();
    const existing = existingFiling(db, sha256);
    if (existing || report.errors > 0 || request.dryRun) {
      db.exec('ROLLBACK');
      return existing ? { existing, sha256 } : { filingId: null, sha256 };
    }
    db.prepare('UPDATE filings SET package_sha256 = ? WHERE id = ?').run(sha256, filingId);
    job.progress({ phase: 'commit', label: '写入工作区', done: total, total });
    db.exec('COMMIT');
    return { filingId, sha256 };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    restorePragmas();
    await reader.close();
  }
}

/** Sets numeric PRAGMAs of a connection; returns what puts the previous values back. */
function setPragmas(db: Database.Database, values: Record<string, number>): () => void {
  const previous = Object.keys(values).map((name) => [name, db.pragma(name, { simple: true }) as number] as const);
  for (const [name, value] of Object.entries(values)) db.pragma(`${name} = ${value}`);
  return () => {
    for (const [name, value] of previous) db.pragma(`${name} = ${value}`);
  };
}

/** PRAGMA temp_store value for FILE. */
const TEMP_STORE_FILE = 1;

/**
 * Page cache of the import's connection during an import, as a negative PRAGMA cache_size (KiB),
 * with temp_store=FILE. With the secondary indexes built after the load, rows and keys arrive in
 * order and a large cache buys little; but SQLite's sorter takes as much memory again as the cache
 * while it builds an index, and with temp_store=MEMORY its overflow stays in memory too: these two
 * settings bound the import's peak memory (docs/filing-format.md "导入行为"). 64 MiB: with 16 KiB
 * pages, 96 MiB gave a peak of 519–533 MiB at 1M accounts and 64 MiB 398 MiB, in the same time.
 */
const IMPORT_CACHE_KIB = -65_536;

/**
 * Rows of a table already in the workspace (other filings) at most this many times the rows
 * coming in: its secondary indexes are dropped for the load and built again after it, inside
 * the transaction. Building sorts once; filling row by row lands keys such as identifier hashes
 * and publication times at random places, which costs about three times as much while the index
 * fits the page cache and far more once it does not. Rebuilding also re-reads the other filings'
 * rows, hence the bound (docs/filing-format.md "性能").
 */
const DEFER_INDEX_FACTOR = 2;

/** Drops the secondary indexes worth rebuilding (see DEFER_INDEX_FACTOR); returns, per table, the statements that build them again. */
function deferIndexes(db: Database.Database, filingId: number, plan: PlannedTable[]): Map<TableName, string[]> {
  const present = new Map<string, number>();
  const others = db.prepare('SELECT manifest_json FROM filings WHERE id <> ?').pluck().all(filingId) as string[];
  for (const json of others) {
    for (const t of (JSON.parse(json) as Manifest).tables) present.set(t.table, (present.get(t.table) ?? 0) + t.rows);
  }
  const rebuild = new Map<TableName, string[]>();
  for (const { spec, decl } of plan) {
    if ((present.get(spec.name) ?? 0) > DEFER_INDEX_FACTOR * decl.rows) continue;
    const indexes = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(spec.name) as { name: string; sql: string }[];
    for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
    rebuild.set(spec.name, indexes.map((i) => i.sql));
  }
  return rebuild;
}

async function loadTable(
  db: Database.Database,
  filingId: number,
  table: PlannedTable,
  reader: RowReader,
  report: ReportCollector,
  onProgress: (rows: number) => void,
  job: ImportJob,
): Promise<{ complete: boolean; rejected: number; sha256?: string }> {
  const file = table.entry.path;
  const writer = new TableWriter(db, table.spec, filingId, file, report);
  const width = table.spec.columns.length + 1;
  const restore = report.checkpoint();
  let read: TableRead;
  // No SAVEPOINT around the table: an open savepoint made every insert of the table cost about
  // twice the CPU (measured, docs/filing-format.md "性能"). The filing row is new in this
  // transaction, so "undo this table" is a DELETE of its rows for this filing.
  try {
    read = await reader.next(
      {
        rows: ({ values, lines, issues, seen }) => {
          job.throwIfCancelled();
          let row = 0;
          for (const { at, issue } of issues) {
            for (; row < at; row++) writer.add(values, lines[row], row * width);
            report.add(issue);
          }
          for (; row < lines.length; row++) writer.add(values, lines[row], row * width);
          onProgress(seen);
        },
        restart: () => {
          db.prepare(`DELETE FROM ${table.spec.name} WHERE filing_id = ?`).run(filingId);
          restore();
          writer.reset();
        },
      },
      () => job.throwIfCancelled(),
    );
    writer.flush();
  } catch (error) {
    if (!(error instanceof TableReadFailed)) throw error;
    report.error(error.issue);
    return { complete: false, rejected: error.rejected };
  }
  onProgress(read.rows);
  if (!read.headerOk) return { complete: false, rejected: 0 };
  if (read.formulas > 0) {
    report.warning({ file, code: 'xlsx_formula', message: `有 ${read.formulas} 个公式单元格：按文件中保存的计算结果读取，本工作台不执行公式` });
  }
  if (read.sha256 !== table.decl.sha256) {
    report.error({ file, value: read.sha256, code: 'sha256_mismatch', message: `文件的 SHA-256 与清单声明不符（声明 ${table.decl.sha256}，实际 ${read.sha256}），文件可能被改动、损坏或清单有误` });
  }
  if (read.rows !== table.decl.rows) {
    report.error({ file, value: String(read.rows), code: 'rows_mismatch', message: `数据行数与清单声明不符：清单声明 ${table.decl.rows} 行，文件实际 ${read.rows} 行（不含表头）` });
  }
  return { complete: true, rejected: read.rejected, sha256: read.sha256 };
}

/**
 * Every reference must resolve inside the package. Checked set-based once all tables are in.
 * A reference into a table that had rejected rows is not checked: those rows are missing on
 * purpose and the report already names them, so their dependants would only repeat it.
 * First the distinct values are probed (read from the column's index when it has one, so a
 * big table such as contents is not scanned); only a column with a dangling value is then
 * read row by row to name the source rows.
 */
function checkReferences(db: Database.Database, filingId: number, plan: PlannedTable[], broken: Set<TableName>, report: ReportCollector): void {
  for (const { spec, entry } of plan) {
    for (const column of spec.columns) {
      if (!column.references) continue;
      const target = column.references;
      if (broken.has(target.table)) continue;
      const dangling = `NOT EXISTS (SELECT 1 FROM ${target.table} p WHERE p.filing_id = @filingId AND p.${target.column} = c.${column.name})`;
      const any = db
        .prepare(
          `SELECT 1 FROM (SELECT DISTINCT ${column.name} FROM ${spec.name} WHERE filing_id = @filingId AND ${column.name} IS NOT NULL) c
           WHERE ${dangling} LIMIT 1`,
        )
        .get({ filingId });
      if (!any) continue;
      const targetPlanned = plan.some((p) => p.spec.name === target.table);
      const rows = db
        .prepare(
          `SELECT c.src_row AS row, c.${column.name} AS value FROM ${spec.name} c
           WHERE c.filing_id = @filingId AND c.${column.name} IS NOT NULL AND ${dangling}
           ORDER BY c.src_row`,
        )
        .iterate({ filingId }) as Iterable<{ row: number; value: string }>;
      for (const { row, value } of rows) {
        report.error({
          file: entry.path, row, column: column.name, value, code: 'ref_dangling',
          message: targetPlanned
            ? `引用的 ${target.column}「${value}」在 ${target.table}（${FILING_TABLES[target.table].label}）中不存在`
            : `引用了 ${target.table}（${FILING_TABLES[target.table].label}）的 ${target.column}「${value}」，但数据包中没有 ${target.table} 表`,
        });
      }
    }
  }
}
