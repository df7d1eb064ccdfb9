import { AppError } from '../../http/errors.js';
import type { Clock } from '../../shared/clock.js';
import { groupCommit } from '../../shared/group-commit.js';
import { appendRows, prepareAppend } from './append.js';
import { entryRow } from './entry.js';
import type { AuditEvent } from './event.js';
import { appendBatch, type Db, type EntryRow, ensurePartition, type Head, lockHead, readHead } from './log-repo.js';

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
  /** Told how many entries each group commit carried (measurement). */
  onCommit?: (entries: number) => void;
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

/** The first day of the UTC month (the payload partition, AUD-2), without formatting the whole time. */
function monthOf(at: Date): string {
  const month = at.getUTCMonth() + 1;
  return `${at.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}-01`;
}

/** Optimistic tries against the head this process last saw before it waits for the head's lock. */
const OPTIMISTIC_TRIES = 3;

/**
 * The Merkle audit log's writer. Entries recorded outside a transaction are batched: while a
 * commit is in flight, new entries queue and go together in the next (group commit), so concurrent
 * requests share commits and nobody waits on a timer. Each commit is one statement (audit_append)
 * computed from the head this process last wrote, without reading it first; the database
 * serialises writers on the head row and refuses a batch computed from a head that is no longer
 * there (another process appended). A refused batch is computed again from the head as it is, and
 * after a few misses under the head row's lock, so a writer always gets through. (Two commits in
 * flight at once were measured slower here: half-size batches, same cost per commit.)
 */
export function createAuditLog(db: Db, clock: Clock, options: AuditLogOptions = {}): AuditLog {
  const maxBatch = options.maxBatch ?? 256;
  const partitions = new Map<string, Promise<void>>();
  /** The head as this process last left it; null: read it again. */
  let expected: Head | null = null;

  /**
   * One creation per month at a time in this process; the database serialises processes. Only a
   * creation committed on its own is remembered: one inside a transaction is undone with it.
   */
  async function ensurePartitions(conn: Db, rows: EntryRow[], inTransaction: boolean): Promise<void> {
    for (const month of new Set(rows.map((row) => monthOf(row.occurred_at)))) {
      const known = partitions.get(month);
      if (known) {
        await known;
      } else if (inTransaction) {
        await ensurePartition(conn, month);
      } else {
        const creating = ensurePartition(conn, month);
        partitions.set(month, creating);
        creating.catch(() => partitions.delete(month));
        await creating;
      }
    }
  }

  /** Builds the rows of a batch from `firstSeq`; an event that cannot be canonicalised fails alone. */
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

  /** Appends under the head row's lock, inside `tx`: the head read is the head written from. */
  async function appendLocked(tx: Db, make: (head: Head) => EntryRow[], at: Date): Promise<EntryRow[]> {
    const head = await lockHead(tx);
    const rows = make(head);
    if (rows.length === 0) return rows;
    await ensurePartitions(tx, rows, true);
    const next = await appendRows(tx, head, rows, at);
    if (!next) throw new Error('audit log head moved while locked');
    expected = next;
    return rows;
  }

  /** One group commit: from the expected head at once, then from the head as it is, then locked. */
  async function commit(batch: Pending[]): Promise<void> {
    let owners = batch;
    const make = (head: Head) => {
      const built = rowsFor(owners, head.size);
      owners = built.owners;
      return built.rows;
    };
    const at = clock.now();
    try {
      let rows: EntryRow[] | null = null;
      for (let tries = 0; tries < OPTIMISTIC_TRIES && rows === null; tries++) {
        const head = expected ?? (await readHead(db));
        const attempt = make(head);
        if (attempt.length === 0) return;
        const { next, tiles } = prepareAppend(head, attempt);
        await ensurePartitions(db, attempt, false);
        if (await appendBatch(db, head, next, attempt, tiles, at)) {
          rows = attempt;
          expected = next;
        } else expected = null;
      }
      rows ??= await db.transaction().execute((tx) => appendLocked(tx, make, at));
      options.onCommit?.(rows.length);
      for (const [i, item] of owners.entries()) item.resolve(String(rows[i]?.seq));
    } catch (e) {
      expected = null;
      for (const item of owners) item.reject(unavailable(e));
    }
  }

  /** One group commit at a time; whatever queued meanwhile goes in the next. */
  const writer = groupCommit<Pending>({
    write: commit,
    fail: (batch, e) => {
      for (const item of batch) item.reject(unavailable(e));
    },
    maxBatch,
  });

  async function recordInTransaction(event: AuditEvent, tx: Db): Promise<string> {
    const at = clock.now();
    try {
      // Inside the caller's transaction, under the head's lock until it ends: a refused
      // optimistic append would abort the caller's transaction, so none is tried here.
      const rows = await appendLocked(tx, (head) => [entryRow(event, head.size, at)], at);
      return String(rows[0]?.seq);
    } catch (e) {
      expected = null;
      throw unavailable(e);
    }
  }

  return {
    record(event, opts) {
      if (opts?.tx) return recordInTransaction(event, opts.tx);
      return new Promise<string>((resolve, reject) => writer.push({ event, at: clock.now(), resolve, reject }));
    },
    drain: () => writer.drain(),
  };
}
