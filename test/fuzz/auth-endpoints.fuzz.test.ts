import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/server/shared/clock.js';
import {
  Client,
  type CreatedUser,
  createUnit,
  createUser,
  errorCode,
  onboard,
  startTestApp,
  type TestApp,
  totpCode,
} from '../support/test-app.js';
import {
  anyString,
  BODY_LIMIT,
  type Body,
  bodies,
  expectNoPollution,
  expectWellFormed,
  pathSegment,
  queryString,
  SEED,
  type Sent,
  send,
  weirdString,
} from './fuzz-support.js';

/**
 * Fuzzing of the authentication and self-service endpoints (ID-2 … ID-13, SEC): whatever arrives —
 * any JSON, wrong types, huge or odd Unicode strings, prototype-pollution keys, broken JSON, wrong
 * content types, odd query strings and path parameters — the answer is never a server error, errors
 * keep one shape and reveal nothing of the server, and no state changes unless the answer says so.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'FZ1', 'ファジング課');
});
afterAll(async () => t?.close());

const runs = (numRuns: number) => ({ seed: SEED, numRuns });

let serial = 0;
async function person(prefix: string, opts: { totp?: boolean } = {}): Promise<{ user: CreatedUser; client: Client }> {
  serial += 1;
  const user = await createUser(t, { loginId: `${prefix}-${serial}`, unitCode: 'FZ1' });
  const client = await onboard(t, user);
  if (opts.totp) {
    const setup = await client.post('/api/me/mfa/totp/setup');
    user.totpSecret = setup.data.secret;
    expect((await client.post('/api/me/mfa/totp/confirm', { code: totpCode(setup.data.secret, t.clock.now()) })).statusCode).toBe(204);
    t.clock.advance(30_000);
  }
  return { user, client };
}

function withBody(method: Sent['method'], url: string, body: Body): Sent {
  return { method, url, payload: body.payload, contentType: body.contentType };
}

async function sessionAlive(c: Client): Promise<boolean> {
  return (await c.get('/api/me')).statusCode === 200;
}

describe('POST /api/auth/login under fuzzing (ID-2, ID-5)', () => {
  it('answers every body with a well-formed refusal and never opens a session', async () => {
    const { user } = await person('fz-login');
    const valid = fc.record({
      loginId: fc.oneof(weirdString, fc.constantFrom(user.loginId, user.loginId.toUpperCase(), `${user.loginId}\u0000`)),
      password: anyString,
    });
    const before = await t.ctx.db.selectFrom('sessions').select('id').execute();
    await fc.assert(
      fc.asyncProperty(bodies(['loginId', 'password'], valid), fc.option(queryString(['loginId', 'password'])), async (body, query) => {
        const sent = withBody('POST', `/api/auth/login${query ? `?${query}` : ''}`, body);
        const res = await send(t, null, sent);
        expectWellFormed(res, sent);
        expect([400, 401, 413, 415]).toContain(res.statusCode);
        expect(res.headers['set-cookie']).toBeUndefined();
        expectNoPollution();
      }),
      runs(150),
    );
    const after = await t.ctx.db.selectFrom('sessions').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});

describe('POST /api/auth/password under fuzzing (ID-3, ID-4)', () => {
  it('never fails with a server error and changes the password only when it answers 204', async () => {
    const { user, client } = await person('fz-password');
    let password = user.password;
    const valid = fc.record({
      currentPassword: fc.oneof(anyString, fc.constant(password)),
      newPassword: fc.oneof(anyString, fc.constantFrom('P@ssw0rd2026!', password, 'short')),
    });
    await fc.assert(
      fc.asyncProperty(bodies(['currentPassword', 'newPassword'], valid), async (body) => {
        const sent = withBody('POST', '/api/auth/password', body);
        const res = await send(t, client, sent);
        expectWellFormed(res, sent);
        expect([204, 400, 401, 413, 415, 422]).toContain(res.statusCode);
        if (res.statusCode === 204) password = (JSON.parse(body.payload) as { newPassword: string }).newPassword;
        expectNoPollution();
      }),
      runs(120),
    );
    // The last password that was accepted is the one that works (after any lockout has passed).
    t.clock.advance(16 * MINUTE);
    const login = await new Client(t).login(user.loginId, password);
    expect(login.statusCode).toBe(200);
  });
});

describe('POST /api/auth/mfa/totp under fuzzing (ID-8)', () => {
  it('refuses every odd code in a well-formed way, with a pending, an active or no session', async () => {
    const { user } = await person('fz-totp', { totp: true });
    const active = await person('fz-totp-active');
    let pending = new Client(t);
    const relogin = async () => {
      t.clock.advance(16 * MINUTE); // past any lockout the wrong codes caused
      await active.client.get('/api/me'); // keeps the other session from idling out
      pending = new Client(t);
      const res = await pending.login(user.loginId, user.password);
      expect(res.statusCode).toBe(200);
      expect(res.data.mfaRequired).toBe(true);
    };
    await relogin();
    const valid = fc.record({ code: fc.oneof(fc.stringMatching(/^\d{6}$/), weirdString, fc.integer().map(String)) });
    let completed = 0;
    await fc.assert(
      fc.asyncProperty(bodies(['code'], valid), fc.constantFrom('pending', 'pending', 'pending', 'active', 'none'), async (body, who) => {
        const sent = withBody('POST', '/api/auth/mfa/totp', body);
        const client = who === 'pending' ? pending : who === 'active' ? active.client : null;
        const res = await send(t, client, sent);
        expectWellFormed(res, sent);
        // Without a session nothing passes; a body that cannot be read is refused before the session is looked at.
        if (who === 'none') expect([400, 401, 413, 415]).toContain(res.statusCode);
        if (who === 'active' && res.statusCode === 422) expect(errorCode({ data: res.json() })).toBe('invalid_state');
        if (res.statusCode === 200) completed += 1;
        // A lockout ends the pending session; start another so the fuzzing keeps reaching the code check.
        if (who === 'pending' && (res.statusCode === 200 || !(await pending.get('/api/auth/session')).data?.mfaRequired)) await relogin();
        expectNoPollution();
      }),
      runs(120),
    );
    // Guessing six digits essentially never succeeds; what matters is that nothing else did either.
    expect(completed).toBeLessThanOrEqual(1);
  });
});

describe('self-service endpoints under fuzzing (ID-6, ID-10, ID-13)', () => {
  it('POST /api/me/notice-acknowledgement: well-formed answers, and an acknowledgement only after a 204', async () => {
    const u = await createUser(t, { loginId: 'fz-notice', unitCode: 'FZ1' });
    const c = new Client(t);
    await c.login(u.loginId, u.password);
    await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'Kz7#mounTain-river-notice' });
    let acknowledged = false;
    await fc.assert(
      fc.asyncProperty(bodies(['version', 'acknowledged']), fc.option(queryString(['version'])), async (body, query) => {
        const sent = withBody('POST', `/api/me/notice-acknowledgement${query ? `?${query}` : ''}`, body);
        const res = await send(t, c, sent);
        expectWellFormed(res, sent);
        if (res.statusCode === 204) acknowledged = true;
        const rows = await t.ctx.db.selectFrom('notice_acknowledgements').select('user_id').where('user_id', '=', u.id).execute();
        expect(rows.length).toBe(acknowledged ? 1 : 0);
        expectNoPollution();
      }),
      runs(80),
    );
  });

  it('DELETE /api/me/sessions/:id: odd ids are refused and no session is ended', async () => {
    const { user, client } = await person('fz-sessions');
    const second = new Client(t);
    expect((await second.login(user.loginId, user.password)).statusCode).toBe(200);
    await fc.assert(
      fc.asyncProperty(pathSegment, fc.option(queryString(['id'])), async (segment, query) => {
        const sent: Sent = { method: 'DELETE', url: `/api/me/sessions/${segment}${query ? `?${query}` : ''}` };
        const res = await send(t, client, sent);
        expectWellFormed(res, sent);
        expect([400, 404]).toContain(res.statusCode);
        expectNoPollution();
      }),
      runs(120),
    );
    expect(await sessionAlive(client)).toBe(true);
    expect(await sessionAlive(second)).toBe(true);
  });

  it('PATCH /api/me/preferences: the stored locale is always ja or en', async () => {
    const { user, client } = await person('fz-prefs');
    const valid = fc.record({ locale: fc.oneof(fc.constantFrom('ja', 'en', 'JA', 'en-US', 'fr', ''), weirdString) });
    await fc.assert(
      fc.asyncProperty(bodies(['locale'], valid), async (body) => {
        const sent = withBody('PATCH', '/api/me/preferences', body);
        const res = await send(t, client, sent);
        expectWellFormed(res, sent);
        expect([204, 400, 413, 415]).toContain(res.statusCode);
        const row = await t.ctx.db.selectFrom('users').select('locale').where('id', '=', user.id).executeTakeFirstOrThrow();
        expect(['ja', 'en']).toContain(row.locale);
        expectNoPollution();
      }),
      runs(100),
    );
  });

  it('GET /api/me/auth-history: odd query strings are answered well-formed, within the limit', async () => {
    const { client } = await person('fz-history');
    await fc.assert(
      fc.asyncProperty(queryString(['limit']), async (query) => {
        const sent: Sent = { method: 'GET', url: `/api/me/auth-history?${query}` };
        const res = await send(t, client, sent);
        expectWellFormed(res, sent);
        expect([200, 400]).toContain(res.statusCode);
        if (res.statusCode === 200) expect(res.json().events.length).toBeLessThanOrEqual(500);
        expectNoPollution();
      }),
      runs(100),
    );
  });
});

describe('gates under fuzzing (ID-10)', () => {
  const endpoints: { method: Sent['method']; path: string; fields: string[] }[] = [
    { method: 'POST', path: '/api/auth/password', fields: ['currentPassword', 'newPassword'] },
    { method: 'POST', path: '/api/auth/mfa/totp', fields: ['code'] },
    { method: 'POST', path: '/api/me/notice-acknowledgement', fields: [] },
    { method: 'DELETE', path: '/api/me/sessions/:id', fields: [] },
    { method: 'PATCH', path: '/api/me/preferences', fields: ['locale'] },
    { method: 'POST', path: '/api/auth/logout', fields: [] },
  ];

  it('without a session, or without the CSRF token, nothing gets through', async () => {
    const { client } = await person('fz-gates');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        bodies(['currentPassword', 'newPassword', 'code', 'locale']),
        pathSegment,
        fc.constantFrom('none', 'no-csrf', 'forged-cookie'),
        async (endpoint, body, segment, who) => {
          const sent = withBody(endpoint.method, endpoint.path.replace(':id', segment), body);
          const forged = new Client(t);
          forged.cookie = 'sekimori_sid=forged-token-value';
          forged.csrf = 'forged';
          const res =
            who === 'none'
              ? await send(t, null, sent)
              : who === 'no-csrf'
                ? await send(t, client, sent, { csrf: false })
                : await send(t, forged, sent);
          expectWellFormed(res, sent);
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expectNoPollution();
        },
      ),
      runs(120),
    );
    expect(await sessionAlive(client)).toBe(true);
  });
});

describe('oversized bodies (SEC)', () => {
  it(`answers 413 payload_too_large to any body over ${BODY_LIMIT / 1024} KiB, with or without a session`, async () => {
    const { client } = await person('fz-huge');
    const targets: [Sent['method'], string][] = [
      ['POST', '/api/auth/login'],
      ['POST', '/api/auth/password'],
      ['POST', '/api/auth/mfa/totp'],
      ['POST', '/api/me/notice-acknowledgement'],
      ['PATCH', '/api/me/preferences'],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 4 }),
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
        fc.constantFrom('json-string', 'raw', 'multibyte'),
        fc.boolean(),
        async ([method, url], size, contentType, shape, withSession) => {
          const payload =
            shape === 'json-string'
              ? JSON.stringify({ loginId: 'x', password: 'p'.repeat(size) })
              : shape === 'raw'
                ? '{'.repeat(size)
                : JSON.stringify({ locale: 'あ'.repeat(Math.ceil(size / 3)) });
          const sent: Sent = { method, url, payload, contentType };
          const res = await send(t, withSession ? client : null, sent);
          expectWellFormed(res, sent);
          expect(res.statusCode).toBe(413);
          expect(errorCode({ data: res.json() })).toBe('payload_too_large');
        },
      ),
      runs(30),
    );
    expect(await sessionAlive(client)).toBe(true);
  });
});

describe('regressions found by this fuzzing (APP-12)', () => {
  it('refuses a NUL character anywhere in the input with 400 validation_failed instead of a database error', async () => {
    const { client } = await person('fz-nul');
    const cases: Sent[] = [
      {
        method: 'POST',
        url: '/api/auth/login',
        payload: JSON.stringify({ loginId: 'someone\u0000', password: 'x' }),
        contentType: 'application/json',
      },
      {
        method: 'POST',
        url: '/api/auth/login',
        payload: JSON.stringify({ loginId: 'someone', password: 'a\u0000b' }),
        contentType: 'application/json',
      },
      {
        method: 'POST',
        url: '/api/auth/login',
        payload: JSON.stringify({ loginId: 'x', password: 'y', 'k\u0000': 1 }),
        contentType: 'application/json',
      },
      { method: 'GET', url: '/api/me/auth-history?limit=%00' },
      { method: 'DELETE', url: '/api/me/sessions/%00' },
    ];
    for (const sent of cases) {
      const res = await send(t, sent.url.startsWith('/api/auth/login') ? null : client, sent);
      expectWellFormed(res, sent);
      expect(res.statusCode, sent.url).toBe(400);
      expect(errorCode({ data: res.json() })).toBe('validation_failed');
    }
  });

  it('answers a malformed percent escape and an over-long path parameter in the one error shape', async () => {
    const { client } = await person('fz-url');
    for (const url of ['/api/me/sessions/%zz', '/api/me/sessions/%E3%81', `/api/me/sessions/${'a'.repeat(300)}`]) {
      const sent: Sent = { method: 'DELETE', url };
      const res = await send(t, client, sent);
      expectWellFormed(res, sent);
      expect(res.statusCode, url).toBe(404);
      expect(errorCode({ data: res.json() })).toBe('not_found');
      expect(res.body).not.toContain(url.slice(-20));
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});
