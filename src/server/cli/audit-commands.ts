import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createContext } from '../app.js';
import { defaultConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { isAppError } from '../http/errors.js';
import { verifyExportDir } from '../modules/audit/export-verifier.js';
import {
  type ConsistencyBundle,
  type InclusionBundle,
  type VerificationResult,
  verifyConsistencyBundle,
  verifyInclusionBundle,
} from '../modules/audit/offline-verifier.js';
import type { CheckpointListing, OperatorVerifyReport, ProofAnswer } from '../modules/audit/operator.js';
import type { PurgeResult } from '../modules/audit/retention.js';
import { parseVerifierKey } from '../modules/audit/signed-note.js';
import { readVerifierKey } from '../modules/audit/signing-key.js';
import { systemClock } from '../shared/clock.js';
import { type CommandHooks, type CommandName, runCommand } from './commands.js';
import { sendControlCommand } from './control-socket.js';
import { auditConfig, dataDirFrom } from './options.js';
import { acquirePgliteLock } from './pglite-lock.js';

/**
 * `sekimori audit …`: verification, proofs for auditors, the checkpoint list and the retention
 * purge. Like the other operator commands they go through the running server's control socket
 * when there is one (the embedded database admits one process), else open the database directly.
 * `verify-offline` needs neither: it runs on copied files only.
 *
 * Exit codes: 0 success (for verify: the whole log and every checkpoint verify); 1 a problem was
 * found or the command failed; 2 `audit proof` for an entry no signed checkpoint covers yet.
 */

const PROGRESS_EVERY = 100_000;

type Outcome<T> = { ok: true; result: T } | { ok: false; code: string; message: string };

interface DbFlags {
  dataDir?: string;
  json?: boolean;
}

/**
 * Runs one audit command through the server or directly. With PostgreSQL, `preferDirect` keeps a
 * long verification in this process (with progress) instead of loading the server.
 */
async function callLog<T>(
  command: CommandName,
  args: Record<string, unknown>,
  flags: DbFlags,
  options: { preferDirect?: boolean; hooks?: CommandHooks } = {},
): Promise<Outcome<T>> {
  const dataDir = dataDirFrom(flags.dataDir);
  const url = process.env.DATABASE_URL || undefined;
  const osUser = userInfo().username;
  if (!(options.preferDirect && url)) {
    const routed = await sendControlCommand(dataDir, command, args, osUser).catch(() => null);
    if (routed) {
      if (routed.status !== 200 || routed.body.error) {
        const err = routed.body.error ?? { code: 'internal_error', message: 'unknown error' };
        return { ok: false, code: err.code, message: err.message };
      }
      return { ok: true, result: routed.body.result as T };
    }
  }
  // Never create an empty embedded database just to "verify" it.
  if (!url && !existsSync(join(dataDir, 'pglite'))) {
    return {
      ok: false,
      code: 'not_found',
      message: `${dataDir} にデータベースがありません（--data-dir または DATABASE_URL を確認してください）/ no database in ${dataDir}`,
    };
  }
  const release = url ? () => undefined : acquirePgliteLock(dataDir);
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ url, migrationUrl: process.env.SEKIMORI_MIGRATION_DATABASE_URL || undefined, dataDir });
  } catch (e) {
    release();
    throw e;
  }
  try {
    const config = defaultConfig({ dataDir, databaseUrl: url, audit: auditConfig({}, dataDir) });
    const ctx = createContext(database, config, systemClock);
    // The verifier key from the key file, read only: verifying never creates a signing key.
    try {
      ctx.auditRuntime.verifierKey = readVerifierKey(config.audit.keyFile);
    } catch (e) {
      process.stderr.write(`警告: 署名鍵ファイル ${config.audit.keyFile} を読めません / cannot read the key file: ${errorText(e)}\n`);
    }
    const result = await runCommand(ctx, { kind: 'system', via: 'cli', osUser }, command, args, options.hooks);
    return { ok: true, result: result as T };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const { code, message } = e.body('ja').error;
    return { ok: false, code, message };
  } finally {
    await database.close();
    release();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Prints a failure; set after the database is closed (closing PGlite resets process.exitCode). */
function fail(flags: { json?: boolean }, code: string, message: string, exitCode = 1): void {
  if (flags.json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`エラー (${code}): ${message}\n`);
  process.exitCode = exitCode;
}

function nonNegativeInt(name: string): (value: string) => number {
  return (value) => {
    if (!/^(?:0|[1-9][0-9]*)$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`${name} は 0 以上の整数です / must be a non-negative integer`);
    }
    return Number(value);
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** --key: a file (verifier.key, or the signing key file: its public half is used) or a verifier key itself. */
export function verifierKeyFromOption(value: string): string {
  try {
    if (existsSync(value)) {
      const key = readVerifierKey(resolve(value));
      if (key) return key;
    }
    parseVerifierKey(value);
    return value.trim();
  } catch (e) {
    throw new Error(`--key ${value}: 検証鍵として読めません / not a verifier key or key file: ${errorText(e)}`);
  }
}

function writeOutput(out: string | undefined, content: string): void {
  if (out) writeFileSync(resolve(out), content);
  else process.stdout.write(content);
}

// ---------------------------------------------------------------------------------------------
// Output

const KEY_SOURCE = {
  option: '--key',
  'export-dir': 'エクスポートディレクトリの verifier.key / export directory',
  'key-file': '署名鍵ファイル / signing key file',
} as const;

export function firstBadLine(report: OperatorVerifyReport): string {
  const bad = report.firstBad;
  if (!bad) return '改ざんを検出 / tamper detected';
  return bad.seq === null ? `改ざんを検出: ${bad.message}` : `改ざんを検出: エントリ ${bad.seq}: ${bad.message}`;
}

function printVerify(report: OperatorVerifyReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.ok) process.stderr.write(`${firstBadLine(report)}\n`);
    return;
  }
  const lines: string[] = [];
  if (report.ok) {
    lines.push('監査ログは正常です: すべてのエントリとチェックポイントを検証しました / the audit log and every checkpoint verify');
  } else {
    lines.push(firstBadLine(report));
    lines.push(`問題 ${report.problems.length} 件 / problems (first entry first):`);
    for (const p of report.problems.slice(0, 20)) lines.push(`  - ${p.seq === null ? '' : `エントリ ${p.seq}: `}${p.message}`);
    if (report.problems.length > 20) lines.push(`  …（ほか ${report.problems.length - 20} 件は --json で）`);
  }
  lines.push(
    `  エントリ / entries: ${report.size}（本文を検証 ${report.entriesChecked}、保存期間経過で本文削除済み ${report.purgedEntries}）`,
    `  ルート / root: ${report.root}`,
    `  署名済みチェックポイント / signed checkpoints: データベース ${report.checkpointsChecked} 件、エクスポート ${report.exportedCheckpointsChecked} 件${report.exportDir ? `（${report.exportDir}）` : '（エクスポートディレクトリなし / no export directory）'}`,
    `  検証鍵 / verifier key: ${report.verifierKeys.join(', ')}（${KEY_SOURCE[report.keySource]}）`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printOffline(kind: 'inclusion' | 'consistency', result: VerificationResult, bundle: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (!result.ok) {
    process.stdout.write(`検証失敗 / verification failed: ${result.reason}\n`);
    return;
  }
  const cp = result.checkpoint;
  if (kind === 'inclusion') {
    const b = bundle as InclusionBundle;
    process.stdout.write(
      `包含証明は正しい: エントリ ${b.seq} は署名済みチェックポイント（${cp.origin}、サイズ ${cp.size}）に含まれています / entry ${b.seq} is in the signed log of size ${cp.size}\n  ルート / root: ${cp.root}\n  エントリ / entry: ${b.entry}\n`,
    );
  } else {
    process.stdout.write(
      `一貫性証明は正しい: サイズ ${result.older?.size} のログはサイズ ${cp.size} のログにそのまま含まれています / the log of size ${cp.size} extends the log of size ${result.older?.size}\n  ルート / roots: ${result.older?.root} → ${cp.root}\n`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Commands

export function registerAuditCommands(program: Command): void {
  const dataDirOption = () => new Option('--data-dir <dir>', 'PGlite data directory (default ./data; ignored with DATABASE_URL)');
  const audit = program.command('audit').description('the verifiable audit log (監査ログ): verify, proofs, checkpoints, retention');

  audit
    .command('verify')
    .description('re-derive every leaf and the root, check every stored and exported checkpoint; exit 0 only if all verify')
    .option('--export-dir <dir>', 'exported checkpoints and tiles to check against (default: the configured export directory)')
    .option(
      '--key <key>',
      'verifier key, verifier.key file or signing key file (repeatable; default <export-dir>/verifier.key)',
      collect,
      [],
    )
    .addOption(dataDirOption())
    .option('--json', 'print the report as JSON')
    .action(async (o: DbFlags & { exportDir?: string; key: string[] }) => {
      const args = {
        exportDir: o.exportDir ? resolve(o.exportDir) : undefined,
        verifierKeys: o.key.length > 0 ? o.key.map(verifierKeyFromOption) : undefined,
      };
      let printed = 0;
      const onProgress = (done: number, total: number) => {
        if (total < PROGRESS_EVERY || Math.floor(done / PROGRESS_EVERY) === Math.floor(printed / PROGRESS_EVERY)) return;
        printed = done;
        process.stderr.write(`検証中 ${done} / ${total}\n`);
      };
      const out = await callLog<OperatorVerifyReport>('audit.verify', args, o, { preferDirect: true, hooks: { onProgress } });
      if (!out.ok) return fail(o, out.code, out.message);
      printVerify(out.result, o.json === true);
      process.exitCode = out.result.ok ? 0 : 1;
    });

  audit
    .command('proof')
    .description('export the inclusion proof of one entry with the signed checkpoint it leads to (for verify-offline)')
    .requiredOption('--seq <n>', 'the entry (sequence number)', nonNegativeInt('--seq'))
    .option('--out <file>', 'write the bundle here (default: standard output)')
    .addOption(dataDirOption())
    .action(async (o: DbFlags & { seq: number; out?: string }) => {
      const out = await callLog<ProofAnswer>('audit.proof', { seq: o.seq }, o);
      if (!out.ok) return fail(o, out.code, out.message);
      const answer = out.result;
      if (!answer.covered) {
        const latest = answer.latestCheckpointSize === null ? 'なし / none' : String(answer.latestCheckpointSize);
        return fail(
          o,
          'not_yet_signed',
          `エントリ ${answer.seq} を含む署名済みチェックポイントはまだありません（ログ ${answer.size} 件、最新のチェックポイントのサイズ ${latest}）。サーバは数秒ごとに署名します: 少し待ってから再実行してください（サーバが止まっていれば起動してください）。/ No signed checkpoint covers entry ${answer.seq} yet; the server signs every few seconds — retry shortly (start the server if it is stopped).`,
          2,
        );
      }
      writeOutput(o.out, `${JSON.stringify(answer.bundle, null, 2)}\n`);
      if (o.out) {
        process.stderr.write(
          `エントリ ${o.seq} の包含証明（チェックポイントのサイズ ${answer.treeSize}）を ${resolve(o.out)} に書き出しました / wrote the inclusion proof\n`,
        );
      }
    });

  audit
    .command('consistency')
    .description('export the consistency proof between two stored checkpoints (for verify-offline)')
    .requiredOption('--from <size>', 'size of the older checkpoint', nonNegativeInt('--from'))
    .requiredOption('--to <size>', 'size of the newer checkpoint', nonNegativeInt('--to'))
    .option('--out <file>', 'write the bundle here (default: standard output)')
    .addOption(dataDirOption())
    .action(async (o: DbFlags & { from: number; to: number; out?: string }) => {
      const out = await callLog<ConsistencyBundle>('audit.consistency', { from: o.from, to: o.to }, o);
      if (!out.ok) return fail(o, out.code, out.message);
      writeOutput(o.out, `${JSON.stringify(out.result, null, 2)}\n`);
      if (o.out)
        process.stderr.write(
          `サイズ ${o.from} → ${o.to} の一貫性証明を ${resolve(o.out)} に書き出しました / wrote the consistency proof\n`,
        );
    });

  audit
    .command('checkpoints')
    .description('list the stored signed checkpoints (newest last)')
    .option('--limit <n>', 'how many of the newest to list (default 100)', nonNegativeInt('--limit'), 100)
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o: DbFlags & { limit: number }) => {
      const out = await callLog<CheckpointListing>('audit.checkpoints', { limit: Math.max(1, o.limit) }, o);
      if (!out.ok) return fail(o, out.code, out.message);
      const { total, checkpoints } = out.result;
      if (o.json) {
        process.stdout.write(`${JSON.stringify(out.result, null, 2)}\n`);
        return;
      }
      const lines = [
        `署名済みチェックポイント / signed checkpoints: ${total} 件${total > checkpoints.length ? `（最新 ${checkpoints.length} 件）` : ''}`,
      ];
      if (checkpoints.length > 0) lines.push(`  ${'size'.padStart(12)}  ${'signed at (UTC)'.padEnd(24)}  root`);
      for (const c of checkpoints) lines.push(`  ${String(c.size).padStart(12)}  ${c.signedAt.padEnd(24)}  ${c.root}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  audit
    .command('verify-offline')
    .description('check a proof bundle or a copied export directory with the verifier key only (no database, no server)')
    .option('--bundle <file>', 'a bundle from `audit proof` or `audit consistency`')
    .option('--dir <dir>', 'a copy of the export directory (checkpoints and leaf tiles)')
    .requiredOption('--key <key>', 'verifier key, or a file holding it (verifier.key); repeatable', collect, [])
    .option('--json', 'print JSON')
    .action(async (o: { bundle?: string; dir?: string; key: string[]; json?: boolean }) => {
      if ((o.bundle === undefined) === (o.dir === undefined))
        return fail(o, 'validation_failed', '--bundle か --dir のどちらか一方を指定してください / give --bundle or --dir');
      const keys = o.key.map(verifierKeyFromOption);
      if (o.dir !== undefined) {
        const report = verifyExportDir(resolve(o.dir), keys);
        printExportDir(report, o.json === true);
        process.exitCode = report.ok ? 0 : 1;
        return;
      }
      let bundle: unknown;
      try {
        bundle = JSON.parse(readFileSync(resolve(o.bundle as string), 'utf8'));
      } catch (e) {
        return fail(o, 'validation_failed', `${o.bundle} を読めません / cannot read the bundle: ${errorText(e)}`);
      }
      const isConsistency = typeof bundle === 'object' && bundle !== null && 'older' in bundle && 'newer' in bundle;
      const result = isConsistency
        ? verifyConsistencyBundle(bundle as ConsistencyBundle, keys)
        : verifyInclusionBundle(bundle as InclusionBundle, keys);
      printOffline(isConsistency ? 'consistency' : 'inclusion', result, bundle, o.json === true);
      process.exitCode = result.ok ? 0 : 1;
    });

  audit
    .command('purge')
    .description('AUD-2: remove payloads older than the retention period (leaf hashes stay; at least 5 years)')
    .option('--before <date>', 'YYYY-MM-DD (00:00 UTC); default: today minus the retention period')
    .addOption(dataDirOption())
    .option('--json', 'print JSON')
    .action(async (o: DbFlags & { before?: string }) => {
      const out = await callLog<PurgeResult>('audit.purge', { before: o.before }, o);
      if (!out.ok) return fail(o, out.code, out.message);
      const r = out.result;
      if (o.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        return;
      }
      const cutoff = r.cutoff.slice(0, 10);
      process.stdout.write(
        r.purged > 0
          ? `監査ログの本文を ${r.purged} 件削除しました（エントリ ${r.firstSeq}〜${r.lastSeq}、${cutoff} より前）。葉ハッシュは残っており、ログは引き続き検証できます。記録: エントリ ${r.recordedAs}\n`
          : `${cutoff} より前の本文はありませんでした。記録: エントリ ${r.recordedAs}\n`,
      );
    });
}

function printExportDir(report: ReturnType<typeof verifyExportDir>, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const lines = [
    report.ok
      ? `エクスポートは正常です / the export directory verifies: ${report.dir}`
      : `検証失敗 / verification failed: ${report.problems[0] ?? ''}`,
  ];
  for (const p of report.problems.slice(1, 20)) lines.push(`  - ${p}`);
  lines.push(
    `  ログ / log: ${report.origin ?? '-'}、最新 / latest: ${report.latest ? `サイズ ${report.latest.size}、ルート ${report.latest.root}` : '-'}`,
    `  署名を確認したチェックポイント / signatures checked: ${report.checkpointsVerified}`,
    `  タイルからルートを再計算して一致 / roots recomputed from the tiles: ${report.rootsMatched.length}（タイルは ${report.leavesInTiles} 件分 / leaves in tiles）`,
  );
  if (report.notCheckable.length > 0) {
    const sizes = report.notCheckable.length > 10 ? `${report.notCheckable.slice(0, 10).join(', ')} …` : report.notCheckable.join(', ');
    lines.push(`  タイルが足りずルート未確認 / not checkable from these tiles: ${report.notCheckable.length}（サイズ ${sizes}）`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
