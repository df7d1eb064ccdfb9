/**
 * RFC 9162 §2.1 Merkle Tree Hash over SHA-256, with inclusion and consistency proofs and a Merkle
 * frontier (compact range) so that every commit of the audit log has a root without rereading it.
 *
 * Pure and synchronous except where a caller-supplied store is read. No database access here.
 *
 * Indices and tree sizes are JavaScript numbers: exact integers up to Number.MAX_SAFE_INTEGER
 * (2^53 − 1), far beyond the 1.8 billion entries one prefecture's log reaches in five years.
 * JavaScript's bitwise operators truncate to 32 bits, so all index arithmetic below uses
 * division and remainder instead of shifts and masks.
 */
import * as nodeCrypto from 'node:crypto';

export const HASH_SIZE = 32;

/**
 * `crypto.hash` (Node ≥ 20.12) skips the Hash object that `createHash` builds per call and is
 * markedly faster for the short inputs a Merkle tree hashes (see bench/merkle-bench.ts). The
 * package allows Node 20.10, so fall back to `createHash` when the one-shot function is missing.
 * A namespace import is used because a named import of a missing export fails at link time.
 *
 * The digest is asked for as a 'binary' (latin1) string, one character per byte, lossless, and
 * copied into a Uint8Array: asked for as a Buffer, Node gives each 32-byte digest an ArrayBuffer
 * of its own, which costs more than hashing the 65 bytes of a node (1.6 µs against 0.6 µs here).
 */
const hasOneShotHash = typeof nodeCrypto.hash === 'function';
export const sha256Implementation: 'crypto.hash' | 'createHash' = hasOneShotHash ? 'crypto.hash' : 'createHash';

function latin1Digest(text: string): Uint8Array {
  const out = new Uint8Array(HASH_SIZE);
  for (let i = 0; i < HASH_SIZE; i++) out[i] = text.charCodeAt(i);
  return out;
}

const sha256: (data: Uint8Array) => Uint8Array = hasOneShotHash
  ? (data) => latin1Digest(nodeCrypto.hash('sha256', data, 'binary'))
  : (data) => nodeCrypto.createHash('sha256').update(data).digest();

/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

// Scratch buffers: hashing is synchronous and single-threaded, so one buffer per prefix can be
// reused for every call instead of allocating (or concatenating) the prefixed input each time.
const LEAF_SCRATCH_LIMIT = 64 * 1024;
let leafScratch = Buffer.allocUnsafe(4096);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = 0x01;

function leafBuffer(capacity: number): Buffer {
  if (capacity <= leafScratch.length) return leafScratch;
  // An occasional huge entry gets its own buffer so the shared scratch stays small.
  if (capacity > LEAF_SCRATCH_LIMIT) return Buffer.allocUnsafe(capacity);
  leafScratch = Buffer.allocUnsafe(Math.max(capacity, leafScratch.length * 2));
  return leafScratch;
}

/**
 * Leaf hash: SHA-256(0x00 ‖ entry). A string is hashed as its UTF-8 bytes: handed to the one-shot
 * hash with U+0000 (UTF-8 0x00) in front, which encodes it natively; else written straight into
 * the scratch buffer, so the verifier need not allocate an intermediate Buffer per entry.
 */
