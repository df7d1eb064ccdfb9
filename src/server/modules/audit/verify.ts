import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Db,
  listCheckpoints,
  listPurges,
  maxSeqFrom,
  readCanonicalRange,
  readCanonicalText,
  readHead,
  readTileRange,
} from './log-repo.js';
import { bytesEqual, HASH_SIZE, leafHash, MerkleAccumulator } from './merkle.js';
import { encodeBase64, NoteError, openCheckpoint } from './signed-note.js';
import { TILE_WIDTH } from './tiles.js';

export interface VerifyOptions {
  /** Public keys (note verifier strings) whose checkpoint signatures are accepted. */
  verifierKeys: string[];
  /** The exported copy (checkpoints and leaf tiles) an auditor keeps outside the database. */
  exportDir?: string | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  batchSize?: number;
}

export interface Problem {
  /** The first entry concerned, when one can be named. */
  seq: number | null;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  size: number;
  root: string;
  entriesChecked: number;
  purgedEntries: number;
  checkpointsChecked: number;
  exportedCheckpointsChecked: number;
  /** The first problem in log order: the entry an auditor looks at first. */
  firstBad: Problem | null;
  problems: Problem[];
}

interface Target {
  size: number;
  root: Uint8Array;
  where: string;
}

function readExported(
  dir: string,
  verifierKeys: string[],
  problems: Problem[],
): { targets: Target[]; tiles: (idx: number) => Uint8Array | null } {
  const targets: Target[] = [];
  const cpDir = join(dir, 'checkpoints');
  const names = existsSync(cpDir) ? readdirSync(cpDir).filter((n) => /^\d+$/.test(n)) : [];
  for (const name of names) {
    try {
      const { checkpoint } = openCheckpoint(readFileSync(join(cpDir, name)), verifierKeys);
      if (String(checkpoint.size) !== name)
        problems.push({ seq: null, message: `exported checkpoint file ${name} names size ${checkpoint.size}` });
      targets.push({ size: checkpoint.size, root: checkpoint.root, where: `exported checkpoint ${name}` });
    } catch (e) {
      const why = e instanceof NoteError ? e.message : String(e);
      problems.push({ seq: null, message: `exported checkpoint ${name} does not verify: ${why}` });
    }
  }
  const tileDir = join(dir, 'tile', '0');
  return {
    targets,
    tiles: (idx) => {
      const path = join(tileDir, String(idx));
      return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
    },
  };
}

