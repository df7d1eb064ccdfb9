import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS, ROLES } from '../../src/server/modules/org/catalog.js';
import { buildCliPackage, cleanCliEnv, cliDatabase, collectOutput, type Run, runProcess, waitForHealth } from '../support/built-cli.js';
import { testDbKind } from '../support/test-db.js';

/** The real `sekimori` command as operators run it (test/support/built-cli.ts). */
const _root = join(import.meta.dirname, '../..');
const kind = testDbKind();
/** Each direct command starts Node, opens the database and runs migrations: seconds each. */
const DIRECT_TIMEOUT = 120_000;

let tmp: string;
let pkg: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let database: Awaited<ReturnType<typeof cliDatabase>>;

function run(command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runProcess(command, args, { cwd: tmp, env: { ...env, ...extraEnv } });
}

/** `sekimori <args> --data-dir <dir>`; with --json the printed answer is parsed. */
async function sekimori(...args: string[]): Promise<Run & { json: any }> {
  const result = await run(process.execPath, [join(pkg, 'bin', 'sekimori.js'), ...args, '--data-dir', dataDir]);
  let json: unknown;
  if (args.includes('--json') && result.stdout.trim()) json = JSON.parse(result.stdout);
  return { ...result, json };
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

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sekimori-cli-'));
  dataDir = join(tmp, 'data');
  pkg = buildCliPackage(tmp);
  env = cleanCliEnv();
  database = await cliDatabase();
  env = { ...env, ...database.env };
}, 120_000);

afterAll(async () => {
  await database?.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe(`sekimori CLI without a running server (${kind}: ${kind === 'pglite' ? 'opens the data directory itself' : 'DATABASE_URL'})`, () => {
  it(
    'ORG-1: unit add creates units, with a parent',
    async () => {
      const hq = await sekimori('unit', 'add', '--code', 'C100', '--name', '本部', '--kind', 'headquarters', '--json');
      expect(hq.code, hq.stderr).toBe(0);
      expect(hq.json).toMatchObject({ code: 'C100', name: '本部', kind: 'headquarters', parentCode: null });
      const div = await sekimori('unit', 'add', '--code', 'C110', '--name', '総務課', '--parent', 'C100', '--json');
      expect(div.code, div.stderr).toBe(0);
      expect(div.json).toMatchObject({ code: 'C110', parentCode: 'C100', kind: 'division' });
    },
    DIRECT_TIMEOUT,
  );

  it(
    'ID-3: user add --json prints the temporary password; roles may be Japanese labels',
    async () => {
      const res = await sekimori(
        'user',
        'add',
        '--login',
        'cli.admin',
        '--name',
        '関守 太郎',
        '--unit',
        'C110',
        '--role',
        'システム管理者',
        '--json',
      );
      expect(res.code, res.stderr).toBe(0);
      expect(res.json).toMatchObject({ loginId: 'cli.admin', name: '関守 太郎', unitCode: 'C110', roles: ['system_admin'] });
      expect(res.json.temporaryPassword).toMatch(/^\S{12,}$/);
      const plain = await sekimori('user', 'add', '--login', 'cli.staff', '--name', '職員 一', '--unit', 'C110', '--post', '所属長');
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stdout).toMatch(/仮パスワード: \S{12,}/);
      if (kind === 'postgres') {
        // Written to the database DATABASE_URL names.
        const direct = new pg.Client({ connectionString: env.DATABASE_URL });
        await direct.connect();
        const { rows } = await direct.query('SELECT login_id FROM users ORDER BY login_id');
        await direct.end();
        expect(rows.map((r) => r.login_id)).toEqual(['cli.admin', 'cli.staff']);
      }
    },
    DIRECT_TIMEOUT,
  );

  it(
    'ID-1, ORG-2: refuses a taken login ID and an unknown role with a non-zero exit',
    async () => {
      const dup = await sekimori('user', 'add', '--login', 'CLI.ADMIN', '--name', '重複', '--json');
      expect(dup.code).toBe(1);
      expect(dup.json.error.code).toBe('conflict');
      const bad = await sekimori('user', 'add', '--login', 'cli.bad', '--name', '不明', '--role', '社長', '--json');
      expect(bad.code).toBe(1);
      expect(bad.json.error.code).toBe('validation_failed');
      const badText = await sekimori('user', 'add', '--login', 'cli.bad', '--name', '不明', '--unit', 'NOPE');
      expect(badText.code).toBe(1);
      expect(badText.stderr).toContain('エラー (not_found)');
    },
    DIRECT_TIMEOUT,
  );

  it(
    'ID-3, ID-12: user reset-password issues a new temporary password; user disable stops the ID',
    async () => {
      const reset = await sekimori('user', 'reset-password', '--login', 'cli.staff', '--json');
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.json).toMatchObject({ loginId: 'cli.staff' });
      expect(reset.json.temporaryPassword).toMatch(/^\S{12,}$/);
      const disable = await sekimori('user', 'disable', '--login', 'cli.staff', '--reason', '端末紛失', '--json');
      expect(disable.code, disable.stderr).toBe(0);
      expect(disable.json).toEqual({ loginId: 'cli.staff', disabled: true });
      const list = await sekimori('user', 'list', '--json');
      const byLogin = Object.fromEntries(list.json.users.map((u: { loginId: string; status: string }) => [u.loginId, u]));
      expect(byLogin['cli.staff']).toMatchObject({ status: 'disabled', unit: { code: 'C110' } });
      expect(byLogin['cli.admin']).toMatchObject({ status: 'active', mustChangePassword: true });
    },
    DIRECT_TIMEOUT,
  );
});

