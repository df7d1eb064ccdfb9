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
  type TestApp,
  totpCode,
} from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'U300', '警務課');
});
afterAll(async () => t?.close());

const WRONG = 'wrong-password-1234';
const HOUR = 60 * MINUTE;

/** An ordinary user whose temporary password has been changed (so the right password is known). */
async function ordinaryUser(loginId: string): Promise<CreatedUser> {
  const user = await createUser(t, { loginId, unitCode: 'U300' });
  const c = await onboard(t, user);
  await c.post('/api/auth/logout');
  return user;
}

/** A システム管理者 with TOTP enrolled (privileged IDs must have a second factor). */
async function privilegedUser(loginId: string): Promise<CreatedUser> {
  const user = await createUser(t, { loginId, unitCode: 'U300', roles: ['system_admin'] });
  const c = await onboard(t, user);
  await c.post('/api/auth/logout');
  return user;
}

async function failLogin(user: CreatedUser, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const res = await new Client(t).login(user.loginId, WRONG);
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('invalid_credentials');
  }
}

async function lockoutEvents(userId: string) {
  return t.ctx.db
    .selectFrom('audit_events')
    .select(['action', 'target_id', 'outcome', 'canonical'])
    .where('action', '=', 'auth.lockout')
    .where('target_id', '=', userId)
    .execute();
}

