import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseAuditInserts } from '../support/audit-breaker.js';
import { Client, createUnit, createUser, errorCode, onboard, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'FC1', '試験課');
});
afterAll(async () => t?.close());

describe('fail closed: no audit entry, no answer (AUD-1, AUD-3)', () => {
  it('an administrative change whose audit entry cannot be written is refused and leaves nothing behind', async () => {
    const admin = await createUser(t, { loginId: 'fc-admin', unitCode: 'FC1', roles: ['system_admin'] });
    const client = await onboard(t, admin);
    const before = await t.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await refuseAuditInserts(t, true);
    try {
      const res = await client.post('/api/admin/users', { loginId: 'never-created', name: '記録 不能', unitCode: 'FC1' });
      expect(res.statusCode).toBe(503);
      expect(errorCode(res)).toBe('audit_unavailable');
      expect(res.body).not.toContain('temporaryPassword');
      const unit = await client.post('/api/admin/units', { code: 'NEVER', name: '作られない課', kind: 'division' });
      expect(unit.statusCode).toBe(503);
    } finally {
      await refuseAuditInserts(t, false);
    }
    const after = await t.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await t.ctx.db.selectFrom('units').select('code').where('code', '=', 'NEVER').executeTakeFirst()).toBeUndefined();
    // With the audit store back, the same request succeeds.
    const ok = await client.post('/api/admin/users', { loginId: 'created-later', name: '記録 可能', unitCode: 'FC1' });
    expect(ok.statusCode).toBe(201);
  });

  it('a login whose audit entry cannot be written gives no session cookie', async () => {
    const u = await createUser(t, { loginId: 'fc-user', unitCode: 'FC1' });
    await refuseAuditInserts(t, true);
    let res: Awaited<ReturnType<Client['login']>>;
    const client = new Client(t);
    try {
      res = await client.login(u.loginId, u.password);
    } finally {
      await refuseAuditInserts(t, false);
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(client.cookie).toBeNull();
  });
});
