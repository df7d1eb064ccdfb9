import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/server/shared/clock.js';
import {
  Client,
  type CreatedUser,
  createUnit,
  createUser,
  errorCode,
  loginWithTotp,
  onboard,
  startTestApp,
  strongPassword,
  type TestApp,
} from '../support/test-app.js';

let t: TestApp;
let admin: CreatedUser;
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'U400', '地域課');
  admin = await createUser(t, { loginId: 'sess-admin', unitCode: 'U400', roles: ['system_admin'] });
  await onboard(t, admin);
});
afterAll(async () => t?.close());

let seq = 0;
async function staff(prefix: string): Promise<{ user: CreatedUser; client: Client }> {
  seq += 1;
  const user = await createUser(t, { loginId: `${prefix}-${seq}`, unitCode: 'U400' });
  const client = await onboard(t, user);
  return { user, client };
}

function expectEnded(res: { statusCode: number; data: any }) {
  expect(res.statusCode).toBe(401);
  expect(['session_expired', 'unauthenticated']).toContain(errorCode(res));
}

describe('idle and absolute time limits (ID-10, ID-7)', () => {
  it('ends a session idle for more than 30 minutes with 401 session_expired, then answers unauthenticated', async () => {
    const { client } = await staff('idle');
    const me = await client.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.data.session.idleTimeoutMinutes).toBe(30);
    t.clock.advance(31 * MINUTE);
    const res = await client.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('session_expired');
    const again = await client.get('/api/me');
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe('unauthenticated');
    // The end is recorded with its reason, in the person's own authentication history (ID-6).
    const ended = await t.ctx.db
      .selectFrom('audit_events')
      .select('canonical')
      .where('action', '=', 'auth.session.end')
      .where('target_id', '=', me.data.session.id)
      .execute();
    expect(ended.map((r) => JSON.parse(r.canonical).reason)).toEqual(['idle_timeout']);
  });

  it('still accepts a session idle for exactly 30 minutes', async () => {
    const { client } = await staff('idle-edge');
    t.clock.advance(30 * MINUTE);
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });

  it('keeps a session alive while it is used at least every 30 minutes', async () => {
    const { client } = await staff('active');
    for (let i = 0; i < 6; i += 1) {
      t.clock.advance(29 * MINUTE);
      const res = await client.get('/api/me/sessions');
      expect(res.statusCode).toBe(200);
    }
  });

  it('ends a privileged session 2 hours after login even while it is in use', async () => {
    const a = await loginWithTotp(t, admin);
    const me = await a.get('/api/me');
    expect(me.data.session.privileged).toBe(true);
    expect(new Date(me.data.session.expiresAt).getTime() - t.clock.now().getTime()).toBe(120 * MINUTE);
    for (let elapsed = 20; elapsed <= 100; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await a.get('/api/admin/units')).statusCode, `after ${elapsed} minutes`).toBe(200);
    }
    t.clock.advance(19 * MINUTE);
    expect((await a.get('/api/admin/units')).statusCode).toBe(200);
    t.clock.advance(1 * MINUTE);
    const res = await a.get('/api/admin/units');
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('session_expired');
  });

  it('gives an ordinary session the longer limit (12 hours by default)', async () => {
    const { client } = await staff('ordinary-limit');
    const me = await client.get('/api/me');
    expect(me.data.session.privileged).toBe(false);
    expect(new Date(me.data.session.expiresAt).getTime() - new Date(me.data.session.createdAt).getTime()).toBe(12 * 60 * MINUTE);
    for (let i = 0; i < 6; i += 1) {
      t.clock.advance(25 * MINUTE);
      expect((await client.get('/api/me')).statusCode).toBe(200);
    }
  });

  it('honours idleTimeoutMinutes changed by an administrator (PATCH /api/admin/settings)', async () => {
    const a = await loginWithTotp(t, admin);
    const bad = await a.patch('/api/admin/settings', { idleTimeoutMinutes: 0 });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('validation_failed');
    const patched = await a.patch('/api/admin/settings', { idleTimeoutMinutes: 10 });
    expect(patched.statusCode).toBe(200);
    expect(patched.data.idleTimeoutMinutes).toBe(10);
    try {
      const { client } = await staff('short-idle');
      expect((await client.get('/api/me')).data.session.idleTimeoutMinutes).toBe(10);
      t.clock.advance(9 * MINUTE);
      expect((await client.get('/api/me')).statusCode).toBe(200);
      t.clock.advance(11 * MINUTE);
      const res = await client.get('/api/me');
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('session_expired');
    } finally {
      const again = await loginWithTotp(t, admin);
      const restored = await again.patch('/api/admin/settings', { idleTimeoutMinutes: 30 });
      expect(restored.data.idleTimeoutMinutes).toBe(30);
    }
    // And with the default back, 20 idle minutes are fine again.
    const { client } = await staff('default-idle');
    t.clock.advance(20 * MINUTE);
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });
});

