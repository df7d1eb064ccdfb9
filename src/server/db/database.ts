import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { PgliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared-pool.js';
import { grantRuntimeRole } from './roles.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… — when absent, the embedded PGlite under dataDir is used. */
  url?: string | undefined;
  /** Owner connection for migrations; defaults to url. */
  migrationUrl?: string | undefined;
  /** PGlite data directory; 'memory://' for throwaway instances. */
  dataDir?: string | undefined;
  /** Role the application switches to after migrating (SEC-3). */
  runtimeRole?: string | undefined;
  poolSize?: number | undefined;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

// `date` stays 'YYYY-MM-DD' (a calendar date has no time zone); int8 stays a string.
pg.types.setTypeParser(DATE_OID, (v: string) => v);

async function migrate(db: Kysely<unknown>, runtimeRole: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`database migration failed: ${reason}`);
  }
  await grantRuntimeRole(db, runtimeRole);
}

async function openPglite(opts: DatabaseOptions, runtimeRole: string): Promise<OpenDatabase> {
  const dataDir = opts.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pgliteDir = dataDir.startsWith('memory://') ? dataDir : `${dataDir.replace(/\/$/, '')}/pglite`;
  const client = await PGlite.create(pgliteDir, {
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new PgliteDialect(client) });
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await migrate(db as Kysely<unknown>, runtimeRole);
  // PGlite has one connection: switching it once makes every later query run as the runtime role.
  await sql`SET ROLE ${sql.id(runtimeRole)}`.execute(db);
  return { db, kind: 'pglite', close: () => db.destroy() };
}

async function openPostgres(opts: DatabaseOptions, url: string, runtimeRole: string): Promise<OpenDatabase> {
  const owner = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: opts.migrationUrl ?? url, max: 1 }) }),
  });
  try {
    await sql`SELECT pg_advisory_lock(7347001)`.execute(owner);
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(owner);
    await migrate(owner, runtimeRole);
    await sql`SELECT pg_advisory_unlock(7347001)`.execute(owner);
  } finally {
    await owner.destroy();
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // An idle connection the server closes (restart, failover, a dropped database) must not crash the
  // process through an unhandled 'error' event; the pool opens a new connection for the next query.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: preparingPool(pool),
      onCreateConnection: async (conn) => {
        await conn.executeQuery(CompiledQuery.raw(`SET ROLE "${runtimeRole}"`));
      },
    }),
  });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export async function openDatabase(opts: DatabaseOptions): Promise<OpenDatabase> {
  const runtimeRole = opts.runtimeRole ?? 'sekimori_app';
  if (opts.url) return openPostgres(opts, opts.url, runtimeRole);
  return openPglite(opts, runtimeRole);
}
