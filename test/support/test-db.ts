import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenDatabase, openDatabase } from '../../src/server/db/database.js';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.SEKIMORI_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** The PostgreSQL server of the test run (started by the global setup or by .ci/run). */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: the postgres project needs a running PostgreSQL server');
  return url;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database of its own for one test file: an in-memory PGlite, or a new database on the server. */
export async function openTestDatabase(): Promise<OpenDatabase & { url?: string }> {
  if (testDbKind() === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const name = `sekimori_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  const opened = await openDatabase({ url, poolSize: 5 });
  return {
    ...opened,
    url,
    close: async () => {
      await opened.close();
      const cleanup = new pg.Client({ connectionString: serverUrl() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
