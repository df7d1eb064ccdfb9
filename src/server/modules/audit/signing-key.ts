import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateSignerKey, parseSignerKey, parseVerifierKey, verifierKeyOf } from './signed-note.js';

/**
 * AUD-3: the checkpoint signing key lives in a file outside the database (mode 0600), created on
 * first start. Whoever can rewrite the database cannot sign a checkpoint for the rewritten log.
 */
export function loadOrCreateSigningKey(path: string, keyName: string): { signerKey: string; verifierKey: string; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${generateSignerKey(keyName)}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  chmodSync(path, 0o600);
  const signerKey = readFileSync(path, 'utf8').trim();
  parseSignerKey(signerKey);
  return { signerKey, verifierKey: verifierKeyOf(signerKey), created };
}

/**
 * The verifier (public) key for a key file, without ever creating one: `audit verify` must not
 * invent a key that would then "verify" nothing. Accepts the signing key file (the verifier key is
 * derived from it) or a file holding a verifier key, such as the export directory's verifier.key.
 * Returns null when the file does not exist; throws when it holds no valid key.
 */
export function readVerifierKey(path: string): string | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8').trim();
  if (text.startsWith('PRIVATE+KEY+')) return verifierKeyOf(text);
  parseVerifierKey(text);
  return text;
}
