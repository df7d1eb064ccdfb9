import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyExportDir } from '../../src/server/modules/audit/export-verifier.js';
import { leafHash, MemoryTree } from '../../src/server/modules/audit/merkle.js';
import { generateSignerKey, signCheckpoint, verifierKeyOf } from '../../src/server/modules/audit/signed-note.js';

/**
 * `audit verify-offline --dir`: an auditor's copy of the export directory (checkpoints and complete
 * leaf tiles, laid out as checkpointer.ts writes them) is checked with the verifier key alone.
 */
const ORIGIN = 'sekimori.example.lg.jp/audit';
const SIZE = 600;
const signer = generateSignerKey(ORIGIN);
const verifier = verifierKeyOf(signer);
const leaves = Array.from({ length: SIZE }, (_, seq) => leafHash(`{"seq":${seq},"v":1}`));
const tree = new MemoryTree(leaves);

let dir: string;

function writeCheckpoint(size: number, name = join('checkpoints', String(size)), root = tree.root(size), key = signer): void {
  writeFileSync(join(dir, name), signCheckpoint({ origin: ORIGIN, size, root }, key));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sekimori-export-'));
  mkdirSync(join(dir, 'checkpoints'));
  mkdirSync(join(dir, 'tile', '0'), { recursive: true });
  for (const idx of [0, 1]) writeFileSync(join(dir, 'tile', '0', String(idx)), Buffer.concat(leaves.slice(idx * 256, idx * 256 + 256)));
  for (const size of [0, 1, 256, 300, 512, 600]) writeCheckpoint(size);
  writeCheckpoint(600, 'checkpoint');
  writeFileSync(join(dir, 'verifier.key'), `${verifier}\n`);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('verifyExportDir', () => {
  it('checks every signature and recomputes the root of each checkpoint the complete tiles cover', () => {
    const report = verifyExportDir(dir, [verifier]);
    expect(report).toMatchObject({
      ok: true,
      origin: ORIGIN,
      checkpointsVerified: 7,
      latest: { size: 600 },
      leavesInTiles: 512,
      rootsMatched: [0, 1, 256, 300, 512],
      notCheckable: [600],
      problems: [],
    });
  });

  it('names a changed byte in an exported tile', () => {
    const path = join(dir, 'tile', '0', '1');
    const tile = readFileSync(path);
    tile[40] = (tile[40] as number) ^ 1;
    writeFileSync(path, tile);
    const report = verifyExportDir(dir, [verifier]);
    expect(report.ok).toBe(false);
    expect(report.rootsMatched).toEqual([0, 1, 256]);
    expect(report.problems[0]).toMatch(/do not give the root signed in checkpoints\/300 \(size 300\)/);
  });

  it('refuses a checkpoint signed by another key, a renamed one, and a fork (two roots for one size)', () => {
    writeCheckpoint(300, join('checkpoints', '300'), tree.root(300), generateSignerKey(ORIGIN));
    writeFileSync(join(dir, 'checkpoints', '257'), readFileSync(join(dir, 'checkpoints', '256')));
    writeCheckpoint(600, 'checkpoint', tree.root(599));
    const problems = verifyExportDir(dir, [verifier]).problems.join('\n');
    expect(problems).toMatch(/checkpoints\/300 does not verify: note has no signature by a known key/);
    expect(problems).toMatch(/checkpoints\/257 is named 257 but signs size 256/);
    expect(problems).toMatch(/sign different roots for size 600 \(a fork\)/);
  });

  it('reports a truncated tile and a missing directory', () => {
    writeFileSync(join(dir, 'tile', '0', '0'), Buffer.concat(leaves.slice(0, 255)));
    const report = verifyExportDir(dir, [verifier]);
    expect(report.problems).toContain(`tile/0/0 holds ${255 * 32} bytes, not ${256 * 32}`);
    expect(report.notCheckable).toEqual([1, 256, 300, 512, 600]);
    expect(verifyExportDir(join(dir, 'nope'), [verifier]).problems).toEqual([`${join(dir, 'nope')} is not a directory`]);
  });
});
