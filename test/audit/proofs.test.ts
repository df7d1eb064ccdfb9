import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Checkpointer } from '../../src/server/modules/audit/checkpointer.js';
import { readHead } from '../../src/server/modules/audit/log-repo.js';
import { HASH_SIZE, nodeHash, verifyConsistency, verifyInclusion } from '../../src/server/modules/audit/merkle.js';
import { consistencyProofFor, type InclusionAnswer, inclusionProofFor } from '../../src/server/modules/audit/proofs.js';
import { decodeBase64, generateSignerKey, openCheckpoint, verifierKeyOf } from '../../src/server/modules/audit/signed-note.js';
import { nodeFromTree, tileTree } from '../../src/server/modules/audit/tiles.js';
import { asOwner } from '../support/owner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** RFC 9162 MTH of a perfect run of hashes, by plain recursion: the reference the tile tree must equal. */
function perfectRoot(hashes: Uint8Array[]): Uint8Array {
  if (hashes.length === 1) return hashes[0] as Uint8Array;
  const half = hashes.length / 2;
  return nodeHash(perfectRoot(hashes.slice(0, half)), perfectRoot(hashes.slice(half)));
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

describe('tile trees (AUD-3: a proof takes each node of a tile by position)', () => {
  it('every aligned node a tile completes equals the RFC root of its hashes, for whole and partial tiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 0, max: 2 ** 31 }), (count, seed) => {
        const hashes = Array.from({ length: count }, (_, i) =>
          nodeHash(new Uint8Array(32).fill(i & 255), new Uint8Array(32).fill(seed & 255)),
        );
        const tile = Buffer.concat(hashes);
        const rows = tileTree(tile);
        for (let height = 0; 2 ** height <= count; height++) {
          const width = 2 ** height;
          for (let first = 0; first + width <= count; first += width) {
            const node = nodeFromTree(rows, { tile: { level: 0, idx: 0 }, first, count: width });
            expect(hex(node)).toBe(hex(perfectRoot(hashes.slice(first, first + width))));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a node beyond what a partial tile holds, and a misaligned one', () => {
    const rows = tileTree(randomBytes(5 * HASH_SIZE));
    expect(() => nodeFromTree(rows, { tile: { level: 1, idx: 0 }, first: 4, count: 2 })).toThrow(/too short/);
    expect(() => nodeFromTree(rows, { tile: { level: 1, idx: 0 }, first: 0, count: 8 })).toThrow(/too short/);
    expect(() => nodeFromTree(rows, { tile: { level: 1, idx: 0 }, first: 1, count: 2 })).toThrow(/too short/);
    expect(() => tileTree(randomBytes(HASH_SIZE + 1))).toThrow(/whole number/);
  });
});

describe('inclusion proofs from the stored log (AUD-3)', () => {
  async function record(t: TestApp, from: number, to: number): Promise<void> {
    for (let i = from; i < to; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, to - i) }, (_, k) =>
          t.ctx.audit.record({ action: 'test.entry', actor: { type: 'system', via: 'cli' }, outcome: 'success', details: { i: i + k } }),
        ),
      );
    }
  }

  /** The answer's proof leads from its leaf to `root`. */
  function leadsTo(answer: InclusionAnswer | null, root: Uint8Array): boolean {
    if (!answer) return false;
    const leaf = decodeBase64(answer.leafHash);
    const proof = answer.proof.map((p) => decodeBase64(p) ?? new Uint8Array());
    return leaf !== undefined && verifyInclusion(leaf, answer.seq, answer.treeSize, proof, root);
  }

  /** The consistency proof from `from` to the head leads from `oldRoot` to the head's root. */
  async function consistent(t: TestApp, from: number, oldRoot: Uint8Array): Promise<boolean> {
    const head = await readHead(t.ctx.db);
    const proof = (await consistencyProofFor(t.ctx.db, from, head.size)).map((p) => decodeBase64(p) ?? new Uint8Array());
    return verifyConsistency(from, head.size, proof, oldRoot, head.root);
  }

  it('stay right while the log grows past upper tiles read earlier, lead to the covering checkpoint, and survive a purged payload', async () => {
    const t = await startTestApp();
    const exportDir = mkdtempSync(join(tmpdir(), 'sekimori-proofs-'));
    try {
      const signerKey = generateSignerKey('test.local/audit');
      const verifierKey = verifierKeyOf(signerKey);
      const checkpointer = new Checkpointer(t.ctx.db, t.clock, { origin: 'test.local/audit', signerKey, verifierKey, exportDir });
      await record(t, 0, 100);
      const root100 = (await readHead(t.ctx.db)).root;
      await record(t, 100, 300);
      expect(await consistent(t, 100, root100)).toBe(true);
      // seq 290 needs the one node of height 8 the level-1 tile holds at 300 entries: it is read and kept.
      const early = await inclusionProofFor(t.ctx.db, 290);
      expect(early).toMatchObject({ seq: 290, treeSize: 300, checkpoint: null });
      expect(leadsTo(early, (await readHead(t.ctx.db)).root)).toBe(true);

      expect(await checkpointer.tick(), checkpointer.status.lastError?.message).not.toBeNull();
      t.clock.advance(5_000);
      await record(t, 300, 600);
      const head = await readHead(t.ctx.db);
      expect(head.size).toBe(600);

      // From 100 to 600 the proof needs the height-8 node [256, 512): the second hash of that
      // level-1 tile, beyond the copy kept — the copy is read afresh, not trusted beyond its length.
      expect(await consistent(t, 100, root100)).toBe(true);
      const late = await inclusionProofFor(t.ctx.db, 590);
      expect(late).toMatchObject({ seq: 590, treeSize: 600, checkpoint: null });
      expect(leadsTo(late, head.root)).toBe(true);

      // An entry the checkpoint covers is proved against that signed checkpoint, not the head.
      const covered = await inclusionProofFor(t.ctx.db, 10);
      expect(covered?.treeSize).toBe(300);
      const { checkpoint } = openCheckpoint(covered?.checkpoint ?? '', [verifierKey]);
      expect(checkpoint.size).toBe(300);
      expect(leadsTo(covered, checkpoint.root)).toBe(true);
      expect(covered?.entry).toContain('"i":10');

      // A retention purge removes payloads, not leaf hashes: the proof still stands, from the tile.
      await asOwner(t, (db) => sql`DELETE FROM audit_events WHERE seq = 10`.execute(db));
      const purged = await inclusionProofFor(t.ctx.db, 10);
      expect(purged?.entry).toBeNull();
      expect(purged?.leafHash).toBe(covered?.leafHash);
      expect(purged?.proof).toEqual(covered?.proof);

      // A proof altered in one hash does not lead to the checkpoint.
      const altered = { ...(covered as InclusionAnswer), proof: [...(covered?.proof ?? [])] };
      altered.proof[0] = Buffer.from(randomBytes(32)).toString('base64');
      expect(leadsTo(altered, checkpoint.root)).toBe(false);

      // Proofs side by side share the cache; each leads to its own tree's root. (Nothing is
      // evicted at this size: eviction under concurrent proofs is not driven by any test.)
      const side = await Promise.all(Array.from({ length: 40 }, (_, i) => inclusionProofFor(t.ctx.db, 11 + ((i * 37) % 589))));
      for (const answer of side) {
        expect(leadsTo(answer, answer?.treeSize === 300 ? checkpoint.root : head.root), `seq ${answer?.seq}`).toBe(true);
      }

      expect(await inclusionProofFor(t.ctx.db, 600)).toBeNull();
      expect(await inclusionProofFor(t.ctx.db, -1)).toBeNull();
    } finally {
      await t.close();
      rmSync(exportDir, { recursive: true, force: true });
    }
  });
});
