import { hash, verify } from '@node-rs/argon2';

/** ID-2: argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). */
// algorithm 2 = Argon2id (the library's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A real argon2id hash of a random secret: unknown IDs are checked against it so that
 * "no such ID" costs the same time as "wrong password" (ID-5, same answer either way).
 */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummy;
}
