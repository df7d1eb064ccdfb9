import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import { type CheckpointRow, type Db, insertCheckpoint, latestCheckpoint, lockHead, readTiles } from './log-repo.js';
import { consistencyProof, verifyConsistency } from './merkle.js';
import { tileSource } from './proofs.js';
import { signCheckpoint } from './signed-note.js';
import { TILE_WIDTH, tileName } from './tiles.js';

const SIGNER_LOCK = 7_347_002;

export interface CheckpointerOptions {
  origin: string;
  signerKey: string;
  verifierKey: string;
  /** Directory outside the database that an auditor copies (AUD-3). */
  exportDir: string;
  /** Sign when the log grew and this long has passed (default 2 s). */
  intervalMs?: number;
  /** Sign at least this often even when nothing was appended (default 10 min). */
  maxIdleMs?: number;
}

export interface CheckpointerStatus {
  lastSigned: { size: number; at: string } | null;
  lastError: { at: string; message: string } | null;
}

/** Writes a file so a reader never sees half of it (write to a temporary name, then rename). */
function writeAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o644 });
  renameSync(tmp, path);
}

/**
 * The single signer: every few seconds, whichever process wins the advisory lock checks that the
 * head is consistent with the previous checkpoint, signs (origin, size, root) as a C2SP signed
 * note, stores it, and copies it — with the completed leaf-hash tiles — to the export directory.
 */
export class Checkpointer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private exportedTiles = -1;
  readonly status: CheckpointerStatus = { lastSigned: null, lastError: null };

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: CheckpointerOptions,
  ) {
    mkdirSync(join(options.exportDir, 'checkpoints'), { recursive: true });
    mkdirSync(join(options.exportDir, 'tile', '0'), { recursive: true });
    writeAtomic(join(options.exportDir, 'verifier.key'), `${options.verifierKey}\n`);
    const tiles = readdirSync(join(options.exportDir, 'tile', '0'))
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
    this.exportedTiles = tiles.length > 0 ? Math.max(...tiles) : -1;
  }

  start(): void {
    const interval = this.options.intervalMs ?? 2_000;
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }

  /** One round; returns the checkpoint signed, or null when there was nothing to do or another process signs. */
  async tick(): Promise<CheckpointRow | null> {
    if (this.running) {
      await this.running;
      return null;
    }
    let signed: CheckpointRow | null = null;
    this.running = (async () => {
      try {
        signed = await this.signIfDue();
        if (signed) await this.exportFiles(signed);
      } catch (e) {
        this.status.lastError = { at: this.clock.now().toISOString(), message: e instanceof Error ? e.message : String(e) };
      } finally {
        this.running = null;
      }
    })();
    await this.running;
    return signed;
  }

  private async signIfDue(): Promise<CheckpointRow | null> {
    const maxIdle = this.options.maxIdleMs ?? 600_000;
    return this.db.transaction().execute(async (tx) => {
      const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${SIGNER_LOCK}) AS ok`.execute(tx);
      if (!got.rows[0]?.ok) return null;
      // Locking the head keeps appenders out for the instant it takes to sign this exact state.
      const head = await lockHead(tx);
      const previous = await latestCheckpoint(tx);
      const now = this.clock.now();
      if (previous) {
        const idle = now.getTime() - new Date(previous.signed_at).getTime();
        if (head.size === previous.size && idle < maxIdle) return null;
        if (head.size < previous.size) throw new Error(`the log shrank from ${previous.size} to ${head.size} entries: refusing to sign`);
        const proof = await consistencyProof(previous.size, head.size, tileSource(tx));
        if (previous.size > 0 && !verifyConsistency(previous.size, head.size, proof, previous.root, head.root)) {
          throw new Error(`the log at ${head.size} is not consistent with the checkpoint at ${previous.size}: refusing to sign`);
        }
      }
      const note = signCheckpoint({ origin: this.options.origin, size: head.size, root: head.root }, this.options.signerKey);
      const row: CheckpointRow = { size: head.size, root: head.root, note, signed_at: now };
      await insertCheckpoint(tx, row);
      this.status.lastSigned = { size: head.size, at: now.toISOString() };
      return row;
    });
  }

  /** The copy outside the database: the checkpoint, its history, and every completed leaf tile. */
  private async exportFiles(checkpoint: CheckpointRow): Promise<void> {
    const dir = this.options.exportDir;
    const historic = join(dir, 'checkpoints', String(checkpoint.size));
    if (!existsSync(historic)) writeAtomic(historic, checkpoint.note);
    writeAtomic(join(dir, 'checkpoint'), checkpoint.note);
    const complete = Math.floor(checkpoint.size / TILE_WIDTH);
    for (let first = this.exportedTiles + 1; first < complete; first += 64) {
      const keys = [];
      for (let idx = first; idx < Math.min(first + 64, complete); idx++) keys.push({ level: 0, idx });
      const tiles = await readTiles(this.db, keys);
      for (const key of keys) {
        const tile = tiles.get(tileName(0, key.idx));
        if (!tile) throw new Error(`audit tile 0/${key.idx} is missing`);
        writeAtomic(join(dir, 'tile', '0', String(key.idx)), tile);
        this.exportedTiles = key.idx;
      }
    }
  }
}
