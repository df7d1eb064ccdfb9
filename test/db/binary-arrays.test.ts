import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteaArray, int2Array, int8Array, textArray, timestamptzArray, uuidArray } from '../../src/server/db/binary-arrays.js';
import type { OpenDatabase } from '../../src/server/db/database.js';
import { openTestDatabase } from '../support/test-db.js';

/** The audit log's batch goes over as binary arrays (AUD-3 append): what goes in must come out. */
describe('binary arrays', () => {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  async function one<T>(query: ReturnType<typeof sql<{ v: T }>>): Promise<T> {
    const { rows } = await query.execute(database.db);
    return rows[0]?.v as T;
  }

  it('any array of texts (any Unicode but NUL, nulls among them) comes back as it went', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\0'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(text, { nil: null }), { maxLength: 10 }), async (values) => {
        expect(await one<(string | null)[]>(sql`SELECT ${textArray(values)}::text[] AS v`)).toEqual(values);
      }),
      { numRuns: 120 },
    );
  });

  it('integers, UUIDs, times and bytes come back as they went; an empty array is empty', async () => {
    const ints = [0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 1_000_000_007];
    expect(await one<string>(sql`SELECT array_to_string(${int8Array(ints)}::bigint[], ',') AS v`)).toBe(ints.join(','));
    expect(await one<number[]>(sql`SELECT ${int2Array([0, 255, -32768, 32767])}::smallint[] AS v`)).toEqual([0, 255, -32768, 32767]);
    const ids = ['0b8f1e0c-3c1a-4d7e-9a55-5f1e2d3c4b5a', null, 'FFFFFFFF-0000-4000-8000-000000000001'];
    expect(await one<(string | null)[]>(sql`SELECT ${uuidArray(ids)}::uuid[]::text[] AS v`)).toEqual([ids[0], null, ids[2]?.toLowerCase()]);
    const times = [new Date('2026-11-22T23:59:59.999Z'), new Date('1999-12-31T15:00:00.001Z'), new Date(0)];
    const back = await one<string[]>(
      sql`SELECT array_agg(to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS v FROM unnest(${timestamptzArray(times)}::timestamptz[]) AS t`,
    );
    expect(back).toEqual(times.map((t) => t.toISOString()));
    const bytes = [new Uint8Array([0, 1, 2]), new Uint8Array(0), new Uint8Array(32).fill(0xab)];
    const hex = await one<string[]>(sql`SELECT array_agg(encode(b, 'hex')) AS v FROM unnest(${byteaArray(bytes)}::bytea[]) AS b`);
    expect(hex).toEqual(bytes.map((b) => Buffer.from(b).toString('hex')));
    expect(await one<number>(sql`SELECT cardinality(${textArray([])}::text[]) AS v`)).toBe(0);
    expect(await one<number>(sql`SELECT cardinality(${int8Array([])}::bigint[]) AS v`)).toBe(0);
  });

  it('the server refuses bytes read as another element type; odd values are refused before sending', async () => {
    await expect(sql`SELECT ${textArray(['1'])}::bigint[] AS v`.execute(database.db)).rejects.toThrow(/element type/);
    expect(() => uuidArray(['not-a-uuid'])).toThrow(RangeError);
    expect(() => int8Array([1.5])).toThrow(RangeError);
    expect(() => int8Array([2 ** 53])).toThrow(RangeError);
    expect(() => int2Array([1.5])).toThrow(RangeError);
    expect(() => int2Array([32_768])).toThrow(RangeError);
    expect(() => timestamptzArray([new Date(Number.NaN)])).toThrow(RangeError);
  });
});
