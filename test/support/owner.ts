import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { OpenDatabase } from '../../src/server/db/database.js';
import type { TestApp } from './test-app.js';

/**
 * Runs `fn` as the database owner — what a DBA could do behind the application's back: on PGlite
 * the one connection steps out of the runtime role; on PostgreSQL a separate connection logs in as
 * the test server's superuser.
 */
export async function asOwner<T>(t: TestApp, fn: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
  const url = (t.database as OpenDatabase & { url?: string }).url;
  if (url) {
    const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    try {
      return await fn(owner);
    } finally {
      await owner.destroy();
    }
  }
  return t.ctx.db.connection().execute(async (conn) => {
    await sql`RESET ROLE`.execute(conn);
    try {
      return await fn(conn as unknown as Kysely<unknown>);
    } finally {
      await sql`SET ROLE sekimori_app`.execute(conn);
    }
  });
}
