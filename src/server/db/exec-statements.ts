import { type Kysely, sql } from 'kysely';

/**
 * Runs a migration script one statement at a time: PGlite's extended protocol (and pg with
 * parameters) refuses several commands in one prepared statement. Scripts given here must not
 * contain semicolons inside statements (no function bodies).
 */
export async function execStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
