import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/server/modules/audit/canonical-json.js';
import { leafHash, MemoryTree } from '../../src/server/modules/audit/merkle.js';
import {
  type ConsistencyBundle,
  type InclusionBundle,
  type VerificationResult,
  verifyConsistencyBundle,
  verifyInclusionBundle,
} from '../../src/server/modules/audit/offline-verifier.js';
import { generateSignerKey, parseVerifierKey, signCheckpoint, verifierKeyOf } from '../../src/server/modules/audit/signed-note.js';

const ORIGIN = 'sekimori.example.lg.jp/audit/aichi';
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** A log as the server would hold it: canonical entries, their tree, and a signer. */
interface Log {
  entries: string[];
  tree: MemoryTree;
  signer: string;
  verifier: string;
}

function entryAt(seq: number): string {
  return canonicalJson({
    seq,
    time: { utc: new Date(Date.UTC(2025, 3, 1, 0, 0, seq)).toISOString(), offset: '+09:00' },
    actor: { user: `u-${seq % 7}`, unit: '生活安全課', role: '捜査員' },
    action: seq % 3 === 0 ? 'person.search' : 'auth.login',
    outcome: seq % 11 === 0 ? 'denied' : 'allowed',
    purpose: '捜査事項照会',
  });
}

function makeLog(size: number, signer = generateSignerKey(ORIGIN), make: (seq: number) => string = entryAt): Log {
  const entries = Array.from({ length: size }, (_, seq) => make(seq));
  return { entries, tree: MemoryTree.fromEntries(entries), signer, verifier: verifierKeyOf(signer) };
}

function checkpointOf(log: Log, size = log.tree.size, signer = log.signer, origin = ORIGIN): string {
  return signCheckpoint({ origin, size, root: log.tree.root(size) }, signer);
}

/** What `audit proof --seq N` exports. */
function inclusionBundle(log: Log, seq: number, size = log.tree.size): InclusionBundle {
  return {
    entry: log.entries[seq] as string,
    seq,
    leafHash: b64(leafHash(log.entries[seq] as string)),
    proof: log.tree.inclusionProof(seq, size).map(b64),
    checkpoint: checkpointOf(log, size),
  };
}

/** What `audit consistency --from A --to B` exports. */
function consistencyBundle(log: Log, from: number, to: number): ConsistencyBundle {
  return { older: checkpointOf(log, from), newer: checkpointOf(log, to), proof: log.tree.consistencyProof(from, to).map(b64) };
}

function reasonOf(result: VerificationResult): string {
  return result.ok ? 'ok' : result.reason;
}

let log: Log;
beforeAll(() => {
  log = makeLog(300);
});

