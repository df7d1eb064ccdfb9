import type { ServiceContext } from '../context.js';
import { Checkpointer } from '../modules/audit/checkpointer.js';
import { checkClock } from '../modules/audit/clock-status.js';
import { loadOrCreateSigningKey } from '../modules/audit/signing-key.js';

/**
 * Starts what the audit log needs besides the database: the signing key from its file, the
 * checkpoint signer, and the clock check of AUD-6 (refuse to start, or warn loudly, when the clock
 * reads earlier than the last signed checkpoint).
 */
export async function startAuditRuntime(ctx: ServiceContext, warn: (message: string) => void): Promise<{ stop(): Promise<void> }> {
  const { audit: cfg } = ctx.config;
  const clock = await checkClock(ctx.db, ctx.clock);
  ctx.auditRuntime.clock = clock;
  if (clock.behindLastCheckpoint) {
    const message = `時刻異常: サーバの時計 (${clock.checkedAt}) が最後の署名済みチェックポイント (${clock.lastCheckpointAt}) より前です / the clock is behind the last signed checkpoint (AUD-6)`;
    if (cfg.clockBehind === 'refuse')
      throw new Error(`${message} — 起動を中止しました。時刻を修正するか --clock-behind warn で起動してください。`);
    warn(`!!! ${message} !!!`);
  }
  if (clock.synchronized === false) warn('時刻同期がされていません / the host clock is not synchronised (AUD-6)');
  const key = loadOrCreateSigningKey(cfg.keyFile, cfg.origin.replace(/[^A-Za-z0-9._/-]/g, '-'));
  if (key.created) warn(`監査ログ署名鍵を作成しました / created the audit signing key ${cfg.keyFile}; verifier key: ${key.verifierKey}`);
  ctx.auditRuntime.verifierKey = key.verifierKey;
  const checkpointer = new Checkpointer(ctx.db, ctx.clock, {
    origin: cfg.origin,
    signerKey: key.signerKey,
    verifierKey: key.verifierKey,
    exportDir: cfg.exportDir,
  });
  ctx.auditRuntime.checkpointer = checkpointer;
  await checkpointer.tick();
  checkpointer.start();
  return {
    async stop() {
      await ctx.audit.drain();
      await checkpointer.stop();
      await checkpointer.tick();
    },
  };
}
