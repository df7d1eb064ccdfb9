import { type CheckpointRow, type Db, firstCheckpointAbove, readEntry, readHead, readTiles } from './log-repo.js';
import { consistencyProof, HASH_SIZE, inclusionProof, leafHash, type NodeId, nodeBackedSource, type SubtreeSource } from './merkle.js';
import { encodeBase64 } from './signed-note.js';
import { nodeFromTile, nodeSource, TILE_WIDTH } from './tiles.js';

/**
 * Complete tiles above the leaves, per database handle. A complete tile never changes (the log
 * only grows), and these few tiles are on every proof's path, so after the first proofs only the
 * entry's own leaf tile is read. 2,048 tiles (16 MiB) hold every upper tile of a log of half a
 * billion entries. Verification never uses this cache: it reads everything afresh.
 */
const upperTiles = new WeakMap<object, Map<string, Uint8Array>>();
const UPPER_TILE_LIMIT = 2_048;

function cacheFor(db: Db): Map<string, Uint8Array> {
  let cache = upperTiles.get(db);
  if (!cache) {
    cache = new Map();
    upperTiles.set(db, cache);
  }
  return cache;
}

/** Proof hashes read from the stored tiles: at most one query per proof, whatever the log's size. */
export function tileSource(db: Db): SubtreeSource {
  const cache = cacheFor(db);
  return nodeBackedSource(async (ids: readonly NodeId[]) => {
    const sources = ids.map(nodeSource);
    const keys = [...new Map(sources.map((s) => [`${s.tile.level}/${s.tile.idx}`, s.tile])).values()];
    const tiles = new Map<string, Uint8Array>();
    const missing = keys.filter((k) => {
      const hit = cache.get(`${k.level}/${k.idx}`);
      if (hit) tiles.set(`${k.level}/${k.idx}`, hit);
      return !hit;
    });
    for (const [key, tile] of await readTiles(db, missing)) {
      tiles.set(key, tile);
      if (!key.startsWith('0/') && tile.length === TILE_WIDTH * HASH_SIZE) {
        if (cache.size >= UPPER_TILE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(key, tile);
      }
    }
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
  if (!Number.isSafeInteger(seq) || seq < 0) return null;
  // Independent reads, side by side (separate connections on a server).
  const [head, checkpoint, entry] = await Promise.all([readHead(db), checkpointCovering(db, seq), readEntry(db, seq)]);
  if (seq >= head.size) return null;
  const treeSize = checkpoint?.size ?? head.size;
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
