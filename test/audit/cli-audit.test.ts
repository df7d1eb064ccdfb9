import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliPackage, cleanCliEnv, collectOutput, type Run, runProcess, waitForHealth } from '../support/built-cli.js';
import { serverUrl, testDbKind, withDatabase } from '../support/test-db.js';

/**
 * `sekimori audit …` as operators and auditors run it: the command compiled from the current
 * source into a private package (as test/cli/cli.test.ts does), against a running server (control
 * socket; with PostgreSQL verify opens the database itself) and then on its own, plus the offline
 * verifier on exported files only. Each direct PGlite command takes seconds: they are few.
 */
const _root = join(import.meta.dirname, '../..');
const kind = testDbKind();

let tmp: string;
let pkg: string;
let dataDir: string;
let exportDir: string;
let env: NodeJS.ProcessEnv;
let dbName: string | undefined;
let server: ChildProcess | undefined;
let serverOutput: () => string = () => '';
let base: string;
/** Sizes of two stored checkpoints: the one signed at start and one after the logins. */
let firstSize: number;
let secondSize: number;

function run(args: string[]): Promise<Run> {
  return runProcess(process.execPath, [join(pkg, 'bin', 'sekimori.js'), ...args], { cwd: tmp, env });
}

/** `sekimori audit <args> --data-dir <dir>`; with --json the printed answer is parsed. */
async function audit(...args: string[]): Promise<Run & { json: any }> {
  const result = await run(['audit', ...args, '--data-dir', dataDir]);
  let json: unknown;
  if (args.includes('--json') && result.stdout.trim()) json = JSON.parse(result.stdout);
  return { ...result, json };
}

/** `sekimori audit verify-offline …`: no database, no data directory. */
function offline(...args: string[]): Promise<Run> {
  return run(['audit', 'verify-offline', ...args]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function health(): Promise<{ audit: { lastSigned: { size: number } | null } | null }> {
  return (await fetch(`${base}/api/health`)).json() as Promise<{ audit: { lastSigned: { size: number } | null } | null }>;
}

async function login(loginId: string, password: string): Promise<number> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginId, password }),
  });
  return res.status;
}

