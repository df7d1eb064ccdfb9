import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  append,
  appendMany,
  type CompletedNode,
  consistencyProof,
  consistencyProofRanges,
  EMPTY_ROOT,
  inclusionProof,
  inclusionProofRanges,
  isPowerOfTwo,
  leafHash,
  MemoryTree,
  MerkleAccumulator,
  type NodeId,
  nodeBackedSource,
  nodeHash,
  rangeNodes,
  rootFromLeafHashes,
  rootOfFrontier,
  type SubtreeRange,
  sha256Implementation,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/server/modules/audit/merkle.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(nodeCrypto.createHash('sha256').update(bytes).digest());

// ---------------------------------------------------------------------------------------------
// Reference implementations written straight from the RFC 9162 recursive definitions, sharing
// nothing with the iterative code under test except the two hash functions.

function refMth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(refMth(leaves.slice(0, k)), refMth(leaves.slice(k)));
}

function refPath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...refPath(m, leaves.slice(0, k)), refMth(leaves.slice(k))]
    : [...refPath(m - k, leaves.slice(k)), refMth(leaves.slice(0, k))];
}

function refSubproof(m: number, leaves: readonly Uint8Array[], complete: boolean): Uint8Array[] {
  if (m === leaves.length) return complete ? [] : [refMth(leaves)];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m <= k
    ? [...refSubproof(m, leaves.slice(0, k), complete), refMth(leaves.slice(k))]
    : [...refSubproof(m - k, leaves.slice(k), false), refMth(leaves.slice(0, k))];
}

function refProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return m === 0 ? [] : refSubproof(m, leaves, true);
}

/** Distinct, reproducible leaf hashes: fast-check picks the seed and the size. */
function seededLeaves(seed: number, size: number): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => leafHash(`{"seed":${seed},"seq":${i}}`));
}

function flipBit(hash: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(hash);
  copy[Math.floor(bit / 8) % copy.length] = (copy[Math.floor(bit / 8) % copy.length] as number) ^ (1 << (bit % 8));
  return copy;
}

function withFlip(proof: readonly Uint8Array[], element: number, bit: number): Uint8Array[] {
  return proof.map((h, i) => (i === element ? flipBit(h, bit) : h));
}

// ---------------------------------------------------------------------------------------------
// Known-answer vectors

/**
 * Certificate Transparency reference vectors, from transparency-dev/merkle proof/verify_test.go
 * (the same set as google/certificate-transparency's C++ merkle_tree_test.cc): eight leaves and
 * the expected tree heads for sizes 1…8.
 */
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_LEAF_HASHES = CT_LEAVES.map((leaf) => leafHash(leaf));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** verify_test.go `inclusionProofs` ({leaf, size, proof}); the Go table numbers leaves from 1. */
const CT_INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

