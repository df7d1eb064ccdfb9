/**
 * What an auditor runs on exported files alone, trusting nothing but the log's verifier key:
 * an inclusion bundle proves one entry is in the log as of a signed checkpoint, and a
 * consistency bundle proves a later signed checkpoint extends an earlier one (the log was only
 * appended to in between). Pure functions: no database, no network, no clock.
 */
import { canonicalJson, type JsonValue } from './canonical-json.js';
import { bytesEqual, leafHash, verifyConsistency, verifyInclusion } from './merkle.js';
import {
  type Checkpoint,
  decodeBase64,
  encodeBase64,
  NoteError,
  type NoteVerifier,
  openCheckpoint,
  parseVerifierKey,
} from './signed-note.js';

/** `audit proof --seq N` output. */
export interface InclusionBundle {
  /** The entry's canonical JSON (RFC 8785), exactly the bytes that were hashed. */
  entry: string;
  /** Zero-based sequence number = leaf index. */
  seq: number;
  /** base64 SHA-256(0x00 ‖ entry bytes). */
  leafHash: string;
  /** base64 audit path, leaf side first. */
  proof: string[];
  /** Signed checkpoint note (C2SP tlog-checkpoint). */
  checkpoint: string;
}

/** `audit consistency --from A --to B` output. */
export interface ConsistencyBundle {
  older: string;
  newer: string;
  proof: string[];
}

export interface CheckpointSummary {
  origin: string;
  size: number;
  /** base64 root hash. */
  root: string;
}

export type VerificationResult = { ok: true; checkpoint: CheckpointSummary; older?: CheckpointSummary } | { ok: false; reason: string };

type Verifiers = string | NoteVerifier | readonly (string | NoteVerifier)[];

class BundleError extends Error {}

function fail(reason: string): never {
  throw new BundleError(reason);
}

/** Parses the auditor's keys first, so a mistyped key is reported as such and not as a bad checkpoint. */
function verifierList(verifiers: Verifiers): NoteVerifier[] {
  const list = typeof verifiers === 'string' || !Array.isArray(verifiers) ? [verifiers as string | NoteVerifier] : verifiers;
  try {
    return list.map((v) => (typeof v === 'string' ? parseVerifierKey(v) : v));
  } catch (error) {
    if (error instanceof NoteError) fail(`verifier key: ${error.message}`);
    throw error;
  }
}

function summary(checkpoint: Checkpoint): CheckpointSummary {
  return { origin: checkpoint.origin, size: checkpoint.size, root: encodeBase64(checkpoint.root) };
}

function openSigned(note: unknown, verifiers: readonly NoteVerifier[], what: string): Checkpoint {
  if (typeof note !== 'string') fail(`${what} is missing`);
  try {
    return openCheckpoint(note, verifiers).checkpoint;
  } catch (error) {
    if (error instanceof NoteError) fail(`${what}: ${error.message}`);
    throw error;
  }
}

function decodeProof(proof: unknown): Uint8Array[] {
  if (!Array.isArray(proof)) fail('proof is not a list');
  return proof.map((item, i) => {
    const hash = typeof item === 'string' ? decodeBase64(item) : undefined;
    if (hash === undefined || hash.length !== 32) fail(`proof[${i}] is not a base64 SHA-256 hash`);
    return hash;
  });
}

/** Entries are stored in canonical form; a bundle whose entry is not canonical was not exported by Sekimori. */
function assertCanonicalEntry(entry: string): void {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(entry) as JsonValue;
  } catch {
    fail('entry is not JSON');
  }
  if (canonicalJson(parsed) !== entry) fail('entry is not in canonical form (RFC 8785)');
}

function run(check: () => VerificationResult): VerificationResult {
  try {
    return check();
  } catch (error) {
    if (error instanceof BundleError) return { ok: false, reason: error.message };
    return { ok: false, reason: `unreadable bundle: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Checks, in order: the checkpoint is signed by the given key; the entry's bytes hash to the
 * stated leaf hash; the audit path leads from that leaf at `seq` to the checkpoint's root.
 */
export function verifyInclusionBundle(bundle: InclusionBundle, verifierKey: Verifiers): VerificationResult {
  return run(() => {
    const checkpoint = openSigned(bundle.checkpoint, verifierList(verifierKey), 'checkpoint');
    if (typeof bundle.entry !== 'string') fail('entry is missing');
    if (!Number.isSafeInteger(bundle.seq) || bundle.seq < 0) fail('seq is not a non-negative integer');
    if (bundle.seq >= checkpoint.size) fail(`seq ${bundle.seq} is not covered by a checkpoint of size ${checkpoint.size}`);
    assertCanonicalEntry(bundle.entry);
    const computed = leafHash(bundle.entry);
    const stated = typeof bundle.leafHash === 'string' ? decodeBase64(bundle.leafHash) : undefined;
    if (stated === undefined || !bytesEqual(stated, computed)) fail('entry does not match its leaf hash');
    const proof = decodeProof(bundle.proof);
    if (!verifyInclusion(computed, bundle.seq, checkpoint.size, proof, checkpoint.root)) {
      fail(`inclusion proof does not lead from entry ${bundle.seq} to the checkpoint root`);
    }
    return { ok: true, checkpoint: summary(checkpoint) };
  });
}

/**
 * Checks both checkpoints are signed by the given key and name the same log, and that the
 * proof shows the newer tree contains the older one unchanged.
 */
export function verifyConsistencyBundle(bundle: ConsistencyBundle, verifierKey: Verifiers): VerificationResult {
  return run(() => {
    const verifiers = verifierList(verifierKey);
    const older = openSigned(bundle.older, verifiers, 'older checkpoint');
    const newer = openSigned(bundle.newer, verifiers, 'newer checkpoint');
    if (older.origin !== newer.origin) fail(`checkpoints are from different logs (${older.origin}, ${newer.origin})`);
    if (older.size > newer.size) fail(`older checkpoint (size ${older.size}) is larger than the newer one (size ${newer.size})`);
    const proof = decodeProof(bundle.proof);
    if (!verifyConsistency(older.size, newer.size, proof, older.root, newer.root)) {
      fail(`checkpoint of size ${newer.size} is not an extension of the checkpoint of size ${older.size}`);
    }
    return { ok: true, checkpoint: summary(newer), older: summary(older) };
  });
}