describe('CSRF protection (ID-10)', () => {
  it('refuses a state change without the x-csrf-token header, and changes nothing', async () => {
    const u = await createUser(t, { loginId: 'csrf-missing', unitCode: 'U400' });
    const c = new Client(t);
    await c.login(u.loginId, u.password);
    expect((await c.post('/api/auth/password', { currentPassword: u.password, newPassword: strongPassword() })).statusCode).toBe(204);
    const res = await c.post('/api/me/notice-acknowledgement', undefined, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('csrf_invalid');
    expect((await c.get('/api/me')).data.noticeAcknowledgementRequired).toBe(true);
    const acks = await t.ctx.db.selectFrom('notice_acknowledgements').select('user_id').where('user_id', '=', u.id).execute();
    expect(acks).toHaveLength(0);
    // With the header the same request succeeds.
    expect((await c.post('/api/me/notice-acknowledgement')).statusCode).toBe(204);
  });

  it('refuses a wrong token, and a token belonging to another session', async () => {
    const { client } = await staff('csrf-wrong');
    const other = await staff('csrf-other');
    const victim = await client.get('/api/me');
    const sessionId = victim.data.session.id as string;
    const before = (await client.get('/api/me/sessions')).data.sessions.length;
    for (const token of ['wrong-token', `${client.csrf}x`, other.client.csrf as string, '']) {
      const res = await client.request('DELETE', `/api/me/sessions/${sessionId}`, undefined, {
        csrf: false,
        headers: { 'x-csrf-token': token },
      });
      expect(res.statusCode, token).toBe(403);
      expect(errorCode(res)).toBe('csrf_invalid');
    }
    const patch = await client.request(
      'PATCH',
      '/api/me/preferences',
      { locale: 'en' },
      { csrf: false, headers: { 'x-csrf-token': 'nope' } },
    );
    expect(errorCode(patch)).toBe('csrf_invalid');
    const logout = await client.post('/api/auth/logout', undefined, { csrf: false });
    expect(errorCode(logout)).toBe('csrf_invalid');
    // Nothing changed: the session is still open and the locale is still Japanese.
    const me = await client.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.data.user.locale).toBe('ja');
    expect((await client.get('/api/me/sessions')).data.sessions.length).toBe(before);
  });

  it('refuses an administrator action without the token', async () => {
    const a = await loginWithTotp(t, admin);
    const res = await a.request('POST', '/api/admin/units', { code: 'CSRF1', name: '偽装', kind: 'division' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('csrf_invalid');
    const units = await a.get('/api/admin/units');
    expect(units.data.units.map((u: { code: string }) => u.code)).not.toContain('CSRF1');
  });
});

describe('own sessions and sessions of others (ID-10, ID-12)', () => {
  it('lists the person’s open sessions and lets them end another one of their own', async () => {
    const { user, client: first } = await staff('mine');
    const second = new Client(t);
    expect(
      (
        await second.request(
          'POST',
          '/api/auth/login',
          { loginId: user.loginId, password: user.password },
          { headers: { 'user-agent': 'SecondBrowser/1.0' } },
        )
      ).statusCode,
    ).toBe(200);
    const list = await first.get('/api/me/sessions');
    expect(list.statusCode).toBe(200);
    expect(list.data.sessions).toHaveLength(2);
    const current = list.data.sessions.filter((s: any) => s.current);
    expect(current).toHaveLength(1);
    const otherSession = list.data.sessions.find((s: any) => !s.current);
    expect(otherSession.userAgent).toBe('SecondBrowser/1.0');
    expect((await second.get('/api/me')).statusCode).toBe(200);

    const end = await first.delete(`/api/me/sessions/${otherSession.id}`);
    expect(end.statusCode).toBe(204);
    expectEnded(await second.get('/api/me'));
    expect((await first.get('/api/me')).statusCode).toBe(200);
    expect((await first.get('/api/me/sessions')).data.sessions).toHaveLength(1);
    // Ending an already ended session is "not found".
    expect((await first.delete(`/api/me/sessions/${otherSession.id}`)).statusCode).toBe(404);
  });

  it('ending the current session logs the person out and clears the cookie', async () => {
    const { client } = await staff('self-end');
    const me = await client.get('/api/me');
    const res = await client.delete(`/api/me/sessions/${me.data.session.id}`);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/sekimori_sid=;/);
    expect(client.cookie).toBeNull();
  });

  it('cannot end another person’s session: 404, and that session stays open', async () => {
    const a = await staff('theirs-a');
    const b = await staff('theirs-b');
    const bSession = (await b.client.get('/api/me')).data.session.id as string;
    const res = await a.client.delete(`/api/me/sessions/${bSession}`);
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('not_found');
    expect((await b.client.get('/api/me')).statusCode).toBe(200);
    // An id that never existed answers the same.
    const unknown = await a.client.delete('/api/me/sessions/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data).toEqual(res.data);
  });

  it('an administrator can list and end anyone’s session; ordinary staff cannot', async () => {
    const target = await staff('admin-ends');
    const bystander = await staff('bystander');
    const targetSession = (await target.client.get('/api/me')).data.session.id as string;
    const denied = await bystander.client.request('DELETE', `/api/admin/sessions/${targetSession}`);
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('forbidden');
    expect((await target.client.get('/api/me')).statusCode).toBe(200);

    const a = await loginWithTotp(t, admin);
    const listed = await a.get(`/api/admin/sessions?userId=${target.user.id}`);
    expect(listed.statusCode).toBe(200);
    expect(listed.data.sessions.map((s: any) => s.id)).toContain(targetSession);
    const res = await a.delete(`/api/admin/sessions/${targetSession}`);
    expect(res.statusCode).toBe(204);
    expectEnded(await target.client.get('/api/me'));
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'target_id'])
      .where('action', '=', 'admin.session.end')
      .where('target_id', '=', targetSession)
      .execute();
    expect(audit).toEqual([{ actor_user_id: admin.id, target_id: targetSession }]);
    expect((await a.delete(`/api/admin/sessions/${targetSession}`)).statusCode).toBe(404);
  });

  it('disabling a user ends all their sessions at once and stops their login (ID-12)', async () => {
    const { user, client } = await staff('disabled');
    const second = new Client(t);
    expect((await second.login(user.loginId, user.password)).statusCode).toBe(200);
    const a = await loginWithTotp(t, admin);
    const missingReason = await a.post(`/api/admin/users/${user.id}/disable`, {});
    expect(missingReason.statusCode).toBe(400);
    expect((await client.get('/api/me')).statusCode).toBe(200);

    const res = await a.post(`/api/admin/users/${user.id}/disable`, { reason: '端末紛失のため' });
    expect(res.statusCode).toBe(204);
    expectEnded(await client.get('/api/me'));
    expectEnded(await second.get('/api/me'));
    const login = await new Client(t).login(user.loginId, user.password);
    expect(login.statusCode).toBe(401);
    expect(errorCode(login)).toBe('invalid_credentials');
    expect((await a.get(`/api/admin/users/${user.id}`)).data.user.status).toBe('disabled');

    expect((await a.post(`/api/admin/users/${user.id}/enable`)).statusCode).toBe(204);
    expect((await new Client(t).login(user.loginId, user.password)).statusCode).toBe(200);
  });
});

