import { type Db, readProofStart, readTiles } from './log-repo.js';
import { consistencyProof, HASH_SIZE, inclusionProof, leafHash, type NodeId, nodeBackedSource, type SubtreeSource } from './merkle.js';
import { encodeBase64 } from './signed-note.js';
import { nodeFromTree, nodeSource, TILE_WIDTH, type TileKey, tileTree } from './tiles.js';

/** A tile's stored hashes with every node inside it (row 0 is the tile as stored). */
type TileTree = Uint8Array[];

/** Tiles read for one proof, by "level/idx". */
export type TilesRead = Map<string, Uint8Array>;

/**
 * Trees of the tiles above the leaves, per database handle. A tile only ever grows at its end
 * (the log only grows), so a copy read earlier stays right for every node inside its length; a
 * node beyond it is read afresh. These few tiles are on every proof's path, so once they are
 * here a proof is one statement. 2,048 tiles (32 MiB with their nodes) hold every upper tile of a
 * log of half a billion entries. `size` is the largest head seen, to know how high the tree
 * reaches. Verification never uses this cache: it reads everything afresh.
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

function remember(cache: UpperTiles, name: string, tree: TileTree): void {
  cache.trees.delete(name);
  if (cache.trees.size >= UPPER_TILE_LIMIT) cache.trees.delete(cache.trees.keys().next().value as string);
  cache.trees.set(name, tree);
}

/**
 * Proof hashes from the stored tiles: `tilesRead` holds tiles already read for this proof; any
 * other tile comes from the cache or, failing that, from one query for all of them.
 */
export function tileSource(db: Db, tilesRead: TilesRead = new Map()): SubtreeSource {
  const cache = cacheFor(db);
  const trees = new Map<string, TileTree>();
  const treeOf = (name: string): TileTree | undefined => {
    const built = trees.get(name);
    if (built) return built;
    const tile = tilesRead.get(name);
    if (!tile) return cache.trees.get(name);
    const tree = tileTree(tile);
    trees.set(name, tree);
    if (!name.startsWith('0/')) remember(cache, name, tree);
    return tree;
  };
  return nodeBackedSource(async (ids: readonly NodeId[]) => {
    const sources = ids.map(nodeSource);
    // The bytes each tile must hold for the nodes asked of it.
    const needed = new Map<string, { key: TileKey; bytes: number }>();
    for (const s of sources) {
      const name = `${s.tile.level}/${s.tile.idx}`;
      const bytes = (s.first + s.count) * HASH_SIZE;
      const seen = needed.get(name);
      if (!seen || seen.bytes < bytes) needed.set(name, { key: s.tile, bytes });
    }
    const missing: TileKey[] = [];
    for (const [name, { key, bytes }] of needed) {
      if ((treeOf(name)?.[0]?.length ?? 0) < bytes) missing.push(key);
    }
    for (const [name, tile] of await readTiles(db, missing)) {
      tilesRead.set(name, tile);
      trees.delete(name);
    }
    return sources.map((s) => {
      const tree = treeOf(`${s.tile.level}/${s.tile.idx}`);
      if (!tree) throw new Error(`audit tile ${s.tile.level}/${s.tile.idx} is missing`);
      return nodeFromTree(tree, s);
    });
  });
}

/**
 * The tiles on the entry's path up the tree that are not cached whole: its leaf tile always, and
 * each tile above it up to the height the log is known to reach. Tiles of the right edge, which
 * depend on the proof's tree size, are read afterwards if the cache lacks them.
 */
function pathTiles(cache: UpperTiles, seq: number): TileKey[] {
  const keys: TileKey[] = [{ level: 0, idx: Math.floor(seq / TILE_WIDTH) }];
  const reach = Math.max(seq + 1, cache.size);
  for (let level = 1, span = TILE_WIDTH; span < reach; level++, span *= TILE_WIDTH) {
    const idx = Math.floor(seq / (span * TILE_WIDTH));
    const cached = cache.trees.get(`${level}/${idx}`);
    if (cached?.[0]?.length !== TILE_WIDTH * HASH_SIZE) keys.push({ level, idx });
  }
  return keys;
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
  const start = await readProofStart(db, seq, pathTiles(cache, seq));
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
