import { CompiledQuery, type Kysely, sql } from 'kysely';
import { byteaArray, int2Array, int8Array, textArray, timestamptzArray, uuidArray } from '../../db/binary-arrays.js';
import type { Database } from '../../db/schema.js';
import { HASH_SIZE } from './merkle.js';
import { TILE_WIDTH, type TileAppend, type TileKey, tileName } from './tiles.js';

export type Db = Kysely<Database>;
/** The log tables are also written by the migration (as owner) before Database types apply. */
export type AnyDb = Kysely<Database> | Kysely<unknown>;

function asDb(db: AnyDb): Db {
  return db as Db;
}

export interface Head {
  size: number;
  frontier: Uint8Array[];
  root: Uint8Array;
}

function splitFrontier(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += HASH_SIZE) out.push(bytes.subarray(i, i + HASH_SIZE));
  return out;
}

function toHead(row: { size: string | number; frontier: Uint8Array; root: Uint8Array }): Head {
  return { size: Number(row.size), frontier: splitFrontier(row.frontier), root: new Uint8Array(row.root) };
}

export async function readHead(db: AnyDb): Promise<Head> {
  const row = await asDb(db)
    .selectFrom('audit_log_head')
    .select(['size', 'frontier', 'root'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return toHead(row);
}

/** The serialisation point: the head row locked for the rest of the transaction. */
export async function lockHead(tx: AnyDb): Promise<Head> {
  const row = await asDb(tx)
    .selectFrom('audit_log_head')
    .select(['size', 'frontier', 'root'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return toHead(row);
}

export interface EntryRow {
  seq: number;
  occurred_at: Date;
  action: string;
  actor_user_id: string | null;
  actor_unit_code: string | null;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  canonical: string;
}

/**
 * The rows as one binary array per column, in EntryRow's order (seq … canonical): no quoting and
 * escaping on either side (db/binary-arrays.ts). The statement casts each to its array type.
 */
export function entryArrays(rows: EntryRow[]): Buffer[] {
  const col = <K extends keyof EntryRow>(k: K) => rows.map((r) => r[k]);
  return [
    int8Array(col('seq')),
    timestamptzArray(col('occurred_at')),
    textArray(col('action')),
    uuidArray(col('actor_user_id')),
    textArray(col('actor_unit_code')),
    textArray(col('target_type')),
    textArray(col('target_id')),
    textArray(col('outcome')),
    textArray(col('canonical')),
  ];
}

/** Each parameter's cast fixes the type its bytes are read as (decision 0015). */
const APPEND_SQL = `SELECT audit_append(
  $1::bigint, $2::bytea, $3::bigint, $4::bytea, $5::bytea, $6::timestamptz,
  $7::bigint[], $8::timestamptz[], $9::text[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
  $16::smallint[], $17::bigint[], $18::smallint[], $19::bytea[])`;

/** SQLSTATE audit_append() raises when the head is no longer where the writer computed from. */
const HEAD_MOVED = 'SK001';

/**
 * One commit of the log in one statement (AUD-3): audit_append() inserts the rows, moves the head
 * from `expected` to `next` and writes the tile hashes. False when the head is no longer `expected`
 * (another writer moved it): nothing was written — outside a transaction only, since the refusal
 * is an error that would abort a caller's transaction. Inside one it commits with it.
 */
export async function appendBatch(
  db: AnyDb,
  expected: Head,
  next: Head,
  rows: EntryRow[],
  tiles: TileAppend[],
  at: Date,
): Promise<boolean> {
  try {
    // A fixed text with its parameters: nothing for the query builder to compile on the way.
    await db.executeQuery(
      CompiledQuery.raw(APPEND_SQL, [
        expected.size,
        Buffer.from(expected.root),
        next.size,
        Buffer.concat(next.frontier),
        Buffer.from(next.root),
        at,
        ...entryArrays(rows),
        int2Array(tiles.map((t) => t.level)),
        int8Array(tiles.map((t) => t.idx)),
        int2Array(tiles.map((t) => t.offset)),
        byteaArray(tiles.map((t) => t.hashes)),
      ]),
    );
    return true;
  } catch (e) {
    if ((e as { code?: unknown }).code === HEAD_MOVED) return false;
    throw e;
  }
}

export async function readTiles(db: AnyDb, keys: TileKey[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (keys.length === 0) return out;
  const rows = await asDb(db)
    .selectFrom('audit_tiles_all')
    .select(['level', 'idx', 'hashes'])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('level', '=', k.level), eb('idx', '=', String(k.idx))]))))
    .execute();
  for (const r of rows) out.set(tileName(r.level, r.idx), new Uint8Array(r.hashes));
  return out;
}

