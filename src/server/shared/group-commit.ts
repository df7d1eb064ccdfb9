/**
 * Group commit: items queued while writes are in flight go together in the next write, so
 * concurrent requests share one statement (and one commit) and nobody waits on a timer.
 */
export interface GroupCommit<T> {
  push(item: T): void;
  /** Waits until every queued item has been written (shutdown, tests). */
  drain(): Promise<void>;
}

export interface GroupCommitOptions<T> {
  /** Writes one batch and settles each of its items (resolves or rejects it). */
  write(batch: T[]): Promise<void>;
  /** Settles the items of a batch whose write threw instead of settling them: no caller is left waiting. */
  fail(batch: T[], error: unknown): void;
  /** Items per write at most. */
  maxBatch: number;
  /** Writes at once: 1 where the database serialises them anyway (the audit log's head). */
  inFlight?: number;
}

export function groupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const { write, fail, maxBatch, inFlight = 1 } = options;
  if (!(Number.isInteger(maxBatch) && maxBatch >= 1 && Number.isInteger(inFlight) && inFlight >= 1)) {
    throw new RangeError('group commit needs maxBatch ≥ 1 and inFlight ≥ 1');
  }
  const queue: T[] = [];
  const running = new Set<Promise<void>>();
  // Counted before `write` starts, so a push made while it runs synchronously cannot start another.
  let active = 0;

  function flush(): void {
    while (queue.length > 0 && active < inFlight) {
      const batch = queue.splice(0, maxBatch);
      active++;
      // The async wrapper turns a synchronous throw into a rejection, which `fail` settles.
      const done: Promise<void> = (async () => write(batch))()
        .catch((error: unknown) => fail(batch, error))
        // A throwing `fail` has nobody left to tell; it must not become an unhandled rejection.
        .catch(() => undefined)
        .finally(() => {
          active--;
          running.delete(done);
          flush();
        });
      running.add(done);
    }
  }

  return {
    push(item) {
      queue.push(item);
      flush();
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