export function leafHash(entry: Uint8Array | string): Uint8Array {
  if (typeof entry === 'string') {
    if (hasOneShotHash) return latin1Digest(nodeCrypto.hash('sha256', `\u0000${entry}`, 'binary'));
    const buf = leafBuffer(1 + entry.length * 3);
    buf[0] = 0x00;
    const written = buf.write(entry, 1, 'utf8');
    return sha256(buf.subarray(0, 1 + written));
  }
  const buf = leafBuffer(1 + entry.length);
  buf[0] = 0x00;
  buf.set(entry, 1);
  return sha256(buf.subarray(0, 1 + entry.length));
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new RangeError('node children must be 32-byte hashes');
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Integer helpers (safe for values up to 2^53 − 1)

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function assertSize(n: number, what: string): void {
  if (!isSize(n)) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`);
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** The RFC 9162 split point: the largest power of two strictly less than n (n ≥ 2). */
export function splitPoint(n: number): number {
  // log2 is only a first guess: near 2^53 it rounds, so the loops correct it exactly.
  let k = 2 ** Math.floor(Math.log2(n - 1));
  while (k >= n) k /= 2;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (!(n >= 1) || !Number.isSafeInteger(n)) return false;
  let m = n;
  while (m % 2 === 0) m /= 2;
  return m === 1;
}

function popCount(n: number): number {
  let count = 0;
  let m = n;
  while (m > 0) {
    if (isOdd(m)) count++;
    m = half(m);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Frontier (compact range [0, n))

/**
 * The roots of the perfect subtrees that make up a tree of size n, one per set bit of n, largest
 * (leftmost) first. It is all the state needed to append and to compute the root, so the database
 * can keep it in the log's single head row: at most 53 hashes.
 */
export type Frontier = readonly Uint8Array[];

/** A perfect subtree: the 2^level leaves starting at index · 2^level. */
export interface NodeId {
  level: number;
  index: number;
}

/** A perfect subtree completed by an append, reported so a caller can store it (hash tiles). */
export interface CompletedNode extends NodeId {
  hash: Uint8Array;
}

export type OnCompleted = (node: CompletedNode) => void;

function assertFrontier(frontier: Frontier, size: number): void {
  assertSize(size, 'tree size');
  if (frontier.length !== popCount(size)) {
    throw new RangeError(`a frontier for size ${size} has ${popCount(size)} hashes, got ${frontier.length}`);
  }
}

/**
 * Appends in place: like a binary increment, each trailing one bit of the size is a perfect
 * subtree that merges with the new one. O(log n) hashes in the worst case, one on average.
 */
function pushLeaf(frontier: Uint8Array[], size: number, leaf: Uint8Array, onCompleted?: OnCompleted): void {
  let hash = leaf;
  let m = size;
  let level = 0;
  while (isOdd(m)) {
    const left = frontier.pop();
    if (left === undefined) throw new RangeError('frontier is shorter than its size implies');
    hash = nodeHash(left, hash);
    m = (m - 1) / 2;
    level++;
    // After `level` halvings, m is the index of the new node on that level.
    if (onCompleted) onCompleted({ level, index: m, hash });
  }
  frontier.push(hash);
}

/** The frontier after appending one leaf hash to a tree of `size` leaves. */
export function append(frontier: Frontier, size: number, leafHash: Uint8Array, onCompleted?: OnCompleted): Uint8Array[] {
  assertFrontier(frontier, size);
  if (size === Number.MAX_SAFE_INTEGER) throw new RangeError('tree is full');
  const next = frontier.slice();
  pushLeaf(next, size, leafHash, onCompleted);
  return next;
}

/** The frontier after appending a batch of leaf hashes in order; equal to repeated `append`. */
export function appendMany(frontier: Frontier, size: number, leafHashes: Iterable<Uint8Array>, onCompleted?: OnCompleted): Uint8Array[] {
  assertFrontier(frontier, size);
  const next = frontier.slice();
  let n = size;
  for (const leaf of leafHashes) {
    if (n === Number.MAX_SAFE_INTEGER) throw new RangeError('tree is full');
    pushLeaf(next, n, leaf, onCompleted);
    n++;
  }
  return next;
}

/** Folds right to left: the smallest (rightmost) subtree is the innermost right child. */
export function foldRight(hashes: readonly Uint8Array[]): Uint8Array {
  const last = hashes[hashes.length - 1];
  if (last === undefined) return EMPTY_ROOT;
  let hash = last;
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i] as Uint8Array, hash);
  return hash;
}

/** The tree root (MTH) for the tree the frontier describes. */
export function rootOfFrontier(frontier: Frontier): Uint8Array {
  return foldRight(frontier);
}

/**
 * Streaming form of the frontier, for re-deriving the root of a whole log entry by entry
 * without holding the leaves. `push` mutates one array; no copy per append.
 */
export class MerkleAccumulator {
  #frontier: Uint8Array[];
  #size: number;

  constructor(frontier: Frontier = [], size = 0) {
    assertFrontier(frontier, size);
    this.#frontier = frontier.slice();
    this.#size = size;
  }

  get size(): number {
    return this.#size;
  }

  get frontier(): Uint8Array[] {
    return this.#frontier.slice();
  }

  push(leafHash: Uint8Array, onCompleted?: OnCompleted): void {
    if (leafHash.length !== HASH_SIZE) throw new RangeError('leaf hash must be 32 bytes');
    pushLeaf(this.#frontier, this.#size, leafHash, onCompleted);
    this.#size++;
  }

  /** Hashes an entry's bytes as a leaf, appends it, and returns the leaf hash. */
  pushEntry(entry: Uint8Array | string): Uint8Array {
    const hash = leafHash(entry);
    pushLeaf(this.#frontier, this.#size, hash);
    this.#size++;
    return hash;
  }

  root(): Uint8Array {
    return foldRight(this.#frontier);
  }
}

/** MTH(D[n]) of a list of leaf hashes, iteratively via the frontier: O(n) time, O(log n) memory. */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  return rootOfFrontier(appendMany([], 0, hashes));
}

// ---------------------------------------------------------------------------------------------
// Ranges and their perfect subtrees

/** Leaves [start, end) of the log. */
export interface SubtreeRange {
  start: number;
  end: number;
}

/**
 * The perfect subtrees whose fold is MTH of leaves [start, end), left to right: one per set bit
 * of the width, largest first. Every range a proof asks for is a node of the tree, so each piece
 * is aligned (its start is a multiple of its width) and is therefore a node a store can hold;
 * an unaligned range is refused rather than silently hashed from the wrong pieces.
 */
export function rangeNodes(start: number, end: number): NodeId[] {
  assertSize(start, 'range start');
  assertSize(end, 'range end');
  if (end <= start) throw new RangeError(`empty range [${start}, ${end})`);
  const nodes: NodeId[] = [];
  let remaining = end - start;
  let width = 2 ** Math.floor(Math.log2(remaining));
  while (width > remaining) width /= 2;
  while (width * 2 <= remaining) width *= 2;
  let level = Math.round(Math.log2(width));
  let position = start;
  while (remaining > 0) {
    if (width <= remaining) {
      if (position % width !== 0) throw new RangeError(`range [${start}, ${end}) is not a node of a Merkle tree`);
      nodes.push({ level, index: position / width });
      position += width;
      remaining -= width;
    }
    width /= 2;
    level--;
  }
  return nodes;
}

/**
 * Where hashes come from for proof generation. `subtreeHash` returns MTH of leaves [start, end)
 * (end − start ≥ 1; the range need not be a perfect subtree when it ends at the tree size).
 * `subtreeHashes`, if present, answers many ranges at once, e.g. in one database round trip.
 */
export interface SubtreeSource {
  subtreeHash(start: number, end: number): Promise<Uint8Array>;
  subtreeHashes?(ranges: readonly SubtreeRange[]): Promise<Uint8Array[]>;
}

/**
 * A SubtreeSource backed by stored perfect-subtree hashes (level 0 = leaf hashes). `getNodes`
 * is called once per batch with every node needed, so a database store can answer in one query.
 */
export function nodeBackedSource(getNodes: (ids: readonly NodeId[]) => Promise<Uint8Array[]>): SubtreeSource {
  const subtreeHashes = async (ranges: readonly SubtreeRange[]): Promise<Uint8Array[]> => {
    const perRange = ranges.map((r) => rangeNodes(r.start, r.end));
    const hashes = await getNodes(perRange.flat());
    if (hashes.length !== perRange.reduce((n, ids) => n + ids.length, 0)) throw new Error('node store returned the wrong number of hashes');
    let offset = 0;
    return perRange.map((ids) => {
      const slice = hashes.slice(offset, offset + ids.length);
      offset += ids.length;
      return foldRight(slice);
    });
  };
  return {
    subtreeHashes,
    async subtreeHash(start, end) {
      const [hash] = await subtreeHashes([{ start, end }]);
      if (hash === undefined) throw new Error('node store returned no hash');
      return hash;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Proof shapes (which ranges a proof consists of) — pure arithmetic, no hashing

/**
 * RFC 9162 §2.1.3.1 PATH(m, D[n]) as ranges, leaf-side first. Walks from the root down, keeping
 * the sibling of the half that contains the leaf; reversed at the end because the RFC's
 * recursion emits the deepest sibling first.
 */
export function inclusionProofRanges(index: number, size: number): SubtreeRange[] {
  assertSize(index, 'leaf index');
  assertSize(size, 'tree size');
  if (index >= size) throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  const ranges: SubtreeRange[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      ranges.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      ranges.push({ start: lo, end: lo + k });
      lo += k;
    }
  }
  return ranges.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as ranges. `complete` is the RFC's
 * boolean: whether the subtree being descended is still a prefix of the old tree's own root, in
 * which case the old root's hash is known to the verifier and is not emitted.
 */
export function consistencyProofRanges(size1: number, size2: number): SubtreeRange[] {
  assertSize(size1, 'old tree size');
  assertSize(size2, 'new tree size');
  if (size1 > size2) throw new RangeError(`old size ${size1} exceeds new size ${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  const ranges: SubtreeRange[] = [];
  let m = size1;
  let lo = 0;
  let hi = size2;
  let complete = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      ranges.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      ranges.push({ start: lo, end: lo + k });
      m -= k;
      lo += k;
      complete = false;
    }
  }
  if (!complete) ranges.push({ start: lo, end: hi });
  return ranges.reverse();
}