/** verify_test.go `consistencyProofs`. */
const CT_CONSISTENCY: { size1: number; size2: number; proof: string[] }[] = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const SOME_HASH = unhex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('hashing (RFC 9162 §2.1)', () => {
  it('uses the one-shot crypto.hash on this Node', () => {
    expect(sha256Implementation).toBe(typeof nodeCrypto.hash === 'function' ? 'crypto.hash' : 'createHash');
  });

  it('matches the transparency-dev/merkle rfc6962 hasher vectors', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(hex(leafHash(Buffer.from('L123456')))).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
  });

  it('hashes interior nodes as SHA-256(0x01 ‖ left ‖ right), and refuses children that are not 32 bytes', () => {
    const [a, b] = [CT_LEAF_HASHES[0] as Uint8Array, CT_LEAF_HASHES[1] as Uint8Array];
    expect(hex(nodeHash(a, b))).toBe(hex(sha256(Buffer.concat([Buffer.from([1]), a, b]))));
    expect(hex(nodeHash(a, b))).toBe(CT_ROOTS[1]);
    expect(hex(nodeHash(a, b))).not.toBe(hex(nodeHash(b, a)));
    expect(() => nodeHash(a.subarray(1), b)).toThrow(RangeError);
    expect(() => nodeHash(a, new Uint8Array(33))).toThrow(RangeError);
  });

  it('separates leaves from nodes: a node hash is not the leaf hash of its children concatenated', () => {
    const [a, b] = [leafHash('Hello'), leafHash('World')];
    expect(hex(nodeHash(a, b))).not.toBe(hex(leafHash(Buffer.concat([a, b]))));
  });

  it('hashes a string as its UTF-8 bytes, including Japanese, non-BMP and very long entries', () => {
    for (const text of ['', '監査ログ', '𠮷野家', 'x'.repeat(10_000), '個人情報'.repeat(30_000)]) {
      const bytes = Buffer.from(text, 'utf8');
      expect(hex(leafHash(text))).toBe(hex(sha256(Buffer.concat([Buffer.from([0]), bytes]))));
      expect(hex(leafHash(bytes))).toBe(hex(leafHash(text)));
    }
  });

  it('hashes any string as the UTF-8 bytes Buffer would write: lone surrogates, NUL, Latin-1, arbitrary code points', () => {
    for (const text of ['\u0000', '\u0000\u0000x', 'é ñ ß ÿ', '\ud800', 'a\udfffb', '\udc00\ud800', '\ufffd\uffff']) {
      expect(hex(leafHash(text))).toBe(hex(sha256(Buffer.concat([Buffer.from([0]), Buffer.from(text, 'utf8')]))));
    }
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        // fast-check's 'binary' unit has no lone surrogates: one is put in at a random place.
        fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
        fc.nat(),
        (text, surrogate, at) => {
          const cut = at % (text.length + 1);
          const whole = text.slice(0, cut) + surrogate + text.slice(cut);
          expect(hex(leafHash(whole))).toBe(hex(sha256(Buffer.concat([Buffer.from([0]), Buffer.from(whole, 'utf8')]))));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns fresh hashes: a later hash does not overwrite an earlier one', () => {
    const first = leafHash('first');
    const copy = hex(first);
    leafHash('second');
    nodeHash(first, first);
    expect(hex(first)).toBe(copy);
  });
});

describe('Merkle Tree Hash against the Certificate Transparency vectors', () => {
  it('gives the expected root for sizes 1…8 (batch, frontier, memory tree, reference)', () => {
    const tree = new MemoryTree(CT_LEAF_HASHES);
    for (let n = 1; n <= 8; n++) {
      const prefix = CT_LEAF_HASHES.slice(0, n);
      expect(hex(rootFromLeafHashes(prefix))).toBe(CT_ROOTS[n - 1]);
      expect(hex(rootOfFrontier(appendMany([], 0, prefix)))).toBe(CT_ROOTS[n - 1]);
      expect(hex(tree.root(n))).toBe(CT_ROOTS[n - 1]);
      expect(hex(refMth(prefix))).toBe(CT_ROOTS[n - 1]);
    }
  });

  it('gives the empty-tree root for no leaves', () => {
    expect(hex(rootFromLeafHashes([]))).toBe(hex(EMPTY_ROOT));
    expect(hex(rootOfFrontier([]))).toBe(hex(EMPTY_ROOT));
    expect(hex(new MemoryTree().root())).toBe(hex(EMPTY_ROOT));
  });

  it.each(CT_INCLUSION)('inclusion proof for leaf $index in a tree of $size', async ({ index, size, proof }) => {
    const tree = new MemoryTree(CT_LEAF_HASHES);
    expect(tree.inclusionProof(index, size).map(hex)).toEqual(proof);
    expect((await inclusionProof(index, size, tree)).map(hex)).toEqual(proof);
    const root = unhex(CT_ROOTS[size - 1] as string);
    const leaf = CT_LEAF_HASHES[index] as Uint8Array;
    const path = proof.map(unhex);
    expect(verifyInclusion(leaf, index, size, path, root)).toBe(true);
    expectInclusionProbesFail(leaf, index, size, path, root);
  });

  it.each(CT_CONSISTENCY)('consistency proof from $size1 to $size2', async ({ size1, size2, proof }) => {
    const tree = new MemoryTree(CT_LEAF_HASHES);
    expect(tree.consistencyProof(size1, size2).map(hex)).toEqual(proof);
    expect((await consistencyProof(size1, size2, tree)).map(hex)).toEqual(proof);
    const root1 = unhex(CT_ROOTS[size1 - 1] as string);
    const root2 = unhex(CT_ROOTS[size2 - 1] as string);
    const path = proof.map(unhex);
    expect(verifyConsistency(size1, size2, path, root1, root2)).toBe(true);
    if (path.length > 0) expectConsistencyProbesFail(size1, size2, path, root1, root2);
  });
});

