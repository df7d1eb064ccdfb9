import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type CreatedUser, createUnit, createUser, onboard, startTestApp, type TestApp } from '../support/test-app.js';

let tmp: string;
let webRoot: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sekimori-hardening-'));
  // A stand-in for the built UI, so that "/" is served as it is in production.
  webRoot = join(tmp, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(
    join(webRoot, 'index.html'),
    '<!doctype html><html lang="ja"><head><script type="module" src="/assets/app.js"></script></head></html>',
  );
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log("関守");');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** Logs in with the socket address and headers given, and returns the session list as seen by that session. */
async function loginFrom(t: TestApp, user: CreatedUser, opts: { remoteAddress?: string; forwardedFor?: string }) {
  const headers: Record<string, string> = opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {};
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { loginId: user.loginId, password: user.password },
    headers,
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
  });
  expect(login.statusCode).toBe(200);
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const sessions = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie } });
  expect(sessions.statusCode).toBe(200);
  const current = sessions.json().sessions.find((s: { current: boolean }) => s.current);
  const history = await t.app.inject({ method: 'GET', url: '/api/me/auth-history', headers: { cookie } });
  return {
    ip: current.ip as string,
    loginSource: history.json().events.find((e: { action: string }) => e.action === 'auth.login')?.sourceAddress,
  };
}

describe('plain HTTP server (SEC-2, SEC-3)', () => {
  let t: TestApp;
  let user: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp({ webRoot });
    await createUnit(t, 'U1', '試験課');
    user = await createUser(t, { loginId: 'hardening-user', unitCode: 'U1' });
    await onboard(t, user);
  });
  afterAll(async () => t?.close());

  it('SEC-3: the page and the API carry a strict Content-Security-Policy and the other security headers', async () => {
    for (const url of ['/', '/api/health', '/api/me', '/some/client/route']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      const d = directives(csp);
      expect(d.get('script-src'), url).toEqual(["'self'"]);
      expect(d.get('default-src'), url).toEqual(["'self'"]);
      expect(d.get('object-src'), url).toEqual(["'none'"]);
      expect(d.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<!doctype html>');
  });

  it('SEC-2: no Strict-Transport-Security and no upgrade-insecure-requests without TLS', async () => {
    for (const url of ['/', '/api/health']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    }
  });

  it('SEC-3: every /api answer carries Cache-Control: no-store, successes and errors alike', async () => {
    const c = new Client(t);
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/health' }),
      await t.app.inject({ method: 'GET', url: '/api/vocabulary' }),
      await t.app.inject({ method: 'GET', url: '/api/me' }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { loginId: 'x' } }),
      await c.login(user.loginId, 'wrong-password-123'),
      await c.login(user.loginId, user.password),
      await c.get('/api/me'),
      await c.get('/api/me/sessions'),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 401, 404, 400, 401, 200, 200, 200]);
    for (const res of answers) expect(String(res.headers['cache-control'])).toContain('no-store');
    // The page itself is not kept either; only fingerprinted assets are.
    expect((await t.app.inject({ method: 'GET', url: '/' })).headers['cache-control']).toBe('no-store');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('SEC-3: the UI’s files load before login, and nothing outside the web root is served', async () => {
    const script = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('関守');
    expect(String(script.headers['content-type'])).toMatch(/javascript/);
    writeFileSync(join(tmp, 'secret.txt'), 'outside the web root');
    for (const url of [
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('outside the web root');
    }
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('SEC-3: the session cookie is HttpOnly and SameSite=Strict; on plain HTTP it cannot be Secure', async () => {
    const res = await new Client(t).login(user.loginId, user.password);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^sekimori_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('SEC-2: X-Forwarded-For is ignored when no proxy is trusted', async () => {
    const seen = await loginFrom(t, user, { forwardedFor: '203.0.113.9' });
    expect(seen.ip).toBe('127.0.0.1');
    expect(seen.loginSource).toBe('127.0.0.1');
    const other = await loginFrom(t, user, { remoteAddress: '198.51.100.7', forwardedFor: '203.0.113.9' });
    expect(other.ip).toBe('198.51.100.7');
  });

  it('SEC-3: a body over 256 KiB is refused with 413 payload_too_large', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginId: 'hardening-user', password: 'x'.repeat(257 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    // Just under the limit is parsed (and then refused as a wrong password, not as too large).
    const under = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginId: 'nobody', password: 'x'.repeat(1024) },
    });
    expect(under.statusCode).not.toBe(413);
  });

  it('SEC-3: malformed JSON is 400 invalid_json, never a stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"loginId": "a", "password": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('an unknown /api path is 404 not_found in the error shape, also where the UI catches every other path', async () => {
    for (const [method, url] of [
      ['GET', '/api/no-such-endpoint'],
      ['POST', '/api/admin/no-such-endpoint'],
      ['GET', '/api/'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    const bare = await startTestApp();
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/api/no-such-endpoint' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    } finally {
      await bare.close();
    }
  });

  it('GET /api/openapi.json is an OpenAPI 3 document of the API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Sekimori API');
    for (const path of ['/api/auth/login', '/api/me', '/api/admin/users', '/api/health', '/api/admin/users/{id}/transfer']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths['/api/auth/login'].post).toBeDefined();
    expect(doc.paths['/api/admin/users'].post).toBeDefined();
    expect(doc.paths['/api/admin/users'].get).toBeDefined();
    // Routes of the UI and the document itself are not part of it.
    expect(Object.keys(doc.paths)).not.toContain('/api/openapi.json');
    expect(Object.keys(doc.paths)).not.toContain('/*');
  });
});

