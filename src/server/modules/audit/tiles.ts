import { type CompletedNode, HASH_SIZE, type NodeId, nodeHash } from './merkle.js';

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

/** A tile's name, "level/idx": how tiles read from the database are keyed wherever they are kept. */
export function tileName(level: number, idx: number | string): string {
  return `${level}/${Number(idx)}`;
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
    const key = tileName(level, idx);
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

/** A tile's stored hashes with every node inside it: row k holds the nodes 2^k stored hashes wide. */
export type TileTree = Uint8Array[];

/** How many bytes of stored hashes a tile tree was built from (0 for none). */
export function treeBytes(tree: TileTree | undefined): number {
  return tree?.[0]?.length ?? 0;
}

/**
 * Every complete node inside a tile, computed once: row k holds the hashes of its nodes 2^k
 * stored hashes wide, row 0 being the tile itself. A proof then takes each node by position
 * instead of folding up to 128 hashes for it — about 250 hashes per tile once, not per proof.
 * A partial tile (the log's right edge) yields only the nodes it already completes.
 */
export function tileTree(tile: Uint8Array): TileTree {
  if (tile.length % HASH_SIZE !== 0) throw new Error('a tile must be a whole number of hashes');
  const rows = [tile];
  let below = tile;
  while (below.length >= 2 * HASH_SIZE) {
    const count = Math.floor(below.length / (2 * HASH_SIZE));
    const row = new Uint8Array(count * HASH_SIZE);
    for (let i = 0; i < count; i++) {
      const left = below.subarray(2 * i * HASH_SIZE, (2 * i + 1) * HASH_SIZE);
      const right = below.subarray((2 * i + 1) * HASH_SIZE, (2 * i + 2) * HASH_SIZE);
      row.set(nodeHash(left, right), i * HASH_SIZE);
    }
    rows.push(row);
    below = row;
  }
  return rows;
}

/** The node's hash from its tile's tree: nodes are aligned, so it is one slice of one row. */
export function nodeFromTree(rows: Readonly<TileTree>, source: NodeSource): Uint8Array {
  const height = Math.log2(source.count);
  const row = rows[height];
  const position = source.first / source.count;
  const end = (position + 1) * HASH_SIZE;
  if (!Number.isInteger(height) || !Number.isInteger(position) || !row || row.length < end) {
    throw new Error(`tile ${source.tile.level}/${source.tile.idx} is too short for the node asked`);
  }
  // A copy: the rows may be cached for every later proof, and a caller may keep or alter what it gets.
  return row.slice(end - HASH_SIZE, end);
}
