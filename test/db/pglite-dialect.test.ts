import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDialect } from '../../src/server/db/pglite-dialect.js';
import { wireValue } from '../../src/server/db/pglite-values.js';
import { statementName } from '../../src/server/db/statement-names.js';
import { testDbKind } from '../support/test-db.js';

/** Decision 0014: Kysely on PGlite, one call into the database per statement, repeated ones prepared. */

describe('parameters for PGlite, serialised as node-postgres does', () => {
  it('text for scalars and objects, bytes as bytes, dates in UTC, arrays as quoted literals', () => {
    expect(wireValue(null)).toBeNull();
    expect(wireValue(undefined)).toBeNull();
    expect(wireValue(42)).toBe('42');
    expect(wireValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(wireValue(true)).toBe('true');
    expect(wireValue(new Date('2026-11-22T01:02:03.004+09:00'))).toBe('2026-11-21T16:02:03.004Z');
    expect(wireValue({ a: [1, '二'] })).toBe('{"a":[1,"二"]}');
    const bytes = new Uint8Array([0, 255]);
    expect(wireValue(bytes)).toBe(bytes);
    expect(wireValue(['a"b', 'c\\d', null, 'NULL', ['x']])).toBe('{"a\\"b","c\\\\d",NULL,"NULL",{"x"}}');
    expect(wireValue([Buffer.from([1, 171])])).toBe('{"\\\\x01ab"}');
    expect(wireValue([new Int16Array([1])])).toBe('{"\\\\x0100"}');
  });
});

if (testDbKind() === 'pglite') {
  describe('Kysely on PGlite', () => {
    let client: PGlite;
    let dialect: PgliteDialect;
    let db: Kysely<Record<string, Record<string, unknown>>>;

    beforeAll(async () => {
      client = await PGlite.create('memory://');
      dialect = new PgliteDialect(client);
      db = new Kysely({ dialect });
    });
    afterAll(async () => db.destroy());

    async function preparedTexts(): Promise<Map<string, string>> {
      const { rows } = await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`.execute(db);
      return new Map(rows.map((r) => [r.name, r.statement]));
    }

    it('any array of texts (quotes, backslashes, braces, commas, "NULL", nulls, kanji) comes back as it went', async () => {
      const element = fc.option(fc.string({ unit: fc.constantFrom('a', '"', '\\', '{', '}', ',', ' ', 'N', 'U', 'L', '照', '\u3000') }), {
        nil: null,
      });
      await fc.assert(
        fc.asyncProperty(fc.array(element, { maxLength: 8 }), async (values) => {
          const { rows } = await sql<{ v: (string | null)[] }>`SELECT ${values}::text[] AS v`.execute(db);
          expect(rows[0]?.v).toEqual(values);
        }),
        { numRuns: 150 },
      );
    });

    it('dates, bytes, byte arrays, JSON, booleans and big integers arrive as the types they are cast to', async () => {
      const at = new Date('2026-11-22T10:20:30.456Z');
      const { rows } = await sql<Record<string, unknown>>`
        SELECT ${at}::timestamptz AS at, ${new Uint8Array([0, 1, 254, 255])}::bytea AS b,
               ${[Buffer.from([1, 2]), Buffer.from([255])]}::bytea[] AS bs, ${JSON.stringify({ 名: [1, 2] })}::jsonb AS j,
               ${{ k: 'v' }}::jsonb AS o, ${false}::boolean AS f, ${9007199254740993n}::int8::text AS big`.execute(db);
      const row = rows[0] as Record<string, unknown>;
      expect((row.at as Date).toISOString()).toBe(at.toISOString());
      expect([...(row.b as Uint8Array)]).toEqual([0, 1, 254, 255]);
      expect((row.bs as Uint8Array[]).map((b) => [...b])).toEqual([[1, 2], [255]]);
      expect(row.j).toEqual({ 名: [1, 2] });
      expect(row.o).toEqual({ k: 'v' });
      expect(row.f).toBe(false);
      expect(row.big).toBe('9007199254740993');
    });

    it('inserted, updated and deleted rows are counted; returned rows are read with the column types', async () => {
      await sql`CREATE TABLE counted (id int PRIMARY KEY, label text)`.execute(db);
      const inserted = await db
        .insertInto('counted')
        .values([
          { id: 1, label: 'a' },
          { id: 2, label: 'b' },
          { id: 3, label: 'c' },
        ])
        .executeTakeFirst();
      expect(inserted.numInsertedOrUpdatedRows).toBe(3n);
      const updated = await db.updateTable('counted').set({ label: 'z' }).where('id', '>=', 2).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(2n);
      const deleted = await db.deleteFrom('counted').where('id', '=', 1).executeTakeFirst();
      expect(deleted.numDeletedRows).toBe(1n);
      const none = await db.updateTable('counted').set({ label: 'y' }).where('id', '=', 99).executeTakeFirst();
      expect(none.numUpdatedRows).toBe(0n);
      const rows = await db.selectFrom('counted').select(['id', 'label']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 2, label: 'z' },
        { id: 3, label: 'z' },
      ]);
    });

    it('a statement is prepared from its second use, by the name of its text, and answers the same', async () => {
      const statement = (n: number) => sql<{ n: number }>`SELECT ${n}::int + 1 AS n /* pglite-prepared-1 */`;
      const text = statement(0).compile(db).sql;
      /** The answer, and whether it ran by name. */
      const run = async (n: number) => {
        const named = dialect.stats.named;
        const answer = (await statement(n).execute(db)).rows[0]?.n;
        return { answer, named: dialect.stats.named > named };
      };
      expect(await run(41)).toEqual({ answer: 42, named: false });
      expect((await preparedTexts()).has(statementName(text))).toBe(false);
      expect(await run(99)).toEqual({ answer: 100, named: true });
      expect((await preparedTexts()).get(statementName(text))).toBe(text);
      expect(await run(-1)).toEqual({ answer: 0, named: true });
    });

    it('an error leaves the statement and the connection usable, and fails with the database error', async () => {
      const divide = (d: number) => sql<{ q: number }>`SELECT 10 / ${d}::int AS q /* pglite-prepared-2 */`.execute(db);
      expect((await divide(2)).rows[0]?.q).toBe(5);
      expect((await divide(5)).rows[0]?.q).toBe(2);
      await expect(divide(0)).rejects.toMatchObject({ code: '22012', message: 'division by zero' });
      expect((await divide(1)).rows[0]?.q).toBe(10);
      // A statement that fails when it is first prepared is prepared again at its next use, not
      // taken for prepared (which would show as a renewal, or a missing name).
      await sql`DROP TABLE IF EXISTS appears_later_probe`.execute(db);
      const readText = sql`SELECT v FROM appears_later_probe /* pglite-prepared-3 */`.compile(db).sql;
      const read = () => sql<{ v: number }>`SELECT v FROM appears_later_probe /* pglite-prepared-3 */`.execute(db);
      const renewed = dialect.stats.renewed;
      await expect(read()).rejects.toMatchObject({ code: '42P01' });
      await expect(read()).rejects.toMatchObject({ code: '42P01' });
      await sql`CREATE TABLE appears_later_probe (v int)`.execute(db);
      await sql`INSERT INTO appears_later_probe VALUES (7)`.execute(db);
      expect((await read()).rows).toEqual([{ v: 7 }]);
      expect((await preparedTexts()).get(statementName(readText))).toBe(readText);
      expect((await read()).rows).toEqual([{ v: 7 }]);
      expect(dialect.stats.renewed).toBe(renewed);
    });

    it('a statement whose first prepared use fails at bind stays prepared and is used by name afterwards', async () => {
      const cast = (v: string) => sql<{ u: string }>`SELECT ${v}::uuid::text AS u /* pglite-prepared-4 */`.execute(db);
      const id = '0b8f1e0c-3c1a-4d7e-9a55-5f1e2d3c4b5a';
      expect((await cast(id)).rows[0]?.u).toBe(id);
      const renewed = dialect.stats.renewed;
      await expect(cast('not a uuid')).rejects.toMatchObject({ code: '22P02' });
      const named = dialect.stats.named;
      expect((await cast(id)).rows[0]?.u).toBe(id);
      expect(dialect.stats.named - named).toBe(1);
      expect(dialect.stats.renewed).toBe(renewed);
    });

    it('a name the database already holds (prepared behind the driver) is taken as prepared, not an error', async () => {
      const statement = (n: number) => sql<{ n: number }>`SELECT ${n}::int * 3 AS n /* pglite-prepared-5 */`;
      const text = statement(0).compile(db).sql;
      await sql.raw(`PREPARE ${statementName(text)} AS ${text}`).execute(db);
      expect((await statement(1).execute(db)).rows[0]?.n).toBe(3);
      expect((await statement(2).execute(db)).rows[0]?.n).toBe(6);
      expect((await statement(3).execute(db)).rows[0]?.n).toBe(9);
    });

    it('a failure inside a transaction rolls it back, and the connection works afterwards', async () => {
      await sql`CREATE TABLE tx_probe (id int PRIMARY KEY)`.execute(db);
      await expect(
        db.transaction().execute(async (tx) => {
          await sql`INSERT INTO tx_probe VALUES (${1})`.execute(tx);
          await sql`INSERT INTO tx_probe VALUES (${1})`.execute(tx);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM tx_probe`.execute(db)).rows[0]?.n).toBe(0);
    });

    it('a statement whose table changed shape is renewed and answers with the new shape', async () => {
      await sql`CREATE TABLE shape_probe (id int, label text)`.execute(db);
      await sql`INSERT INTO shape_probe VALUES (1, 'a')`.execute(db);
      const read = () => sql<Record<string, unknown>>`SELECT * FROM shape_probe WHERE id = ${1}`.execute(db);
      await read();
      await read();
      const renewed = dialect.stats.renewed;
      await sql`ALTER TABLE shape_probe ADD COLUMN note text DEFAULT 'n'`.execute(db);
      expect((await read()).rows[0]).toEqual({ id: 1, label: 'a', note: 'n' });
      expect(dialect.stats.renewed - renewed).toBe(1);
      expect((await read()).rows[0]).toEqual({ id: 1, label: 'a', note: 'n' });
      expect((await read()).rows[0]).toEqual({ id: 1, label: 'a', note: 'n' });
      expect(dialect.stats.renewed - renewed).toBe(1);
    });

    it('inside a transaction a stale statement fails with its cause, and the connection works afterwards', async () => {
      await sql`CREATE TABLE shape_probe_tx (id int)`.execute(db);
      await sql`INSERT INTO shape_probe_tx VALUES (7)`.execute(db);
      const read = (on: Kysely<Record<string, Record<string, unknown>>>) =>
        sql<Record<string, unknown>>`SELECT * FROM shape_probe_tx WHERE id >= ${0}`.execute(on);
      await read(db);
      await read(db);
      await sql`ALTER TABLE shape_probe_tx ADD COLUMN extra int DEFAULT 1`.execute(db);
      await expect(db.transaction().execute((tx) => read(tx))).rejects.toMatchObject({ code: '0A000' });
      expect((await read(db)).rows).toEqual([{ id: 7, extra: 1 }]);
    });

    it('concurrent callers take turns on the one connection; a transaction keeps it until it ends', async () => {
      await sql`CREATE TABLE turns (n int)`.execute(db);
      const inside = db.transaction().execute(async (tx) => {
        await sql`INSERT INTO turns VALUES (1)`.execute(tx);
        await new Promise((r) => setTimeout(r, 20));
        // Nobody else's statement ran inside this transaction, so none is rolled back with it.
        throw new Error('roll back');
      });
      const outside = Promise.all([2, 3, 4].map((n) => sql`INSERT INTO turns VALUES (${n})`.execute(db)));
      await expect(inside).rejects.toThrow('roll back');
      await outside;
      const { rows } = await sql<{ n: number }>`SELECT n FROM turns ORDER BY n`.execute(db);
      expect(rows.map((r) => r.n)).toEqual([2, 3, 4]);
    });

    it('after the database is closed a statement is refused at once, and a closed driver lends no connection', async () => {
      const other = await PGlite.create('memory://');
      const otherDb = new Kysely<Record<string, Record<string, unknown>>>({ dialect: new PgliteDialect(other) });
      expect((await sql<{ x: number }>`SELECT 1 AS x`.execute(otherDb)).rows).toEqual([{ x: 1 }]);
      await other.close();
      // Before the check, this spun inside the closed WebAssembly instance and never returned.
      await expect(sql`SELECT 1 AS x`.execute(otherDb)).rejects.toThrow('the embedded database is closed');
      await otherDb.destroy();
      await expect(sql`SELECT 1 AS x`.execute(otherDb)).rejects.toThrow();
    });
  });
}
