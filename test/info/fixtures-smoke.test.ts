import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantUseRight, insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import { asOwner } from '../support/owner.js';
import { createUnit, createUser, startTestApp, type TestApp } from '../support/test-app.js';

describe('information-management fixtures', () => {
  let t: TestApp;
  let apps: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    apps = await insertDemoApplications(t);
  });
  afterAll(async () => t.close());

  it('insert applications, a searchable record (its name collected for near matches) and a right (APP-1, APP-3, APP-7)', async () => {
    const [id] = await insertRecords(t, apps.LIC ?? '', 'licence', [{ data: licence({ name: '髙橋 一郎', nameKana: 'ﾀｶﾊｼ ｲﾁﾛｳ' }) }]);
    const row = await t.ctx.db
      .selectFrom('app_records')
      .selectAll()
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.name_key).toBe('高橋一郎');
    expect(row.kana_key).toBe('たかはしいちろう');
    // APP-7: the near-match search reads the application's distinct names, kept by a trigger.
    const names = await t.ctx.db
      .selectFrom('app_record_names')
      .select(['kind', 'key'])
      .where('application_id', '=', apps.LIC ?? '')
      .execute();
    expect(names).toEqual(
      expect.arrayContaining([
        { kind: 'name', key: '高橋一郎' },
        { kind: 'kana', key: 'たかはしいちろう' },
      ]),
    );
    // Append-only like the records: the runtime role cannot rewrite a name.
    await expect(t.ctx.db.updateTable('app_record_names').set({ key: 'x' }).execute()).rejects.toThrow();
    await createUnit(t, 'F1', '試験課');
    const user = await createUser(t, { loginId: 'fx-user', unitCode: 'F1' });
    const right = await grantUseRight(t, user.id, apps.LIC ?? '');
    expect(right).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('APP-7 (decision 0019): new names go straight into the trigram index, none left waiting in a pending list', async () => {
    await insertRecords(
      t,
      apps.LIC ?? '',
      'licence',
      Array.from({ length: 300 }, (_, i) => {
        const k = (n: number) => 'アイウエオカキクケコサシスセソ'.charAt(n % 15);
        const reading = `${k(i)}${k(Math.floor(i / 15))}${k(Math.floor(i / 225))}`;
        return { data: licence({ name: `試験 ${reading}`, nameKana: `シケン ${reading}` }) };
      }),
    );
    // What VACUUM would still have to merge: a pending list every near match reads in full.
    const pending = await asOwner(t, (db) =>
      sql<{ pages: number }>`SELECT gin_clean_pending_list('app_record_names_trgm'::regclass)::int AS pages`.execute(db),
    );
    expect(pending.rows[0]?.pages).toBe(0);
  });
});