/** The corruption probes of verify_test.go corruptInclusionProof: each must be refused. */
function expectInclusionProbesFail(leaf: Uint8Array, index: number, size: number, proof: Uint8Array[], root: Uint8Array): void {
  const probes: [string, boolean][] = [
    ['index - 1', verifyInclusion(leaf, index - 1, size, proof, root)],
    ['index + 1', verifyInclusion(leaf, index + 1, size, proof, root)],
    ['index ^ 2', verifyInclusion(leaf, index ^ 2, size, proof, root)],
    ['size * 2', verifyInclusion(leaf, index, size * 2, proof, root)],
    ['size / 2', verifyInclusion(leaf, index, Math.floor(size / 2), proof, root)],
    ['wrong leaf', verifyInclusion(leafHash('WrongLeaf'), index, size, proof, root)],
    ['short leaf', verifyInclusion(Buffer.from('WrongLeaf'), index, size, proof, root)],
    ['empty root', verifyInclusion(leaf, index, size, proof, EMPTY_ROOT)],
    ['random root', verifyInclusion(leaf, index, size, proof, SOME_HASH)],
    ['trailing garbage', verifyInclusion(leaf, index, size, [...proof, new Uint8Array(0)], root)],
    ['trailing root', verifyInclusion(leaf, index, size, [...proof, root], root)],
    ['preceding garbage', verifyInclusion(leaf, index, size, [new Uint8Array(0), ...proof], root)],
    ['preceding root', verifyInclusion(leaf, index, size, [root, ...proof], root)],
  ];
  proof.forEach((_, i) => {
    probes.push([`flipped proof[${i}]`, verifyInclusion(leaf, index, size, withFlip(proof, i, 3), root)]);
  });
  if (proof.length > 0) probes.push(['removed component', verifyInclusion(leaf, index, size, proof.slice(0, -1), root)]);
  if (proof.length > 1) {
    probes.push(['inserted component', verifyInclusion(leaf, index, size, [proof[0] as Uint8Array, SOME_HASH, ...proof.slice(1)], root)]);
  }
  expect(probes.filter(([, accepted]) => accepted).map(([name]) => name)).toEqual([]);
}

/** The corruption probes of verify_test.go corruptConsistencyProof. */
function expectConsistencyProbesFail(size1: number, size2: number, proof: Uint8Array[], root1: Uint8Array, root2: Uint8Array): void {
  const wrong = leafHash('WrongRoot');
  const probes: [string, boolean][] = [
    ['size1 - 1', verifyConsistency(size1 - 1, size2, proof, root1, root2)],
    ['size1 + 1', verifyConsistency(size1 + 1, size2, proof, root1, root2)],
    ['size1 ^ 2', verifyConsistency(size1 ^ 2, size2, proof, root1, root2)],
    ['size2 * 2', verifyConsistency(size1, size2 * 2, proof, root1, root2)],
    ['size2 / 2', verifyConsistency(size1, Math.floor(size2 / 2), proof, root1, root2)],
    ['wrong root1', verifyConsistency(size1, size2, proof, wrong, root2)],
    ['wrong root2', verifyConsistency(size1, size2, proof, root1, wrong)],
    ['short root1', verifyConsistency(size1, size2, proof, Buffer.from('WrongRoot'), root2)],
    ['swapped roots', verifyConsistency(size1, size2, proof, root2, root1)],
    ['empty proof', verifyConsistency(size1, size2, [], root1, root2)],
    ['trailing garbage', verifyConsistency(size1, size2, [...proof, new Uint8Array(0)], root1, root2)],
    ['trailing root1', verifyConsistency(size1, size2, [...proof, root1], root1, root2)],
    ['trailing root2', verifyConsistency(size1, size2, [...proof, root2], root1, root2)],
    ['preceding garbage', verifyConsistency(size1, size2, [new Uint8Array(0), ...proof], root1, root2)],
    ['preceding root1', verifyConsistency(size1, size2, [root1, ...proof], root1, root2)],
    ['preceding root2', verifyConsistency(size1, size2, [root2, ...proof], root1, root2)],
    ['preceding proof[0]', verifyConsistency(size1, size2, [proof[0] as Uint8Array, ...proof], root1, root2)],
    ['truncated proof', verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)],
  ];
  proof.forEach((_, i) => {
    probes.push([`flipped proof[${i}]`, verifyConsistency(size1, size2, withFlip(proof, i, 4), root1, root2)]);
  });
  expect(probes.filter(([, accepted]) => accepted).map(([name]) => name)).toEqual([]);
}

