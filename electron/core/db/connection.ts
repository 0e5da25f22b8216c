import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { checkpointsSettled } from './checkpoint';
import { migrations } from './migrations';
import type { WorkspaceSchema } from './schema';

export interface Workspace {
  /** Typed query builder: all SQL of the app goes through it or through `raw` for bulk paths. */
  db: Kysely<WorkspaceSchema>;
  /** The better-sqlite3 handle, for prepared statements in hot loops (import, checks). */
  raw: Database.Database;
  path: string;
  close(): Promise<void>;
}

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

/** Upper bound of the memory map over the workspace file. */
export const MMAP_BYTES = 2 ** 31;
/**
 * Page size of a new workspace (an existing one keeps its own). 16 KiB instead of SQLite's 4 KiB:
 * a million-account import writes and re-reads (for its indexes) about 3 GB, and with a quarter of
 * the pages it took 45.8 s instead of 51.3 s, every phase faster (measured, docs/filing-format.md).
 */
const PAGE_BYTES = 16_384;
/** Size the write-ahead log file is cut back to once emptied. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/**
 * Opens (creating if needed) a workspace database and brings it to the latest schema.
 * WAL for concurrent readers, FULL sync so a crash never loses a committed import,
 * foreign keys on because filings cascade to every table.
 */
export async function openWorkspace(dbPath: string): Promise<Workspace> {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const raw = new Database(dbPath);
  try {
    // Takes effect only while the file is still empty, so before WAL mode writes its header.
    raw.pragma(`page_size = ${PAGE_BYTES}`);
    raw.pragma('journal_mode = WAL');
    configureConnection(raw);
    assertPragma(raw, 'synchronous', 2);
    assertPragma(raw, 'foreign_keys', 1);
  } catch (error) {
    raw.close();
    throw error;
  }
  const db = new Kysely<WorkspaceSchema>({ dialect: new SqliteDialect({ database: raw }) });
  const { error, results } = await new Migrator({ db, provider: staticProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
    throw new Error(`工作区数据库迁移失败（${failed}）：${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    db,
    raw,
    path: dbPath,
    // Lets a checkpoint begun after an import finish first: closing the last connection would otherwise redo it here.
    close: async () => {
      await checkpointsSettled(dbPath);
      await db.destroy();
    },
  };
}

/** The settings of every connection to a workspace (the workspace's own, and the import's). */
export function configureConnection(raw: Database.Database): void {
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -262144'); // 256 MiB page cache for the workstation's own statements (an import sets a smaller one, filing/import.ts)
  raw.pragma('temp_store = MEMORY');
  // Reads through a memory map instead of a read() call per page: the checks walk millions of rows in
  // index order and take about half the time. SQLite caps the map (2 GiB in this build); the mapped
  // pages are the OS file cache, counted in RSS but not in the process's own (anonymous) memory.
  raw.pragma(`mmap_size = ${MMAP_BYTES}`);
  // A log emptied by a checkpoint is cut back to this when the next write restarts it (an import leaves gigabytes).
  raw.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
}

function assertPragma(raw: Database.Database, name: string, expected: number): void {
  const actual = raw.pragma(name, { simple: true });
  if (actual !== expected) throw new Error(`SQLite PRAGMA ${name} = ${String(actual)}，应为 ${expected}`);
}
