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

describe('group commit (AUD-3 audit appends, APP-8 query log)', () => {
  it('writes the first item at once and everything queued meanwhile together in the next write', async () => {
    const w = controlledWrite();
    const g = groupCommit(w.write, 100);
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
    const g = groupCommit(w.write, 2);
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

  it('keeps at most inFlightMax writes running at once', async () => {
    const w = controlledWrite();
    const g = groupCommit(w.write, 100, 2);
    g.push(1);
    g.push(2);
    g.push(3);
    g.push(4);
    expect(w.batches).toEqual([[1], [2]]);
    await w.finishNext();
    expect(w.batches).toEqual([[1], [2], [3, 4]]);
    await w.finishNext();
    await w.finishNext();
    await g.drain();
  });

  it('goes on with the next batch after a write fails', async () => {
    const batches: number[][] = [];
    const g = groupCommit(async (batch: number[]) => {
      batches.push(batch);
      if (batch.includes(1)) throw new Error('refused');
    }, 10);
    g.push(1);
    g.push(2);
    await g.drain();
    expect(batches).toEqual([[1], [2]]);
  });
});