describe('behind a trusted reverse proxy (SEC-2)', () => {
  let t: TestApp;
  let user: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp({ trustedProxies: ['127.0.0.1'] });
    await createUnit(t, 'U1', '試験課');
    user = await createUser(t, { loginId: 'proxy-user', unitCode: 'U1' });
    await onboard(t, user);
  });
  afterAll(async () => t?.close());

  it('SEC-2: X-Forwarded-For is honoured only from the configured proxy', async () => {
    const viaProxy = await loginFrom(t, user, { remoteAddress: '127.0.0.1', forwardedFor: '203.0.113.9' });
    expect(viaProxy.ip).toBe('203.0.113.9');
    expect(viaProxy.loginSource).toBe('203.0.113.9');
    const direct = await loginFrom(t, user, { remoteAddress: '198.51.100.7', forwardedFor: '203.0.113.9' });
    expect(direct.ip).toBe('198.51.100.7');
    const noHeader = await loginFrom(t, user, { remoteAddress: '127.0.0.1' });
    expect(noHeader.ip).toBe('127.0.0.1');
  });
});

describe('rate limit on authentication (ID-5, SEC-3)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ rateLimit: { authPerMinute: 3, globalPerMinute: 1000 } });
    await createUnit(t, 'U1', '試験課');
    await createUser(t, { loginId: 'limited-user', unitCode: 'U1' });
  });
  afterAll(async () => t?.close());

  it('ID-5: the 4th login attempt within a minute is 429 rate_limited', async () => {
    const attempt = (remoteAddress?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { loginId: 'limited-user', password: 'wrong-password-123' },
        ...(remoteAddress ? { remoteAddress } : {}),
      });
    const first = [await attempt(), await attempt(), await attempt()];
    expect(first.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    const fourth = await attempt();
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(String(fourth.headers['cache-control'])).toContain('no-store');
    // Refused before the password was checked: no 4th failure in the audit trail.
    const failures = await t.ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures).toHaveLength(3);
    // The limit is per source address; other endpoints are not held to it.
    expect((await attempt('198.51.100.20')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe('HTTPS (SEC-2)', () => {
  let t: TestApp;
  let dir: string;
  let cert: string;
  let user: CreatedUser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sekimori-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    t = await startTestApp({ tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } });
    await createUnit(t, 'U1', '試験課');
    user = await createUser(t, { loginId: 'tls-user', unitCode: 'U1' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SEC-2: sends Strict-Transport-Security and asks browsers to upgrade requests', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(res.headers['strict-transport-security']).toMatch(/includeSubDomains/);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('SEC-2: the session cookie is Secure with the __Host- prefix', async () => {
    const c = new Client(t);
    const res = await c.login(user.loginId, user.password);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-sekimori_sid=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
    // And the server reads it back under that name.
    expect(c.cookie).toMatch(/^__Host-sekimori_sid=/);
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('SEC-2: really serves TLS on the socket', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string; protocol: string }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port, path: '/api/health', ca: cert, servername: 'localhost', agent: false }, (res) => {
        const protocol = (res.socket as TLSSocket).getProtocol() ?? '';
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, protocol }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).status).toBe('ok');
    expect(answer.protocol).toMatch(/^TLSv1\.[23]$/);
  });
});
