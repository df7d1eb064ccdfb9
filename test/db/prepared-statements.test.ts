import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/server/db/database.js';
import { preparingPool } from '../../src/server/db/prepared-pool.js';
import type { Database } from '../../src/server/db/schema.js';
import { statementName } from '../../src/server/db/statement-names.js';
import { openTestDatabase, testDbKind } from '../support/test-db.js';

/** Decision 0012: repeated statements run as named prepared statements on PostgreSQL. */

describe('statement names', () => {
  it('one text, one name; another text, another name', () => {
    expect(statementName('SELECT 1')).toBe(statementName('SELECT 1'));
    expect(statementName('SELECT 1')).not.toBe(statementName('SELECT 2'));
    // PostgreSQL truncates identifiers at 63 bytes: a longer name would collide after truncation.
    expect(statementName('x'.repeat(10_000), 5).length).toBeLessThan(64);
    expect(statementName('SELECT 1', 1)).not.toBe(statementName('SELECT 1'));
  });
});

if (testDbKind() === 'postgres') {
  describe('prepared statements on PostgreSQL', () => {
    let database: OpenDatabase & { url?: string };

    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(async () => database?.close());

    /** A pool of its own over the same database, to watch the wrapper's counters. */
    async function withOwnPool(work: (db: Kysely<Database>, pool: ReturnType<typeof preparingPool>) => Promise<void>) {
      const pool = preparingPool(new pg.Pool({ connectionString: database.url, max: 1 }));
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      try {
        await work(db, pool);
      } finally {
        await db.destroy();
      }
    }

    /** Everything on one connection: prepared statements belong to a session. */
    function onOneConnection<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
      return database.db.connection().execute(work);
    }

    async function preparedTexts(db: Kysely<Database>): Promise<Map<string, string>> {
      const { rows } = await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`.execute(db);
      return new Map(rows.map((r) => [r.name, r.statement]));
    }

    it('a statement is prepared from its second use, by the name of its text, and answers the same', async () => {
      await onOneConnection(async (db) => {
        const statement = (n: number) => sql<{ n: number }>`SELECT ${n}::int + 1 AS n /* prepared-test-1 */`;
        const query = (n: number) => statement(n).execute(db);
        const text = statement(0).compile(db).sql;
        expect((await query(41)).rows[0]?.n).toBe(42);
        // The first use of a text goes unnamed: one-off statements leave nothing behind.
        expect([...(await preparedTexts(db)).values()].some((s) => s.includes('prepared-test-1'))).toBe(false);
        expect((await query(99)).rows[0]?.n).toBe(100);
        expect((await preparedTexts(db)).get(statementName(text))).toBe(text);
        expect((await query(-1)).rows[0]?.n).toBe(0);
      });
    });

    it('an error in a prepared statement leaves the statement and the connection usable', async () => {
      await onOneConnection(async (db) => {
        const divide = (d: number) => sql<{ q: number }>`SELECT 10 / ${d}::int AS q /* prepared-test-2 */`.execute(db);
        expect((await divide(2)).rows[0]?.q).toBe(5);
        expect((await divide(5)).rows[0]?.q).toBe(2);
        await expect(divide(0)).rejects.toThrow(/division by zero/);
        expect((await divide(1)).rows[0]?.q).toBe(10);
      });
    });

    it('a long statement is never prepared', async () => {
      await onOneConnection(async (db) => {
        const padding = sql.raw(`/* ${'長'.repeat(8_100)} prepared-test-3 */`);
        for (let i = 0; i < 3; i++) {
          expect((await sql<{ v: number }>`SELECT ${i}::int AS v ${padding}`.execute(db)).rows[0]?.v).toBe(i);
        }
        expect([...(await preparedTexts(db)).values()].some((s) => s.includes('prepared-test-3'))).toBe(false);
      });
    });

    it('a connection keeps at most 300 of them; the rest still run, unnamed', async () => {
      await onOneConnection(async (db) => {
        for (let round = 0; round < 2; round++) {
          for (let k = 0; k < 320; k++) {
            const { rows } = await sql<{ v: number }>`SELECT ${k}::int * 2 AS v ${sql.raw(`/* prepared-test-4 #${k} */`)}`.execute(db);
            expect(rows[0]?.v).toBe(k * 2);
          }
        }
        expect((await preparedTexts(db)).size).toBeLessThanOrEqual(300);
        expect([...(await preparedTexts(db)).values()].filter((s) => s.includes('prepared-test-4')).length).toBeGreaterThan(200);
      });
    });

    it('a connection is handed out as the same object each time, so its set-up (SET ROLE) runs once', async () => {
      const pool = preparingPool(new pg.Pool({ connectionString: database.url, max: 1 }));
      try {
        const first = await pool.connect();
        first.release();
        const second = await pool.connect();
        expect(second).toBe(first);
        second.release();
      } finally {
        await pool.end();
      }
      // And the application's own connections do run as the runtime role, whichever is handed out.
      const roles = await Promise.all(Array.from({ length: 6 }, () => sql<{ r: string }>`SELECT current_user AS r`.execute(database.db)));
      expect(new Set(roles.map((r) => r.rows[0]?.r))).toEqual(new Set(['sekimori_app']));
    });

    it('a statement whose table changed shape is renewed and answers with the new shape', async () => {
      await withOwnPool(async (db, pool) => {
        await sql`CREATE TEMP TABLE shape_probe (id int, label text)`.execute(db);
        await sql`INSERT INTO shape_probe VALUES (1, 'a')`.execute(db);
        const read = () => sql<Record<string, unknown>>`SELECT * FROM shape_probe WHERE id = ${1}`.execute(db);
        await read();
        await read();
        expect(pool.stats.named).toBeGreaterThan(0);
        await sql`ALTER TABLE shape_probe ADD COLUMN note text DEFAULT 'n'`.execute(db);
        const after = await read();
        expect(after.rows[0]).toEqual({ id: 1, label: 'a', note: 'n' });
        expect(pool.stats.renewed).toBe(1);
        // The renewed name is prepared again and keeps answering.
        expect((await read()).rows[0]).toEqual({ id: 1, label: 'a', note: 'n' });
        expect((await read()).rows[0]).toEqual({ id: 1, label: 'a', note: 'n' });
        expect(pool.stats.renewed).toBe(1);
      });
    });

    it('inside a transaction a stale statement fails with its cause, and the connection works afterwards', async () => {
      await withOwnPool(async (db, pool) => {
        await sql`CREATE TEMP TABLE shape_probe_tx (id int)`.execute(db);
        await sql`INSERT INTO shape_probe_tx VALUES (7)`.execute(db);
        const read = (on: Kysely<Database>) => sql<Record<string, unknown>>`SELECT * FROM shape_probe_tx WHERE id >= ${0}`.execute(on);
        await read(db);
        await read(db);
        await sql`ALTER TABLE shape_probe_tx ADD COLUMN extra int DEFAULT 3`.execute(db);
        await expect(db.transaction().execute(async (tx) => read(tx))).rejects.toThrow(/cached plan must not change result type/);
        expect(pool.stats.renewed).toBe(1);
        expect((await read(db)).rows).toEqual([{ id: 7, extra: 3 }]);
      });
    });
  });
}
