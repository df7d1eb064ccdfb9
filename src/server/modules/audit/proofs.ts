import { type CheckpointRow, type Db, firstCheckpointAbove, readEntry, readHead, readTiles } from './log-repo.js';
import { consistencyProof, inclusionProof, leafHash, type NodeId, nodeBackedSource, type SubtreeSource } from './merkle.js';
import { encodeBase64 } from './signed-note.js';
import { nodeFromTile, nodeSource } from './tiles.js';

/** Proof hashes read from the stored tiles: one query per proof, whatever the log's size. */
export function tileSource(db: Db): SubtreeSource {
  return nodeBackedSource(async (ids: readonly NodeId[]) => {
    const sources = ids.map(nodeSource);
    const keys = [...new Map(sources.map((s) => [`${s.tile.level}/${s.tile.idx}`, s.tile])).values()];
    const tiles = await readTiles(db, keys);
    return sources.map((s) => {
      const tile = tiles.get(`${s.tile.level}/${s.tile.idx}`);
      if (!tile) throw new Error(`audit tile ${s.tile.level}/${s.tile.idx} is missing`);
      return nodeFromTile(tile, s);
    });
  });
}

/** The first signed checkpoint that covers the entry, else none (the entry is newer than all). */
async function checkpointCovering(db: Db, seq: number): Promise<CheckpointRow | undefined> {
  // One indexed row, not every checkpoint: a log signs one every few seconds for years.
  return firstCheckpointAbove(db, seq);
}

export interface InclusionAnswer {
  seq: number;
  entry: string | null;
  leafHash: string;
  treeSize: number;
  proof: string[];
  /** The signed checkpoint the proof leads to; null when no checkpoint covers the entry yet. */
  checkpoint: string | null;
}

/**
 * AUD-3: an inclusion proof an auditor can check offline — against the first signed checkpoint
 * that covers the entry, or against the current head when none does yet.
 */
export async function inclusionProofFor(db: Db, seq: number): Promise<InclusionAnswer | null> {
  const head = await readHead(db);
  if (!Number.isSafeInteger(seq) || seq < 0 || seq >= head.size) return null;
  const checkpoint = await checkpointCovering(db, seq);
  const treeSize = checkpoint?.size ?? head.size;
  const entry = await readEntry(db, seq);
  const source = tileSource(db);
  const proof = await inclusionProof(seq, treeSize, source);
  // A purged payload still has its leaf hash in the level-0 tile.
  const leaf = entry ? leafHash(entry.canonical) : await source.subtreeHash(seq, seq + 1);
  return {
    seq,
    entry: entry?.canonical ?? null,
    leafHash: encodeBase64(leaf),
    treeSize,
    proof: proof.map(encodeBase64),
    checkpoint: checkpoint?.note ?? null,
  };
}

export async function consistencyProofFor(db: Db, from: number, to: number): Promise<string[]> {
  return (await consistencyProof(from, to, tileSource(db))).map(encodeBase64);
}
