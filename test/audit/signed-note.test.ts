import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  formatCheckpoint,
  generateSignerKey,
  isValidKeyName,
  NoteError,
  type NoteErrorCode,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  verifierKeyOf,
} from '../../src/server/modules/audit/signed-note.js';

/**
 * Known answers from golang.org/x/mod sumdb/note (note.go package documentation and
 * note_test.go TestSign / TestOpen / TestVerifierList). Ed25519 is deterministic, so signing the
 * same text with the same key must reproduce Go's signature line byte for byte.
 */
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const PETER = {
  name: 'PeterNeumann',
  keyHash: 0xc74f20a3,
  base64: 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
};
const ENOCH = {
  name: 'EnochRoot',
  keyHash: 0xaf0cfe78,
  base64: 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=',
};

/** The NoteError code a call fails with, or 'ok'. */
function outcome(fn: () => unknown): NoteErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof NoteError) return error.code;
    throw error;
  }
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20);
}

/** Go's byte offset 60 inside the signature line; "— " is 4 UTF-8 bytes but 2 UTF-16 units. */
function insertAtGoByte60(line: string, text: string): string {
  return line.slice(0, 58) + text + line.slice(58);
}

describe('keys (golang.org/x/mod/sumdb/note)', () => {
  it('parses the Go signer key and derives its verifier key and key ID', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyHash).toBe(0xc74f20a3);
    expect(verifierKeyOf(signer)).toBe(PETER_VKEY);
    expect(verifierKeyOf(PETER_SKEY)).toBe(PETER_VKEY);
  });

  it('computes the key ID as SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]', () => {
    for (const vkey of [PETER_VKEY, ENOCH_VKEY]) {
      const verifier = parseVerifierKey(vkey);
      const digest = createHash('sha256')
        .update(Buffer.concat([Buffer.from(`${verifier.name}\n`), Buffer.from([0x01]), verifier.publicKey]))
        .digest();
      expect(verifier.keyHash).toBe(digest.readUInt32BE(0));
    }
    expect(parseVerifierKey(ENOCH_VKEY).keyHash).toBe(0xaf0cfe78);
  });

  it('refuses every truncation and every one-character change of the verifier key (TestNewVerifier)', () => {
    const accepted: string[] = [];
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i === 0 && j === PETER_VKEY.length) continue;
        if (outcome(() => parseVerifierKey(PETER_VKEY.slice(i, j))) === 'ok') accepted.push(PETER_VKEY.slice(i, j));
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const mangled = PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      if (outcome(() => parseVerifierKey(mangled)) === 'ok') accepted.push(mangled);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a wrong-length key and an unknown algorithm even with a matching key ID', () => {
    expect(outcome(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='))).toBe('bad_key');
    expect(outcome(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('bad_key');
  });

  it('refuses every truncation and every one-character change of the signer key (TestNewSigner)', () => {
    const accepted: string[] = [];
    for (let i = 0; i <= PETER_SKEY.length; i++) {
      for (let j = i + 1; j <= PETER_SKEY.length; j++) {
        if (i === 0 && j === PETER_SKEY.length) continue;
        if (outcome(() => parseSignerKey(PETER_SKEY.slice(i, j))) === 'ok') accepted.push(PETER_SKEY.slice(i, j));
      }
    }
    for (let i = 0; i < PETER_SKEY.length; i++) {
      const mangled = PETER_SKEY.slice(0, i) + String.fromCharCode(PETER_SKEY.charCodeAt(i) + 1) + PETER_SKEY.slice(i + 1);
      if (outcome(() => parseSignerKey(mangled)) === 'ok') accepted.push(mangled);
    }
    expect(accepted).toEqual([]);
  });

  it('generates keys in the Go encodings that round-trip', () => {
    const skey = generateSignerKey('sekimori.example.lg.jp/audit');
    expect(skey).toMatch(/^PRIVATE\+KEY\+sekimori\.example\.lg\.jp\/audit\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/); // base64 of 33 bytes: no padding
    const vkey = verifierKeyOf(skey);
    expect(vkey).toMatch(/^sekimori\.example\.lg\.jp\/audit\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(vkey.split('+')[1]).toBe(skey.split('+')[3]);
    expect(parseVerifierKey(vkey).keyHash).toBe(parseSignerKey(skey).keyHash);
    expect(generateSignerKey('a')).not.toBe(generateSignerKey('a'));
  });

  it('refuses key names with spaces, pluses or control characters', () => {
    expect(['', 'a b', 'a+b', 'a\u3000b', 'a\u00a0b', 'a\u0085b', 'a\tb', '\ud800'].some(isValidKeyName)).toBe(false);
    expect(['example.com/log', '関守/愛知県警', 'PeterNeumann'].every(isValidKeyName)).toBe(true);
    expect(outcome(() => generateSignerKey('bad name'))).toBe('bad_key');
  });

  it('keeps the private key out of the signer object', () => {
    const signer = parseSignerKey(PETER_SKEY);
    const seed64 = Buffer.from((decodeBase64(PETER_SKEY.split('+').slice(4).join('+')) as Uint8Array).subarray(1)).toString('base64');
    expect(JSON.stringify(signer)).not.toContain(seed64);
    expect(Object.values(signer).some((v) => typeof v === 'string' && v.includes('PRIVATE'))).toBe(false);
  });
});

describe('signing and opening notes', () => {
  it('reproduces the Go signature byte for byte (TestSign)', () => {
    expect(signNote(TEXT, PETER_SKEY)).toBe(`${TEXT}\n${PETER_SIG}`);
    expect(signNote(TEXT, parseSignerKey(PETER_SKEY))).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens the Go-signed note (ExampleOpen)', () => {
    const note = openNote(`${TEXT}\n${PETER_SIG}`, [PETER_VKEY]);
    expect(note.body).toBe(TEXT);
    expect(note.signatures).toEqual([PETER]);
    expect(note.unverified).toEqual([]);
    expect(openNote(Buffer.from(`${TEXT}\n${PETER_SIG}`, 'utf8'), [parseVerifierKey(PETER_VKEY)]).body).toBe(TEXT);
  });

  it('verifies the signatures it knows and sets aside the others (TestOpen)', () => {
    const both = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(openNote(both, [PETER_VKEY])).toEqual({ body: TEXT, signatures: [PETER], unverified: [ENOCH] });
    expect(openNote(both, [PETER_VKEY, ENOCH_VKEY])).toEqual({ body: TEXT, signatures: [PETER, ENOCH], unverified: [] });
    expect(outcome(() => openNote(both, []))).toBe('unknown_key');
  });

  it('refuses an ambiguous verifier list only when the ambiguous key signed', () => {
    expect(outcome(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [ENOCH_VKEY, PETER_VKEY, ENOCH_VKEY]))).toBe('ambiguous_key');
    expect(outcome(() => openNote(`${TEXT}\n${PETER_SIG}`, [ENOCH_VKEY, PETER_VKEY, ENOCH_VKEY]))).toBe('ok');
  });

  it('refuses more than 100 signatures', () => {
    expect(outcome(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [PETER_VKEY]))).toBe('malformed');
    expect(outcome(() => openNote(`${TEXT}\n${PETER_SIG.repeat(16)}`, [PETER_VKEY]))).toBe('ok');
  });

  it('refuses an invalid signature by a known key', () => {
    expect(outcome(() => openNote(`${TEXT}\n${insertAtGoByte60(PETER_SIG, 'ABCD')}`, [PETER_VKEY]))).toBe('bad_signature');
  });

  it('drops duplicated signatures, verified and unverified', () => {
    const enochABCD = {
      ...ENOCH,
      base64: 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=',
    };
    const note = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${insertAtGoByte60(ENOCH_SIG, 'ABCD')}`, [PETER_VKEY]);
    expect(note.signatures).toEqual([PETER]);
    expect(note.unverified).toEqual([ENOCH, enochABCD]);
  });

  it('refuses malformed notes (TestOpen badMsgs and more)', () => {
    const bad: (string | Uint8Array)[] = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]),
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n- PeterNeumann ${PETER.base64}\n`,
      `${TEXT}\n\u2014 PeterNeumann\n`,
      `${TEXT}\n\u2014 PeterNeumann x08g\n`,
      `${TEXT}\n\u2014 PeterNeumann ${PETER.base64.slice(0, -1)}\n`,
      `${TEXT}\n\u2014 PeterNeumann ${PETER.base64}\r\n`,
      `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`,
      `${TEXT}\n${PETER_SIG}\n`,
      `\ud800${TEXT}\n${PETER_SIG}`,
      '',
    ];
    for (const message of bad) expect([message, outcome(() => openNote(message, [PETER_VKEY]))]).toEqual([message, 'malformed']);
  });

  it('round-trips a note signed by several generated keys', () => {
    const [a, b] = [generateSignerKey('log.example/a'), generateSignerKey('witness.example/b')];
    const body = '関守 監査ログ\n\n空行を含む本文\n';
    const note = signNote(body, [a, b]);
    const opened = openNote(note, [verifierKeyOf(a), verifierKeyOf(b)]);
    expect(opened.body).toBe(body);
    expect(opened.signatures.map((s) => s.name)).toEqual(['log.example/a', 'witness.example/b']);
    expect(openNote(note, [verifierKeyOf(b)]).unverified.map((s) => s.name)).toEqual(['log.example/a']);
  });

  it('refuses a note signed by another key, also under the same name', () => {
    const mine = generateSignerKey('sekimori.example/log');
    const theirs = generateSignerKey('sekimori.example/log');
    const forged = signNote(TEXT, theirs);
    expect(outcome(() => openNote(forged, [verifierKeyOf(mine)]))).toBe('unknown_key');
    // The forger copies the real key ID onto its own signature: the signature then fails.
    const realId = Buffer.alloc(4);
    realId.writeUInt32BE(parseSignerKey(mine).keyHash);
    const sig64 = forged.trimEnd().split('\n').at(-1)?.split(' ')[2];
    const blob = decodeBase64(sig64 as string) as Uint8Array;
    const relabelled = Buffer.concat([realId, blob.subarray(4)]).toString('base64');
    expect(outcome(() => openNote(`${TEXT}\n\u2014 sekimori.example/log ${relabelled}\n`, [verifierKeyOf(mine)]))).toBe('bad_signature');
  });

  it('refuses the note after any one-character change to its body', () => {
    const skey = generateSignerKey('sekimori.example/log');
    const vkey = verifierKeyOf(skey);
    const body = formatCheckpoint({ origin: 'sekimori.example/log', size: 1234, root: new Uint8Array(32).fill(7) });
    const note = signNote(body, skey);
    const accepted: number[] = [];
    for (let i = 0; i < body.length - 1; i++) {
      const changed = body.slice(0, i) + String.fromCharCode(body.charCodeAt(i) ^ 1) + body.slice(i + 1);
      if (outcome(() => openNote(changed + note.slice(body.length), [vkey])) === 'ok') accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('property: any signed body round-trips, and any changed character is refused', () => {
    const skey = generateSignerKey('prop.example/log');
    const vkey = verifierKeyOf(skey);
    const line = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => !hasControlCharacter(s));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.nat(), (lines, pick) => {
        const body = `${lines.join('\n')}\n`;
        const note = signNote(body, skey);
        expect(openNote(note, [vkey]).body).toBe(body);
        const i = pick % (body.length - 1);
        const changed = `${body.slice(0, i)}${body[i] === 'x' ? 'y' : 'x'}${body.slice(i + 1)}`;
        expect(outcome(() => openNote(changed + note.slice(body.length), [vkey]))).not.toBe('ok');
      }),
      { numRuns: 100 },
    );
  });

  it('refuses to sign a body that could not be opened', () => {
    expect(outcome(() => signNote('no final newline', PETER_SKEY))).toBe('malformed');
    expect(outcome(() => signNote('tab\there\n', PETER_SKEY))).toBe('malformed');
    expect(outcome(() => signNote(TEXT, []))).toBe('malformed');
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  const root = new Uint8Array(Buffer.from('0a7a8f4e6b2c1d3e5f60718293a4b5c6d7e8f90112233445566778899aabbccd', 'hex'));

  it('formats origin, decimal size and base64 root, one per line', () => {
    expect(formatCheckpoint({ origin: 'sekimori.example/aichi', size: 0, root })).toBe(
      `sekimori.example/aichi\n0\n${Buffer.from(root).toString('base64')}\n`,
    );
    expect(formatCheckpoint({ origin: 'o', size: 42, root, extensions: ['ext one', 'ext two'] })).toBe(
      `o\n42\n${Buffer.from(root).toString('base64')}\next one\next two\n`,
    );
  });

  it('parses the C2SP specification example', () => {
    const cp = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(Buffer.from(cp.root).toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(cp.extensions).toEqual([]);
  });

  it('round-trips through signing and opening', () => {
    const skey = generateSignerKey('sekimori.example/aichi');
    const note = signCheckpoint(
      { origin: 'sekimori.example/aichi', size: 1_800_000_000, root, extensions: ['timestamp 1700000000'] },
      skey,
    );
    const { checkpoint } = openCheckpoint(note, [verifierKeyOf(skey)]);
    expect(checkpoint).toEqual({
      origin: 'sekimori.example/aichi',
      size: 1_800_000_000,
      root: expect.any(Uint8Array),
      extensions: ['timestamp 1700000000'],
    });
    expect(Buffer.from(checkpoint.root).equals(Buffer.from(root))).toBe(true);
  });

  it('refuses malformed checkpoint bodies', () => {
    const b64 = Buffer.from(root).toString('base64');
    const bad = [
      `o\n1\n${b64}`,
      `\n1\n${b64}\n`,
      `o\n01\n${b64}\n`,
      `o\n-1\n${b64}\n`,
      `o\n+1\n${b64}\n`,
      `o\n1.0\n${b64}\n`,
      `o\n 1\n${b64}\n`,
      `o\n9007199254740992\n${b64}\n`,
      `o\n1\n\n`,
      `o\n1\n${b64.slice(0, -4)}\n`,
      `o\n1\n${Buffer.alloc(33).toString('base64')}\n`,
      `o\n1\n${b64.replace('=', '')}\n`,
      `o\n1\n${b64}\n\n`,
      `o\n1\n${b64}\next\n\nmore\n`,
      'o\n1\n',
    ];
    for (const body of bad) expect([body, outcome(() => parseCheckpoint(body))]).toEqual([body, 'malformed']);
  });

  it('refuses to format what it could not parse back', () => {
    expect(outcome(() => formatCheckpoint({ origin: '', size: 1, root }))).toBe('malformed');
    expect(outcome(() => formatCheckpoint({ origin: 'a\nb', size: 1, root }))).toBe('malformed');
    expect(outcome(() => formatCheckpoint({ origin: 'o', size: -1, root }))).toBe('malformed');
    expect(outcome(() => formatCheckpoint({ origin: 'o', size: 1.5, root }))).toBe('malformed');
    expect(outcome(() => formatCheckpoint({ origin: 'o', size: 1, root: root.subarray(1) }))).toBe('malformed');
    expect(outcome(() => formatCheckpoint({ origin: 'o', size: 1, root, extensions: [''] }))).toBe('malformed');
  });
});

describe('strict base64', () => {
  it('accepts only canonical padded standard base64', () => {
    expect(decodeBase64('')?.length).toBe(0);
    expect(Buffer.from(decodeBase64('AQID') as Uint8Array)).toEqual(Buffer.from([1, 2, 3]));
    for (const bad of ['AQI', 'AQ==x', 'A-_B', 'AQ=', 'AR==', ' AQID', 'AQID\n', 'AQ\nID'])
      expect([bad, decodeBase64(bad)]).toEqual([bad, undefined]);
  });
});
