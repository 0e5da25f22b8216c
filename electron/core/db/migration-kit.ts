import { sql, type Kysely } from 'kysely';

/** better-sqlite3 prepares one statement at a time, so migrations list their statements. */
export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