describe('ordinary accounts lock after 5 failures in 15 minutes (ID-5)', () => {
  it('refuses even the right password on the 6th attempt, and again accepts it 15 minutes later', async () => {
    const u = await ordinaryUser('lock-ordinary');
    await failLogin(u, 5);
    const sixth = await new Client(t).login(u.loginId, u.password);
    expect(sixth.statusCode).toBe(401);
    expect(errorCode(sixth)).toBe('invalid_credentials');
    t.clock.advance(14 * MINUTE);
    expect((await new Client(t).login(u.loginId, u.password)).statusCode).toBe(401);
    t.clock.advance(1 * MINUTE);
    const after = await new Client(t).login(u.loginId, u.password);
    expect(after.statusCode).toBe(200);
    // The successful login cleared the count: four more failures do not lock again.
    await failLogin(u, 4);
    expect((await new Client(t).login(u.loginId, u.password)).statusCode).toBe(200);
  });

  it('does not lock after 4 failures', async () => {
    const u = await ordinaryUser('lock-four');
    await failLogin(u, 4);
    expect((await new Client(t).login(u.loginId, u.password)).statusCode).toBe(200);
  });

  it('does not lock when the failures are spread over more than 15 minutes', async () => {
    const u = await ordinaryUser('lock-spread');
    for (let i = 0; i < 5; i += 1) {
      await failLogin(u, 1);
      t.clock.advance(4 * MINUTE); // failures at 0, 4, 8, 12 and 16 minutes
    }
    expect((await new Client(t).login(u.loginId, u.password)).statusCode).toBe(200);
    expect(await lockoutEvents(u.id)).toHaveLength(0);
  });

  it('counts the last 15 minutes, not a window fixed at the first failure', async () => {
    const u = await ordinaryUser('lock-rolling');
    // Failures at minutes 0, 10, 11, 12, 16, 17: the last five fall within 7 minutes.
    await failLogin(u, 1);
    t.clock.advance(10 * MINUTE);
    for (const step of [1, 1, 4, 1]) {
      await failLogin(u, 1);
      t.clock.advance(step * MINUTE);
    }
    await failLogin(u, 1);
    expect((await new Client(t).login(u.loginId, u.password)).statusCode).toBe(401);
    expect(await lockoutEvents(u.id)).toHaveLength(1);
    t.clock.advance(15 * MINUTE);
  });

  it('records the lockout in the audit trail as auth.lockout', async () => {
    const u = await ordinaryUser('lock-audit');
    expect(await lockoutEvents(u.id)).toHaveLength(0);
    await failLogin(u, 5);
    const events = await lockoutEvents(u.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.outcome).toBe('success');
    const entry = JSON.parse(events[0]?.canonical as string);
    expect(entry.reason).toBe('temporary');
    expect(entry.details.lockedUntil).toBe(new Date(t.clock.now().getTime() + 15 * MINUTE).toISOString());
    // A refused attempt while locked is recorded as a failure with the reason "locked".
    await new Client(t).login(u.loginId, u.password);
    const refusals = await t.ctx.db
      .selectFrom('audit_events')
      .select('canonical')
      .where('action', '=', 'auth.login')
      .where('actor_user_id', '=', u.id)
      .where('outcome', '=', 'failure')
      .execute();
    expect(refusals.map((r) => JSON.parse(r.canonical).reason)).toContain('locked');
  });

  it('answers a locked account exactly as an unknown ID', async () => {
    const u = await ordinaryUser('lock-same-answer');
    await failLogin(u, 5);
    for (const headers of [{}, { 'accept-language': 'en' }] as Record<string, string>[]) {
      const locked = await new Client(t).request('POST', '/api/auth/login', { loginId: u.loginId, password: u.password }, { headers });
      const unknown = await new Client(t).request(
        'POST',
        '/api/auth/login',
        { loginId: 'nobody-at-all', password: u.password },
        { headers },
      );
      expect(locked.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(locked.statusCode);
      expect(locked.body).toBe(unknown.body);
      expect(locked.headers['set-cookie']).toBeUndefined();
      expect(unknown.headers['set-cookie']).toBeUndefined();
    }
  });

  it('counts wrong current passwords at a password change too', async () => {
    const u = await createUser(t, { loginId: 'lock-change', unitCode: 'U300' });
    const c = await onboard(t, u);
    for (let i = 0; i < 5; i += 1) {
      const res = await c.post('/api/auth/password', { currentPassword: WRONG, newPassword: 'Kz7#mounTain-river-lock' });
      expect(errorCode(res)).toBe('invalid_credentials');
    }
    expect(errorCode(await new Client(t).login(u.loginId, u.password))).toBe('invalid_credentials');
    expect(await lockoutEvents(u.id)).toHaveLength(1);
  });
});

describe('privileged accounts lock after 3 failures until an administrator unlocks them (ID-5, ID-7)', () => {
  let admin: CreatedUser;
  beforeAll(async () => {
    admin = await privilegedUser('lock-unlocker');
  });

  it('does not lock a privileged account after 2 failures', async () => {
    const p = await privilegedUser('lock-priv-two');
    await failLogin(p, 2);
    expect((await (await loginWithTotp(t, p)).get('/api/me')).statusCode).toBe(200);
  });

  it('locks after the 3rd failure, stays locked for hours, and opens only when another administrator unlocks', async () => {
    const p = await privilegedUser('lock-priv');
    await failLogin(p, 3);
    expect(errorCode(await new Client(t).login(p.loginId, p.password))).toBe('invalid_credentials');
    const events = await lockoutEvents(p.id);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.canonical as string).reason).toBe('privileged_until_admin_unlock');

    t.clock.advance(5 * HOUR);
    expect(errorCode(await new Client(t).login(p.loginId, p.password))).toBe('invalid_credentials');
    t.clock.advance(48 * HOUR);
    expect(errorCode(await new Client(t).login(p.loginId, p.password))).toBe('invalid_credentials');

    const a = await loginWithTotp(t, admin);
    const detail = await a.get(`/api/admin/users/${p.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.data.user.status).toBe('locked');

    // An ordinary user cannot unlock anyone.
    const ordinary = await createUser(t, { loginId: 'lock-not-admin', unitCode: 'U300' });
    const oc = await onboard(t, ordinary);
    const denied = await oc.post(`/api/admin/users/${p.id}/unlock`);
    expect(denied.statusCode).toBe(403);
    expect(errorCode(await new Client(t).login(p.loginId, p.password))).toBe('invalid_credentials');

    const unlock = await a.post(`/api/admin/users/${p.id}/unlock`);
    expect(unlock.statusCode).toBe(204);
    expect((await a.get(`/api/admin/users/${p.id}`)).data.user.status).toBe('active');
    const unlocked = await t.ctx.db
      .selectFrom('audit_events')
      .select('actor_user_id')
      .where('action', '=', 'admin.user.unlock')
      .where('target_id', '=', p.id)
      .execute();
    expect(unlocked.map((r) => r.actor_user_id)).toEqual([admin.id]);

    expect((await (await loginWithTotp(t, p)).get('/api/me')).statusCode).toBe(200);
  });

  it('an administrator cannot unlock their own account', async () => {
    const a = await loginWithTotp(t, admin);
    const res = await a.post(`/api/admin/users/${admin.id}/unlock`);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('self_modification_forbidden');
  });

  it('counts wrong second-factor codes, and a locked account cannot finish the second factor (ID-8)', async () => {
    const p = await privilegedUser('lock-priv-totp');
    t.clock.advance(30_000);
    const c = new Client(t);
    const first = await c.login(p.loginId, p.password);
    expect(first.data.mfaRequired).toBe(true);
    const right = totpCode(p.totpSecret as string, t.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i += 1) {
      const res = await c.post('/api/auth/mfa/totp', { code: wrong });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('invalid_mfa_code');
    }
    expect(await lockoutEvents(p.id)).toHaveLength(1);
    // The right code on the same half-open session no longer helps: guessing codes stops at the lock.
    const late = await c.post('/api/auth/mfa/totp', { code: right });
    expect(late.statusCode).toBe(401);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    expect(errorCode(await new Client(t).login(p.loginId, p.password))).toBe('invalid_credentials');
  });
});
