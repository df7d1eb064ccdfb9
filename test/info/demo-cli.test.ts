import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliPackage, cleanCliEnv, cliDatabase, runProcess } from '../support/built-cli.js';
import { testDbKind } from '../support/test-db.js';

/** The real `sekimori demo seed` command on a fresh database, embedded or PostgreSQL (SEC-5, APP-2, APP-3). */
let tmp: string;
let pkg: string;
let database: Awaited<ReturnType<typeof cliDatabase>>;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sekimori-demo-cli-'));
  pkg = buildCliPackage(tmp);
  database = await cliDatabase();
}, 180_000);
afterAll(async () => {
  await database?.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function sekimori(...args: string[]) {
  return runProcess(process.execPath, [join(pkg, 'bin', 'sekimori.js'), ...args, '--data-dir', join(tmp, 'data')], {
    cwd: tmp,
    env: { ...cleanCliEnv(), ...database.env },
  });
}

describe(`sekimori demo seed (CLI, ${testDbKind()})`, () => {
  it('SEC-5 APP-3: demo seed --persons 50 --json prints the users with passwords and rights, counts and sample persons; progress on stderr', async () => {
    const res = await sekimori('demo', 'seed', '--persons', '50', '--json');
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    const byLogin = Object.fromEntries(out.users.map((u: { loginId: string }) => [u.loginId, u]));
    expect(byLogin['demo-menkyo-shokuin'].useRights).toEqual(['LIC']);
    expect(byLogin['demo-higashi-kotsu'].useRights).not.toContain('LIC');
    expect(byLogin['demo-admin'].temporaryPassword).toMatch(/^\S{12,}$/);
    expect(out.applications.map((a: { code: string; state: string }) => `${a.code}:${a.state}`)).toEqual([
      'LIC:active',
      'VEH:active',
      'LOST:active',
    ]);
    expect(out.persons).toBe(50);
    expect(out.records.total).toBe(out.records.licence + out.records.vehicle + out.records.lost_property);
    expect(out.samplePersons.length).toBeGreaterThan(0);
    expect(typeof out.elapsedSeconds).toBe('number');
    // stdout is only the JSON; the progress bar went to stderr.
    expect(res.stderr).toContain('100%');

    const again = await sekimori('demo', 'seed', '--persons', '5', '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe('conflict');
  }, 180_000);

  it('refuses a --persons that is not a non-negative integer', async () => {
    const res = await sekimori('demo', 'seed', '--persons', '-3');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('--persons');
  }, 60_000);
});
