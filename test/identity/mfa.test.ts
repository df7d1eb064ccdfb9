import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
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
  totpCode,
} from '../support/test-app.js';

let t: TestApp;
let admin: CreatedUser;
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'U500', '情報管理課');
  await createUnit(t, 'U510', '個人番号係');
  admin = await createUser(t, { loginId: 'mfa-admin', unitCode: 'U500', roles: ['system_admin'] });
  await onboard(t, admin);
});
afterAll(async () => t?.close());

/** Logs in and changes the temporary password; the client then stands at the MFA-enrolment gate. */
async function pastPassword(user: CreatedUser): Promise<Client> {
  const c = new Client(t);
  expect((await c.login(user.loginId, user.password)).statusCode).toBe(200);
  const next = strongPassword();
  expect((await c.post('/api/auth/password', { currentPassword: user.password, newPassword: next })).statusCode).toBe(204);
  user.password = next;
  return c;
}

async function enrolTotp(c: Client, user: CreatedUser): Promise<void> {
  const setup = await c.post('/api/me/mfa/totp/setup');
  expect(setup.statusCode).toBe(200);
  user.totpSecret = setup.data.secret;
  expect((await c.post('/api/me/mfa/totp/confirm', { code: totpCode(setup.data.secret, t.clock.now()) })).statusCode).toBe(204);
}

/** Password accepted, second factor pending. */
async function pendingLogin(user: CreatedUser) {
  t.clock.advance(30_000);
  const c = new Client(t);
  const res = await c.login(user.loginId, user.password);
  expect(res.statusCode).toBe(200);
  return { c, res };
}

function wrongCodeFor(secret: string): string {
  return totpCode(secret, t.clock.now()) === '123456' ? '654321' : '123456';
}

describe('privileged IDs must enrol a second factor (ID-8, ID-7)', () => {
  it('a system_admin must enrol after the password change; business and admin endpoints answer 403 mfa_enrollment_required', async () => {
    const u = await createUser(t, { loginId: 'mfa-enrol', unitCode: 'U500', roles: ['system_admin'] });
    const c = new Client(t);
    const login = await c.login(u.loginId, u.password);
    expect(login.data.user.privileged).toBe(true);
    const next = strongPassword();
    expect((await c.post('/api/auth/password', { currentPassword: u.password, newPassword: next })).statusCode).toBe(204);
    u.password = next;
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.data.mfaEnrollmentRequired).toBe(true);
    expect(me.data.mfaEnrolled).toEqual({ totp: false, webauthn: 0 });
    for (const url of ['/api/admin/units', '/api/admin/users', '/api/admin/settings', '/api/units/U500/members']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(errorCode(res), url).toBe('mfa_enrollment_required');
    }
    const create = await c.post('/api/admin/units', { code: 'NOPE', name: '未登録', kind: 'division' });
    expect(errorCode(create)).toBe('mfa_enrollment_required');

    // Enrolment: a wrong code is refused and enrols nothing.
    const setup = await c.post('/api/me/mfa/totp/setup');
    expect(setup.statusCode).toBe(200);
    expect(setup.data.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.data.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.data.otpauthUri).toContain(`secret=${setup.data.secret}`);
    expect(setup.data.qrSvg).toContain('<svg');
    const bad = await c.post('/api/me/mfa/totp/confirm', { code: wrongCodeFor(setup.data.secret) });
    expect(bad.statusCode).toBe(401);
    expect(errorCode(bad)).toBe('invalid_mfa_code');
    expect((await c.get('/api/me')).data.mfaEnrollmentRequired).toBe(true);

    const ok = await c.post('/api/me/mfa/totp/confirm', { code: totpCode(setup.data.secret, t.clock.now()) });
    expect(ok.statusCode).toBe(204);
    const after = await c.get('/api/me');
    expect(after.data.mfaEnrollmentRequired).toBe(false);
    expect(after.data.mfaEnrolled.totp).toBe(true);
    // The next gate is the monitoring notice, not MFA any more.
    expect(errorCode(await c.get('/api/admin/units'))).toBe('notice_acknowledgement_required');
    const enrolled = await t.ctx.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'auth.mfa.enrol')
      .where('actor_user_id', '=', u.id)
      .execute();
    expect(enrolled.map((r) => r.outcome).sort()).toEqual(['failure', 'success']);
  });

  it('an ordinary user needs no enrolment, unless their unit is listed in mfaRequiredUnitCodes', async () => {
    const plain = await createUser(t, { loginId: 'mfa-plain', unitCode: 'U510' });
    const pc = await pastPassword(plain);
    expect((await pc.get('/api/me')).data.mfaEnrollmentRequired).toBe(false);
    expect(errorCode(await pc.get('/api/units/U510/members'))).toBe('notice_acknowledgement_required');

    const a = await loginWithTotp(t, admin);
    const patched = await a.patch('/api/admin/settings', { mfaRequiredUnitCodes: ['U510'] });
    expect(patched.statusCode).toBe(200);
    expect(patched.data.mfaRequiredUnitCodes).toEqual(['U510']);
    try {
      // The rule holds at once for the open session …
      const gated = await pc.get('/api/units/U510/members');
      expect(gated.statusCode).toBe(403);
      expect(errorCode(gated)).toBe('mfa_enrollment_required');
      // … and for a new member of the unit, but not for staff of another unit.
      const member = await createUser(t, { loginId: 'mfa-unit-member', unitCode: 'U510' });
      const mc = await pastPassword(member);
      expect((await mc.get('/api/me')).data.mfaEnrollmentRequired).toBe(true);
      expect(errorCode(await mc.post('/api/me/notice-acknowledgement'))).toBeUndefined();
      expect(errorCode(await mc.get('/api/me/sessions'))).toBeUndefined();
      const other = await createUser(t, { loginId: 'mfa-other-unit', unitCode: 'U500' });
      const oc = await pastPassword(other);
      expect((await oc.get('/api/me')).data.mfaEnrollmentRequired).toBe(false);

      await enrolTotp(mc, member);
      expect((await mc.get('/api/me')).data.mfaEnrollmentRequired).toBe(false);
      expect((await mc.get('/api/units/U510/members')).statusCode).toBe(403); // no post there: forbidden, not gated
      expect(errorCode(await mc.get('/api/units/U510/members'))).toBe('forbidden');
    } finally {
      const again = await loginWithTotp(t, admin);
      expect((await again.patch('/api/admin/settings', { mfaRequiredUnitCodes: [] })).statusCode).toBe(200);
    }
  });
});

