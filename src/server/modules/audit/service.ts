import { AppError } from '../../http/errors.js';
import type { Clock } from '../../shared/clock.js';
import { appendRows } from './append.js';
import { entryRow } from './entry.js';
import type { AuditEvent } from './event.js';
import { type Db, type EntryRow, ensurePartition, lockHead } from './log-repo.js';

export interface RecordOptions {
  /** Write inside the caller's transaction so the change and its record commit together. */
  tx?: Db | undefined;
}

export interface AuditLog {
  /**
   * Records one event and resolves with its sequence number once it is committed (AUD-1). Throws
   * AppError('audit_unavailable') when it cannot be written: callers must not answer then (fail closed).
   */
  record(event: AuditEvent, options?: RecordOptions): Promise<string>;
  /** Waits for queued entries to commit (shutdown). */
  drain(): Promise<void>;
}

export interface AuditLogOptions {
  /** At most this many entries share one commit. */
  maxBatch?: number;
}

interface Pending {
  event: AuditEvent;
  at: Date;
  resolve: (seq: string) => void;
  reject: (e: unknown) => void;
}

function unavailable(cause: unknown): AppError {
  return Object.assign(new AppError('audit_unavailable'), { cause });
}

function monthOf(at: Date): string {
  return `${at.toISOString().slice(0, 7)}-01`;
}

/**
 * The Merkle audit log's writer. Entries recorded outside a transaction are batched: while one
 * commit is in flight, new entries queue and go together in the next (group commit), so concurrent
 * requests share commits and nobody waits on a timer. Appends from several processes serialise on
 * the head row (SELECT … FOR UPDATE).
 */
export function createAuditLog(db: Db, clock: Clock, options: AuditLogOptions = {}): AuditLog {
  const maxBatch = options.maxBatch ?? 256;
  const queue: Pending[] = [];
  const partitions = new Set<string>();
  let flushing: Promise<void> | null = null;

  async function ensurePartitions(tx: Db, rows: EntryRow[]): Promise<void> {
    for (const row of rows) {
      const month = monthOf(row.occurred_at);
      if (partitions.has(month)) continue;
      await ensurePartition(tx, month);
      partitions.add(month);
    }
  }

  /** Builds the rows for a batch; an event that cannot be canonicalised fails alone. */
  function rowsFor(batch: Pending[], firstSeq: number): { rows: EntryRow[]; owners: Pending[] } {
    const rows: EntryRow[] = [];
    const owners: Pending[] = [];
    for (const item of batch) {
      try {
        rows.push(entryRow(item.event, firstSeq + rows.length, item.at));
        owners.push(item);
      } catch (e) {
        item.reject(unavailable(e));
      }
    }
    return { rows, owners };
  }

  async function flushOnce(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    let committed: { rows: EntryRow[]; owners: Pending[] } = { rows: [], owners: [] };
    try {
      await db.transaction().execute(async (tx) => {
        const head = await lockHead(tx);
        committed = rowsFor(batch, head.size);
        if (committed.rows.length === 0) return;
        await ensurePartitions(tx, committed.rows);
        const next = await appendRows(tx, head, committed.rows, clock.now());
        if (!next) throw new Error('audit log head moved while locked');
      });
    } catch (e) {
      for (const item of batch) item.reject(unavailable(e));
      return;
    }
    for (const [i, item] of committed.owners.entries()) item.resolve(String(committed.rows[i]?.seq));
  }

  function scheduleFlush(): void {
    if (flushing) return;
    flushing = (async () => {
      try {
        while (queue.length > 0) await flushOnce();
      } finally {
        flushing = null;
      }
    })();
  }

  async function recordInTransaction(event: AuditEvent, tx: Db): Promise<string> {
    const at = clock.now();
    try {
      const head = await lockHead(tx);
      const row = entryRow(event, head.size, at);
      await ensurePartitions(tx, [row]);
      const next = await appendRows(tx, head, [row], at);
      if (!next) throw new Error('audit log head moved while locked');
      return String(row.seq);
    } catch (e) {
      throw unavailable(e);
    }
  }

  return {
    record(event, opts) {
      if (opts?.tx) return recordInTransaction(event, opts.tx);
      return new Promise<string>((resolve, reject) => {
        queue.push({ event, at: clock.now(), resolve, reject });
        scheduleFlush();
      });
    },
    async drain() {
      while (flushing) await flushing;
    },
  };
}
