import { type CompletedNode, foldRight, HASH_SIZE, type NodeId } from './merkle.js';

/**
 * Hash tiles (as in Go's tlog and Tessera): the hashes of the nodes at heights 0, 8, 16 … are
 * stored 256 to a row. Tile (level L, idx i) holds the nodes of height 8L with indices
 * [256i, 256i + 256). Any node of the tree is then the fold of at most 128 consecutive hashes of
 * one tile, so an inclusion proof at billions of entries needs a handful of rows.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;

export interface TileKey {
  level: number;
  idx: number;
}

export interface TileAppend extends TileKey {
  /** Position in the tile where these hashes start (the tile must hold exactly that many). */
  offset: number;
  hashes: Uint8Array;
}

/** Groups newly completed nodes (leaves included) into appends to their tiles, in order. */
export function tileAppends(leaves: { index: number; hash: Uint8Array }[], completed: readonly CompletedNode[]): TileAppend[] {
  const byTile = new Map<string, { level: number; idx: number; offset: number; parts: Uint8Array[] }>();
  const add = (level: number, index: number, hash: Uint8Array) => {
    const idx = Math.floor(index / TILE_WIDTH);
    const key = `${level}/${idx}`;
    let entry = byTile.get(key);
    if (!entry) {
      entry = { level, idx, offset: index % TILE_WIDTH, parts: [] };
      byTile.set(key, entry);
    }
    entry.parts.push(hash);
  };
  for (const leaf of leaves) add(0, leaf.index, leaf.hash);
  for (const node of completed) {
    if (node.level % TILE_HEIGHT === 0) add(node.level / TILE_HEIGHT, node.index, node.hash);
  }
  return [...byTile.values()].map((e) => ({ level: e.level, idx: e.idx, offset: e.offset, hashes: Buffer.concat(e.parts) }));
}

/** Where a node's hash can be computed from: a run of hashes inside one tile. */
export interface NodeSource {
  tile: TileKey;
  first: number;
  count: number;
}

export function nodeSource(node: NodeId): NodeSource {
  const level = Math.floor(node.level / TILE_HEIGHT);
  const below = node.level % TILE_HEIGHT;
  const count = 2 ** below;
  const firstIndex = node.index * count;
  return { tile: { level, idx: Math.floor(firstIndex / TILE_WIDTH) }, first: firstIndex % TILE_WIDTH, count };
}

/** The node's hash from the tile bytes: a perfect subtree of `count` consecutive stored hashes. */
export function nodeFromTile(tile: Uint8Array, source: NodeSource): Uint8Array {
  const end = (source.first + source.count) * HASH_SIZE;
  if (tile.length < end) throw new Error(`tile ${source.tile.level}/${source.tile.idx} is too short for the node asked`);
  const hashes: Uint8Array[] = [];
  for (let i = source.first; i < source.first + source.count; i++) hashes.push(tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return perfectRoot(hashes);
}

/** Root of a perfect subtree given its 2^k bottom hashes. */
function perfectRoot(hashes: Uint8Array[]): Uint8Array {
  if (hashes.length === 1) return hashes[0] as Uint8Array;
  // A perfect tree's MTH equals folding pairs level by level; foldRight on 2 items is nodeHash.
  let level = hashes;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(foldRight([level[i] as Uint8Array, level[i + 1] as Uint8Array]));
    level = next;
  }
  return level[0] as Uint8Array;
}
