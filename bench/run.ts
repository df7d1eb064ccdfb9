/**
 * `npm run bench`: figures measured side by side in one run. Foundation figures: the cost of an
 * authorization decision with grants as data, and of resolving a session (cookie → person → gates)
 * compared with an unauthenticated request, on the embedded database and on a PostgreSQL server:
 * TEST_DATABASE_URL or DATABASE_URL, else the throwaway server of scripts/test-postgres.sh, started
 * once here for every part (the audit log, inquiries, demo seed and name search) and stopped after.
 */
import { buildApp } from '../src/server/app.js';
import { Authorizer } from '../src/server/authz/authorizer.js';
import { defaultConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import * as org from '../src/server/modules/org/service.js';
import { benchAuditLog } from './audit-bench.js';
import { postgresServer } from './postgres-server.js';
import { throwawayDatabase } from './throwaway-database.js';

const OPERATOR = { kind: 'system', via: 'cli', osUser: 'bench' } as const;

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;
}

function benchAuthorizer(): void {
  const authz = new Authorizer();
  const principal = { userId: 'u', roles: ['system_admin'], managedUnitCodes: ['A', 'B', 'C'], registrarUnitCodes: [], active: true };
  for (let i = 0; i < 2_000; i++) authz.decide(principal, 'admin.users.read', { type: 'System' });
  const n = 20_000;
  const start = performance.now();
  for (let i = 0; i < n; i++)
    authz.decide(principal, i % 2 ? 'unit.members.read' : 'admin.users.read', i % 2 ? { type: 'Unit', code: 'B' } : { type: 'System' });
  const ms = performance.now() - start;
  console.log(`cedar decision (grants as entity data): ${((ms / n) * 1000).toFixed(1)} µs/decision (${rate(n, ms)})`);
}

async function benchRequests(label: string, url: string | undefined): Promise<void> {
  const database = await openDatabase(url ? { url, poolSize: 10 } : { dataDir: 'memory://' });
  const config = defaultConfig({ mode: 'test', rateLimit: { authPerMinute: 1_000_000, globalPerMinute: 10_000_000 } });
  const { app, ctx, close } = await buildApp({ config, database, logger: false });
  await org.createUnit(ctx, OPERATOR, { code: 'B1', name: '計測課', kind: 'division' });
  const created = await org.createUser(ctx, OPERATOR, { loginId: 'bench-user', name: '計測 太郎', unitCode: 'B1' });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { loginId: 'bench-user', password: created.temporaryPassword },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const csrf = login.json().csrfToken as string;
  await app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { currentPassword: created.temporaryPassword, newPassword: 'Bench-mark-river-2026-x' },
  });
  await app.inject({ method: 'POST', url: '/api/me/notice-acknowledgement', headers: { cookie, 'x-csrf-token': csrf } });

  const run = async (path: string, headers: Record<string, string>, n: number, concurrency: number) => {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next += 1;
          const res = await app.inject({ method: 'GET', url: path, headers });
          if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
        }
      }),
    );
    return performance.now() - start;
  };
  const n = 2_000;
  await run('/api/health', {}, 200, 8);
  await run('/api/me', { cookie }, 200, 8);
  const health = await run('/api/health', {}, n, 8);
  const me = await run('/api/me', { cookie }, n, 8);
  console.log(
    `${label}: GET /api/health ${rate(n, health)} | GET /api/me (session + person + gates) ${rate(n, me)} | ratio ${(health / me).toFixed(2)}`,
  );
  await close();
  await database.close();
}

const server = postgresServer('bench');
// Every part below finds the server through this variable.
if (server) process.env.TEST_DATABASE_URL = server.url;

async function postgresUrl(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  return server ? throwawayDatabase(server.url, 'sekimori_bench') : null;
}

try {
  benchAuthorizer();
  await benchRequests('PGlite', undefined);
  const pgTarget = await postgresUrl();
  if (pgTarget) {
    try {
      await benchRequests('PostgreSQL', pgTarget.url);
    } finally {
      await pgTarget.drop();
    }
  } else {
    console.log('PostgreSQL: skipped (no PostgreSQL server: set TEST_DATABASE_URL or DATABASE_URL, or install postgresql)');
  }

  await benchAuditLog();

  // Issue 5: audited queries over HTTP and "who looked up this person" over 10M rows (PostgreSQL; minutes).
  if (process.env.INQUIRY_BENCH !== 'skip') {
    const { benchInquiries } = await import('./inquiry-bench.js');
    await benchInquiries();
  }

  // Issue 5: `demo seed` of a million persons and the name search over them (PostgreSQL only; minutes).
  if (process.env.SEED_BENCH !== 'skip') {
    const { benchSeed } = await import('./seed-bench.js');
    await benchSeed();
  }
} finally {
  server?.stop();
}