async function hashesOf(source: SubtreeSource, ranges: readonly SubtreeRange[]): Promise<Uint8Array[]> {
  if (ranges.length === 0) return [];
  if (source.subtreeHashes) {
    const hashes = await source.subtreeHashes(ranges);
    if (hashes.length !== ranges.length) throw new Error('subtree source returned the wrong number of hashes');
    return hashes;
  }
  return Promise.all(ranges.map((r) => source.subtreeHash(r.start, r.end)));
}

/** The inclusion proof (audit path) for leaf `index` in the tree of `size` leaves. */
export async function inclusionProof(index: number, size: number, source: SubtreeSource): Promise<Uint8Array[]> {
  return hashesOf(source, inclusionProofRanges(index, size));
}

/** The consistency proof from the tree of `size1` leaves to the tree of `size2` leaves. */
export async function consistencyProof(size1: number, size2: number, source: SubtreeSource): Promise<Uint8Array[]> {
  return hashesOf(source, consistencyProofRanges(size1, size2));
}

// ---------------------------------------------------------------------------------------------
// Verification (RFC 9162 §2.1.3.2 and §2.1.4.2). These return false rather than throw: every
// input is attacker-controlled, and a refusal is a normal outcome.

function allHashes(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE);
}

/** Shifts fn and sn right together until fn is odd or zero (the RFC's re-alignment step). */
function skipRightEdge(fn: number, sn: number): [number, number] {
  let f = fn;
  let s = sn;
  while (f % 2 === 0 && f !== 0) {
    f /= 2;
    s = half(s);
  }
  return [f, s];
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` with `leafHash` in the tree of `size` with `root`? */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (!allHashes([leafHash, root]) || !allHashes(proof)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) [fn, sn] = skipRightEdge(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `size2` with `root2` an append-only extension of the tree of
 * `size1` with `root1`? Equal sizes need an empty proof and equal roots; an empty old tree is
 * consistent with anything but must carry the empty-tree root (stricter than the Go reference,
 * which ignores that root).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isSize(size1) || !isSize(size2) || size1 > size2) return false;
  if (!allHashes([root1, root2]) || !allHashes(proof)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0 && bytesEqual(root1, EMPTY_ROOT);
  if (proof.length === 0) return false;
  // When the old tree is a perfect subtree, its root is the starting node and is not in the proof.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = (fn - 1) / 2;
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) [fn, sn] = skipRightEdge(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

// ---------------------------------------------------------------------------------------------
// In-memory tree

/**
 * Every perfect-subtree hash of a tree held in memory (about 2n hashes), the same shape a
 * database keeps as leaf hashes plus stored complete-subtree hashes. Used by tests, by the
 * offline tools, and as the reference a stored implementation is checked against.
 */
export class MemoryTree implements SubtreeSource {
  // levels[h][i] is the hash of the perfect subtree of 2^h leaves starting at leaf i · 2^h.
  readonly #levels: Uint8Array[][] = [[]];

  constructor(leafHashes: Iterable<Uint8Array> = []) {
    for (const hash of leafHashes) this.append(hash);
  }

  static fromEntries(entries: Iterable<Uint8Array | string>): MemoryTree {
    const tree = new MemoryTree();
    for (const entry of entries) tree.append(leafHash(entry));
    return tree;
  }

  get size(): number {
    return this.#level(0).length;
  }

  append(hash: Uint8Array): void {
    if (hash.length !== HASH_SIZE) throw new RangeError('leaf hash must be 32 bytes');
    this.#level(0).push(hash);
    // Each level whose length just became even has completed a pair: hash it one level up.
    for (let level = 0; this.#level(level).length % 2 === 0; level++) {
      const row = this.#level(level);
      const parent = nodeHash(row[row.length - 2] as Uint8Array, row[row.length - 1] as Uint8Array);
      if (this.#levels.length === level + 1) this.#levels.push([]);
      this.#level(level + 1).push(parent);
    }
  }

  /** The stored hash of a perfect subtree, or undefined if it is not complete yet. */
  node(level: number, index: number): Uint8Array | undefined {
    return this.#levels[level]?.[index];
  }

  /** MTH of leaves [start, end) from stored nodes. */
  hashRange(start: number, end: number): Uint8Array {
    if (end > this.size) throw new RangeError(`range [${start}, ${end}) exceeds tree size ${this.size}`);
    return foldRight(
      rangeNodes(start, end).map(({ level, index }) => {
        const hash = this.node(level, index);
        if (hash === undefined) throw new RangeError(`node (${level}, ${index}) is not complete`);
        return hash;
      }),
    );
  }

  root(size = this.size): Uint8Array {
    assertSize(size, 'tree size');
    return size === 0 ? EMPTY_ROOT : this.hashRange(0, size);
  }

  frontier(size = this.size): Uint8Array[] {
    return size === 0 ? [] : rangeNodes(0, size).map(({ level, index }) => this.node(level, index) as Uint8Array);
  }

  inclusionProof(index: number, size = this.size): Uint8Array[] {
    return inclusionProofRanges(index, size).map((r) => this.hashRange(r.start, r.end));
  }

  consistencyProof(size1: number, size2 = this.size): Uint8Array[] {
    return consistencyProofRanges(size1, size2).map((r) => this.hashRange(r.start, r.end));
  }

  async subtreeHash(start: number, end: number): Promise<Uint8Array> {
    return this.hashRange(start, end);
  }

  #level(level: number): Uint8Array[] {
    const row = this.#levels[level];
    if (row === undefined) throw new RangeError(`no level ${level}`);
    return row;
  }
}