/** The top-level "seq" of a canonical entry: keys are sorted and nested objects come before it. */
function embeddedSeq(canonical: string): number | null {
  const at = canonical.lastIndexOf('"seq":');
  if (at < 0) return null;
  let value = 0;
  let i = at + 6;
  for (; i < canonical.length; i++) {
    const c = canonical.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  const end = canonical.charCodeAt(i);
  return i > at + 6 && (end === 44 || end === 125) ? value : null;
}

/**
 * A batch's rows from the one-text read; the row-by-row read when the text cannot be trusted to
 * split (a row holding a line break, which no canonical entry does, is a tampered row).
 */
async function readBatch(db: Db, from: number, to: number): Promise<{ seq: number; canonical: string }[]> {
  const { rows, text } = await readCanonicalText(db, from, to);
  if (rows === 0) return [];
  const lines = text.split('\n');
  if (lines.length !== rows) return readCanonicalRange(db, from, to);
  const out: { seq: number; canonical: string }[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const space = line.indexOf(' ');
    const seq = Number(line.slice(0, space));
    if (space <= 0 || !Number.isSafeInteger(seq)) return readCanonicalRange(db, from, to);
    out[i] = { seq, canonical: line.slice(space + 1) };
  }
  return out;
}

/**
 * `sekimori audit verify`: re-derives every leaf and the root from the stored entries, checks that
 * positions are gap-free, that each leaf matches the stored and the exported tiles, that every
 * stored and exported checkpoint is signed by a trusted key and matches the tree at its size, and
 * that the head matches. Names the first bad entry.
 */
export async function verifyLog(db: Db, options: VerifyOptions): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const targets: Target[] = [];

  let checkpointsChecked = 0;
  for (const cp of await listCheckpoints(db)) {
    try {
      const { checkpoint } = openCheckpoint(cp.note, options.verifierKeys);
      if (checkpoint.size !== cp.size || !bytesEqual(checkpoint.root, cp.root)) {
        problems.push({ seq: null, message: `stored checkpoint ${cp.size}: its columns differ from its signed note` });
      }
      targets.push({ size: checkpoint.size, root: checkpoint.root, where: `stored checkpoint ${cp.size}` });
      checkpointsChecked++;
    } catch (e) {
      problems.push({ seq: null, message: `stored checkpoint ${cp.size} does not verify: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const exported = options.exportDir ? readExported(options.exportDir, options.verifierKeys, problems) : null;
  const exportedCheckpointsChecked = exported?.targets.length ?? 0;
  if (exported) targets.push(...exported.targets);
  // The head is read after every checkpoint, and only entries below it are read: appends that
  // commit while a live server is verified neither look like removed nor like inserted entries.
  const head = await readHead(db);
  for (const t of targets) {
    if (t.size > head.size)
      problems.push({ seq: head.size, message: `${t.where} has ${t.size} entries but the log only ${head.size}: entries were removed` });
  }
  const bySize = new Map<number, Target[]>();
  for (const t of targets) bySize.set(t.size, [...(bySize.get(t.size) ?? []), t]);

  const purges = await listPurges(db);
  const isPurged = (seq: number) => purges.some((p) => seq >= p.first && seq <= p.last);
  const acc = new MerkleAccumulator();
  const batch = options.batchSize ?? 10_000;
  let expected = 0;
  let purgedEntries = 0;
  let entriesChecked = 0;
  let tileIdx = -1;
  let storedTile: Uint8Array | null = null;
  /** The stored leaf tiles of the batch being checked, read with its entries (one query, not one per tile). */
  let batchTiles = new Map<number, Uint8Array>();
  let exportedTile: Uint8Array | null = null;
  let lastGoodTarget = 0;
  /** The first entry found bad since the last matching checkpoint: what a mismatching checkpoint points at. */
  let suspect: number | null = null;
  const flag = (seq: number, message: string) => {
    problems.push({ seq, message });
    if (suspect === null) suspect = seq;
  };

  const tileHash = (tile: Uint8Array | null, seq: number) => {
    const at = (seq % TILE_WIDTH) * HASH_SIZE;
    return tile && tile.length >= at + HASH_SIZE ? tile.subarray(at, at + HASH_SIZE) : null;
  };
  const loadTiles = (seq: number) => {
    const idx = Math.floor(seq / TILE_WIDTH);
    if (idx === tileIdx) return;
    tileIdx = idx;
    storedTile = batchTiles.get(idx) ?? null;
    exportedTile = exported ? exported.tiles(idx) : null;
  };
  const checkTargets = (size: number) => {
    for (const t of bySize.get(size) ?? []) {
      if (bytesEqual(acc.root(), t.root)) {
        lastGoodTarget = size;
        suspect = null;
      } else {
        problems.push({
          seq: suspect ?? lastGoodTarget,
          message: `the log at ${size} entries does not match ${t.where}: an entry at or after ${lastGoodTarget} was altered`,
        });
      }
    }
  };
  /** Accepts one leaf at `seq`, comparing it with the stored and exported tiles. */
  const accept = (seq: number, leaf: Uint8Array | null, what: string) => {
    loadTiles(seq);
    const stored = tileHash(storedTile, seq);
    const outside = tileHash(exportedTile, seq);
    const reference = leaf ?? stored;
    if (!reference) {
      flag(seq, `entry ${seq} is missing and no leaf hash is stored for it`);
      return false;
    }
    if (leaf && stored && !bytesEqual(leaf, stored)) flag(seq, `entry ${seq} ${what} does not match its stored leaf hash`);
    if (outside && !bytesEqual(reference, outside)) flag(seq, `entry ${seq} does not match the exported leaf tile`);
    acc.push(reference);
    checkTargets(seq + 1);
    return true;
  };

  checkTargets(0);
  // Read by seq range rather than by row count, so that every row of a position comes in the same
  // batch: a second row at the last position of a batch cannot slip between two reads.
  // The next batch is read while this one is hashed.
  const read = (from: number) => {
    const to = Math.min(from + batch, head.size);
    const next = Promise.all([
      readBatch(db, from, to),
      readTileRange(db, 0, Math.floor(from / TILE_WIDTH), Math.floor((to - 1) / TILE_WIDTH)),
    ]);
    next.catch(() => undefined);
    return next;
  };
  /** Positions up to `limit` without a row: legitimately purged (leaf kept in the tile), or deleted. */
  const gapTo = (limit: number) => {
    for (; expected < limit; expected++) {
      if (isPurged(expected)) purgedEntries++;
      else flag(expected, `entry ${expected} is missing (deleted)`);
      accept(expected, null, '');
    }
  };
  // Two batches are read ahead, so hashing never waits for the database between batches.
  const ahead: ReturnType<typeof read>[] = [];
  for (let from = 0; from < head.size && ahead.length < 2; from += batch) ahead.push(read(from));
  for (let from = 0; from < head.size; from += batch) {
    const to = Math.min(from + batch, head.size);
    const [rows, tiles] = await (ahead.shift() ?? read(from));
    const further = from + 2 * batch;
    if (further < head.size) ahead.push(read(further));
    batchTiles = tiles;
    tileIdx = -1;
    for (const row of rows) {
      gapTo(row.seq);
      if (row.seq < expected) {
        flag(row.seq, `entry ${row.seq} appears more than once (a row was inserted)`);
        continue;
      }
      const inside = embeddedSeq(row.canonical);
      if (inside !== row.seq) flag(row.seq, `entry ${row.seq} holds the payload of position ${inside} (rows moved)`);
      accept(row.seq, leafHash(row.canonical), 'payload');
      entriesChecked++;
      expected++;
    }
    // Gaps at the end of a batch are judged with this batch's tiles, which hold their leaves.
    gapTo(to);
    options.onProgress?.(expected, head.size);
  }
  // Rows beyond the head: legitimate only if an append committed since (it moves the head in the
  // same transaction), so the head is read again after them.
  const beyond = await maxSeqFrom(db, head.size);
  if (beyond !== null && beyond >= (await readHead(db)).size) {
    problems.push({
      seq: head.size,
      message: `the log holds an entry ${beyond} beyond its head (${head.size} entries): a row was inserted`,
    });
  }
  if (!bytesEqual(acc.root(), head.root)) problems.push({ seq: null, message: 'the head root does not match the entries' });

  const ordered = [...problems].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  return {
    ok: problems.length === 0,
    size: head.size,
    root: encodeBase64(head.root),
    entriesChecked,
    purgedEntries,
    checkpointsChecked,
    exportedCheckpointsChecked,
    firstBad: ordered[0] ?? null,
    problems: ordered.slice(0, 100),
  };
}