describe('inclusion bundles', () => {
  it('verify for every entry of the log, and name the checkpoint they were checked against', () => {
    const checkpoint = checkpointOf(log);
    for (let seq = 0; seq < log.entries.length; seq++) {
      const bundle = { ...inclusionBundle(log, seq), checkpoint };
      expect([seq, reasonOf(verifyInclusionBundle(bundle, log.verifier))]).toEqual([seq, 'ok']);
    }
    expect(verifyInclusionBundle(inclusionBundle(log, 42), log.verifier)).toEqual({
      ok: true,
      checkpoint: { origin: ORIGIN, size: 300, root: b64(log.tree.root()) },
    });
  });

  it('verify against an older checkpoint that already covered the entry', () => {
    expect(reasonOf(verifyInclusionBundle(inclusionBundle(log, 99, 100), log.verifier))).toBe('ok');
    expect(reasonOf(verifyInclusionBundle(inclusionBundle(log, 0, 1), log.verifier))).toBe('ok');
  });

  it('accept a parsed verifier key and a list of keys (key rotation)', () => {
    const bundle = inclusionBundle(log, 7);
    expect(reasonOf(verifyInclusionBundle(bundle, parseVerifierKey(log.verifier)))).toBe('ok');
    expect(reasonOf(verifyInclusionBundle(bundle, [verifierKeyOf(generateSignerKey(ORIGIN)), log.verifier]))).toBe('ok');
  });

  it('refuse an entry changed by one character', () => {
    const bundle = inclusionBundle(log, 10);
    const entry = bundle.entry.replace('生活安全課', '生活安全部');
    expect(reasonOf(verifyInclusionBundle({ ...bundle, entry }, log.verifier))).toBe('entry does not match its leaf hash');
  });

  it('refuse an entry rewritten together with its leaf hash: the path no longer reaches the signed root', () => {
    const bundle = inclusionBundle(log, 10);
    const entry = bundle.entry.replace('"allowed"', '"denied"');
    expect(entry).not.toBe(bundle.entry);
    const forged = { ...bundle, entry, leafHash: b64(leafHash(entry)) };
    expect(reasonOf(verifyInclusionBundle(forged, log.verifier))).toBe(
      'inclusion proof does not lead from entry 10 to the checkpoint root',
    );
  });

  it('refuse an entry that is not in canonical form, even if its hash matches', () => {
    const bundle = inclusionBundle(log, 3);
    const reordered = JSON.stringify({ z: 1, a: 2 });
    expect(reasonOf(verifyInclusionBundle({ ...bundle, entry: reordered, leafHash: b64(leafHash(reordered)) }, log.verifier))).toBe(
      'entry is not in canonical form (RFC 8785)',
    );
    expect(reasonOf(verifyInclusionBundle({ ...bundle, entry: 'not json', leafHash: b64(leafHash('not json')) }, log.verifier))).toBe(
      'entry is not JSON',
    );
  });

  it('refuse another entry’s proof, a wrong sequence number, or a tampered proof', () => {
    const bundle = inclusionBundle(log, 20);
    expect(reasonOf(verifyInclusionBundle({ ...bundle, seq: 21 }, log.verifier))).toMatch(/does not lead from entry 21/);
    expect(reasonOf(verifyInclusionBundle({ ...bundle, proof: inclusionBundle(log, 21).proof }, log.verifier))).toMatch(/does not lead/);
    const proof = bundle.proof.slice();
    const first = Buffer.from(proof[0] as string, 'base64');
    first[0] = (first[0] as number) ^ 1;
    proof[0] = first.toString('base64');
    expect(reasonOf(verifyInclusionBundle({ ...bundle, proof }, log.verifier))).toMatch(/does not lead/);
    expect(reasonOf(verifyInclusionBundle({ ...bundle, proof: bundle.proof.slice(1) }, log.verifier))).toMatch(/does not lead/);
  });

  it('refuse a sequence number the checkpoint does not cover', () => {
    const bundle = inclusionBundle(log, 150, 151);
    expect(reasonOf(verifyInclusionBundle({ ...bundle, seq: 151 }, log.verifier))).toBe(
      'seq 151 is not covered by a checkpoint of size 151',
    );
    expect(reasonOf(verifyInclusionBundle({ ...bundle, seq: -1 }, log.verifier))).toBe('seq is not a non-negative integer');
    expect(reasonOf(verifyInclusionBundle({ ...bundle, seq: 1.5 }, log.verifier))).toBe('seq is not a non-negative integer');
  });

  it('refuse a checkpoint signed by another key, or not signed by the given one', () => {
    const impostor = generateSignerKey(ORIGIN);
    const bundle = { ...inclusionBundle(log, 5), checkpoint: checkpointOf(log, log.tree.size, impostor) };
    expect(reasonOf(verifyInclusionBundle(bundle, log.verifier))).toMatch(/^checkpoint: note has no signature by a known key/);
    expect(reasonOf(verifyInclusionBundle(inclusionBundle(log, 5), verifierKeyOf(impostor)))).toMatch(/^checkpoint: note has no signature/);
  });

  it('refuse a checkpoint whose root or size was altered after signing', () => {
    const bundle = inclusionBundle(log, 5);
    const otherRoot = b64(log.tree.root(299));
    const alteredRoot = bundle.checkpoint.replace(b64(log.tree.root()), otherRoot);
    expect(alteredRoot).not.toBe(bundle.checkpoint);
    expect(reasonOf(verifyInclusionBundle({ ...bundle, checkpoint: alteredRoot }, log.verifier))).toMatch(/^checkpoint: invalid signature/);
    const alteredSize = bundle.checkpoint.replace('\n300\n', '\n301\n');
    expect(reasonOf(verifyInclusionBundle({ ...bundle, checkpoint: alteredSize }, log.verifier))).toMatch(/^checkpoint: invalid signature/);
  });

  it('report unreadable bundles as refusals instead of throwing', () => {
    const bundle = inclusionBundle(log, 5);
    const broken = [
      { ...bundle, proof: 'AAAA' },
      { ...bundle, proof: ['not base64!'] },
      { ...bundle, proof: [b64(new Uint8Array(31))] },
      { ...bundle, leafHash: 'nope' },
      { ...bundle, entry: 42 },
      { ...bundle, checkpoint: undefined },
      { ...bundle, checkpoint: 'garbage' },
    ] as unknown as InclusionBundle[];
    const reasons = broken.map((b) => reasonOf(verifyInclusionBundle(b, log.verifier)));
    expect(reasons).toEqual([
      'proof is not a list',
      'proof[0] is not a base64 SHA-256 hash',
      'proof[0] is not a base64 SHA-256 hash',
      'entry does not match its leaf hash',
      'entry is missing',
      'checkpoint is missing',
      'checkpoint: note has no signature block',
    ]);
    expect(reasonOf(verifyInclusionBundle(bundle, 'not a key'))).toBe('verifier key: malformed verifier key');
    expect(reasonOf(verifyConsistencyBundle(consistencyBundle(log, 1, 2), []))).toMatch(/^older checkpoint: note has no signature/);
  });

  it('survive a JSON round trip of the exported files', () => {
    const bundle = JSON.parse(JSON.stringify(inclusionBundle(log, 123))) as InclusionBundle;
    expect(reasonOf(verifyInclusionBundle(bundle, log.verifier))).toBe('ok');
  });
});