/** The tiles of one level with firstIdx ≤ idx ≤ lastIdx, by idx (verification reads a batch's leaf tiles at once). */
export async function readTileRange(db: AnyDb, level: number, firstIdx: number, lastIdx: number): Promise<Map<number, Uint8Array>> {
  const rows = await asDb(db)
    .selectFrom('audit_tiles_all')
    .select(['idx', 'hashes'])
    .where('level', '=', level)
    .where('idx', '>=', String(firstIdx))
    .where('idx', '<=', String(lastIdx))
    .execute();
  return new Map(rows.map((r) => [Number(r.idx), new Uint8Array(r.hashes)]));
}

/** Entries in seq order from `fromSeq` (inclusive); used by verification and export. */
export async function readEntries(db: AnyDb, fromSeq: number, limit: number): Promise<EntryRow[]> {
  const rows = await asDb(db)
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>=', String(fromSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Creates the month's payload partition if the owner's function allows (AUD-2). */
export async function ensurePartition(db: AnyDb, month: string): Promise<void> {
  await sql`SELECT audit_ensure_partition(${month}::date)`.execute(db);
}

export interface CheckpointRow {
  size: number;
  root: Uint8Array;
  note: string;
  signed_at: Date;
}

export async function insertCheckpoint(db: AnyDb, row: CheckpointRow): Promise<void> {
  await asDb(db)
    .insertInto('audit_checkpoints')
    .values({ size: String(row.size), root: Buffer.from(row.root), note: row.note, signed_at: row.signed_at })
    .onConflict((oc) => oc.column('size').doNothing())
    .execute();
}

export async function latestCheckpoint(db: AnyDb): Promise<CheckpointRow | undefined> {
  const row = await asDb(db).selectFrom('audit_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row ? { ...row, size: Number(row.size), root: new Uint8Array(row.root) } : undefined;
}

/** What an inclusion proof starts from. */
export interface ProofStart {
  headSize: number;
  /** The first signed checkpoint whose tree holds the entry, if any does yet. */
  checkpoint: { size: number; note: string } | undefined;
  /** The entry's canonical bytes; null once its payload is purged (or for no such entry). */
  canonical: string | null;
  /** The tiles found, as they stand (partial at the log's right edge), by "level/idx". */
  tiles: Map<string, Uint8Array>;
}

/**
 * Head, covering checkpoint, entry and tiles in one statement: one snapshot, so the tiles are as
 * long as the head says, and one round trip. The tiles are those asked for (the entry's path) and,
 * at each of `levels` levels, the tile holding the right edge of the proof's tree — the checkpoint's
 * size, else the head's — which only the database knows before the statement runs. One row per
 * tile found, head, checkpoint and entry repeated on each; one row of nulls for tiles when none is.
 */
export async function readProofStart(db: AnyDb, seq: number, tiles: readonly TileKey[], levels: number): Promise<ProofStart> {
  const edges = Array.from({ length: levels }, (_, level) => ({ level, span: String(BigInt(TILE_WIDTH) ** BigInt(level + 1)) }));
  const rows = await asDb(db)
    .selectFrom('audit_log_head as h')
    .leftJoinLateral(
      (eb) =>
        // One indexed row, not every checkpoint: a log signs one every few seconds for years.
        eb
          .selectFrom('audit_checkpoints')
          .select(['size as checkpoint_size', 'note'])
          .where('size', '>', String(seq))
          .orderBy('size')
          .limit(1)
          .as('c'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) => eb.selectFrom('audit_events').select('canonical').where('seq', '=', String(seq)).as('e'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('audit_tiles_all')
          .select(['level', 'idx', 'hashes'])
          .where((w) =>
            w.or([
              ...tiles.map((k) => w.and([w('level', '=', k.level), w('idx', '=', String(k.idx))])),
              ...edges.map((e) =>
                w.and([w('level', '=', e.level), w('idx', '=', sql<string>`coalesce(c.checkpoint_size, h.size) / ${e.span}::bigint`)]),
              ),
            ]),
          )
          .as('t'),
      (join) => join.onTrue(),
    )
    .select(['h.size', 'c.checkpoint_size', 'c.note', 'e.canonical', 't.level', 't.idx', 't.hashes'])
    .where('h.id', '=', 1)
    .execute();
  const row = rows[0];
  if (!row) throw new Error('the audit log head is missing');
  const found = new Map<string, Uint8Array>();
  for (const r of rows)
    if (r.hashes !== null && r.level !== null && r.idx !== null) found.set(tileName(r.level, r.idx), new Uint8Array(r.hashes));
  return {
    headSize: Number(row.size),
    checkpoint: row.checkpoint_size === null ? undefined : { size: Number(row.checkpoint_size), note: row.note as string },
    canonical: row.canonical,
    tiles: found,
  };
}

export async function listCheckpoints(db: AnyDb): Promise<CheckpointRow[]> {
  const rows = await asDb(db).selectFrom('audit_checkpoints').selectAll().orderBy('size').execute();
  return rows.map((r) => ({ ...r, size: Number(r.size), root: new Uint8Array(r.root) }));
}

/** Ranges whose payloads were purged after the retention period (AUD-2); their leaves stay in tiles. */
export async function listPurges(db: AnyDb): Promise<{ first: number; last: number }[]> {
  const rows = await asDb(db).selectFrom('audit_purges').select(['first_seq', 'last_seq']).orderBy('first_seq').execute();
  return rows.map((r) => ({ first: Number(r.first_seq), last: Number(r.last_seq) }));
}

/** Only what verification needs, in seq order: the fastest read of the whole log. */
export async function readCanonicals(db: AnyDb, fromSeq: number, limit: number): Promise<{ seq: number; canonical: string }[]> {
  const rows = await asDb(db)
    .selectFrom('audit_events')
    .select(['seq', 'canonical'])
    .where('seq', '>=', String(fromSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), canonical: r.canonical }));
}

/** The highest seq at or above `fromSeq`, or null when there is none. */
export async function maxSeqFrom(db: AnyDb, fromSeq: number): Promise<number | null> {
  const row = await asDb(db)
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('seq', '>=', String(fromSeq))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? null : Number(row.max);
}

/** Stored checkpoints of exactly these sizes. */
export async function checkpointsOfSizes(db: AnyDb, sizes: number[]): Promise<CheckpointRow[]> {
  if (sizes.length === 0) return [];
  const rows = await asDb(db)
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where(
      'size',
      'in',
      sizes.map((s) => String(s)),
    )
    .orderBy('size')
    .execute();
  return rows.map((r) => ({ ...r, size: Number(r.size), root: new Uint8Array(r.root) }));
}

/** The newest `limit` stored checkpoints (in size order) and how many there are in all. */
export async function recentCheckpoints(db: AnyDb, limit: number): Promise<{ total: number; checkpoints: CheckpointRow[] }> {
  const count = await asDb(db)
    .selectFrom('audit_checkpoints')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await asDb(db).selectFrom('audit_checkpoints').selectAll().orderBy('size', 'desc').limit(limit).execute();
  return {
    total: Number(count.n),
    checkpoints: rows.reverse().map((r) => ({ ...r, size: Number(r.size), root: new Uint8Array(r.root) })),
  };
}

/** Entries with from ≤ seq < to, in seq order: all rows of a position come in the same call (verification). */
export async function readCanonicalRange(db: AnyDb, from: number, to: number): Promise<{ seq: number; canonical: string }[]> {
  const rows = await asDb(db)
    .selectFrom('audit_events')
    .select(['seq', 'canonical'])
    .where('seq', '>=', String(from))
    .where('seq', '<', String(to))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), canonical: r.canonical }));
}

/**
 * The same range as one text, "seq canonical" lines, with the row count: a whole verification batch
 * crosses the wire as one value instead of thousands of rows, which is what makes `audit verify`
 * hash-bound. Canonical JSON holds no raw line break, so a count that differs from the lines (or a
 * line that does not parse) means a tampered row: the caller then reads the range row by row.
 */
export async function readCanonicalText(db: AnyDb, from: number, to: number): Promise<{ rows: number; text: string }> {
  const res = await sql<{ n: string | number; text: string | null }>`
    SELECT count(*) AS n, string_agg(seq::text || ' ' || canonical, E'\\n' ORDER BY seq) AS text
    FROM audit_events WHERE seq >= ${from} AND seq < ${to}`.execute(db);
  const row = res.rows[0];
  return { rows: Number(row?.n ?? 0), text: row?.text ?? '' };
}
