import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { serverUrl, testDbKind, withDatabase } from './test-db.js';

/**
 * The real `sekimori` command as operators run it: compiled from the current source the way
 * `npm run build:server` does, into a private package directory (so neither a concurrent build
 * nor a server someone runs from ./dist is disturbed), and started as child processes.
 */
const root = join(import.meta.dirname, '../..');

/** Builds the package under `dir`/pkg and answers its directory. */
export function buildCliPackage(dir: string): string {
  const pkg = join(dir, 'pkg');
  // build:server = tsc -p tsconfig.build.json, then the Cedar files next to the compiled authorizer.
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist/server')],
    { cwd: root, stdio: 'pipe' },
  );
  for (const f of ['policies.cedar', 'schema.cedarschema'])
    copyFileSync(join(root, 'src/server/authz', f), join(pkg, 'dist/server/authz', f));
  mkdirSync(join(pkg, 'bin'));
  copyFileSync(join(root, 'bin/sekimori.js'), join(pkg, 'bin/sekimori.js'));
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  return pkg;
}

/** The test process's environment without anything that would point the command elsewhere. */
export function cleanCliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test' };
  for (const key of [
    'DATABASE_URL',
    'SEKIMORI_MIGRATION_DATABASE_URL',
    'SEKIMORI_DATA_DIR',
    'PORT',
    'SEKIMORI_TRUSTED_PROXIES',
    'SEKIMORI_AUDIT_KEY_FILE',
    'SEKIMORI_AUDIT_EXPORT_DIR',
    'SEKIMORI_AUDIT_ORIGIN',
    'SEKIMORI_AUDIT_RETENTION_YEARS',
  ])
    delete env[key];
  return env;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, collecting what it printed. */
export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Collects a long-running child's output (both streams) for error messages. */
export function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  return () => output;
}

/** Waits until a started `sekimori serve` answers /api/health; fails with its output if it exits or stays silent. */
export async function waitForHealth(child: ChildProcess, base: string, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}):\n${output()}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`serve did not answer /api/health:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The database a CLI test's commands use: on the postgres project a fresh database of its own on
 * the test server (given to the command as DATABASE_URL), on the pglite project none (the command
 * opens its --data-dir). `drop` removes it afterwards.
 */
export async function cliDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop: () => Promise<void> }> {
  if (testDbKind() !== 'postgres') return { env: {}, drop: async () => undefined };
  const name = `sekimori_cli_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    env: { DATABASE_URL: withDatabase(serverUrl(), name) },
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
