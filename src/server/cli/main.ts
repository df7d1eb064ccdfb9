import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createContext } from '../app.js';
import { defaultConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { isAppError } from '../http/errors.js';
import { formatDemoSeed, progressLine } from '../modules/demo/report.js';
import { systemClock } from '../shared/clock.js';
import { VERSION } from '../version.js';
import { registerAuditCommands } from './audit-commands.js';
import type { CommandHooks, CommandName } from './commands.js';
import { runCommand } from './commands.js';
import { sendControlCommand } from './control-socket.js';
import { dataDirFrom } from './options.js';
import { acquirePgliteLock } from './pglite-lock.js';
import { printResult } from './print.js';
import { serve } from './serve.js';

interface CommonFlags {
  dataDir?: string;
  json?: boolean;
}

/**
 * Runs an operator command: through the running server when there is one on this data directory,
 * otherwise against the database directly (PostgreSQL admits many processes; PGlite one).
 */
async function execute(
  command: CommandName,
  args: Record<string, unknown>,
  flags: CommonFlags,
  present: (result: unknown) => void = (result) => printResult(command, result, flags.json === true),
  hooks: CommandHooks = {},
): Promise<void> {
  const dataDir = dataDirFrom(flags.dataDir);
  const osUser = userInfo().username;
  let result: unknown;
  const routed = await sendControlCommand(dataDir, command, args, osUser).catch(() => null);
  if (routed) {
    if (routed.status !== 200 || routed.body.error) {
      const err = routed.body.error ?? { code: 'internal_error', message: 'unknown error' };
      fail(flags, err.code, err.message);
      return;
    }
    result = routed.body.result;
  } else {
    const url = process.env.DATABASE_URL || undefined;
    const release = url ? () => undefined : acquirePgliteLock(dataDir);
    const database = await openDatabase({ url, migrationUrl: process.env.SEKIMORI_MIGRATION_DATABASE_URL || undefined, dataDir });
    let failure: { code: string; message: string } | null = null;
    try {
      const ctx = createContext(database, defaultConfig({ dataDir, databaseUrl: url }), systemClock);
      result = await runCommand(ctx, { kind: 'system', via: 'cli', osUser }, command, args, hooks);
    } catch (e) {
      if (!isAppError(e)) throw e;
      failure = e.body('ja').error;
    } finally {
      await database.close();
      release();
    }
    // Only now: closing PGlite resets process.exitCode to 0 (its Emscripten runtime exits cleanly).
    if (failure) {
      fail(flags, failure.code, failure.message);
      return;
    }
  }
  present(result);
}

function fail(flags: CommonFlags, code: string, message: string): void {
  if (flags.json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`エラー (${code}): ${message}\n`);
  process.exitCode = 1;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function nonNegativeInt(name: string): (value: string) => number {
  return (value) => {
    if (!/^(?:0|[1-9][0-9]*)$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`${name} は 0 以上の整数です / must be a non-negative integer`);
    }
    return Number(value);
  };
}

export function buildProgram(): Command {
  const program = new Command('sekimori').description('関守 Sekimori — 情報セキュリティ運用システム').version(VERSION);
  const dataDirOption = () => new Option('--data-dir <dir>', 'PGlite data directory (default ./data; ignored with DATABASE_URL)');

  program
    .command('serve')
    .description('serve the web UI and /api (DATABASE_URL → PostgreSQL, else embedded PGlite)')
    .option('--port <n>', 'port (default 3000 or $PORT)')
    .option('--host <addr>', 'listen address (default 127.0.0.1; 0.0.0.0 for all)')
    .addOption(dataDirOption())
    .option('--tls-cert <file>', 'TLS certificate (PEM) — serve HTTPS')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--trust-proxy <addrs>', 'comma-separated reverse-proxy addresses/CIDRs whose X-Forwarded-* headers are trusted')
    .option('--production', 'production mode: Secure __Host- cookies even behind a TLS-terminating proxy')
    .option('--origin <url>', 'public origin, e.g. https://sekimori.example.lg.jp (WebAuthn)')
    .option('--rp-id <host>', 'WebAuthn relying-party id (default: origin host)')
    .option('--audit-key <file>', 'audit checkpoint signing key file (default <data-dir>/audit-signing.key; created if missing)')
    .option('--audit-export-dir <dir>', 'directory receiving every signed checkpoint and leaf tile (default <data-dir>/audit-export)')
    .option('--audit-origin <name>', 'the log name in checkpoints (default sekimori.local/audit)')
    .option('--clock-behind <what>', 'refuse | warn when the clock is behind the last checkpoint (default refuse)')
    .action(async (flags) => serve(flags));

  const user = program.command('user').description('manage user IDs');
  user
    .command('add')
    .description('create a user with a temporary password')
    .requiredOption('--login <id>', 'login ID')
    .requiredOption('--name <name>', 'full name (氏名)')
    .option('--kana <kana>', 'name in katakana')
    .option('--unit <code>', 'unit code (所属コード)')
    .option('--role <role>', 'organisation-wide role (code or Japanese label), repeatable', collect, [])
    .option('--post <post>', 'post in the unit (code or Japanese label), repeatable', collect, [])
    .option('--employment <type>', 'regular | non_regular | contractor', 'regular')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) =>
      execute(
        'user.add',
        { login: o.login, name: o.name, kana: o.kana, unit: o.unit, roles: o.role, posts: o.post, employment: o.employment },
        o,
      ),
    );
  user
    .command('reset-password')
    .description('issue a new temporary password (must be changed at next login)')
    .requiredOption('--login <id>', 'login ID')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('user.reset-password', { login: o.login }, o));
  user
    .command('disable')
    .description('disable a user ID; its sessions end at once')
    .requiredOption('--login <id>', 'login ID')
    .option('--reason <text>', 'reason (recorded)', 'CLI による利用停止')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('user.disable', { login: o.login, reason: o.reason }, o));
  user
    .command('enable')
    .requiredOption('--login <id>', 'login ID')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('user.enable', { login: o.login }, o));
  user
    .command('unlock')
    .description('clear a lockout')
    .requiredOption('--login <id>', 'login ID')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('user.unlock', { login: o.login }, o));
  user
    .command('list')
    .option('--unit <code>', 'only this unit')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('user.list', { unit: o.unit }, o));

  const unit = program.command('unit').description('manage units (所属)');
  unit
    .command('add')
    .requiredOption('--code <code>', 'unit code')
    .requiredOption('--name <name>', 'name (名称)')
    .option('--name-en <name>', 'English name')
    .option('--kind <kind>', 'headquarters | department | division | station | section | office', 'division')
    .option('--parent <code>', 'parent unit code')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('unit.add', { code: o.code, name: o.name, nameEn: o.nameEn, kind: o.kind, parent: o.parent }, o));
  unit
    .command('list')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('unit.list', {}, o));

  const demo = program.command('demo').description('synthetic demo data');
  demo
    .command('seed')
    .description(
      'create a synthetic 県警察本部 with a user in every post, the demo applications LIC/VEH/LOST and use rights (each through an approved request), and synthetic persons with their records',
    )
    .option('--persons <n>', 'synthetic persons to generate (default 1000)', nonNegativeInt('--persons'), 1000)
    .option('--seed <n>', 'seed of the generators (default 20261122: the same demo every time)', nonNegativeInt('--seed'))
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => {
      // Progress on stderr (stdout stays the JSON or the table); redrawn in place on a terminal.
      let shown = -1;
      const onProgress = (done: number, total: number) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        if (percent === shown) return;
        shown = percent;
        const line = progressLine(done, total);
        process.stderr.write(process.stderr.isTTY ? `\r${line}${done >= total ? '\n' : ''}` : `${line}\n`);
      };
      await execute(
        'demo.seed',
        { persons: o.persons, seed: o.seed },
        o,
        (result) => process.stdout.write(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatDemoSeed(result)),
        { onProgress },
      );
    });

  const requests = program.command('requests').description('applications and approvals (申請・決裁)');
  requests
    .command('list')
    .description('list requests (all units)')
    .option('--type <code>', 'request type, e.g. aic4_use_right')
    .option('--state <state>', 'draft | submitted | returned | approved | rejected | withdrawn | expired | cancelled')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('requests.list', { type: o.type, state: o.state }, o));
  requests
    .command('show <id>')
    .description('one request by id or number (R2026-000001) with its route and history')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o) => execute('requests.show', { id }, o));
  requests
    .command('export')
    .description('write requests as CSV for Excel (Shift_JIS / cp932)')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--type <code>', 'request type')
    .option('--state <state>', 'state')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) =>
      execute('requests.export', { type: o.type, state: o.state }, o, (result) => {
        const r = result as { base64: string; rows: number; unencodable: number };
        writeFileSync(o.out, Buffer.from(r.base64, 'base64'));
        const summary = { file: o.out, rows: r.rows, unencodable: r.unencodable };
        if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else process.stdout.write(`${o.out} に ${r.rows} 件を書き出しました（cp932 で表せない文字 ${r.unencodable} 字）\n`);
      }),
    );
  requests
    .command('sweep')
    .description('expire lapsed approvals and record reminders for overdue stages and paperwork')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('requests.sweep', {}, o));

  const rights = program.command('rights').description('business use rights (業務利用権)');
  rights
    .command('sweep')
    .description('end rights ended by transfer, retirement, dispatch end, expiry or contract end; report overdue paperwork')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('rights.sweep', {}, o));
  rights
    .command('list')
    .description('who holds which right at a unit')
    .requiredOption('--unit <code>', 'unit code')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('rights.list', { unit: o.unit }, o));

  program
    .command('applications')
    .description('the registry of applications (適用業務)')
    .command('list')
    .description('every application with its state, version and record set')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o) => execute('applications.list', {}, o));

  registerAuditCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
