/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519, and transparency-log checkpoints
 * (https://c2sp.org/tlog-checkpoint), wire-compatible with golang.org/x/mod/sumdb/note so that
 * off-the-shelf tools (and witnesses) can check Sekimori's checkpoints.
 *
 *   note      = text ("\n"-terminated) ‖ "\n" ‖ 1+ lines "— <key name> <base64(key ID ‖ signature)>\n"
 *   key ID    = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte Ed25519 public key)[:4], big-endian uint32
 *   verifier  = "<name>+<8 hex key ID>+<base64(0x01 ‖ public key)>"
 *   signer    = "PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 ‖ 32-byte seed)>"
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { LONE_SURROGATE } from '../../shared/unicode.js';

const ALG_ED25519 = 0x01;
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
/** The Go reference stops at 100 signatures; C2SP requires accepting at least 16. */
const MAX_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 '; // em dash, space

// DER wrappers that turn a raw 32-byte Ed25519 seed or public key into what node:crypto imports
// (RFC 8410): PKCS#8 PrivateKeyInfo and SubjectPublicKeyInfo with the id-Ed25519 OID.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export type NoteErrorCode = 'malformed' | 'bad_key' | 'unknown_key' | 'ambiguous_key' | 'bad_signature';

/** Every refusal carries a code, so callers (the offline verifier, `audit verify`) can report why. */
export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface NoteVerifier {
  readonly name: string;
  /** The key ID as an unsigned 32-bit integer. */
  readonly keyHash: number;
  readonly publicKey: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyHash: number;
  readonly publicKey: Uint8Array;
  /** Signs with a private key held only in this closure, so the object never serialises it. */
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteSignature {
  name: string;
  keyHash: number;
  /** base64(key ID ‖ signature), exactly as it appears on the signature line. */
  base64: string;
}

export interface OpenedNote {
  /** The signed text, including its final newline. */
  body: string;
  /** Signatures by the given verifiers, all checked. */
  signatures: NoteSignature[];
  /** Signatures by keys not given (ignored, as C2SP requires; e.g. witnesses' cosignatures). */
  unverified: NoteSignature[];
}

// ---------------------------------------------------------------------------------------------
// Encoding helpers

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard (RFC 4648 §4) padded base64, strictly: Buffer.from(…, 'base64') silently skips invalid
 * characters, and a lenient decoder would let one signature have many spellings.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000B-\u001F]/;
const UNICODE_SPACE = /\p{White_Space}/u;

/** A JavaScript string that encodes to valid UTF-8 (no lone surrogates). */
function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Key names: non-empty, no Unicode space (Go's unicode.IsSpace = White_Space), no '+'. */
export function isValidKeyName(name: string): boolean {
  return name !== '' && isWellFormed(name) && !UNICODE_SPACE.test(name) && !name.includes('+') && !CONTROL_EXCEPT_NEWLINE.test(name);
}

function keyHashOf(name: string, algAndKey: Uint8Array): number {
  const digest = createHash('sha256').update(name, 'utf8').update('\n').update(algAndKey).digest();
  return digest.readUInt32BE(0);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function withAlg(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + key.length);
  out[0] = ALG_ED25519;
  out.set(key, 1);
  return out;
}

/** Splits at the first separator, as the Go reference's chop does; base64 may itself contain '+'. */
function chop(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + separator.length)];
}

function parseKeyHash(hex: string): number | undefined {
  return /^[0-9a-fA-F]{8}$/.test(hex) ? Number.parseInt(hex, 16) : undefined;
}

/** Decodes base64(0x01 ‖ 32 bytes); anything else is refused, as only Ed25519 is supported. */
function decodeEd25519Key(text: string, what: string): Uint8Array {
  const decoded = decodeBase64(text);
  if (decoded === undefined || decoded.length === 0) throw new NoteError('bad_key', `malformed ${what}`);
  if (decoded[0] !== ALG_ED25519) throw new NoteError('bad_key', `unsupported ${what} algorithm ${decoded[0]}`);
  if (decoded.length !== 1 + ED25519_KEY_SIZE) throw new NoteError('bad_key', `malformed ${what}`);
  return decoded.subarray(1);
}

// ---------------------------------------------------------------------------------------------
// Keys

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const spki = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - ED25519_KEY_SIZE));
}

function rawSeed(key: KeyObject): Uint8Array {
  const pkcs8 = key.export({ format: 'der', type: 'pkcs8' });
  return new Uint8Array(pkcs8.subarray(pkcs8.length - ED25519_KEY_SIZE));
}

function encodeSignerKey(name: string, keyHash: number, seed: Uint8Array): string {
  return `PRIVATE+KEY+${name}+${hex8(keyHash)}+${encodeBase64(withAlg(seed))}`;
}

