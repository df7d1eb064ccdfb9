import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import type { Database } from '../../src/server/db/schema.js';
import { readHead } from '../../src/server/modules/audit/log-repo.js';
import { generateSignerKey, verifierKeyOf } from '../../src/server/modules/audit/signed-note.js';
import { verifyLog } from '../../src/server/modules/audit/verify.js';
import { buildCliPackage, cleanCliEnv, collectOutput, waitForHealth } from '../support/built-cli.js';
import { serverUrl, testDbKind, withDatabase } from '../support/test-db.js';

/**
 * The audit log under real server processes (issue 3): two `sekimori serve` processes appending to
 * one PostgreSQL database, and a server killed with SIGKILL while clients record. Each failed login
 * is answered (401) only after its audit entry committed, so every answered request must be in the
 * log afterwards. The server is compiled from the current source into a private package, as
 * test/cli/cli.test.ts does.
 */
const _root = join(import.meta.dirname, '../..');
const kind = testDbKind();

let tmp: string;
let pkg: string;
let env: NodeJS.ProcessEnv;
const databases: string[] = [];

const signerKey = generateSignerKey('sekimori.local/audit');
const verifierKey = verifierKeyOf(signerKey);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sekimori-procs-'));
  pkg = buildCliPackage(tmp);
  env = cleanCliEnv();
}, 120_000);

afterAll(async () => {
  for (const name of databases) {
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Where a scenario's log lives: a fresh database on the test server, or a PGlite data directory. */
interface Store {
  databaseUrl?: string;
  keyFile: string;
  exportDir: string;
}

async function newStore(name: string): Promise<Store> {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const keyFile = join(dir, 'audit-signing.key');
  writeFileSync(keyFile, `${signerKey}\n`, { mode: 0o600 });
  const store: Store = { keyFile, exportDir: join(dir, 'export') };
  if (kind === 'postgres') {
    const db = `sekimori_procs_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    databases.push(db);
    store.databaseUrl = withDatabase(serverUrl(), db);
  }
  return store;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  output(): string;
}

/** `sekimori serve` on a free port; resolves once /api/health answers. */
async function startServer(store: Store, dataDir: string): Promise<Server> {
  const port = await freePort();
  const args = [
    'serve',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--audit-key',
    store.keyFile,
    '--audit-export-dir',
    store.exportDir,
  ];
  // Each client request comes with its own X-Forwarded-For address, so the per-address login rate
  // limit (20 a minute) does not answer 429 before the audit log is reached.
  args.push('--trust-proxy', '127.0.0.1');
  const child = spawn(process.execPath, [join(pkg, 'bin', 'sekimori.js'), ...args], {
    cwd: tmp,
    env: { ...env, ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}) },
  });
  const base = `http://127.0.0.1:${port}`;
  const output = collectOutput(child);
  await waitForHealth(child, base, output);
  return { child, base, output };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  expect(await exited, server.output()).toBe(0);
}

function clientAddress(i: number): string {
  return `10.${Math.floor(i / 65536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`;
}

/** One failed login (an unknown ID); the HTTP status, or null when no answer came. */
async function failedLogin(base: string, loginId: string, i: number): Promise<number | null> {
  try {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress(i) },
      body: JSON.stringify({ loginId, password: 'wrong-password' }),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

/** Opens the scenario's database from the test process (the servers are stopped first on PGlite). */
async function openStore(store: Store, dataDir: string): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
  if (store.databaseUrl) {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: store.databaseUrl, max: 2 }) }),
    });
    return { db, close: () => db.destroy() };
  }
  const opened = await openDatabase({ dataDir });
  return { db: opened.db, close: () => opened.close() };
}

/** The log verifies (with the exported copy), its head counts every row, and positions have no gaps. */
async function expectSoundLog(db: Kysely<Database>, store: Store): Promise<number> {
  const report = await verifyLog(db, { verifierKeys: [verifierKey], exportDir: store.exportDir });
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.checkpointsChecked).toBeGreaterThan(0);
  expect(report.exportedCheckpointsChecked).toBeGreaterThan(0);
  const head = await readHead(db);
  const stats = await sql<{ n: string; distinct_seqs: string; min_seq: string; max_seq: string }>`
    SELECT count(*) AS n, count(DISTINCT seq) AS distinct_seqs, min(seq) AS min_seq, max(seq) AS max_seq FROM audit_events`.execute(db);
  const s = stats.rows[0];
  expect(Number(s?.n)).toBe(head.size);
  expect(Number(s?.distinct_seqs)).toBe(head.size);
  expect(Number(s?.min_seq)).toBe(0);
  expect(Number(s?.max_seq)).toBe(head.size - 1);
  return head.size;
}