describe('login with TOTP (ID-8)', () => {
  let user: CreatedUser;
  beforeAll(async () => {
    user = await createUser(t, { loginId: 'mfa-login', unitCode: 'U500', roles: ['system_admin'] });
    await onboard(t, user);
  });

  it('answers mfaRequired with the enrolled methods, and everything but the second step answers 401 mfa_required', async () => {
    const { c, res } = await pendingLogin(user);
    expect(res.data.mfaRequired).toBe(true);
    expect(res.data.mfaMethods).toEqual(['totp']);
    expect(typeof res.data.csrfToken).toBe('string');

    const openapi = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const open = new Set([
      'GET /api/health',
      'GET /api/vocabulary',
      'GET /api/auth/password-policy',
      'POST /api/auth/login',
      // The second step itself, and leaving.
      'POST /api/auth/mfa/totp',
      'POST /api/auth/mfa/webauthn/options',
      'POST /api/auth/mfa/webauthn',
      'POST /api/auth/logout',
      'GET /api/auth/session',
    ]);
    let checked = 0;
    for (const [path, methods] of Object.entries(openapi.paths)) {
      for (const method of Object.keys(methods)) {
        const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        if (open.has(`${verb} ${path}`)) continue;
        const url = path.replace(/\{(id|postId)\}/g, '00000000-0000-4000-8000-000000000000').replace('{code}', 'U500');
        const answer = await c.request(verb, url, verb === 'GET' || verb === 'DELETE' ? undefined : {});
        expect(answer.statusCode, `${verb} ${url}`).toBe(401);
        expect(errorCode(answer), `${verb} ${url}`).toBe('mfa_required');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(25);
    const session = await c.get('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.data.mfaRequired).toBe(true);
  });

  it('refuses a wrong code with 401 invalid_mfa_code; the right one answers 200 with a new session cookie', async () => {
    const { c } = await pendingLogin(user);
    const pendingCookie = c.cookie;
    const bad = await c.post('/api/auth/mfa/totp', { code: wrongCodeFor(user.totpSecret as string) });
    expect(bad.statusCode).toBe(401);
    expect(errorCode(bad)).toBe('invalid_mfa_code');
    expect(errorCode(await c.get('/api/me'))).toBe('mfa_required');

    const ok = await c.post('/api/auth/mfa/totp', { code: totpCode(user.totpSecret as string, t.clock.now()) });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.mfaRequired).toBe(false);
    expect(ok.data.user.loginId).toBe(user.loginId);
    expect(String(ok.headers['set-cookie'])).toMatch(/sekimori_sid=/);
    expect(c.cookie).not.toBeNull();
    expect(c.cookie).not.toBe(pendingCookie);
    expect((await c.get('/api/admin/units')).statusCode).toBe(200);
    // The pre-MFA cookie is dead: the session id changed when its assurance rose.
    const stale = new Client(t);
    stale.cookie = pendingCookie;
    expect(errorCode(await stale.get('/api/auth/session'))).toBe('unauthenticated');
    const verified = await t.ctx.db
      .selectFrom('audit_events')
      .select('canonical')
      .where('action', '=', 'auth.mfa.verify')
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(verified.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a code replayed in another login within the same time step', async () => {
    const first = await pendingLogin(user);
    const code = totpCode(user.totpSecret as string, t.clock.now());
    expect((await first.c.post('/api/auth/mfa/totp', { code })).statusCode).toBe(200);
    // Someone who watched the code being typed tries it at once, with the password.
    t.clock.advance(2_000);
    const second = new Client(t);
    expect((await second.login(user.loginId, user.password)).data.mfaRequired).toBe(true);
    expect(totpCode(user.totpSecret as string, t.clock.now())).toBe(code);
    const replay = await second.post('/api/auth/mfa/totp', { code });
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('invalid_mfa_code');
    expect(errorCode(await second.get('/api/me'))).toBe('mfa_required');
    // An older code (the previous step, still inside the ±1 window) is refused as well.
    const previous = totpCode(user.totpSecret as string, new Date(t.clock.now().getTime() - 30_000));
    expect(errorCode(await second.post('/api/auth/mfa/totp', { code: previous }))).toBe('invalid_mfa_code');
    // The next time step gives a fresh code that works.
    t.clock.advance(30_000);
    const fresh = await second.post('/api/auth/mfa/totp', { code: totpCode(user.totpSecret as string, t.clock.now()) });
    expect(fresh.statusCode).toBe(200);
  });

  it('failures of the second factor add up across logins: passing the password again does not reset them (ID-5)', async () => {
    const u = await createUser(t, { loginId: 'mfa-guesser', unitCode: 'U500', roles: ['system_admin'] });
    await onboard(t, u);
    for (let i = 0; i < 3; i += 1) {
      const { c } = await pendingLogin(u);
      expect(errorCode(await c.post('/api/auth/mfa/totp', { code: wrongCodeFor(u.totpSecret as string) }))).toBe('invalid_mfa_code');
    }
    // Three wrong codes lock a privileged ID, even though each came after a right password.
    t.clock.advance(30_000);
    const res = await new Client(t).login(u.loginId, u.password);
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('invalid_credentials');
    const locks = await t.ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'auth.lockout')
      .where('target_id', '=', u.id)
      .execute();
    expect(locks).toHaveLength(1);
  });

  it('a complete login clears the failures: two wrong codes, then success, then two wrong codes do not lock', async () => {
    const u = await createUser(t, { loginId: 'mfa-clumsy', unitCode: 'U500', roles: ['system_admin'] });
    await onboard(t, u);
    for (let round = 0; round < 2; round += 1) {
      const { c } = await pendingLogin(u);
      for (let i = 0; i < 2; i += 1) {
        expect(errorCode(await c.post('/api/auth/mfa/totp', { code: wrongCodeFor(u.totpSecret as string) }))).toBe('invalid_mfa_code');
      }
      expect((await c.post('/api/auth/mfa/totp', { code: totpCode(u.totpSecret as string, t.clock.now()) })).statusCode).toBe(200);
    }
    await loginWithTotp(t, u);
  });
});

describe('WebAuthn security keys (ID-8, ID-12)', () => {
  it('registration options carry a fresh challenge; a garbage response is refused and uses the challenge up', async () => {
    const u = await createUser(t, { loginId: 'webauthn-garbage', unitCode: 'U500' });
    const c = await onboard(t, u);
    const options = await c.post('/api/me/mfa/webauthn/registration-options');
    expect(options.statusCode).toBe(200);
    expect(options.data.challenge).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(options.data.rp.id).toBe('localhost');
    expect(options.data.user.name).toBe(u.loginId);
    expect(options.data.attestation).toBe('none');
    const again = await c.post('/api/me/mfa/webauthn/registration-options');
    expect(again.data.challenge).not.toBe(options.data.challenge);

    const garbage = {
      label: 'ごみ',
      response: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'e30', attestationObject: 'oA' },
        clientExtensionResults: {},
      },
    };
    const refused = await c.post('/api/me/mfa/webauthn/registration', garbage);
    expect(refused.statusCode).toBe(401);
    expect(errorCode(refused)).toBe('invalid_mfa_code');
    const left = await t.ctx.db.selectFrom('webauthn_challenges').select('challenge').where('purpose', '=', 'register').execute();
    expect(left.map((r) => r.challenge)).not.toContain(again.data.challenge);
    // A correct answer to the used-up challenge is refused too.
    const key = new SoftAuthenticator();
    const late = await c.post('/api/me/mfa/webauthn/registration', { label: '鍵', response: key.register(again.data.challenge) });
    expect(late.statusCode).toBe(401);
    expect(errorCode(late)).toBe('invalid_mfa_code');
    expect((await c.get('/api/me/mfa/webauthn')).data.credentials).toEqual([]);
  });

  it('registers a key, logs in with it, refuses a replayed registration, and a revoked key ends its sessions', async () => {
    const u = await createUser(t, { loginId: 'webauthn-user', unitCode: 'U500', roles: ['system_admin'] });
    const c = await pastPassword(u);
    // A USB key without a PIN: it proves presence only, which is enough next to the password.
    const key = new SoftAuthenticator();
    const options = await c.post('/api/me/mfa/webauthn/registration-options');
    const answer = key.register(options.data.challenge);
    const registered = await c.post('/api/me/mfa/webauthn/registration', { label: 'セキュリティキー1', response: answer });
    expect(registered.statusCode).toBe(204);
    const me = await c.get('/api/me');
    expect(me.data.mfaEnrollmentRequired).toBe(false);
    expect(me.data.mfaEnrolled.webauthn).toBe(1);
    const listed = await c.get('/api/me/mfa/webauthn');
    expect(listed.data.credentials).toHaveLength(1);
    expect(listed.data.credentials[0].label).toBe('セキュリティキー1');
    // The same answer again: its challenge is gone.
    const replayed = await c.post('/api/me/mfa/webauthn/registration', { label: '二重', response: answer });
    expect(errorCode(replayed)).toBe('invalid_mfa_code');
    expect((await c.get('/api/me/mfa/webauthn')).data.credentials).toHaveLength(1);
    // New options exclude the registered key.
    const more = await c.post('/api/me/mfa/webauthn/registration-options');
    expect(more.data.excludeCredentials.map((x: { id: string }) => x.id)).toEqual([key.id]);
    expect((await c.post('/api/me/notice-acknowledgement')).statusCode).toBe(204);

    // Login: password, then the key.
    const login = new Client(t);
    const first = await login.login(u.loginId, u.password);
    expect(first.data.mfaRequired).toBe(true);
    expect(first.data.mfaMethods).toEqual(['webauthn']);
    expect(errorCode(await login.get('/api/me'))).toBe('mfa_required');
    const loginOptions = await login.post('/api/auth/mfa/webauthn/options');
    expect(loginOptions.statusCode).toBe(200);
    expect(loginOptions.data.allowCredentials.map((x: { id: string }) => x.id)).toEqual([key.id]);
    // A signature over another challenge is refused (and uses the challenge up).
    const forged = await login.post('/api/auth/mfa/webauthn', { response: key.authenticate('b3RoZXItY2hhbGxlbmdl') });
    expect(forged.statusCode).toBe(401);
    expect(errorCode(forged)).toBe('invalid_mfa_code');
    const loginOptions2 = await login.post('/api/auth/mfa/webauthn/options');
    const assertion = key.authenticate(loginOptions2.data.challenge);
    const pendingCookie = login.cookie;
    const passed = await login.post('/api/auth/mfa/webauthn', { response: assertion });
    expect(passed.statusCode).toBe(200);
    expect(login.cookie).not.toBe(pendingCookie);
    expect((await login.get('/api/admin/units')).statusCode).toBe(200);

    // The same signed answer in another login is refused: its challenge was single-use.
    const other = new Client(t);
    await other.login(u.loginId, u.password);
    await other.post('/api/auth/mfa/webauthn/options');
    expect(errorCode(await other.post('/api/auth/mfa/webauthn', { response: assertion }))).toBe('invalid_mfa_code');
    expect(errorCode(await other.get('/api/me'))).toBe('mfa_required');

    // ID-12: the key is reported lost and revoked; the session it opened ends at once.
    const credentialId = listed.data.credentials[0].id as string;
    expect((await c.delete(`/api/me/mfa/webauthn/${credentialId}`)).statusCode).toBe(204);
    const ended = await login.get('/api/me');
    expect(ended.statusCode).toBe(401);
    expect((await c.get('/api/me')).statusCode).toBe(200);
  });
});
