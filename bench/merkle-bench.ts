/**
 * Audit-log verification cost on one core, in process: the bare SHA-256 leaf-hashing rate of N
 * ~200-byte entries beside the full re-derivation rate (leaf hashes + frontier appends + final
 * root) over the same bytes, as `sekimori audit verify` does it. Target: full ≥ 150,000 entries/s.
 *
 * Each figure is the best of several interleaved rounds, so a noisy neighbour on a shared
 * machine lowers both sides together rather than skewing the ratio.
 */
import * as nodeCrypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { canonicalJson } from '../src/server/modules/audit/canonical-json.js';
import { leafHash, MerkleAccumulator, sha256Implementation } from '../src/server/modules/audit/merkle.js';

const PAYLOAD_BYTES = 200;

export interface MerkleBenchOptions {
  entries?: number;
  rounds?: number;
}

/** Canonical audit-entry JSON padded to exactly PAYLOAD_BYTES of UTF-8. */
function payload(seq: number): string {
  const base = {
    action: 'person.search',
    actor: { unit: 'B1', user: `u-${seq % 1000}` },
    outcome: 'allowed',
    pad: '',
    seq,
    time: new Date(1_700_000_000_000 + seq).toISOString(),
  };
  const padding = PAYLOAD_BYTES - Buffer.byteLength(canonicalJson(base), 'utf8');
  return canonicalJson({ ...base, pad: 'x'.repeat(Math.max(0, padding)) });
}

function rate(n: number, ms: number): number {
  return (n / ms) * 1000;
}

function fmt(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en')}/s`;
}

/** Runs `fn` once per round and keeps the best (fastest) time. */
function best(rounds: number, fn: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

export async function benchMerkle(options: MerkleBenchOptions = {}): Promise<string[]> {
  const n = options.entries ?? 200_000;
  const rounds = options.rounds ?? 5;
  const texts = Array.from({ length: n }, (_, i) => payload(i));
  const bytes = texts.map((t) => Buffer.from(t, 'utf8'));
  const avgBytes = bytes.reduce((sum, b) => sum + b.length, 0) / n;

  const bareLeaves = (): void => {
    for (const b of bytes) leafHash(b);
  };
  const fullBytes = (): void => {
    const acc = new MerkleAccumulator();
    for (const b of bytes) acc.pushEntry(b);
    acc.root();
  };
  const fullText = (): void => {
    const acc = new MerkleAccumulator();
    for (const t of texts) acc.pushEntry(t);
    acc.root();
  };
  // The same 0x00-prefixed input through each node:crypto entry point, to justify the choice.
  const prefixed = bytes.map((b) => Buffer.concat([Buffer.from([0]), b]));
  const viaCreateHash = (): void => {
    for (const b of prefixed) nodeCrypto.createHash('sha256').update(b).digest();
  };
  const viaOneShot = (): void => {
    for (const b of prefixed) nodeCrypto.hash('sha256', b, 'buffer');
  };

  // Warm up every path so the first measured round is not paying for JIT compilation.
  for (const fn of [bareLeaves, fullBytes, fullText]) best(1, fn);

  let bare = Number.POSITIVE_INFINITY;
  let full = Number.POSITIVE_INFINITY;
  let text = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    bare = Math.min(bare, best(1, bareLeaves));
    full = Math.min(full, best(1, fullBytes));
    text = Math.min(text, best(1, fullText));
  }

  const lines = [
    `merkle: ${n.toLocaleString('en')} entries of ${avgBytes.toFixed(0)} bytes, one core, best of ${rounds} (SHA-256 via ${sha256Implementation})`,
    `  bare SHA-256 leaf hashing:            ${fmt(rate(n, bare))}`,
    `  full re-derivation (leaf+frontier+root): ${fmt(rate(n, full))}  (${((rate(n, full) / rate(n, bare)) * 100).toFixed(0)}% of bare; target ≥ 150,000/s)`,
    `  full re-derivation from text entries:   ${fmt(rate(n, text))}`,
  ];
  if (typeof nodeCrypto.hash === 'function') {
    const sample = Math.min(rounds, 3);
    lines.push(
      `  SHA-256 entry point: crypto.hash ${fmt(rate(n, best(sample, viaOneShot)))} vs createHash ${fmt(rate(n, best(sample, viaCreateHash)))}`,
    );
  }
  return lines;
}

// Allows `npx tsx bench/merkle-bench.ts` on its own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchMerkle()) console.log(line);
}
