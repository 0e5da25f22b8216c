import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from './index';

export interface MigratedDatabase {
  raw: Database.Database;
  db: Kysely<unknown>;
}

/**
 * For the per-migration tests: an in-memory database brought up to (and including) the named
 * migration, optionally with one filing (id 1) for rows that must belong to one.
 */
export async function migrateTo(name: string, options: { withFiling?: boolean } = {}): Promise<MigratedDatabase> {
  const raw = new Database(':memory:');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
  if (error) {
    await db.destroy();
    throw error;
  }
  if (options.withFiling) {
    raw
      .prepare(
        `INSERT INTO filings (id, package_sha256, source_name, platform_id, platform_name, period_start, period_end, version, manifest_json, imported_at, imported_by)
         VALUES (1, 'sha', 'p.zip', 'P001', '平台', '2024-10-01', '2024-12-31', 1, '{}', 't', 'a')`,
      )
      .run();
  }
  return { raw, db };
}
