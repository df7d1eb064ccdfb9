import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createUnit, createUser, errorCode, onboard, startTestApp, strongPassword, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'U100', '試験課');
});
afterAll(async () => t?.close());

describe('login and temporary passwords (ID-2, ID-3)', () => {
  it('answers the same for an unknown ID and a wrong password (ID-5)', async () => {
    await createUser(t, { loginId: 'same-answer', unitCode: 'U100' });
    const unknown = await new Client(t).login('no-such-person', 'whatever-password-1');
    const wrong = await new Client(t).login('same-answer', 'wrong-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.data).toEqual(wrong.data);
    expect(errorCode(unknown)).toBe('invalid_credentials');
  });

  it('issues a new session id at every login and an HttpOnly SameSite=Strict cookie', async () => {
    const u = await createUser(t, { loginId: 'cookie-user', unitCode: 'U100' });
    const a = new Client(t);
    const first = await a.login(u.loginId, u.password);
    const cookie1 = a.cookie;
    const second = await a.login(u.loginId, u.password);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(a.cookie).not.toBe(cookie1);
    const header = String(second.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(second.data).toMatchObject({ passwordChangeRequired: true, mfaRequired: false, noticeAcknowledgementRequired: true });
    expect(typeof second.data.csrfToken).toBe('string');
  });

  it('blocks /api/me and business endpoints until the temporary password is changed', async () => {
    const u = await createUser(t, { loginId: 'temp-pass', unitCode: 'U100' });
    const c = new Client(t);
    await c.login(u.loginId, u.password);
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(403);
    expect(errorCode(me)).toBe('password_change_required');
    expect(errorCode(await c.get('/api/me/sessions'))).toBe('password_change_required');
    const next = strongPassword();
    expect((await c.post('/api/auth/password', { currentPassword: u.password, newPassword: next })).statusCode).toBe(204);
    const after = await c.get('/api/me');
    expect(after.statusCode).toBe(200);
    expect(after.data.passwordChangeRequired).toBe(false);
    expect(after.data.noticeAcknowledgementRequired).toBe(true);
    // The old temporary password no longer works.
    expect((await new Client(t).login(u.loginId, u.password)).statusCode).toBe(401);
    expect((await new Client(t).login(u.loginId, next)).statusCode).toBe(200);
  });

  it('requires the monitoring notice to be acknowledged, and records the acknowledgement (ID-13)', async () => {
    const u = await createUser(t, { loginId: 'notice-user', unitCode: 'U100' });
    const c = new Client(t);
    await c.login(u.loginId, u.password);
    await c.post('/api/auth/password', { currentPassword: u.password, newPassword: strongPassword() });
    const blocked = await c.get('/api/units/U100/members');
    expect(blocked.statusCode).toBe(403);
    expect(errorCode(blocked)).toBe('notice_acknowledgement_required');
    const notice = await c.get('/api/me/notice');
    expect(notice.data.paragraphs.ja.join('')).toContain('記録');
    expect(notice.data.acknowledgedAt).toBeNull();
    expect((await c.post('/api/me/notice-acknowledgement')).statusCode).toBe(204);
    expect((await c.get('/api/me/sessions')).statusCode).toBe(200);
    expect((await c.get('/api/me/notice')).data.acknowledgedAt).toBe(t.clock.now().toISOString());
    const rows = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('action', '=', 'auth.notice.acknowledge')
      .execute();
    expect(rows.some((r) => r.actor_user_id === u.id)).toBe(true);
  });

  it('logout ends the session', async () => {
    const u = await createUser(t, { loginId: 'logout-user', unitCode: 'U100' });
    const c = await onboard(t, u);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    c.cookie = cookie;
    const after = await c.get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(errorCode(after)).toBe('unauthenticated');
  });

  it('records authentication history the user can read (ID-6)', async () => {
    const u = await createUser(t, { loginId: 'history-user', unitCode: 'U100' });
    await new Client(t).login(u.loginId, 'definitely-wrong-pw');
    const c = await onboard(t, u);
    const history = await c.get('/api/me/auth-history');
    expect(history.statusCode).toBe(200);
    const actions = history.data.events.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
    expect(actions).toContain('auth.login:failure');
    expect(actions).toContain('auth.login:success');
    expect(actions).toContain('auth.password.change:success');
    // No password, temporary or new, appears anywhere in the audit trail (ID-2).
    const all = await t.ctx.db.selectFrom('audit_events').select('canonical').execute();
    for (const row of all) {
      expect(row.canonical).not.toContain(u.password);
      expect(row.canonical).not.toContain('definitely-wrong-pw');
    }
  });
});
