/**
 * `sekimori audit verify-offline --dir`: what an auditor can check on a copy of the export
 * directory alone (no database, no server), trusting nothing but the log's verifier key:
 * - every exported checkpoint (checkpoints/<size> and the latest, checkpoint) is signed by the key,
 *   names the size its file name says, and all name the same log (origin);
 * - no two signed checkpoints give different roots for the same size (a fork);
 * - the leaf-hash tiles (tile/0/<idx>, 256 hashes each) recompute the root of every checkpoint
 *   they cover — so the exported checkpoints form one append-only log.
 * Checkpoints beyond the tiles (the last partial tile is not exported) are reported as not
 * checkable from these files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bytesEqual, HASH_SIZE, MerkleAccumulator } from './merkle.js';
import { encodeBase64, NoteError, type NoteVerifier, openCheckpoint, parseVerifierKey } from './signed-note.js';
import { TILE_WIDTH } from './tiles.js';

export interface ExportDirReport {
  ok: boolean;
  dir: string;
  origin: string | null;
  /** Signed checkpoint files that verified. */
  checkpointsVerified: number;
  latest: { size: number; root: string } | null;
  /** Leaves covered by the contiguous complete tiles tile/0/0 … */
  leavesInTiles: number;
  /** Checkpoint sizes whose root was recomputed from the tiles and matched. */
  rootsMatched: number[];
  /** Checkpoint sizes beyond the exported tiles: signature checked, root not recomputable here. */
  notCheckable: number[];
  problems: string[];
}

interface Exported {
  file: string;
  size: number;
  root: Uint8Array;
  origin: string;
}

function numericNames(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /^(?:0|[1-9][0-9]*)$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
}

function why(e: unknown): string {
  return e instanceof NoteError || e instanceof Error ? e.message : String(e);
}

export function verifyExportDir(dir: string, verifierKeys: readonly string[]): ExportDirReport {
  const problems: string[] = [];
  const report = (fields: Partial<ExportDirReport>): ExportDirReport => ({
    ok: problems.length === 0,
    dir,
    origin: null,
    checkpointsVerified: 0,
    latest: null,
    leavesInTiles: 0,
    rootsMatched: [],
    notCheckable: [],
    problems,
    ...fields,
  });
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    problems.push(`${dir} is not a directory`);
    return report({});
  }
  let verifiers: NoteVerifier[];
  try {
    verifiers = verifierKeys.map((k) => parseVerifierKey(k));
  } catch (e) {
    problems.push(`verifier key: ${why(e)}`);
    return report({});
  }
  if (verifiers.length === 0) {
    problems.push('no verifier key given');
    return report({});
  }

  const exported: Exported[] = [];
  const open = (file: string, expectedSize: number | null) => {
    try {
      const { checkpoint } = openCheckpoint(readFileSync(join(dir, file)), verifiers);
      if (expectedSize !== null && checkpoint.size !== expectedSize)
        problems.push(`${file} is named ${expectedSize} but signs size ${checkpoint.size}`);
      exported.push({ file, size: checkpoint.size, root: checkpoint.root, origin: checkpoint.origin });
    } catch (e) {
      problems.push(`${file} does not verify: ${why(e)}`);
    }
  };
  for (const size of numericNames(join(dir, 'checkpoints'))) open(join('checkpoints', String(size)), size);
  const historic = exported.length;
  if (existsSync(join(dir, 'checkpoint'))) open('checkpoint', null);
  if (exported.length === 0 && problems.length === 0) problems.push('no exported checkpoint found (checkpoint, checkpoints/<size>)');

  const origins = [...new Set(exported.map((c) => c.origin))];
  if (origins.length > 1) problems.push(`checkpoints name different logs: ${origins.join(', ')}`);
  const latestFile = exported.length > historic ? exported[exported.length - 1] : undefined;
  const maxHistoric = exported.slice(0, historic).reduce((m, c) => Math.max(m, c.size), -1);
  if (latestFile && latestFile.size < maxHistoric) {
    problems.push(`the file "checkpoint" (size ${latestFile.size}) is older than checkpoints/${maxHistoric}`);
  }

  // One root per size: two signed roots for one size would be a fork of the log.
  const bySize = new Map<number, Exported[]>();
  for (const c of exported) bySize.set(c.size, [...(bySize.get(c.size) ?? []), c]);
  for (const [size, list] of bySize) {
    const first = list[0] as Exported;
    for (const other of list.slice(1)) {
      if (!bytesEqual(first.root, other.root))
        problems.push(`${first.file} and ${other.file} sign different roots for size ${size} (a fork)`);
    }
  }

  // Complete leaf tiles, contiguous from tile 0.
  const tileDir = join(dir, 'tile', '0');
  const tiles = numericNames(tileDir);
  let contiguous = 0;
  while (tiles[contiguous] === contiguous) contiguous++;
  const covered = contiguous * TILE_WIDTH;
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  const rootsMatched: number[] = [];
  const notCheckable = sizes.filter((s) => s > covered);
  const checkable = sizes.filter((s) => s <= covered);
  const acc = new MerkleAccumulator();
  const compare = (size: number) => {
    const root = acc.root();
    const signed = (bySize.get(size) as Exported[])[0] as Exported;
    if (bytesEqual(root, signed.root)) rootsMatched.push(size);
    else
      problems.push(`the exported leaf tiles do not give the root signed in ${signed.file} (size ${size}): a tile or the log was altered`);
  };
  let next = 0;
  while (next < checkable.length && checkable[next] === 0) compare(checkable[next++] as number);
  for (let idx = 0; idx < contiguous && next < checkable.length; idx++) {
    const tile = readFileSync(join(tileDir, String(idx)));
    if (tile.length !== TILE_WIDTH * HASH_SIZE) {
      problems.push(`tile/0/${idx} holds ${tile.length} bytes, not ${TILE_WIDTH * HASH_SIZE}`);
      break;
    }
    for (let i = 0; i < TILE_WIDTH; i++) {
      acc.push(new Uint8Array(tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
      while (next < checkable.length && checkable[next] === acc.size) compare(checkable[next++] as number);
    }
  }
  // Sizes the loop did not reach (a malformed tile stopped it) were not checked either.
  notCheckable.push(...checkable.slice(next));
  notCheckable.sort((a, b) => a - b);
  const latest = exported.reduce<Exported | null>((m, c) => (m === null || c.size > m.size ? c : m), null);
  return report({
    ok: problems.length === 0,
    origin: origins[0] ?? null,
    checkpointsVerified: exported.length,
    latest: latest ? { size: latest.size, root: encodeBase64(latest.root) } : null,
    leavesInTiles: covered,
    rootsMatched,
    notCheckable,
  });
}
