import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantUseRight, insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import { createUnit, createUser, startTestApp, type TestApp } from '../support/test-app.js';

describe('information-management fixtures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('insert applications, a searchable record and a right (APP-1, APP-3)', async () => {
    const apps = await insertDemoApplications(t);
    const [id] = await insertRecords(t, apps.LIC ?? '', 'licence', [{ data: licence({ name: '髙橋 一郎', nameKana: 'ﾀｶﾊｼ ｲﾁﾛｳ' }) }]);
    const row = await t.ctx.db
      .selectFrom('app_records')
      .selectAll()
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.name_key).toBe('高橋一郎');
    expect(row.kana_key).toBe('たかはしいちろう');
    await createUnit(t, 'F1', '試験課');
    const user = await createUser(t, { loginId: 'fx-user', unitCode: 'F1' });
    const right = await grantUseRight(t, user.id, apps.LIC ?? '');
    expect(right).toMatch(/^[0-9a-f-]{36}$/);
  });
});
