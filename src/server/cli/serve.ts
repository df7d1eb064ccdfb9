import { userInfo } from 'node:os';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/database.js';
import { sweepSessions } from '../modules/identity/session-service.js';
import { ensureInitialAdministrator } from '../modules/org/service.js';
import { sweepRequests } from '../modules/requests/sweep.js';
import { sweepRights } from '../modules/rights/sweep.js';
import { startAuditRuntime } from './audit-runtime.js';
import { startControlSocket } from './control-socket.js';
import { configFromFlags, type ServeFlags } from './options.js';
import { acquirePgliteLock } from './pglite-lock.js';

export async function serve(flags: ServeFlags): Promise<void> {
  const config = configFromFlags(flags);
  const release = config.databaseUrl ? () => undefined : acquirePgliteLock(config.dataDir);
  const database = await openDatabase({
    url: config.databaseUrl,
    migrationUrl: config.migrationDatabaseUrl,
    dataDir: config.dataDir,
    runtimeRole: config.runtimeRole,
  });
  const built = await buildApp({ config, database });
  const { app, ctx } = built;
  const initial = await ensureInitialAdministrator(ctx, { kind: 'system', via: 'cli', osUser: userInfo().username });
  const audit = await startAuditRuntime(ctx, (message) => app.log.warn(message));
  const control = await startControlSocket(ctx, config.dataDir);
  // Sessions ended by a rule (idle, transfer date, retirement) are closed even if never used again.
  const sweeper = setInterval(() => void sweepSessions(ctx).catch((err) => app.log.warn({ err }, 'session sweep failed')), 60_000);
  sweeper.unref();
  // Approvals: lapsed permits expire, overdue stages and paperwork get their daily reminder (APP-5).
  const scheduler = { kind: 'system' as const, via: 'scheduler' as const, osUser: userInfo().username };
  const requestSweep = setInterval(
    () => void sweepRequests(ctx, scheduler).catch((err) => app.log.warn({ err }, 'request sweep failed')),
    15 * 60_000,
  );
  requestSweep.unref();
  // Use rights: write the end of rights ended by transfer, retirement, dispatch end, expiry, contract end (APP-3 … APP-6).
  const rightsSweep = setInterval(
    () => void sweepRights(ctx, scheduler).catch((err) => app.log.warn({ err }, 'rights sweep failed')),
    15 * 60_000,
  );
  rightsSweep.unref();

  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    // A port already in use must not leave a half-started process holding the data directory.
    clearInterval(sweeper);
    clearInterval(requestSweep);
    clearInterval(rightsSweep);
    control.close();
    await audit.stop();
    await app.close();
    await database.close();
    release();
    throw new Error(
      `ポート ${config.port} で待ち受けできません / cannot listen on port ${config.port}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const db = database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)';
  process.stdout.write(`関守 Sekimori: ${address}  database: ${db}${config.webRoot ? '' : '  (web UI not built: run npm run build)'}\n`);
  if (initial) {
    process.stdout.write(
      `初期管理者を作成しました / initial administrator created:\n  ユーザID: ${initial.loginId}\n  仮パスワード: ${initial.temporaryPassword}\n  （初回ログイン時に変更が必要です / must be changed at first login）\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    clearInterval(sweeper);
    clearInterval(requestSweep);
    clearInterval(rightsSweep);
    control.close();
    await app.close();
    // Entries of requests that were answered are committed; then the last state is signed.
    await audit.stop();
    await database.close();
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
