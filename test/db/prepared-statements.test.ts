import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/server/db/database.js';
import { statementName } from '../../src/server/db/prepared-pool.js';
import type { Database } from '../../src/server/db/schema.js';
import { openTestDatabase, testDbKind } from '../support/test-db.js';

/** Decision 0012: repeated statements run as named prepared statements on PostgreSQL. */

describe('statement names', () => {
  it('one text, one name; another text, another name', () => {
    expect(statementName('SELECT 1')).toBe(statementName('SELECT 1'));
    expect(statementName('SELECT 1')).not.toBe(statementName('SELECT 2'));
    // PostgreSQL truncates identifiers at 63 bytes: a longer name would collide after truncation.
    expect(statementName('x'.repeat(10_000)).length).toBeLessThan(64);
  });
});

if (testDbKind() === 'postgres') {
  describe('prepared statements on PostgreSQL', () => {
    let database: OpenDatabase;

    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(async () => database?.close());

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
  });
}
