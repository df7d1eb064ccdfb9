import { type Db, readProofStart, readTiles } from './log-repo.js';
import { consistencyProof, HASH_SIZE, inclusionProof, leafHash, type NodeId, nodeBackedSource, type SubtreeSource } from './merkle.js';
import { encodeBase64 } from './signed-note.js';
import { nodeFromTree, nodeSource, TILE_WIDTH, type TileKey, type TileTree, tileName, tileTree, treeBytes } from './tiles.js';

/** Tiles read for one proof, by "level/idx". */
type TilesRead = Map<string, Uint8Array>;

/**
 * Trees of the tiles above the leaves, per database handle, least recently used dropped first.
 * A tile only ever grows at its end (the log only grows), so a copy read earlier stays right for
 * every node inside its length; a node beyond it is read afresh. 2,048 tiles (about 32 MiB with
 * their nodes) hold the level-1 tiles of 134 million entries; the few tiles higher up are on every
 * proof's path and so rarely the least recently used. `size` is the largest head seen: how high
 * the tree reaches. A database restored to an earlier point under a running server would make
 * proofs fail the auditor's check (never pass a wrong one) until restart; concurrent proofs see
 * heads of different ages, so a smaller head alone does not tell a restore apart.
 * Verification never uses this cache: it reads everything afresh.
 */
interface UpperTiles {
  trees: Map<string, TileTree>;
  size: number;
}
const upperTiles = new WeakMap<object, UpperTiles>();
const UPPER_TILE_LIMIT = 2_048;

function cacheFor(db: Db): UpperTiles {
  let cache = upperTiles.get(db);
  if (!cache) {
    cache = { trees: new Map(), size: 0 };
    upperTiles.set(db, cache);
  }
  return cache;
}

function cached(cache: UpperTiles, name: string): TileTree | undefined {
  const tree = cache.trees.get(name);
  if (tree) {
    cache.trees.delete(name);
    cache.trees.set(name, tree);
  }
  return tree;
}

/** Keeps the longer copy: a concurrent proof may have read the tile from an older snapshot. */
function remember(cache: UpperTiles, name: string, tree: TileTree): void {
  const held = cache.trees.get(name);
  if (treeBytes(held) > treeBytes(tree)) return;
  cache.trees.delete(name);
  if (cache.trees.size >= UPPER_TILE_LIMIT) cache.trees.delete(cache.trees.keys().next().value as string);
  cache.trees.set(name, tree);
}

/**
 * Proof hashes from the stored tiles: `tilesRead` holds tiles already read for this proof, and
 * tiles read here are added to it; any other tile comes from the cache or, failing that, from one
 * query for all of them. A tree, once used by this proof, stays its own whatever the cache does.
 */
export function tileSource(db: Db, tilesRead: TilesRead = new Map()): SubtreeSource {
  const cache = cacheFor(db);
  const trees = new Map<string, TileTree>();
  const long = (tree: TileTree | undefined, bytes: number) => treeBytes(tree) >= bytes;
  /** A tree holding `bytes`: this proof's own, else the cache's, else one built from a tile read. */
  const treeOf = (name: string, bytes: number): TileTree | undefined => {
    let tree = trees.get(name);
    if (long(tree, bytes)) return tree;
    // A cached tree spares rebuilding a tile the statement read anyway (255 hashes each).
    tree = cached(cache, name);
    if (!long(tree, bytes)) {
      const tile = tilesRead.get(name);
      if (!tile) return undefined;
      tree = tileTree(tile);
      if (!name.startsWith('0/')) remember(cache, name, tree);
    }
    if (tree) trees.set(name, tree);
    return tree;
  };
  return nodeBackedSource(async (ids: readonly NodeId[]) => {
    const sources = ids.map(nodeSource);
    // The bytes each tile must hold for the nodes asked of it.
    const needed = new Map<string, { key: TileKey; bytes: number }>();
    for (const s of sources) {
      const name = tileName(s.tile.level, s.tile.idx);
      const bytes = (s.first + s.count) * HASH_SIZE;
      const seen = needed.get(name);
      if (!seen || seen.bytes < bytes) needed.set(name, { key: s.tile, bytes });
    }
    const missing: TileKey[] = [];
    for (const [name, { key, bytes }] of needed) {
      if (!long(treeOf(name, bytes), bytes)) missing.push(key);
    }
    for (const [name, tile] of await readTiles(db, missing)) {
      tilesRead.set(name, tile);
      trees.delete(name);
    }
    return sources.map((s) => {
      const tree = treeOf(tileName(s.tile.level, s.tile.idx), (s.first + s.count) * HASH_SIZE);
      if (!tree) throw new Error(`audit tile ${s.tile.level}/${s.tile.idx} is missing`);
      return nodeFromTree(tree, s);
    });
  });
}

/**
 * The tiles on the entry's path up the tree that are not cached whole (its leaf tile always), and
 * how many tile levels the log is known to reach. The right edge of the proof's tree is added by
 * the statement itself, which knows the tree's size.
 */
function pathTiles(cache: UpperTiles, seq: number): { keys: TileKey[]; levels: number } {
  const keys: TileKey[] = [{ level: 0, idx: Math.floor(seq / TILE_WIDTH) }];
  // Before any head is seen (a new handle), ask for every level a log can have: absent tiles cost
  // an index probe, a second query costs a round trip.
  const reach = cache.size > 0 ? Math.max(seq + 1, cache.size) : Number.MAX_SAFE_INTEGER;
  let level = 1;
  for (let span = TILE_WIDTH; span < reach; level++, span *= TILE_WIDTH) {
    const idx = Math.floor(seq / (span * TILE_WIDTH));
    if (treeBytes(cache.trees.get(tileName(level, idx))) !== TILE_WIDTH * HASH_SIZE) keys.push({ level, idx });
  }
  return { keys, levels: level };
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
  const cache = cacheFor(db);
  const path = pathTiles(cache, seq);
  const start = await readProofStart(db, seq, path.keys, path.levels);
  cache.size = Math.max(cache.size, start.headSize);
  if (seq >= start.headSize) return null;
  const treeSize = start.checkpoint?.size ?? start.headSize;
  const source = tileSource(db, start.tiles);
  const proof = await inclusionProof(seq, treeSize, source);
  // A purged payload still has its leaf hash in the level-0 tile.
  const leaf = start.canonical === null ? await source.subtreeHash(seq, seq + 1) : leafHash(start.canonical);
  return {
    seq,
    entry: start.canonical,
    leafHash: encodeBase64(leaf),
    treeSize,
    proof: proof.map(encodeBase64),
    checkpoint: start.checkpoint?.note ?? null,
  };
}

export async function consistencyProofFor(db: Db, from: number, to: number): Promise<string[]> {
  return (await consistencyProof(from, to, tileSource(db))).map(encodeBase64);
}