describe(`sekimori CLI while sekimori serve runs (${kind})`, () => {
  let server: ChildProcess | undefined;
  let serverOutput: () => string = () => '';
  let base: string;
  let webUser: { loginId: string; temporaryPassword: string };
  let cookie: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(pkg, 'bin', 'sekimori.js'), 'serve', '--port', String(port), '--data-dir', dataDir], {
      cwd: tmp,
      env,
    });
    serverOutput = collectOutput(server);
    await waitForHealth(server, base, serverOutput);
  }, 90_000);

  afterAll(async () => {
    // Only if a test failed before stopping it.
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  });

  it('serves /api/health from the same database the CLI wrote', async () => {
    const health = await (await fetch(`${base}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: kind });
    // The organisation made through the CLI is there, so no initial administrator was created.
    expect(serverOutput()).not.toContain('初期管理者');
  });

  it('ID-3: user add while the server runs goes through its control socket, and the password works over HTTP', async () => {
    const added = await sekimori('user', 'add', '--login', 'web.user', '--name', '画面 利用者', '--unit', 'C110', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(added.json.temporaryPassword).toMatch(/^\S{12,}$/);
    webUser = { loginId: 'web.user', temporaryPassword: added.json.temporaryPassword };
    if (kind === 'pglite') {
      // The server still holds the embedded database: the command cannot have opened it itself.
      expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(server?.pid));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginId: webUser.loginId, password: webUser.temporaryPassword }),
    });
    expect(login.status).toBe(200);
    const body = await login.json();
    expect(body.passwordChangeRequired).toBe(true);
    expect(body.user).toMatchObject({ loginId: 'web.user', unit: { code: 'C110' } });
    cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^sekimori_sid=./);
    expect((await fetch(`${base}/api/auth/session`, { headers: { cookie } })).status).toBe(200);
  });

  it('ID-12: user disable through the CLI ends the session at once', async () => {
    const res = await sekimori('user', 'disable', '--login', webUser.loginId, '--json');
    expect(res.code, res.stderr).toBe(0);
    const after = await fetch(`${base}/api/auth/session`, { headers: { cookie } });
    expect(after.status).toBe(401);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginId: webUser.loginId, password: webUser.temporaryPassword }),
    });
    expect(login.status).toBe(401);
    expect((await login.json()).error.code).toBe('invalid_credentials');
  });

  it('SEC-5: demo seed --json creates the synthetic organisation with someone in every post and role', async () => {
    const res = await sekimori('demo', 'seed', '--json');
    expect(res.code, res.stderr).toBe(0);
    const users: { loginId: string; unitCode: string; posts: string[]; roles: string[]; temporaryPassword: string }[] = res.json.users;
    expect(users.length).toBeGreaterThan(10);
    for (const u of users) expect(u.temporaryPassword, u.loginId).toMatch(/^\S{12,}$/);
    const policePosts = POSTS.filter((p) => p.police !== null).map((p) => p.code);
    for (const post of policePosts)
      expect(
        users.some((u) => u.posts.includes(post)),
        post,
      ).toBe(true);
    for (const role of ROLES.map((r) => r.code))
      expect(
        users.some((u) => u.roles.includes(role)),
        role,
      ).toBe(true);

    const units = await sekimori('unit', 'list', '--json');
    const codes = units.json.units.map((u: { code: string }) => u.code);
    for (const code of ['D1000', 'D1100', 'D1120', 'D2010', 'D2030']) expect(codes).toContain(code);
    expect(units.json.units.find((u: { code: string }) => u.code === 'D2010').parentCode).toBe('D1000');

    // A seeded person can log in with the printed password.
    const someone = users.find((u) => u.roles.length === 0 && u.posts.includes('unit_head'));
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginId: someone?.loginId, password: someone?.temporaryPassword }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.posts).toEqual([{ post: 'unit_head', unitCode: someone?.unitCode }]);

    const again = await sekimori('demo', 'seed', '--json');
    expect(again.code).toBe(1);
    expect(again.json.error.code).toBe('conflict');
  }, 120_000);

  if (kind === 'pglite') {
    it('a second process opening the same embedded database is refused with a clear message', async () => {
      const lockModule = pathToFileURL(join(pkg, 'dist/server/cli/pglite-lock.js')).href;
      const res = await run(process.execPath, [
        '-e',
        'const [url, dir] = process.argv.slice(1); import(url).then((m) => { m.acquirePgliteLock(dir); console.log("ACQUIRED"); });',
        lockModule,
        dataDir,
      ]);
      expect(res.code).not.toBe(0);
      expect(res.stdout).not.toContain('ACQUIRED');
      expect(res.stderr).toContain(`process ${server?.pid}`);
      expect(res.stderr).toContain(`プロセス ${server?.pid} が使用中`);
      expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(server?.pid));
    });
  }

  it('stops on SIGTERM, and the CLI then works on the database directly again', async () => {
    const child = server as ChildProcess;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    expect(code, serverOutput()).toBe(0);
    expect(existsSync(join(dataDir, 'control.sock'))).toBe(false);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    expect((await fetch(`${base}/api/health`).catch(() => null))?.status).toBeUndefined();

    const list = await sekimori('user', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const byLogin = Object.fromEntries(list.json.users.map((u: { loginId: string; status: string }) => [u.loginId, u.status]));
    expect(byLogin['web.user']).toBe('disabled');
    expect(byLogin['demo-admin']).toBe('active');
    expect(byLogin['cli.admin']).toBe('active');
  }, 60_000);
});