describe('consistency bundles', () => {
  it('verify between any two checkpoints of the same log', () => {
    for (const [from, to] of [
      [0, 300],
      [1, 300],
      [120, 300],
      [128, 256],
      [299, 300],
      [300, 300],
      [7, 8],
    ] as const) {
      expect([from, to, reasonOf(verifyConsistencyBundle(consistencyBundle(log, from, to), log.verifier))]).toEqual([from, to, 'ok']);
    }
    expect(verifyConsistencyBundle(consistencyBundle(log, 100, 200), log.verifier)).toEqual({
      ok: true,
      checkpoint: { origin: ORIGIN, size: 200, root: b64(log.tree.root(200)) },
      older: { origin: ORIGIN, size: 100, root: b64(log.tree.root(100)) },
    });
  });

  it('detect a rewritten entry even when every later hash and the head were recomputed and re-signed', () => {
    // The auditor holds a checkpoint exported before the rewrite; the rewritten log signs a new one.
    const older = checkpointOf(log, 120);
    const rewritten = makeLog(300, log.signer, (seq) => (seq === 57 ? entryAt(58) : entryAt(seq)));
    const newer = checkpointOf(rewritten, 300);
    const proof = rewritten.tree.consistencyProof(120, 300).map(b64);
    expect(reasonOf(verifyConsistencyBundle({ older, newer, proof }, log.verifier))).toBe(
      'checkpoint of size 300 is not an extension of the checkpoint of size 120',
    );
    // The rewritten entry's own inclusion proof against the new checkpoint is fine: only the
    // consistency check against an exported checkpoint reveals the rewrite.
    expect(reasonOf(verifyInclusionBundle(inclusionBundle(rewritten, 57), log.verifier))).toBe('ok');
  });

  it('detect a truncated and regrown log (entries deleted, then new ones appended)', () => {
    const older = checkpointOf(log, 250);
    const regrown = makeLog(300, log.signer, (seq) => (seq < 200 ? entryAt(seq) : entryAt(seq + 1000)));
    const bundle = { older, newer: checkpointOf(regrown), proof: regrown.tree.consistencyProof(250, 300).map(b64) };
    expect(reasonOf(verifyConsistencyBundle(bundle, log.verifier))).toMatch(/is not an extension/);
  });

  it('refuse a tampered or truncated proof', () => {
    const bundle = consistencyBundle(log, 100, 300);
    const proof = bundle.proof.slice();
    proof[1] = b64(leafHash('x'));
    expect(reasonOf(verifyConsistencyBundle({ ...bundle, proof }, log.verifier))).toMatch(/is not an extension/);
    expect(reasonOf(verifyConsistencyBundle({ ...bundle, proof: bundle.proof.slice(0, -1) }, log.verifier))).toMatch(/is not an extension/);
    expect(reasonOf(verifyConsistencyBundle({ ...bundle, proof: [] }, log.verifier))).toMatch(/is not an extension/);
  });

  it('refuse checkpoints in the wrong order, from different logs, or by another key', () => {
    const bundle = consistencyBundle(log, 100, 300);
    expect(reasonOf(verifyConsistencyBundle({ ...bundle, older: bundle.newer, newer: bundle.older }, log.verifier))).toBe(
      'older checkpoint (size 300) is larger than the newer one (size 100)',
    );
    const otherOrigin = checkpointOf(log, 300, log.signer, 'sekimori.example.lg.jp/audit/gifu');
    expect(reasonOf(verifyConsistencyBundle({ ...bundle, newer: otherOrigin }, log.verifier))).toBe(
      `checkpoints are from different logs (${ORIGIN}, sekimori.example.lg.jp/audit/gifu)`,
    );
    const impostor = checkpointOf(log, 300, generateSignerKey(ORIGIN));
    expect(reasonOf(verifyConsistencyBundle({ ...bundle, newer: impostor }, log.verifier))).toMatch(
      /^newer checkpoint: note has no signature/,
    );
    expect(reasonOf(verifyConsistencyBundle({ ...bundle, older: 'junk' }, log.verifier))).toMatch(/^older checkpoint: /);
  });

  it('refuse equal sizes with different roots (a fork)', () => {
    const fork = makeLog(300, log.signer, (seq) => entryAt(seq === 299 ? 5000 : seq));
    const bundle = { older: checkpointOf(log, 300), newer: checkpointOf(fork, 300), proof: [] };
    expect(reasonOf(verifyConsistencyBundle(bundle, log.verifier))).toMatch(/is not an extension/);
  });
});