describe('verification edge cases (verify_test.go TestVerifyInclusion / TestVerifyConsistency)', () => {
  it('refuses inclusion in an empty tree or beyond the tree, and wrong-length hashes', () => {
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion(SOME_HASH, index, size, [], new Uint8Array(0))).toBe(false);
      expect(verifyInclusion(new Uint8Array(0), index, size, [], EMPTY_ROOT)).toBe(false);
      expect(verifyInclusion(SOME_HASH, index, size, [], EMPTY_ROOT)).toBe(false);
    }
  });

  it('verifies a single-entry tree: the root is the leaf hash and the proof is empty', () => {
    const hash = leafHash('data');
    expect(verifyInclusion(hash, 0, 1, [], hash)).toBe(true);
    expect(verifyInclusion(hash, 0, 1, [], new Uint8Array(0))).toBe(false);
    expect(verifyInclusion(new Uint8Array(0), 0, 1, [], hash)).toBe(false);
  });

  it('refuses indices and sizes that are not non-negative safe integers', () => {
    const hash = leafHash('data');
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(verifyInclusion(hash, bad, 1, [], hash)).toBe(false);
      expect(verifyInclusion(hash, 0, bad, [], hash)).toBe(false);
      expect(verifyConsistency(bad, 1, [], hash, hash)).toBe(false);
      expect(verifyConsistency(0, bad, [], EMPTY_ROOT, hash)).toBe(false);
    }
  });

  it('handles equal sizes, the empty old tree and time travel as the Go verifier does', () => {
    const [r1, r2] = [leafHash('don’t care 1'), leafHash('don’t care 2')];
    const cases: [number, number, Uint8Array, Uint8Array, Uint8Array[], boolean][] = [
      [0, 0, r1, r2, [], false],
      [1, 1, r1, r2, [], false],
      [0, 0, r1, r1, [], true],
      [1, 1, r2, r2, [], true],
      // Stricter than Go, which accepts any old root for size 0: it must be the empty-tree hash.
      [0, 1, EMPTY_ROOT, r2, [], true],
      [0, 1, r1, r2, [], false],
      [1, 0, r1, r2, [], false],
      [2, 1, r1, r2, [], false],
      [1, 2, r1, r2, [], false],
      [0, 0, EMPTY_ROOT, r2, [], false],
      [1, 1, EMPTY_ROOT, r2, [], false],
      [0, 0, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT], false],
      [0, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT], false],
      [1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT], false],
    ];
    for (const [size1, size2, root1, root2, proof, want] of cases) {
      expect([size1, size2, verifyConsistency(size1, size2, proof, root1, root2)]).toEqual([size1, size2, want]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Proof shapes: transparency-dev/merkle proof/proof_test.go TestInclusion / TestConsistency give
// node IDs (level, index); a "rehash" group there is one folded range here.

const r = (start: number, end: number): SubtreeRange => ({ start, end });

describe('proof shapes (transparency-dev/merkle proof_test.go)', () => {
  const inclusionCases: [number, number, SubtreeRange[]][] = [
    [1, 0, []],
    [2, 0, [r(1, 2)]],
    [2, 1, [r(0, 1)]],
    [3, 1, [r(0, 1), r(2, 3)]],
    [7, 0, [r(1, 2), r(2, 4), r(4, 7)]],
    [7, 1, [r(0, 1), r(2, 4), r(4, 7)]],
    [7, 2, [r(3, 4), r(0, 2), r(4, 7)]],
    [7, 3, [r(2, 3), r(0, 2), r(4, 7)]],
    [7, 4, [r(5, 6), r(6, 7), r(0, 4)]],
    [7, 5, [r(4, 5), r(6, 7), r(0, 4)]],
    [7, 6, [r(4, 6), r(0, 4)]],
    [4, 2, [r(3, 4), r(0, 2)]],
    [5, 3, [r(2, 3), r(0, 2), r(4, 5)]],
    [6, 3, [r(2, 3), r(0, 2), r(4, 6)]],
    [6, 4, [r(5, 6), r(0, 4)]],
    [15, 10, [r(11, 12), r(8, 10), r(12, 15), r(0, 8)]],
    [31, 24, [r(25, 26), r(26, 28), r(28, 31), r(16, 24), r(0, 16)]],
    [95, 81, [r(80, 81), r(82, 84), r(84, 88), r(88, 95), r(64, 80), r(0, 64)]],
  ];
  it.each(inclusionCases)('inclusion in size %i of leaf %i', (size, index, want) => {
    expect(inclusionProofRanges(index, size)).toEqual(want);
  });

  it.each([
    [0, 0],
    [0, 1],
    [1, 2],
    [0, 3],
    [7, 8],
  ])('refuses an inclusion proof in size %i for leaf %i', (size, index) => {
    expect(() => inclusionProofRanges(index, size)).toThrow(RangeError);
  });

  const consistencyCases: [number, number, SubtreeRange[]][] = [
    [1, 2, [r(1, 2)]],
    [1, 4, [r(1, 2), r(2, 4)]],
    [1, 6, [r(1, 2), r(2, 4), r(4, 6)]],
    [2, 3, [r(2, 3)]],
    [2, 8, [r(2, 4), r(4, 8)]],
    [3, 7, [r(2, 3), r(3, 4), r(0, 2), r(4, 7)]],
    [4, 7, [r(4, 7)]],
    [5, 7, [r(4, 5), r(5, 6), r(6, 7), r(0, 4)]],
    [6, 7, [r(4, 6), r(6, 7), r(0, 4)]],
    [7, 8, [r(6, 7), r(7, 8), r(4, 6), r(0, 4)]],
    [1, 1, []],
    [2, 2, []],
    [3, 3, []],
    [4, 4, []],
    [5, 5, []],
    [7, 7, []],
    [8, 8, []],
    [2, 4, [r(2, 4)]],
    [3, 5, [r(2, 3), r(3, 4), r(0, 2), r(4, 5)]],
    [3, 6, [r(2, 3), r(3, 4), r(0, 2), r(4, 6)]],
    [4, 6, [r(4, 6)]],
    [1, 7, [r(1, 2), r(2, 4), r(4, 7)]],
    [10, 15, [r(8, 10), r(10, 12), r(12, 15), r(0, 8)]],
    [24, 31, [r(16, 24), r(24, 31), r(0, 16)]],
    [81, 95, [r(80, 81), r(81, 82), r(82, 84), r(84, 88), r(88, 95), r(64, 80), r(0, 64)]],
  ];
  it.each(consistencyCases)('consistency from %i to %i', (size1, size2, want) => {
    expect(consistencyProofRanges(size1, size2)).toEqual(want);
  });

  it('refuses a consistency proof to a smaller tree', () => {
    expect(() => consistencyProofRanges(5, 0)).toThrow(RangeError);
    expect(() => consistencyProofRanges(9, 8)).toThrow(RangeError);
  });

  it('asks only for aligned nodes a store can hold, even near 2^53', () => {
    const big = 2 ** 52 + 2 ** 40 + 12_345;
    for (const ranges of [
      inclusionProofRanges(big - 1, big),
      inclusionProofRanges(2 ** 51 + 7, big),
      consistencyProofRanges(2 ** 45 + 3, big),
    ]) {
      expect(ranges.length).toBeLessThanOrEqual(60);
      for (const { start, end } of ranges) {
        expect(end).toBeLessThanOrEqual(big);
        expect(() => rangeNodes(start, end)).not.toThrow();
      }
    }
  });
});

describe('integer helpers', () => {
  it('finds the RFC split point exactly, including where Math.log2 rounds', () => {
    expect([2, 3, 4, 5, 8, 9, 1000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 512]);
    expect(splitPoint(2 ** 53 - 1)).toBe(2 ** 52);
    expect(splitPoint(2 ** 52 + 1)).toBe(2 ** 52);
    expect(splitPoint(2 ** 52)).toBe(2 ** 51);
  });

  it('recognises powers of two', () => {
    expect([1, 2, 4, 2 ** 40, 2 ** 52].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 6, 2 ** 40 + 1, 2 ** 53 - 1, -2, 0.5].some(isPowerOfTwo)).toBe(false);
  });

  it('decomposes a range into aligned perfect subtrees, largest first', () => {
    expect(rangeNodes(0, 7)).toEqual<NodeId[]>([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(rangeNodes(88, 95)).toEqual<NodeId[]>([
      { level: 2, index: 22 },
      { level: 1, index: 46 },
      { level: 0, index: 94 },
    ]);
    expect(rangeNodes(2 ** 52, 2 ** 52 + 2 ** 30)).toEqual<NodeId[]>([{ level: 30, index: 2 ** 22 }]);
    expect(() => rangeNodes(1, 3)).toThrow(/not a node/);
    expect(() => rangeNodes(3, 3)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Frontier

describe('frontier', () => {
  it('equals the recursive MTH after every append, for every size up to 300', () => {
    const leaves = seededLeaves(7, 300);
    let frontier: Uint8Array[] = [];
    for (let n = 0; n < leaves.length; n++) {
      frontier = append(frontier, n, leaves[n] as Uint8Array);
      expect(hex(rootOfFrontier(frontier))).toBe(hex(refMth(leaves.slice(0, n + 1))));
    }
  });

  it('holds one hash per set bit of the size', () => {
    const leaves = seededLeaves(8, 100);
    expect(appendMany([], 0, leaves)).toHaveLength(3); // 100 = 0b1100100
    expect(appendMany([], 0, leaves.slice(0, 64))).toHaveLength(1);
    expect(appendMany([], 0, leaves.slice(0, 63))).toHaveLength(6);
  });

  it('refuses a frontier that does not fit its size, and does not modify its input', () => {
    const leaves = seededLeaves(9, 5);
    const frontier = appendMany([], 0, leaves);
    const before = frontier.map(hex);
    expect(() => append(frontier, 4, leafHash('x'))).toThrow(RangeError);
    expect(() => appendMany(frontier, 7, [])).toThrow(RangeError); // 5 and 6 both have two set bits
    append(frontier, 5, leafHash('x'));
    appendMany(frontier, 5, seededLeaves(10, 9));
    expect(frontier.map(hex)).toEqual(before);
  });

  it('reports every perfect subtree it completes, as the memory tree stores them', () => {
    const leaves = seededLeaves(11, 77);
    const completed: CompletedNode[] = [];
    appendMany([], 0, leaves, (node) => completed.push(node));
    const tree = new MemoryTree(leaves);
    // A tree of n leaves has n − popcount(n) interior perfect subtrees.
    expect(completed).toHaveLength(77 - 4);
    for (const { level, index, hash } of completed) expect(hex(hash)).toBe(hex(tree.node(level, index) as Uint8Array));
  });

  it('agrees with the memory tree frontier for a prefix', () => {
    const leaves = seededLeaves(12, 50);
    const tree = new MemoryTree(leaves);
    expect(tree.frontier(37).map(hex)).toEqual(appendMany([], 0, leaves.slice(0, 37)).map(hex));
  });

  it('accumulates a stream of entries to the same root and frontier', () => {
    const entries = Array.from({ length: 123 }, (_, i) => `{"seq":${i},"action":"検索"}`);
    const acc = new MerkleAccumulator();
    for (const entry of entries) acc.pushEntry(entry);
    const leaves = entries.map((e) => leafHash(e));
    expect(acc.size).toBe(123);
    expect(hex(acc.root())).toBe(hex(refMth(leaves)));
    expect(acc.frontier.map(hex)).toEqual(appendMany([], 0, leaves).map(hex));
    const resumed = new MerkleAccumulator(appendMany([], 0, leaves.slice(0, 100)), 100);
    for (const leaf of leaves.slice(100)) resumed.push(leaf);
    expect(hex(resumed.root())).toBe(hex(acc.root()));
  });

  it('property: appendMany in any batches equals repeated append and the recursive MTH', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer(),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }),
        (n, seed, cuts) => {
          const leaves = seededLeaves(seed, n);
          let one: Uint8Array[] = [];
          leaves.forEach((leaf, i) => {
            one = append(one, i, leaf);
          });
          let batched: Uint8Array[] = [];
          let done = 0;
          for (const cut of [...cuts, n]) {
            const batch = leaves.slice(done, Math.min(n, done + cut));
            batched = appendMany(batched, done, batch);
            done += batch.length;
          }
          expect(batched.map(hex)).toEqual(one.map(hex));
          expect(hex(rootOfFrontier(batched))).toBe(hex(refMth(leaves)));
          expect(hex(rootFromLeafHashes(leaves))).toBe(hex(refMth(leaves)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests on proofs

const treeArb = fc.record({ size: fc.integer({ min: 1, max: 300 }), seed: fc.integer() });

describe('inclusion proofs (property)', () => {
  it('every leaf of random trees with random byte leaves has a proof that verifies', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 40 }), (entries) => {
        const tree = MemoryTree.fromEntries(entries);
        const root = tree.root();
        expect(hex(root)).toBe(hex(refMth(entries.map((e) => leafHash(e)))));
        entries.forEach((entry, i) => {
          expect(verifyInclusion(leafHash(entry), i, entries.length, tree.inclusionProof(i), root)).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('every proof of trees up to 300 leaves verifies, and a sampled one equals the RFC PATH', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), ({ size, seed }, pick) => {
        const leaves = seededLeaves(seed, size);
        const tree = new MemoryTree(leaves);
        const root = tree.root();
        for (let i = 0; i < size; i++) expect(verifyInclusion(leaves[i] as Uint8Array, i, size, tree.inclusionProof(i), root)).toBe(true);
        const index = pick % size;
        expect(tree.inclusionProof(index).map(hex)).toEqual(refPath(index, leaves).map(hex));
      }),
      { numRuns: 40 },
    );
  });

  it('any flipped bit, wrong index, wrong size or wrong leaf is refused', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), fc.nat({ max: 255 }), fc.integer({ min: 1, max: 300 }), (t, pick, other, bit, otherSize) => {
        const size = Math.max(t.size, 2);
        const leaves = seededLeaves(t.seed, size);
        const tree = new MemoryTree(leaves);
        const root = tree.root();
        const index = pick % size;
        const leaf = leaves[index] as Uint8Array;
        const proof = tree.inclusionProof(index);
        proof.forEach((_, e) => {
          expect(verifyInclusion(leaf, index, size, withFlip(proof, e, bit), root)).toBe(false);
        });
        expect(verifyInclusion(flipBit(leaf, bit), index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, proof, flipBit(root, bit))).toBe(false);
        const wrongIndex = (index + 1 + (other % (size - 1))) % size;
        expect(verifyInclusion(leaf, wrongIndex, size, proof, root)).toBe(false);
        // A proof from one tree size does not verify against another size's root.
        if (otherSize !== size && index < otherSize) {
          const bigger = new MemoryTree(seededLeaves(t.seed, Math.max(size, otherSize)));
          expect(verifyInclusion(leaf, index, otherSize, proof, bigger.root(otherSize))).toBe(false);
        }
        expect(verifyInclusion(leaf, index, size, proof.slice(1), root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, [...proof, SOME_HASH], root)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('consistency proofs (property)', () => {
  it('every proof between m ≤ n verifies and equals the RFC PROOF', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), ({ size, seed }, pick) => {
        const leaves = seededLeaves(seed, size);
        const tree = new MemoryTree(leaves);
        const size1 = pick % (size + 1);
        const proof = tree.consistencyProof(size1, size);
        expect(proof.map(hex)).toEqual(refProof(size1, leaves).map(hex));
        expect(verifyConsistency(size1, size, proof, tree.root(size1), tree.root())).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('every pair of sizes up to 64 verifies', () => {
    const tree = new MemoryTree(seededLeaves(3, 64));
    for (let n = 1; n <= 64; n++) {
      for (let m = 0; m <= n; m++) expect(verifyConsistency(m, n, tree.consistencyProof(m, n), tree.root(m), tree.root(n))).toBe(true);
    }
  });

  it('a tampered root, flipped bit or wrong size is refused', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat({ max: 255 }), fc.integer({ min: 1, max: 300 }), ({ size, seed }, pick, bit, otherSize1) => {
        const n = Math.max(size, 2);
        const leaves = seededLeaves(seed, n);
        const tree = new MemoryTree(leaves);
        const m = 1 + (pick % (n - 1)); // 1 ≤ m < n: a non-trivial proof
        const [root1, root2] = [tree.root(m), tree.root(n)];
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, proof, flipBit(root1, bit), root2)).toBe(false);
        expect(verifyConsistency(m, n, proof, root1, flipBit(root2, bit))).toBe(false);
        proof.forEach((_, e) => {
          expect(verifyConsistency(m, n, withFlip(proof, e, bit), root1, root2)).toBe(false);
        });
        if (otherSize1 < n && otherSize1 !== m) expect(verifyConsistency(otherSize1, n, proof, tree.root(otherSize1), root2)).toBe(false);
        expect(verifyConsistency(m, n, proof.slice(0, -1), root1, root2)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('detects a rewritten history: no proof from the rewritten tree links the old root to the new one', () => {
    const leaves = seededLeaves(5, 200);
    const old = new MemoryTree(leaves.slice(0, 120));
    const rewritten = leaves.slice();
    rewritten[57] = leafHash('rewritten entry 57');
    const forged = new MemoryTree(rewritten);
    expect(verifyConsistency(120, 200, forged.consistencyProof(120, 200), old.root(), forged.root())).toBe(false);
    expect(verifyConsistency(120, 200, new MemoryTree(leaves).consistencyProof(120, 200), old.root(), forged.root())).toBe(false);
  });
});

describe('subtree sources', () => {
  it('a node-backed source (stored leaf and subtree hashes) gives the same proofs in one batched read', async () => {
    const leaves = seededLeaves(21, 300);
    const tree = new MemoryTree(leaves);
    const reads: number[] = [];
    const source = nodeBackedSource(async (ids) => {
      reads.push(ids.length);
      return ids.map(({ level, index }) => tree.node(level, index) as Uint8Array);
    });
    for (const [index, size] of [
      [0, 1],
      [17, 300],
      [299, 300],
      [128, 129],
    ] as const) {
      expect((await inclusionProof(index, size, source)).map(hex)).toEqual(tree.inclusionProof(index, size).map(hex));
    }
    expect((await consistencyProof(77, 300, source)).map(hex)).toEqual(tree.consistencyProof(77, 300).map(hex));
    expect(hex(await source.subtreeHash(0, 300))).toBe(hex(tree.root()));
    expect(reads).toHaveLength(5); // the empty proof for a one-leaf tree reads nothing
  });

  it('falls back to one subtreeHash call per range when a source has no batch method', async () => {
    const tree = new MemoryTree(seededLeaves(22, 10));
    const calls: [number, number][] = [];
    const source = {
      subtreeHash: async (start: number, end: number) => {
        calls.push([start, end]);
        return tree.hashRange(start, end);
      },
    };
    expect((await inclusionProof(3, 10, source)).map(hex)).toEqual(tree.inclusionProof(3).map(hex));
    expect(calls).toEqual([
      [2, 3],
      [0, 2],
      [4, 8],
      [8, 10],
    ]);
  });

  it('refuses ranges beyond the stored tree', () => {
    const tree = new MemoryTree(seededLeaves(23, 10));
    expect(() => tree.hashRange(8, 11)).toThrow(RangeError);
    expect(() => tree.inclusionProof(10)).toThrow(RangeError);
    expect(() => tree.consistencyProof(3, 11)).toThrow(RangeError);
  });
});
