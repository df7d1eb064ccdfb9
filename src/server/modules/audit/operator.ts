/**
 * The operator's commands on the audit log (`sekimori audit …`), run either in the CLI process
 * (it opened the database itself) or inside the running server (through the control socket).
 * Verification only reads; exporting an entry is reading the log, so it is recorded (fail closed).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { checkpointsOfSizes, readHead, recentCheckpoints } from './log-repo.js';
import type { ConsistencyBundle, InclusionBundle } from './offline-verifier.js';
import { consistencyProofFor, inclusionProofFor } from './proofs.js';
import { encodeBase64 } from './signed-note.js';
import { readVerifierKey } from './signing-key.js';
import { type VerifyReport, verifyLog } from './verify.js';

export type KeySource = 'option' | 'export-dir' | 'key-file';

export interface OperatorVerifyReport extends VerifyReport {
  /** The export directory whose checkpoints and tiles were compared; null when there was none. */
  exportDir: string | null;
  verifierKeys: string[];
  keySource: KeySource;
}

export interface VerifyRequest {
  /** Verifier keys the operator gave (--key); else the export directory's verifier.key, else the key file's. */
  verifierKeys?: string[] | undefined;
  /** --export-dir (must exist); else the configured export directory, when it exists. */
  exportDir?: string | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Which keys to trust, and where they came from; never creates a key. */
function chooseKeys(ctx: ServiceContext, request: VerifyRequest, exportDir: string | null): { keys: string[]; source: KeySource } {
  if (request.verifierKeys && request.verifierKeys.length > 0) return { keys: request.verifierKeys, source: 'option' };
  let exported: string | null = null;
  if (exportDir) {
    const path = join(exportDir, 'verifier.key');
    try {
      exported = readVerifierKey(path);
    } catch (e) {
      throw new AppError('invalid_state', {
        ja: `${path} は検証鍵として読めません: ${e instanceof Error ? e.message : String(e)}`,
        en: `${path} is not a verifier key: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  if (exported) return { keys: [exported], source: 'export-dir' };
  if (ctx.auditRuntime.verifierKey) return { keys: [ctx.auditRuntime.verifierKey], source: 'key-file' };
  throw new AppError('invalid_state', {
    ja: `検証鍵が見つかりません（${ctx.config.audit.keyFile}、エクスポートディレクトリの verifier.key のいずれもありません）。--key で指定してください。`,
    en: `No verifier key found (neither ${ctx.config.audit.keyFile} nor the export directory's verifier.key): give one with --key.`,
  });
}

/** `audit verify`: re-derives the whole log and checks every stored and exported checkpoint. */
export async function verifyAuditLog(ctx: ServiceContext, request: VerifyRequest): Promise<OperatorVerifyReport> {
  let exportDir: string | null;
  if (request.exportDir) {
    if (!isDirectory(request.exportDir)) {
      throw new AppError('not_found', {
        ja: `エクスポートディレクトリ ${request.exportDir} がありません。`,
        en: `The export directory ${request.exportDir} does not exist.`,
      });
    }
    exportDir = request.exportDir;
  } else {
    exportDir = isDirectory(ctx.config.audit.exportDir) ? ctx.config.audit.exportDir : null;
  }
  const { keys, source } = chooseKeys(ctx, request, exportDir);
  const report = await verifyLog(ctx.db, { verifierKeys: keys, exportDir: exportDir ?? undefined, onProgress: request.onProgress });
  return { ...report, exportDir, verifierKeys: keys, keySource: source };
}

export type ProofAnswer =
  | { covered: true; bundle: InclusionBundle; treeSize: number }
  | { covered: false; seq: number; size: number; latestCheckpointSize: number | null };

/** `audit proof --seq N`: the inclusion bundle an auditor checks offline (offline-verifier.ts). */
export async function exportInclusionProof(ctx: ServiceContext, actor: Actor, seq: number): Promise<ProofAnswer> {
  const answer = await inclusionProofFor(ctx.db, seq);
  if (!answer) {
    const head = await readHead(ctx.db);
    throw new AppError('not_found', {
      ja: `エントリ ${seq} はありません（監査ログは ${head.size} 件）。`,
      en: `There is no entry ${seq} (the audit log holds ${head.size} entries).`,
    });
  }
  if (answer.checkpoint === null) {
    const latest = (await recentCheckpoints(ctx.db, 1)).checkpoints[0];
    return { covered: false, seq, size: answer.treeSize, latestCheckpointSize: latest?.size ?? null };
  }
  if (answer.entry === null) {
    throw new AppError('invalid_state', {
      ja: `エントリ ${seq} の本文は保存期間の経過により削除されています（葉ハッシュのみ残っています）。`,
      en: `The payload of entry ${seq} was purged after its retention period (only its leaf hash remains).`,
    });
  }
  // Reading an entry out of the log is itself recorded; no record, no answer.
  await ctx.audit.record({
    action: 'audit.proof',
    actor: auditActor(actor),
    target: { type: 'audit_entry', id: String(seq) },
    outcome: 'success',
    details: { treeSize: answer.treeSize },
  });
  return {
    covered: true,
    treeSize: answer.treeSize,
    bundle: { entry: answer.entry, seq, leafHash: answer.leafHash, proof: answer.proof, checkpoint: answer.checkpoint },
  };
}

function describeSizes(total: number, sizes: number[]): string {
  if (total === 0) return 'none';
  return total > sizes.length ? `${total} in all; the latest: ${sizes.join(', ')}` : sizes.join(', ');
}

/** `audit consistency --from A --to B`: both stored checkpoints and the proof between them. */
export async function exportConsistencyProof(ctx: ServiceContext, from: number, to: number): Promise<ConsistencyBundle> {
  if (from > to) {
    throw new AppError('validation_failed', {
      ja: `--from（${from}）は --to（${to}）以下にしてください。`,
      en: `--from (${from}) must not exceed --to (${to}).`,
    });
  }
  const found = await checkpointsOfSizes(ctx.db, [from, to]);
  const older = found.find((c) => c.size === from);
  const newer = found.find((c) => c.size === to);
  if (!older || !newer) {
    const missing = [from, to].filter((s) => !found.some((c) => c.size === s));
    const recent = await recentCheckpoints(ctx.db, 20);
    const available = describeSizes(
      recent.total,
      recent.checkpoints.map((c) => c.size),
    );
    throw new AppError('not_found', {
      ja: `サイズ ${[...new Set(missing)].join(', ')} の署名済みチェックポイントはありません。保存されているサイズ: ${available}`,
      en: `No stored checkpoint of size ${[...new Set(missing)].join(', ')}. Stored sizes: ${available}`,
    });
  }
  return { older: older.note, newer: newer.note, proof: await consistencyProofFor(ctx.db, from, to) };
}

export interface CheckpointListing {
  total: number;
  checkpoints: { size: number; signedAt: string; root: string }[];
}

/** `audit checkpoints`: the newest stored checkpoints. */
export async function listStoredCheckpoints(ctx: ServiceContext, limit: number): Promise<CheckpointListing> {
  const { total, checkpoints } = await recentCheckpoints(ctx.db, limit);
  return {
    total,
    checkpoints: checkpoints.map((c) => ({ size: c.size, signedAt: new Date(c.signed_at).toISOString(), root: encodeBase64(c.root) })),
  };
}