/** loginIds of the 'auth.login' entries whose login ID starts with `prefix`, with their counts. */
async function loggedLoginIds(db: Kysely<Database>, prefix: string): Promise<Map<string, number>> {
  const rows = await sql<{ login_id: string; n: string }>`
    SELECT canonical::jsonb -> 'actor' ->> 'loginId' AS login_id, count(*) AS n FROM audit_events
    WHERE action = 'auth.login' AND canonical::jsonb -> 'actor' ->> 'loginId' LIKE ${`${prefix}%`}
    GROUP BY 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.login_id, Number(r.n)]));
}

if (kind === 'postgres') {
  describe('two server processes append to one PostgreSQL log (AUD-3)', () => {
    it('200 concurrent failed logins split across both give one gap-free log that verifies', async () => {
      const store = await newStore('two-servers');
      // One after the other: both migrate the same database, and the first start creates the roles.
      const a = await startServer(store, join(tmp, 'two-servers', 'data-a'));
      const b = await startServer(store, join(tmp, 'two-servers', 'data-b'));
      let statuses: (number | null)[];
      try {
        statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => failedLogin(i % 2 === 0 ? a.base : b.base, `two-${i}`, i)));
      } finally {
        await stopServer(a);
        await stopServer(b);
      }
      expect(statuses.filter((s) => s === 401)).toHaveLength(200);
      const { db, close } = await openStore(store, '');
      try {
        const size = await expectSoundLog(db, store);
        const ids = await loggedLoginIds(db, 'two-');
        expect(ids.size).toBe(200);
        expect([...ids.values()].every((n) => n === 1)).toBe(true);
        expect(size).toBeGreaterThanOrEqual(200);
      } finally {
        await close();
      }
    }, 110_000);
  });
}

describe(`kill -9 while clients record (${kind}, AUD-1)`, () => {
  it('every answered request is in the log after a restart, and the log verifies', async () => {
    const store = await newStore('crash');
    const dataDir = join(tmp, 'crash', 'data');
    const first = await startServer(store, dataDir);
    const total = 300;
    const acked = new Set<string>();
    let killed!: () => void;
    const killNow = new Promise<void>((resolve) => {
      killed = resolve;
    });
    const requests = Array.from({ length: total }, async (_, i) => {
      const loginId = `crash-${i}`;
      const status = await failedLogin(first.base, loginId, i);
      // Any answer counts, even one read after the kill: the server sent it.
      if (status === 401) acked.add(loginId);
      else if (status !== null && status !== 401) throw new Error(`unexpected answer ${status} for ${loginId}`);
      if (acked.size >= total / 3) killed();
    });
    const exited = new Promise<void>((resolve) => first.child.once('exit', () => resolve()));
    await killNow;
    first.child.kill('SIGKILL');
    await exited;
    await Promise.all(requests);
    // Killed mid-way: some requests were answered, others never were.
    expect(acked.size).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(total);

    const second = await startServer(store, dataDir);
    // The log goes on after the crash.
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => failedLogin(second.base, `after-${i}`, 1000 + i)));
    expect(after.every((s) => s === 401)).toBe(true);
    await stopServer(second);

    const { db, close } = await openStore(store, dataDir);
    try {
      await expectSoundLog(db, store);
      const ids = await loggedLoginIds(db, 'crash-');
      const missing = [...acked].filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      expect([...ids.values()].every((n) => n === 1)).toBe(true);
      expect((await loggedLoginIds(db, 'after-')).size).toBe(20);
      if (process.env.SEKIMORI_TEST_VERBOSE) console.log(`crash (${kind}): ${acked.size}/${total} answered, ${ids.size} in the log`);
    } finally {
      await close();
    }
  }, 110_000);
});