/** Changes one byte of entry `seq`'s stored payload, as a DBA with full rights could. */
async function tamperPayload(seq: number): Promise<void> {
  const statement = `UPDATE audit_events SET canonical = replace(canonical, '"v":1', '"v":2') WHERE seq = ${seq}`;
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    await client.query(statement);
    await client.end();
    return;
  }
  const db = await PGlite.create(join(dataDir, 'pglite'), { extensions: { pg_trgm } });
  await db.query(statement);
  await db.close();
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sekimori-audit-cli-'));
  dataDir = join(tmp, 'data');
  exportDir = join(dataDir, 'audit-export');
  pkg = buildCliPackage(tmp);
  env = cleanCliEnv();
  if (kind === 'postgres') {
    dbName = `sekimori_auditcli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(serverUrl(), dbName);
  }

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [join(pkg, 'bin', 'sekimori.js'), 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: tmp,
    env,
  });
  serverOutput = collectOutput(server);
  await waitForHealth(server, base, serverOutput);
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  if (dbName) {
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe(`sekimori audit (${kind})`, () => {
  it('AUD-3, AUD-2: while serving, logins are recorded and signed; verify, checkpoints, consistency and purge work through the server', async () => {
    firstSize = (await health()).audit?.lastSigned?.size ?? -1;
    expect(firstSize, serverOutput()).toBeGreaterThanOrEqual(0);
    const admin = /ユーザID: (\S+)\n\s*仮パスワード: (\S+)/.exec(serverOutput());
    expect(admin, serverOutput()).not.toBeNull();
    expect(await login(admin?.[1] as string, admin?.[2] as string)).toBe(200);
    for (const who of ['nobody.1', 'nobody.2', 'nobody.3', 'nobody.4']) expect(await login(who, 'wrong password 1')).toBe(401);
    // The signer signs within a couple of seconds when the log grew.
    const deadline = Date.now() + 20_000;
    while (((await health()).audit?.lastSigned?.size ?? 0) <= Math.max(firstSize, 4)) {
      if (Date.now() > deadline) throw new Error(`no new checkpoint:\n${serverOutput()}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    const verified = await audit('verify', '--json');
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.json).toMatchObject({ ok: true, firstBad: null, problems: [], keySource: 'export-dir', exportDir });
    expect(verified.json.size).toBeGreaterThanOrEqual(6);
    expect(verified.json.checkpointsChecked).toBeGreaterThanOrEqual(2);
    expect(verified.json.exportedCheckpointsChecked).toBeGreaterThanOrEqual(2);
    expect(verified.json.verifierKeys).toEqual([readFileSync(join(exportDir, 'verifier.key'), 'utf8').trim()]);

    const listed = await audit('checkpoints', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const sizes: number[] = listed.json.checkpoints.map((c: { size: number }) => c.size);
    expect(sizes).toContain(firstSize);
    secondSize = sizes[sizes.length - 1] as number;
    expect(secondSize).toBeGreaterThan(Math.max(firstSize, 4));
    expect(listed.json.checkpoints[0]).toMatchObject({ signedAt: expect.stringMatching(/Z$/), root: expect.stringMatching(/=$/) });

    const consistency = await audit(
      'consistency',
      '--from',
      String(firstSize),
      '--to',
      String(secondSize),
      '--out',
      join(tmp, 'consistency.json'),
    );
    expect(consistency.code, consistency.stderr).toBe(0);
    const missing = await audit('consistency', '--from', String(firstSize), '--to', String(secondSize + 1000));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`保存されているサイズ: `);
    expect(missing.stderr).toContain(String(secondSize));

    // AUD-2: nothing younger than five years can be purged, and the refusal says so.
    const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const purge = await audit('purge', '--before', lastYear, '--json');
    expect(purge.code).toBe(1);
    expect(purge.json.error.code).toBe('invalid_state');
    expect(purge.json.error.message).toMatch(/5 年/);
    if (kind === 'pglite') expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(server?.pid));
  }, 60_000);

  it('AUD-3: with the server stopped, verify opens the database itself; a proof and a consistency proof verify offline, an altered one does not', async () => {
    const child = server as ChildProcess;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;

    const verified = await audit('verify');
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout.split('\n')[0]).toContain('監査ログは正常です');

    const proofFile = join(tmp, 'proof.json');
    const proof = await audit('proof', '--seq', '3', '--out', proofFile);
    expect(proof.code, proof.stderr).toBe(0);
    const bundle = JSON.parse(readFileSync(proofFile, 'utf8'));
    expect(bundle).toMatchObject({ seq: 3, entry: expect.stringContaining('"seq":3'), checkpoint: expect.stringContaining('\n\n\u2014 ') });

    const keyFile = join(exportDir, 'verifier.key');
    const good = await offline('--bundle', proofFile, '--key', keyFile);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain('包含証明は正しい');

    // One byte of the entry changed: the bundle no longer verifies.
    const i = bundle.entry.indexOf('"outcome":"') + '"outcome":"'.length;
    const altered = { ...bundle, entry: `${bundle.entry.slice(0, i)}${bundle.entry[i] === 'f' ? 'g' : 'f'}${bundle.entry.slice(i + 1)}` };
    writeFileSync(join(tmp, 'altered.json'), JSON.stringify(altered));
    const bad = await offline('--bundle', join(tmp, 'altered.json'), '--key', keyFile);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('entry does not match its leaf hash');

    const consistent = await offline('--bundle', join(tmp, 'consistency.json'), '--key', keyFile, '--json');
    expect(consistent.code, consistent.stdout + consistent.stderr).toBe(0);
    expect(JSON.parse(consistent.stdout)).toMatchObject({ ok: true, older: { size: firstSize }, checkpoint: { size: secondSize } });

    const dir = await offline('--dir', exportDir, '--key', keyFile, '--json');
    expect(dir.code, dir.stdout + dir.stderr).toBe(0);
    expect(JSON.parse(dir.stdout)).toMatchObject({ ok: true, problems: [] });
  }, 60_000);

  it('AUD-3: a changed payload byte makes verify exit non-zero, naming the entry on its first line', async () => {
    await tamperPayload(2);
    const verified = await audit('verify');
    expect(verified.code).toBe(1);
    expect(verified.stdout.split('\n')[0]).toBe('改ざんを検出: エントリ 2: entry 2 payload does not match its stored leaf hash');
  }, 60_000);
});
