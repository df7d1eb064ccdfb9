import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledStatement } from '../../src/server/db/compiled-statement.js';
import type { OpenDatabase } from '../../src/server/db/database.js';
import { openTestDatabase } from '../support/test-db.js';

/** The hot statements (session, inquiry) are built and compiled once and run with new values. */
describe('compiledStatement', () => {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db
      .insertInto('units')
      .values(['A1', 'A2', 'B1', 'B2', 'B3'].map((code) => ({ code, name: `課${code}`, kind: 'division' })))
      .execute();
  });
  afterAll(async () => database?.close());

  it('builds once, then each run binds its own values (one value in several places, constants kept)', async () => {
    let builds = 0;
    const units = compiledStatement((db, v: { prefix: string; limit: number }) => {
      builds++;
      return db
        .selectFrom('units')
        .select('code')
        .where((eb) =>
          eb.or([eb('code', 'like', sql<string>`${v.prefix} || '%'`), eb('name', 'like', sql<string>`'課' || ${v.prefix} || '%'`)]),
        )
        .where('kind', '=', 'division')
        .orderBy('code')
        .limit(v.limit);
    });
    expect(await units.execute(database.db, { prefix: 'A', limit: 10 })).toEqual([{ code: 'A1' }, { code: 'A2' }]);
    expect(await units.execute(database.db, { prefix: 'B', limit: 2 })).toEqual([{ code: 'B1' }, { code: 'B2' }]);
    expect(await units.execute(database.db, { prefix: 'C', limit: 10 })).toEqual([]);
    expect(builds).toBe(1);
  });

  it('an sql template, null bound on purpose, and a transaction that sees its own rows', async () => {
    const echo = compiledStatement(
      (_db, v: { a: string | null; b: number }) => sql<{ a: string | null; b: number }>`SELECT ${v.a}::text AS a, ${v.b}::int AS b`,
    );
    expect(await echo.execute(database.db, { a: '値', b: 7 })).toEqual([{ a: '値', b: 7 }]);
    expect(await echo.execute(database.db, { a: null, b: -1 })).toEqual([{ a: null, b: -1 }]);

    const byCode = compiledStatement((db, v: { code: string }) => db.selectFrom('units').select('name').where('code', '=', v.code));
    const inside = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('units').values({ code: 'T1', name: '仮課', kind: 'division' }).execute();
      expect(await byCode.execute(trx, { code: 'T1' })).toEqual([{ name: '仮課' }]);
      throw new Error('roll back');
    });
    await expect(inside).rejects.toThrow('roll back');
    expect(await byCode.execute(database.db, { code: 'T1' })).toEqual([]);
  });

  it('a value read but not bound as one parameter (arithmetic, a branch, a test) fails the first run, not silently', async () => {
    const arithmetic = compiledStatement((db, v: { limit: number }) =>
      db
        .selectFrom('units')
        .select('code')
        .limit(v.limit + 1),
    );
    await expect(arithmetic.execute(database.db, { limit: 1 })).rejects.toThrow(/"limit" was read but not bound/);
    const branch = compiledStatement((db, v: { all: boolean }) =>
      v.all ? db.selectFrom('units').select('code') : db.selectFrom('units').select('code').where('kind', '=', 'none'),
    );
    await expect(branch.execute(database.db, { all: false })).rejects.toThrow(/"all" was read but not bound/);
    // Tested, then bound in the branch it chose: the tested read is the one never bound.
    const tested = compiledStatement((db, v: { code: string | null }) =>
      v.code === null ? db.selectFrom('units').select('code') : db.selectFrom('units').select('code').where('code', '=', v.code),
    );
    await expect(tested.execute(database.db, { code: null })).rejects.toThrow(/"code" was read but not bound/);
  });

  it('probing or spreading the values while building fails; so does running with undefined or an expression', async () => {
    const probe = compiledStatement((db, v: { code?: string }) =>
      'code' in v
        ? db
            .selectFrom('units')
            .select('code')
            .where('code', '=', v.code ?? '')
        : db.selectFrom('units').select('code'),
    );
    await expect(probe.execute(database.db, { code: 'A1' })).rejects.toThrow(/probed with `in`/);
    const spread = compiledStatement((db, v: { code: string }) =>
      db
        .selectFrom('units')
        .select('code')
        .where('code', '=', { ...v }.code ?? ''),
    );
    await expect(spread.execute(database.db, { code: 'A1' })).rejects.toThrow(/enumerated/);

    const byCode = compiledStatement((db, v: { code: string }) => db.selectFrom('units').select('code').where('code', '=', v.code));
    await expect(byCode.execute(database.db, { code: undefined as unknown as string })).rejects.toThrow(/no value for "code"/);
    await expect(byCode.execute(database.db, { code: sql<string>`'A1'` as unknown as string })).rejects.toThrow(/a Kysely expression/);
    expect(await byCode.execute(database.db, { code: 'A2' })).toEqual([{ code: 'A2' }]);
  });
});