function encodeVerifierKey(name: string, keyHash: number, publicKey: Uint8Array): string {
  return `${name}+${hex8(keyHash)}+${encodeBase64(withAlg(publicKey))}`;
}

/** A new Ed25519 signer key, encoded for the key file ("PRIVATE+KEY+…"). */
export function generateSignerKey(name: string): string {
  if (!isValidKeyName(name)) throw new NoteError('bad_key', `invalid key name ${JSON.stringify(name)}`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return encodeSignerKey(name, keyHashOf(name, withAlg(rawPublicKey(publicKey))), rawSeed(privateKey));
}

/** Parses an encoded signer key, checking its key ID against the public key derived from the seed. */
export function parseSignerKey(encoded: string): NoteSigner {
  const [private1, afterPrivate] = chop(encoded.trim(), '+');
  const [private2, afterKey] = chop(afterPrivate, '+');
  const [name, afterName] = chop(afterKey, '+');
  const [hashHex, key64] = chop(afterName, '+');
  const claimedHash = parseKeyHash(hashHex);
  if (private1 !== 'PRIVATE' || private2 !== 'KEY' || claimedHash === undefined || !isValidKeyName(name)) {
    throw new NoteError('bad_key', 'malformed signer key');
  }
  const seed = decodeEd25519Key(key64, 'signer key');
  const privateKey = privateKeyFromSeed(seed);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  if (keyHashOf(name, withAlg(publicKey)) !== claimedHash) throw new NoteError('bad_key', 'signer key ID does not match its key');
  return {
    name,
    keyHash: claimedHash,
    publicKey,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/** Parses an encoded verifier key ("<name>+<hex>+<base64>"), checking its key ID. */
export function parseVerifierKey(encoded: string): NoteVerifier {
  const [name, afterName] = chop(encoded.trim(), '+');
  const [hashHex, key64] = chop(afterName, '+');
  const claimedHash = parseKeyHash(hashHex);
  if (claimedHash === undefined || !isValidKeyName(name)) throw new NoteError('bad_key', 'malformed verifier key');
  const raw = decodeEd25519Key(key64, 'verifier key');
  if (keyHashOf(name, withAlg(raw)) !== claimedHash) throw new NoteError('bad_key', 'verifier key ID does not match its key');
  const key = publicKeyFromRaw(raw);
  return {
    name,
    keyHash: claimedHash,
    publicKey: raw,
    verify: (message, signature) => signature.length === ED25519_SIGNATURE_SIZE && verify(null, message, key, signature),
  };
}

/** The public verifier key for a signer, to hand to auditors and witnesses. */
export function verifierKeyOf(signer: NoteSigner | string): string {
  const s = typeof signer === 'string' ? parseSignerKey(signer) : signer;
  return encodeVerifierKey(s.name, s.keyHash, s.publicKey);
}

// ---------------------------------------------------------------------------------------------
// Notes

function assertNoteText(text: string): void {
  if (!isWellFormed(text) || CONTROL_EXCEPT_NEWLINE.test(text)) {
    throw new NoteError('malformed', 'note must be UTF-8 without control characters other than newline');
  }
}

/** Signs a note body (which must end in a newline) with one or more signers. */
export function signNote(body: string, signers: NoteSigner | string | readonly (NoteSigner | string)[]): string {
  if (!body.endsWith('\n')) throw new NoteError('malformed', 'note text must end with a newline');
  assertNoteText(body);
  const list = (Array.isArray(signers) ? signers : [signers]) as readonly (NoteSigner | string)[];
  if (list.length === 0) throw new NoteError('malformed', 'a note needs at least one signer');
  const message = Buffer.from(body, 'utf8');
  const lines = list.map((entry) => {
    const signer = typeof entry === 'string' ? parseSignerKey(entry) : entry;
    if (!isValidKeyName(signer.name)) throw new NoteError('bad_key', 'invalid signer name');
    const blob = Buffer.alloc(4 + ED25519_SIGNATURE_SIZE);
    blob.writeUInt32BE(signer.keyHash, 0);
    blob.set(signer.sign(message), 4);
    return `${SIGNATURE_PREFIX}${signer.name} ${blob.toString('base64')}\n`;
  });
  return `${body}\n${lines.join('')}`;
}

function decodeNoteText(text: string | Uint8Array): string {
  if (typeof text === 'string') return text;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(text);
  } catch {
    throw new NoteError('malformed', 'note is not valid UTF-8');
  }
}

function verifierIndex(verifiers: readonly (NoteVerifier | string)[]): Map<string, NoteVerifier[]> {
  const index = new Map<string, NoteVerifier[]>();
  for (const entry of verifiers) {
    const v = typeof entry === 'string' ? parseVerifierKey(entry) : entry;
    const id = `${v.name}+${hex8(v.keyHash)}`;
    index.set(id, [...(index.get(id) ?? []), v]);
  }
  return index;
}

interface SignatureLine {
  name: string;
  keyHash: number;
  base64: string;
  signature: Uint8Array;
}

function parseSignatureLine(line: string): SignatureLine {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('malformed', 'signature line must start with an em dash and a space');
  const [name, base64] = chop(line.slice(SIGNATURE_PREFIX.length), ' ');
  const blob = decodeBase64(base64);
  if (!isValidKeyName(name) || base64 === '' || blob === undefined || blob.length < 5) {
    throw new NoteError('malformed', 'malformed signature line');
  }
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  return { name, keyHash: view.readUInt32BE(0), base64, signature: blob.subarray(4) };
}

/**
 * Opens a signed note: every signature by a given verifier must verify, signatures by other keys
 * are set aside, and at least one given verifier must have signed. Throws NoteError otherwise.
 */
export function openNote(text: string | Uint8Array, verifiers: readonly (NoteVerifier | string)[]): OpenedNote {
  const note = decodeNoteText(text);
  assertNoteText(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed', 'note has no signature block');
  const body = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new NoteError('malformed', 'signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed', `more than ${MAX_SIGNATURES} signatures`);

  const known = verifierIndex(verifiers);
  const message = Buffer.from(body, 'utf8');
  const signatures: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const parsed = parseSignatureLine(line);
    const id = `${parsed.name}+${hex8(parsed.keyHash)}`;
    const candidates = known.get(id);
    const record = { name: parsed.name, keyHash: parsed.keyHash, base64: parsed.base64 };
    if (candidates === undefined) {
      if (!unverified.some((u) => u.name === record.name && u.base64 === record.base64)) unverified.push(record);
      continue;
    }
    if (candidates.length > 1) throw new NoteError('ambiguous_key', `ambiguous key ${id}`);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!candidates[0]?.verify(message, parsed.signature)) throw new NoteError('bad_signature', `invalid signature for key ${id}`);
    signatures.push(record);
  }
  if (signatures.length === 0) {
    const names = unverified.map((u) => `${u.name}+${hex8(u.keyHash)}`).join(', ');
    throw new NoteError('unknown_key', `note has no signature by a known key (signed by ${names})`);
  }
  return { body, signatures, unverified };
}

// ---------------------------------------------------------------------------------------------
// Checkpoints

export interface Checkpoint {
  /** The log's identity, e.g. "sekimori.example.lg.jp/audit/aichi". */
  origin: string;
  size: number;
  root: Uint8Array;
  /** Optional extra lines (C2SP: opaque, non-empty, not recommended). */
  extensions?: readonly string[];
}

function assertLine(line: string, what: string): void {
  if (line === '' || line.includes('\n')) throw new NoteError('malformed', `${what} must be one non-empty line`);
}

/** The checkpoint note body: origin, decimal size, base64 root, then any extension lines. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  assertLine(checkpoint.origin, 'origin');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0)
    throw new NoteError('malformed', 'size must be a non-negative integer');
  if (checkpoint.root.length !== 32) throw new NoteError('malformed', 'root must be 32 bytes');
  const extensions = checkpoint.extensions ?? [];
  for (const line of extensions) assertLine(line, 'extension line');
  const body = [checkpoint.origin, String(checkpoint.size), encodeBase64(checkpoint.root), ...extensions].map((l) => `${l}\n`).join('');
  assertNoteText(body);
  return body;
}

/** Parses a checkpoint note body (the text of an opened note), strictly. */
export function parseCheckpoint(body: string): Checkpoint & { extensions: string[] } {
  if (!body.endsWith('\n')) throw new NoteError('malformed', 'checkpoint must end with a newline');
  const [origin = '', sizeText = '', rootText = '', ...extensions] = body.slice(0, -1).split('\n');
  if (origin === '') throw new NoteError('malformed', 'checkpoint origin is empty');
  // Decimal, no sign, no leading zeros (except "0" itself), as the checkpoint spec requires.
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText)) throw new NoteError('malformed', 'checkpoint size is not a canonical decimal');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new NoteError('malformed', 'checkpoint size is too large');
  const root = decodeBase64(rootText);
  if (root === undefined || root.length !== 32) throw new NoteError('malformed', 'checkpoint root is not a base64 SHA-256 hash');
  if (extensions.some((line) => line === '')) throw new NoteError('malformed', 'checkpoint extension lines must be non-empty');
  return { origin, size, root, extensions };
}

/** Formats and signs a checkpoint. */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner | string): string {
  return signNote(formatCheckpoint(checkpoint), signer);
}

/** Opens a signed checkpoint note and parses its body. */
export function openCheckpoint(
  text: string | Uint8Array,
  verifiers: readonly (NoteVerifier | string)[],
): { checkpoint: Checkpoint & { extensions: string[] }; note: OpenedNote } {
  const note = openNote(text, verifiers);
  return { checkpoint: parseCheckpoint(note.body), note };
}
