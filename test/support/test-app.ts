import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { buildApp } from '../../src/server/app.js';
import { type AppConfig, defaultConfig } from '../../src/server/config.js';
import type { ServiceContext } from '../../src/server/context.js';
import type { OpenDatabase } from '../../src/server/db/database.js';
import type { SystemActor } from '../../src/server/modules/identity/actor.js';
import * as org from '../../src/server/modules/org/service.js';
import { ManualClock } from '../../src/server/shared/clock.js';
import { openTestDatabase } from './test-db.js';

export const OPERATOR: SystemActor = { kind: 'system', via: 'cli', osUser: 'test' };

/** A password the policy accepts, different per call so history rules do not interfere. */
let counter = 0;
export function strongPassword(): string {
  counter += 1;
  return `Kz7#mounTain-river-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  clock: ManualClock;
  database: OpenDatabase;
  close(): Promise<void>;
}

/** The real application on a fresh database of its own, with a clock the test moves. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  // 10:00 JST on 2026-04-01: a working day, far from midnight so date rules are unambiguous.
  const clock = new ManualClock('2026-04-01T01:00:00.000Z');
  const config = defaultConfig({ mode: 'test', rateLimit: { authPerMinute: 10_000, globalPerMinute: 100_000 }, ...overrides });
  const built = await buildApp({ config, clock, database, logger: false });
  await built.app.ready();
  return {
    app: built.app,
    ctx: built.ctx,
    clock,
    database,
    close: async () => {
      await built.close();
      await database.close();
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser-like client: keeps the session cookie and sends the CSRF header. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(private readonly t: TestApp) {}

  async request(method: Method, url: string, body?: unknown, opts: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (opts.csrf !== false && this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await this.t.app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    const setCookie = res.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const c of cookies) {
      const [pair] = c.split(';');
      if (!pair) continue;
      this.cookie = /=$/.test(pair) || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) ? null : pair;
    }
    const json = res.headers['content-type']?.toString().includes('json') && res.body ? res.json() : undefined;
    if (json && typeof json === 'object' && 'csrfToken' in json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return Object.assign(res, { data: json }) as LightMyRequestResponse & { data: any };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, opts?: { csrf?: boolean }) {
    return this.request('POST', url, body, opts);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  login(loginId: string, password: string) {
    return this.post('/api/auth/login', { loginId, password });
  }
}

export interface CreatedUser {
  id: string;
  loginId: string;
  password: string;
  totpSecret?: string;
}

export async function createUser(
  t: TestApp,
  input: { loginId: string; name?: string; unitCode?: string; roles?: string[]; posts?: { post: string; unitCode?: string }[] },
): Promise<CreatedUser> {
  const created = await org.createUser(t.ctx, OPERATOR, { name: '試験 利用者', ...input });
  return { id: created.user.id, loginId: input.loginId, password: created.temporaryPassword };
}

export async function createUnit(t: TestApp, code: string, name: string, parentCode?: string) {
  return org.createUnit(t.ctx, OPERATOR, { code, name, kind: 'division', parentCode });
}

export function totpCode(secret: string, at: Date): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at.getTime(),
  });
}

/**
 * Walks a new user through the gates — temporary password change, TOTP enrolment where required,
 * monitoring notice — and returns a client with a fully usable session.
 */
export async function onboard(t: TestApp, user: CreatedUser): Promise<Client> {
  const client = new Client(t);
  const login = await client.login(user.loginId, user.password);
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  if (login.data.passwordChangeRequired) {
    const next = strongPassword();
    const changed = await client.post('/api/auth/password', { currentPassword: user.password, newPassword: next });
    if (changed.statusCode !== 204) throw new Error(`password change failed: ${changed.body}`);
    user.password = next;
  }
  const me = await client.get('/api/me');
  if (me.data.mfaEnrollmentRequired) {
    const setup = await client.post('/api/me/mfa/totp/setup');
    user.totpSecret = setup.data.secret;
    const confirm = await client.post('/api/me/mfa/totp/confirm', { code: totpCode(setup.data.secret, t.clock.now()) });
    if (confirm.statusCode !== 204) throw new Error(`TOTP enrolment failed: ${confirm.body}`);
    // The next code must come from a later time step (replay protection).
    t.clock.advance(30_000);
  }
  if (me.data.noticeAcknowledgementRequired) {
    const ack = await client.post('/api/me/notice-acknowledgement');
    if (ack.statusCode !== 204) throw new Error(`notice acknowledgement failed: ${ack.body}`);
  }
  return client;
}

export function errorCode(res: { data: any }): string | undefined {
  return res.data?.error?.code;
}

/**
 * Logs in again a user who went through `onboard`, passing the TOTP step when the account has one.
 * Moves the clock 30 s first so that the code comes from a time step not used before.
 */
export async function loginWithTotp(t: TestApp, user: CreatedUser): Promise<Client> {
  t.clock.advance(30_000);
  const client = new Client(t);
  const login = await client.login(user.loginId, user.password);
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  if (login.data.mfaRequired) {
    if (!user.totpSecret) throw new Error(`${user.loginId} has no TOTP secret`);
    const second = await client.post('/api/auth/mfa/totp', { code: totpCode(user.totpSecret, t.clock.now()) });
    if (second.statusCode !== 200) throw new Error(`TOTP step failed: ${second.body}`);
  }
  return client;
}