describe('the session cookie (ID-10, decision 0003)', () => {
  it('is sekimori_sid without Secure on a plain-HTTP test server', async () => {
    const u = await createUser(t, { loginId: 'cookie-plain', unitCode: 'U400' });
    const res = await new Client(t).login(u.loginId, u.password);
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^sekimori_sid=[^;]+;/);
    expect(header).not.toMatch(/__Host-/);
    expect(header).not.toMatch(/;\s*Secure/i);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
  });

  it('is __Host-sekimori_sid with Secure, HttpOnly, SameSite=Strict and Path=/ in production mode', async () => {
    const prod = await startTestApp({ mode: 'production' });
    try {
      await createUnit(prod, 'P1', '本部');
      const u = await createUser(prod, { loginId: 'cookie-prod', unitCode: 'P1' });
      const c = new Client(prod);
      const res = await c.login(u.loginId, u.password);
      expect(res.statusCode).toBe(200);
      const header = String(res.headers['set-cookie']);
      expect(header).toMatch(/^__Host-sekimori_sid=[^;]+;/);
      expect(header).toMatch(/;\s*Secure/i);
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=Strict/);
      expect(header).toMatch(/Path=\//);
      expect(header).not.toMatch(/Domain=/i);
      // The session works under that name, and only under that name.
      expect(errorCode(await c.get('/api/me'))).toBe('password_change_required');
      const token = (c.cookie as string).split('=').slice(1).join('=');
      const plain = await prod.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `sekimori_sid=${token}` } });
      expect(plain.statusCode).toBe(401);
      expect(plain.json().error.code).toBe('unauthenticated');
    } finally {
      await prod.close();
    }
  });
});
