import type { Kysely } from 'kysely';
import { runStatements } from '../migration-kit';

/*
 * Campaign definitions (专项行动) and the registry of generated export files.
 * A campaign's categories and scope are JSON text validated by shared/domain/campaigns.ts on
 * the way in; the statistics are computed from findings and enforcement_actions on demand,
 * so nothing here goes stale when checks are re-run or findings reviewed.
 * `exports` lists files written under dataDir/exports/ so the browser-mode server can hand
 * one out by its opaque id (GET /download/<id>) and nothing else on disk.
 */

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE campaigns (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      issuer TEXT NOT NULL DEFAULT '',
      window_start TEXT NOT NULL,
      window_end TEXT NOT NULL CHECK (window_end >= window_start),
      scope_json TEXT NOT NULL,
      categories_json TEXT NOT NULL,
      builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE exports (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      target TEXT NOT NULL,
      file_name TEXT NOT NULL,
      path TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    ) STRICT`,
  ]);
}
