import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/server/shared/group-commit.js';

/** A write whose batches are recorded and which finishes only when the test says so. */
function controlledWrite() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const write = (batch: number[]) =>
    new Promise<void>((resolve) => {
      batches.push(batch);
      finish.push(resolve);
    });
  /** Lets the oldest unfinished write finish and the writer take what queued meanwhile. */
  const finishNext = async () => {
    finish.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, write, finishNext };
}

const noFailure = () => {
  throw new Error('fail() was not expected');
};

describe('group commit (AUD-3 audit appends, APP-8 query log)', () => {
  it('writes the first item at once and everything queued meanwhile together in the next write', async () => {
    const w = controlledWrite();
    const g = groupCommit({ write: w.write, fail: noFailure, maxBatch: 100 });
    g.push(1);
    expect(w.batches).toEqual([[1]]);
    g.push(2);
    g.push(3);
    g.push(4);
    expect(w.batches).toEqual([[1]]);
    await w.finishNext();
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
    await w.finishNext();
    expect(w.batches).toHaveLength(2);
  });

  it('never puts more than maxBatch items in one write, and drain waits for the last', async () => {
    const w = controlledWrite();
    const g = groupCommit({ write: w.write, fail: noFailure, maxBatch: 2 });
    for (const i of [1, 2, 3, 4, 5]) g.push(i);
    let drained = false;
    const draining = g.drain().then(() => {
      drained = true;
    });
    await w.finishNext();
    await w.finishNext();
    expect(drained).toBe(false);
    await w.finishNext();
    await draining;
    expect(w.batches).toEqual([[1], [2, 3], [4, 5]]);
    expect(drained).toBe(true);
  });

  it('keeps at most inFlight writes running at once, also when a write pushes while it starts', async () => {
    const w = controlledWrite();
    let g: ReturnType<typeof groupCommit<number>> | undefined;
    g = groupCommit({
      write: (batch) => {
        // A push made while the write is starting (before its first await) must queue, not start a third.
        if (batch.includes(2)) g?.push(99);
        return w.write(batch);
      },
      fail: noFailure,
      maxBatch: 100,
      inFlight: 2,
    });
    g.push(1);
    g.push(2);
    g.push(3);
    expect(w.batches).toEqual([[1], [2]]);
    await w.finishNext();
    expect(w.batches).toEqual([[1], [2], [99, 3]]);
    await w.finishNext();
    await w.finishNext();
    await g.drain();
  });

  it('hands a batch whose write threw (at once or later) to fail, and goes on with the next', async () => {
    const failed: { batch: number[]; message: string }[] = [];
    const written: number[][] = [];
    const g = groupCommit({
      write: (batch: number[]) => {
        if (batch.includes(1)) throw new Error('thrown before any await');
        if (batch.includes(2)) return Promise.reject(new Error('rejected'));
        written.push(batch);
        return Promise.resolve();
      },
      fail: (batch, e) => failed.push({ batch, message: (e as Error).message }),
      maxBatch: 1,
    });
    g.push(1);
    g.push(2);
    g.push(3);
    await g.drain();
    expect(failed).toEqual([
      { batch: [1], message: 'thrown before any await' },
      { batch: [2], message: 'rejected' },
    ]);
    expect(written).toEqual([[3]]);
  });

  it('refuses a batch size or a number of writes in flight below one', () => {
    const write = async () => undefined;
    expect(() => groupCommit({ write, fail: noFailure, maxBatch: 0 })).toThrow(RangeError);
    expect(() => groupCommit({ write, fail: noFailure, maxBatch: 1, inFlight: 0 })).toThrow(RangeError);
  });
});
