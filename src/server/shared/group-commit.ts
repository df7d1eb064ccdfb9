/**
 * Group commit: items queued while writes are in flight go together in the next write, so
 * concurrent requests share one statement (and one commit) and nobody waits on a timer. At most
 * `inFlight` writes at a time (1 where the database serialises them anyway, as the audit log's
 * head does); `write` settles every item it was given (resolves or rejects it).
 */
export interface GroupCommit<T> {
  push(item: T): void;
  /** Waits until every queued item has been written (shutdown, tests). */
  drain(): Promise<void>;
}

export function groupCommit<T>(write: (batch: T[]) => Promise<void>, maxBatch: number, inFlightMax = 1): GroupCommit<T> {
  const queue: T[] = [];
  const inFlight = new Set<Promise<void>>();

  function flush(): void {
    while (queue.length > 0 && inFlight.size < inFlightMax) {
      // `write` settles its own items; an error escaping it must neither stop the queue nor go unhandled.
      const running: Promise<void> = write(queue.splice(0, maxBatch))
        .catch(() => undefined)
        .finally(() => {
          inFlight.delete(running);
          flush();
        });
      inFlight.add(running);
    }
  }

  return {
    push(item) {
      queue.push(item);
      flush();
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
