/**
 * The audit log's figures (issue 3), on a real PostgreSQL server and on PGlite (on disk, as `serve`
 * runs it), printed side by side in one run:
 * - batched appends at 16 concurrent writers, under two loads (each writer waits for its one entry;
 *   each writes 16 at once), beside the fastest of a few plain ways of writing the same rows from
 *   the same writers into an unchained table with the same columns and indexes (decision 0020),
 *   and the former baseline (the appender's batches replayed 16 at a time) without a target;
 * - one writer without batching; p50/p99 time from record() to its commit at 16 writers, 1 each;
 * - full verification (`verifyLog`) beside the bare in-process hashing rate of the same bytes;
 * - inclusion proofs in a synthetic 10-million-entry log written straight into tiles and head;
 * - storage per entry for ~200-byte payloads.
 * Targets are the and are judged on PostgreSQL; on PGlite only the single-writer figure has
 * a target. A missed target is printed with MISS.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.js';
import type { Database } from '../src/server/db/schema.js';
import { Checkpointer } from '../src/server/modules/audit/checkpointer.js';
import { entryRow } from '../src/server/modules/audit/entry.js';
import type { AuditEvent } from '../src/server/modules/audit/event.js';
import { type EntryRow, entryArrays, readCanonicalRange, readHead } from '../src/server/modules/audit/log-repo.js';
import {
  appendMany,
  type CompletedNode,
  leafHash,
  MerkleAccumulator,
  rootOfFrontier,
  verifyInclusion,
} from '../src/server/modules/audit/merkle.js';
import { inclusionProofFor } from '../src/server/modules/audit/proofs.js';
import { createAuditLog } from '../src/server/modules/audit/service.js';
import { decodeBase64, generateSignerKey, openCheckpoint, signCheckpoint, verifierKeyOf } from '../src/server/modules/audit/signed-note.js';
import { TILE_WIDTH, tileAppends } from '../src/server/modules/audit/tiles.js';
import { verifyLog } from '../src/server/modules/audit/verify.js';
import { systemClock } from '../src/server/shared/clock.js';
import { groupCommit } from '../src/server/shared/group-commit.js';
import { postgresServer } from './postgres-server.js';

const WRITERS = 16;
const APPEND_SECONDS = 5;
const SINGLE_SECONDS = 3;
const STORE_ENTRIES = 300_000;
const STORE_BUDGET_MS = 60_000;
const PAYLOAD_BYTES = 200;
/** AUDIT_BENCH_PROOF_SIZE / AUDIT_BENCH_ONLY (appends,store,proofs; pg,pglite) shorten a run while tuning. */
const PROOF_LOG_SIZE = Number(process.env.AUDIT_BENCH_PROOF_SIZE ?? 10_000_000);
const PROOF_BUDGET_MS = 120_000;
const PROOF_SAMPLES = 200;
/** A signed checkpoint every this many entries in the synthetic log (as a busy log would have). */
const PROOF_CHECKPOINT_EVERY = 8_192;
const ORIGIN = 'bench.local/audit';

type Kind = 'PostgreSQL' | 'PGlite';

const BACKEND_NAMES = ['pg', 'pglite'];
const only = (process.env.AUDIT_BENCH_ONLY ?? '').split(',').filter(Boolean);
/** Whether a part (appends, store, proofs) or a backend (pg, pglite) is to be measured in this run. */
function wanted(part: string): boolean {
  const list = only.filter((o) => BACKEND_NAMES.includes(o) === BACKEND_NAMES.includes(part));
  return list.length === 0 || list.includes(part);
}

/** A fresh, empty, migrated database: the application's connection and an owner's. */
interface Fresh {
  db: Kysely<Database>;
  asOwner<T>(fn: (db: Kysely<unknown>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Backend {
  kind: Kind;
  fresh(): Promise<Fresh>;
}

function pgBackend(server: string): Backend {
  return {
    kind: 'PostgreSQL',
    async fresh() {
      const name = `sekimori_auditbench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(server);
      u.pathname = `/${name}`;
      // A connection per writer: the plain side's commits per entry run all at once (PGlite has one).
      const opened = await openDatabase({ url: u.toString(), poolSize: WRITERS });
      const owner = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: u.toString(), max: 2 }) }),
      });
      return {
        db: opened.db,
        asOwner: (fn) => fn(owner),
        close: async () => {
          await owner.destroy();
          await opened.close();
          const c = new pg.Client({ connectionString: server });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  };
}

function pgliteBackend(): Backend {
  return {
    kind: 'PGlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'sekimori-auditbench-'));
      const opened = await openDatabase({ dataDir: dir });
      return {
        db: opened.db,
        // One connection: it steps out of the runtime role for the owner's work, then back.
        asOwner: (fn) =>
          opened.db.connection().execute(async (conn) => {
            await sql`RESET ROLE`.execute(conn);
            try {
              return await fn(conn as unknown as Kysely<unknown>);
            } finally {
              await sql`SET ROLE sekimori_app`.execute(conn);
            }
          }),
        close: async () => {
          await opened.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function perSecond(n: number, ms: number): number {
  return (n / ms) * 1000;
}

function fmtRate(r: number): string {
  return `${Math.round(r).toLocaleString('en')}/s`;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function ms(v: number): string {
  return `${v.toFixed(2)} ms`;
}

const USERS = Array.from({ length: 100 }, () => randomUUID());

/** An entry whose canonical form is about PAYLOAD_BYTES long (the padding goes in `reason`). */
function benchEvent(i: number, pad = PAD): AuditEvent {
  return { action: 'person.view', actor: { type: 'user', userId: USERS[i % USERS.length] }, outcome: 'success', reason: pad };
}

/** Padding that makes a canonical entry (at a 6-digit seq) exactly PAYLOAD_BYTES long. */
const PAD = 'x'.repeat(Math.max(0, PAYLOAD_BYTES - Buffer.byteLength(entryRow(benchEvent(123_456, ''), 123_456, new Date()).canonical)));

/** Runs `writers` loops that each await record() until the time is up. */
async function driveWriters(
  record: (i: number) => Promise<unknown>,
  writers: number,
  seconds: number,
  latencies?: number[],
): Promise<{ n: number; ms: number }> {
  let next = 0;
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await record(next++);
        latencies?.push(performance.now() - t0);
        n++;
      }
    }),
  );
  return { n, ms: performance.now() - start };
}

/** Entries each writer has in flight when it writes a batch at once (the second load). */
const PER_WRITER_BATCH = 16;

/** The appender against the fastest plain way of writing the same entries, under one load. */
interface Pairing {
  appender: number;
  /** Entries per commit the appender made. */
  batches: number[];
  /** Each plain way's rate (and mean rows per commit when it batches); the fastest is the ratio's baseline (decision 0020). */
  plain: { name: string; rate: number; meanBatch?: number }[];
}

interface AppendFigures {
  /** Each writer waits for its one entry before the next (a request handler and its audit entry). */
  oneEach: Pairing;
  /** The former baseline, without a target: the 1-each appender's batches replayed WRITERS at a time. */
  replayed: number;
  /** Each writer writes PER_WRITER_BATCH entries at once and waits for all of them. */
  batchEach: Pairing;
  single: number;
  plainSingle: number;
  p50: number;
  p99: number;
}

/**
 * The sides of a comparison run in APPEND_SLICES alternating slices, the order reversed every
 * other slice, so a change of this machine's speed during the run falls on every side alike.
 */
const APPEND_SLICES = 6;

/** One way of writing the bench's entries; a call writes `perCall` entries. */
interface Side {
  record: (i: number) => Promise<unknown>;
  perCall: number;
  latencies?: number[];
}

/** Entries per second of each side, WRITERS loops each, after a warm-up of every side and `reset`. */
async function alternate(sides: Side[], reset: () => void): Promise<number[]> {
  for (const side of sides) await driveWriters(side.record, WRITERS, 1);
  reset();
  const totals = sides.map(() => ({ n: 0, ms: 0 }));
  const indexes = sides.map((_, i) => i);
  for (let slice = 0; slice < APPEND_SLICES; slice++) {
    for (const i of slice % 2 === 0 ? indexes : indexes.toReversed()) {
      const side = sides[i] as Side;
      const total = totals[i] as { n: number; ms: number };
      const run = await driveWriters(side.record, WRITERS, APPEND_SECONDS / APPEND_SLICES, side.latencies);
      total.n += run.n * side.perCall;
      total.ms += run.ms;
    }
  }
  return totals.map((t) => perSecond(t.n, t.ms));
}

/** An unchained table with the log's payload columns and indexes. */
async function createPlainTable(fresh: Fresh): Promise<void> {
  await fresh.asOwner(async (owner) => {
    await sql`CREATE TABLE bench_plain (
      seq bigint NOT NULL, occurred_at timestamptz NOT NULL, action text NOT NULL, actor_user_id uuid,
      actor_unit_code text, target_type text, target_id text, outcome text NOT NULL, canonical text NOT NULL)`.execute(owner);
    await sql`CREATE INDEX bench_plain_seq_idx ON bench_plain (seq)`.execute(owner);
    await sql`CREATE INDEX bench_plain_actor_idx ON bench_plain (actor_user_id)`.execute(owner);
    await sql`CREATE INDEX bench_plain_time_brin ON bench_plain USING brin (occurred_at)`.execute(owner);
    await sql`GRANT SELECT, INSERT ON bench_plain TO sekimori_app`.execute(owner);
  });
}

/** The plain side's statement: the same fixed text and binary arrays as the appender's entries. */
const PLAIN_SQL = `INSERT INTO bench_plain (seq, occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, canonical)
  SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`;

/** One plain commit: the rows in one statement, durable like the appender's. */
async function insertPlain(db: Kysely<Database>, rows: EntryRow[]): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(PLAIN_SQL, entryArrays(rows)));
}

interface PlainPending {
  event: AuditEvent;
  at: Date;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** One plain way of writing the bench's entries; `sizes` gets the rows of each commit when it batches. */
interface PlainWay {
  name: string;
  side: Side;
  sizes?: number[];
}

/**
 * The plain ways of writing the same entries (decision 0020): the same events made into the same
 * rows (`entryRow`) in the timed path, durable commits, no hashes, tiles or head. Group-committed
 * with the appender's own batcher, or one commit per call.
 */
function plainWriters(db: Kysely<Database>) {
  let seq = 0;
  const rowOf = (event: AuditEvent, at: Date) => entryRow(event, seq++, at);
  /** A group commit with `inFlight` commits at once; each call pushes `perCall` entries. */
  const grouped = (name: string, inFlight: number, perCall: number): PlainWay => {
    const sizes: number[] = [];
    const writer = groupCommit<PlainPending>({
      maxBatch: 256,
      inFlight,
      write: async (batch) => {
        await insertPlain(
          db,
          batch.map((item) => rowOf(item.event, item.at)),
        );
        sizes.push(batch.length);
        for (const item of batch) item.resolve();
      },
      fail: (batch, e) => {
        for (const item of batch) item.reject(e);
      },
    });
    const push = (event: AuditEvent) => new Promise<void>((resolve, reject) => writer.push({ event, at: new Date(), resolve, reject }));
    return { name, side: sideOfEntries(push, perCall), sizes };
  };
  const direct = (events: AuditEvent[]) => {
    const at = new Date();
    return insertPlain(
      db,
      events.map((event) => rowOf(event, at)),
    );
  };
  /** One commit per call, with all of its entries. */
  const perCall = (name: string, entries: number): PlainWay => ({
    name,
    side: { record: (i) => direct(eventsOfCall(i, entries)), perCall: entries },
  });
  return { grouped, perCall, direct };
}

/** The `entries` events of call `i` of a writer that writes them at once. */
function eventsOfCall(i: number, entries: number): AuditEvent[] {
  return Array.from({ length: entries }, (_, k) => benchEvent(i * entries + k));
}

/**
 * A side that hands each entry to `one` separately and waits for all of a call's entries (the
 * appender and the grouped plain ways alike); one entry a call is awaited as it is.
 */
function sideOfEntries(one: (event: AuditEvent) => Promise<unknown>, perCall: number): Side {
  return { record: (i) => (perCall === 1 ? one(benchEvent(i)) : Promise.all(eventsOfCall(i, perCall).map(one))), perCall };
}

const mean = (values: number[]) => values.reduce((x, y) => x + y, 0) / Math.max(1, values.length);

/** The appender and the plain ways under one load, alternated; the appender's commits counted by `appenderSizes`. */
async function compare(appender: Side, appenderSizes: number[], ways: PlainWay[]): Promise<Pairing> {
  const rates = await alternate([appender, ...ways.map((w) => w.side)], () => {
    appenderSizes.length = 0;
    for (const way of ways) way.sizes?.splice(0);
  });
  return {
    appender: rates[0] ?? 0,
    batches: appenderSizes.slice(),
    plain: ways.map((way, i) => ({ name: way.name, rate: rates[i + 1] ?? 0, ...(way.sizes ? { meanBatch: mean(way.sizes) } : {}) })),
  };
}

/** The former baseline: `batches` of prebuilt rows inserted WRITERS at a time; entries per second. */
async function replay(db: Kysely<Database>, batches: number[]): Promise<number> {
  const now = new Date();
  let seq = 0;
  const slices = batches.map((size) => Array.from({ length: size }, () => entryRow(benchEvent(seq), seq++, now)));
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let slice = slices[next++]; slice; slice = slices[next++]) await insertPlain(db, slice);
    }),
  );
  return perSecond(seq, performance.now() - start);
}

async function benchAppends(backend: Backend): Promise<AppendFigures> {
  const fresh = await backend.fresh();
  try {
    const appenderSizes: number[] = [];
    const audit = createAuditLog(fresh.db, systemClock, { onCommit: (n) => appenderSizes.push(n) });
    await createPlainTable(fresh);
    const plain = plainWriters(fresh.db);

    const latencies: number[] = [];
    const record = (event: AuditEvent) => audit.record(event);
    const oneEach = await compare({ ...sideOfEntries(record, 1), latencies }, appenderSizes, [
      plain.grouped('group commit, one in flight', 1, 1),
      plain.grouped('group commit, two in flight', 2, 1),
      plain.perCall('a commit per entry', 1),
    ]);
    latencies.sort((a, b) => a - b);
    const replayed = await replay(fresh.db, oneEach.batches);

    const batchEach = await compare(sideOfEntries(record, PER_WRITER_BATCH), appenderSizes, [
      plain.perCall(`a ${PER_WRITER_BATCH}-row INSERT per call`, PER_WRITER_BATCH),
      plain.grouped('group commit, one in flight', 1, PER_WRITER_BATCH),
      plain.grouped('group commit, two in flight', 2, PER_WRITER_BATCH),
    ]);

    const single = createAuditLog(fresh.db, systemClock);
    const one = (i: number) => single.record(benchEvent(i));
    await driveWriters(one, 1, 0.5);
    const singleRun = await driveWriters(one, 1, SINGLE_SECONDS);
    // The floor under any one-writer design: one plain row per commit, one statement each.
    const plainOne = (i: number) => plain.direct([benchEvent(i)]);
    await driveWriters(plainOne, 1, 0.5);
    const plainSingleRun = await driveWriters(plainOne, 1, SINGLE_SECONDS);
    return {
      oneEach,
      replayed,
      batchEach,
      single: perSecond(singleRun.n, singleRun.ms),
      plainSingle: perSecond(plainSingleRun.n, plainSingleRun.ms),
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
    };
  } finally {
    await fresh.close();
  }
}

interface StoreFigures {
  entries: number;
  appendRate: number;
  payloadBytes: number;
  bytesPerEntry: number;
  bytesPerEntryVacuumed: number;
  bytesPerEntryCompacted: number;
  breakdown: string;
  verifyRate: number;
  verifyOk: boolean;
  bareRate: number;
  inProcessRate: number;
}

async function relationBytes(owner: Kysely<unknown>): Promise<{ events: number; eventIndexes: number; tiles: number; head: number }> {
  const res = await sql<{ events: string; event_indexes: string; tiles: string; head: string }>`
    SELECT (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('audit_events')) AS events,
           (SELECT sum(pg_indexes_size(relid)) FROM pg_partition_tree('audit_events')) AS event_indexes,
           pg_total_relation_size('audit_tiles') + pg_total_relation_size('audit_tile_parts') AS tiles, pg_total_relation_size('audit_log_head') AS head`.execute(
    owner,
  );
  const r = res.rows[0];
  return { events: Number(r?.events), eventIndexes: Number(r?.event_indexes), tiles: Number(r?.tiles), head: Number(r?.head) };
}

async function benchStoreAndVerify(backend: Backend): Promise<StoreFigures> {
  const fresh = await backend.fresh();
  const exportDir = mkdtempSync(join(tmpdir(), 'sekimori-auditbench-export-'));
  try {
    const audit = createAuditLog(fresh.db, systemClock);
    // Filled quickly by many writers (batches up to the appender's maximum), within a time budget.
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 512 }, async () => {
        while (next < STORE_ENTRIES && performance.now() - start < STORE_BUDGET_MS) await audit.record(benchEvent(next++));
      }),
    );
    await audit.drain();
    const appendMs = performance.now() - start;
    const head = await readHead(fresh.db);
    const entries = head.size;

    const raw = await fresh.asOwner(relationBytes);
    const payload = await fresh.asOwner(async (owner) => {
      const r = await sql<{ avg: string }>`SELECT avg(octet_length(canonical)) AS avg FROM audit_events`.execute(owner);
      return Number(r.rows[0]?.avg);
    });
    await fresh.asOwner((owner) => sql`VACUUM audit_tiles, audit_tile_parts, audit_log_head, audit_events`.execute(owner));
    const vacuumed = await fresh.asOwner(relationBytes);

    const signerKey = generateSignerKey(ORIGIN);
    const verifierKey = verifierKeyOf(signerKey);
    const checkpointer = new Checkpointer(fresh.db, systemClock, { origin: ORIGIN, signerKey, verifierKey, exportDir });
    if (!(await checkpointer.tick())) throw new Error(`no checkpoint signed: ${checkpointer.status.lastError?.message}`);

    const vStart = performance.now();
    const report = await verifyLog(fresh.db, { verifierKeys: [verifierKey], exportDir });
    const verifyMs = performance.now() - vStart;

    // The same bytes, hashed in process only: the bare leaf-hash rate and the full re-derivation.
    const texts: string[] = [];
    for (let from = 0; from < entries; from += 50_000) {
      for (const r of await readCanonicalRange(fresh.db, from, Math.min(entries, from + 50_000))) texts.push(r.canonical);
    }
    let bareMs = Number.POSITIVE_INFINITY;
    let fullMs = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const b0 = performance.now();
      for (const t of texts) leafHash(t);
      bareMs = Math.min(bareMs, performance.now() - b0);
      const f0 = performance.now();
      const acc = new MerkleAccumulator();
      for (const t of texts) acc.pushEntry(t);
      acc.root();
      fullMs = Math.min(fullMs, performance.now() - f0);
    }
    // Compacted: what the live rows take once the space of superseded partial tiles is reused.
    await fresh.asOwner((owner) => sql`VACUUM FULL audit_tiles, audit_tile_parts, audit_log_head`.execute(owner));
    const compacted = await fresh.asOwner(relationBytes);
    const total = (b: { events: number; tiles: number; head: number }) => b.events + b.tiles + b.head;
    return {
      entries,
      appendRate: perSecond(entries, appendMs),
      payloadBytes: payload,
      bytesPerEntry: total(raw) / entries,
      bytesPerEntryVacuumed: total(vacuumed) / entries,
      bytesPerEntryCompacted: total(compacted) / entries,
      breakdown: `events ${(vacuumed.events / entries).toFixed(0)} (indexes ${(vacuumed.eventIndexes / entries).toFixed(0)}) + tiles ${(vacuumed.tiles / entries).toFixed(0)} + head ${(vacuumed.head / entries).toFixed(2)} bytes/entry`,
      verifyRate: perSecond(report.entriesChecked, verifyMs),
      verifyOk: report.ok && report.entriesChecked === entries,
      bareRate: perSecond(texts.length, bareMs),
      inProcessRate: perSecond(texts.length, fullMs),
    };
  } finally {
    await fresh.close();
    rmSync(exportDir, { recursive: true, force: true });
  }
}

interface ProofFigures {
  size: number;
  checkpoints: number;
  buildMs: number;
  p50: number;
  p99: number;
  verified: boolean;
}

/**
 * A synthetic log written straight into tiles, checkpoints and head (proofs read nothing else):
 * leaf hashes computed in process with the log's own Merkle code, level-0/1/2 tiles written by
 * large multi-row INSERTs, stopping early (at whatever size was reached) when the budget is spent.
 */
export async function buildSyntheticLog(
  db: Kysely<Database>,
  target: number,
  budgetMs: number,
  signerKey: string,
): Promise<{ size: number; checkpoints: number; buildMs: number }> {
  const start = performance.now();
  let frontier: Uint8Array[] = [];
  let size = 0;
  const open = new Map<string, { level: number; idx: number; parts: Uint8Array[]; count: number }>();
  let ready: { level: number; idx: string; hashes: Buffer }[] = [];
  let checkpoints: { size: string; root: Buffer; note: string; signed_at: Date }[] = [];
  let checkpointCount = 0;
  const flush = async (all: boolean) => {
    if (all) {
      for (const t of open.values()) ready.push({ level: t.level, idx: String(t.idx), hashes: Buffer.concat(t.parts) });
      open.clear();
    }
    for (let i = 0; i < ready.length; i += 128)
      await db
        .insertInto('audit_tiles')
        .values(ready.slice(i, i + 128))
        .execute();
    ready = [];
    if (checkpoints.length > 0) await db.insertInto('audit_checkpoints').values(checkpoints).execute();
    checkpoints = [];
  };
  while (size < target && performance.now() - start < budgetMs) {
    const n = Math.min(PROOF_CHECKPOINT_EVERY, target - size);
    const leaves: { index: number; hash: Uint8Array }[] = [];
    for (let i = 0; i < n; i++) leaves.push({ index: size + i, hash: leafHash(`{"seq":${size + i},"synthetic":true}`) });
    const completed: CompletedNode[] = [];
    frontier = appendMany(
      frontier,
      size,
      leaves.map((l) => l.hash),
      (node) => {
        if (node.level % 8 === 0) completed.push(node);
      },
    );
    for (const a of tileAppends(leaves, completed)) {
      const key = `${a.level}/${a.idx}`;
      const t = open.get(key) ?? { level: a.level, idx: a.idx, parts: [], count: a.offset };
      if (t.count !== a.offset) throw new Error(`tile ${key}: expected offset ${t.count}, got ${a.offset}`);
      t.parts.push(a.hashes);
      t.count += a.hashes.length / 32;
      if (t.count === TILE_WIDTH) {
        ready.push({ level: t.level, idx: String(t.idx), hashes: Buffer.concat(t.parts) });
        open.delete(key);
      } else open.set(key, t);
    }
    size += n;
    const root = rootOfFrontier(frontier);
    checkpoints.push({
      size: String(size),
      root: Buffer.from(root),
      note: signCheckpoint({ origin: ORIGIN, size, root }, signerKey),
      signed_at: new Date(),
    });
    checkpointCount++;
    if (ready.length >= 512) await flush(false);
  }
  await flush(true);
  await db
    .updateTable('audit_log_head')
    .set({ size: String(size), frontier: Buffer.concat(frontier), root: Buffer.from(rootOfFrontier(frontier)), updated_at: new Date() })
    .where('id', '=', 1)
    .execute();
  return { size, checkpoints: checkpointCount, buildMs: performance.now() - start };
}

async function benchProofs(backend: Backend): Promise<ProofFigures> {
  const fresh = await backend.fresh();
  try {
    const signerKey = generateSignerKey(ORIGIN);
    const verifierKey = verifierKeyOf(signerKey);
    const db = fresh.db;
    // Tiles are written only through audit_append() by the application's role: the owner builds them here.
    const { size, checkpoints, buildMs } = await fresh.asOwner((owner) =>
      buildSyntheticLog(owner as Kysely<Database>, PROOF_LOG_SIZE, PROOF_BUDGET_MS, signerKey),
    );
    // As autovacuum would have left a log that has been running: visibility map set, statistics fresh.
    await fresh.asOwner((owner) => sql`VACUUM (ANALYZE) audit_tiles, audit_tile_parts, audit_checkpoints`.execute(owner));

    const seqs = Array.from({ length: PROOF_SAMPLES }, () => Math.floor(Math.random() * size));
    for (const seq of seqs.slice(0, 20)) await inclusionProofFor(db, seq);
    const times: number[] = [];
    let verified = true;
    for (const seq of seqs) {
      const t0 = performance.now();
      const answer = await inclusionProofFor(db, seq);
      times.push(performance.now() - t0);
      if (!answer?.checkpoint) {
        verified = false;
        continue;
      }
      const { checkpoint } = openCheckpoint(answer.checkpoint, [verifierKey]);
      const leaf = decodeBase64(answer.leafHash);
      const proof = answer.proof.map((p) => decodeBase64(p) ?? new Uint8Array());
      if (!leaf || !verifyInclusion(leaf, seq, answer.treeSize, proof, checkpoint.root)) verified = false;
    }
    times.sort((a, b) => a - b);
    if (process.env.AUDIT_BENCH_VERBOSE) console.log(`    proof times (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
    return { size, checkpoints, buildMs, p50: percentile(times, 0.5), p99: percentile(times, 0.99), verified };
  } finally {
    await fresh.close();
  }
}

interface Figures {
  appends?: AppendFigures;
  store?: StoreFigures;
  proofs?: ProofFigures;
}

type Cell = { text: string; ok?: boolean };

function judged(text: string, ok: boolean | undefined): string {
  if (ok === undefined) return text;
  return `${text} ${ok ? 'ok' : 'MISS'}`;
}

export async function benchAuditLog(): Promise<void> {
  const [l1, l5] = loadavg();
  console.log(`audit log: load average ${l1?.toFixed(2)} / ${l5?.toFixed(2)} (1/5 min) on this machine while measuring`);
  const server = postgresServer('audit');
  const backends: Backend[] = [...(server && wanted('pg') ? [pgBackend(server.url)] : []), ...(wanted('pglite') ? [pgliteBackend()] : [])];
  const figures = new Map<Kind, Figures>();
  try {
    for (const backend of backends) {
      const f: Figures = {};
      figures.set(backend.kind, f);
      const step = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
        const t0 = performance.now();
        try {
          const out = await fn();
          console.log(`  ${backend.kind}: ${what} measured in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
          return out;
        } catch (e) {
          console.log(`  ${backend.kind}: ${what} FAILED: ${e instanceof Error ? e.stack : String(e)}`);
          return undefined;
        }
      };
      if (wanted('appends')) f.appends = await step('appends', () => benchAppends(backend));
      if (wanted('store'))
        f.store = await step(`storage and verification (${STORE_ENTRIES.toLocaleString('en')} entries)`, () =>
          benchStoreAndVerify(backend),
        );
      if (wanted('proofs')) f.proofs = await step('inclusion proofs', () => benchProofs(backend));
    }
  } finally {
    server?.stop();
  }

  const pgF = figures.get('PostgreSQL');
  const liteF = figures.get('PGlite');
  const rows: { name: string; target: string; pg: Cell; lite: Cell }[] = [];
  const cell = (text: string | undefined, ok?: boolean): Cell =>
    text === undefined ? { text: '—' } : { text, ...(ok === undefined ? {} : { ok }) };
  const a = (f?: Figures) => f?.appends;
  const s = (f?: Figures) => f?.store;
  const p = (f?: Figures) => f?.proofs;
  const percent = (r?: number) => (r === undefined ? undefined : `${(r * 100).toFixed(0)}%`);
  const pairingRows = (name: string, of: (f: AppendFigures) => Pairing) => {
    const onPg = a(pgF) && of(a(pgF) as AppendFigures);
    const onLite = a(liteF) && of(a(liteF) as AppendFigures);
    rows.push({
      name,
      target: '≥ 10,000/s',
      pg: cell(onPg && fmtRate(onPg.appender), onPg && onPg.appender >= 10_000),
      lite: cell(onLite && fmtRate(onLite.appender)),
    });
    const batchesOf = (p?: Pairing) => {
      if (!p) return undefined;
      return `${p.batches.length.toLocaleString('en')} commits, mean ${mean(p.batches).toFixed(1)}, max ${Math.max(...p.batches)}`;
    };
    rows.push({ name: '  batches the appender made', target: '', pg: cell(batchesOf(onPg)), lite: cell(batchesOf(onLite)) });
    const fastest = (p?: Pairing) => p?.plain.reduce((x, y) => (y.rate > x.rate ? y : x));
    const plainCell = (p: Pairing | undefined, i: number) => {
      const way = p?.plain[i];
      if (!way) return undefined;
      const batch = way.meanBatch === undefined ? '' : `, mean batch ${way.meanBatch.toFixed(1)}`;
      return `${fmtRate(way.rate)}${batch}${fastest(p) === way ? ' (fastest)' : ''}`;
    };
    for (const [i, way] of (onPg ?? onLite)?.plain.entries() ?? []) {
      rows.push({
        name: `  plain INSERT: ${way.name}`,
        target: '',
        pg: cell(plainCell(onPg, i)),
        lite: cell(plainCell(onLite, i)),
      });
    }
    const ratio = (p?: Pairing) => (p ? p.appender / (fastest(p)?.rate ?? Number.NaN) : undefined);
    rows.push({
      name: '  appender / fastest plain INSERT',
      target: '≥ 50%',
      pg: cell(percent(ratio(onPg)), onPg && (ratio(onPg) ?? 0) >= 0.5),
      lite: cell(percent(ratio(onLite))),
    });
  };
  pairingRows(`batched appends, ${WRITERS} writers, 1 entry each`, (f) => f.oneEach);
  // The bench's former baseline, printed without a target (decision 0020).
  rows.push({
    name: `  former baseline: its batches ${WRITERS} at a time`,
    target: '',
    pg: cell(a(pgF) && fmtRate(a(pgF)?.replayed ?? 0)),
    lite: cell(a(liteF) && fmtRate(a(liteF)?.replayed ?? 0)),
  });
  const replayRatio = (f?: AppendFigures) => (f ? f.oneEach.appender / f.replayed : undefined);
  rows.push({
    name: '  appender / former baseline',
    target: '(none; 0020)',
    pg: cell(percent(replayRatio(a(pgF)))),
    lite: cell(percent(replayRatio(a(liteF)))),
  });
  pairingRows(`batched appends, ${WRITERS} writers, ${PER_WRITER_BATCH} each`, (f) => f.batchEach);
  rows.push({
    name: 'one writer, no batching',
    target: '≥ 1,500/s PG, ≥ 1,000/s PGlite',
    pg: cell(a(pgF) && fmtRate(a(pgF)?.single ?? 0), a(pgF) && (a(pgF)?.single ?? 0) >= 1_500),
    lite: cell(a(liteF) && fmtRate(a(liteF)?.single ?? 0), a(liteF) && (a(liteF)?.single ?? 0) >= 1_000),
  });
  rows.push({
    name: '  plain INSERT, one row per commit',
    target: '',
    pg: cell(a(pgF) && fmtRate(a(pgF)?.plainSingle ?? 0)),
    lite: cell(a(liteF) && fmtRate(a(liteF)?.plainSingle ?? 0)),
  });
  rows.push({
    name: `record() → commit p50, ${WRITERS} writers, 1 each`,
    target: '',
    pg: cell(a(pgF) && ms(a(pgF)?.p50 ?? 0)),
    lite: cell(a(liteF) && ms(a(liteF)?.p50 ?? 0)),
  });
  rows.push({
    name: `record() → commit p99, ${WRITERS} writers, 1 each`,
    target: '< 50 ms',
    pg: cell(a(pgF) && ms(a(pgF)?.p99 ?? 0), a(pgF) && (a(pgF)?.p99 ?? 0) < 50),
    lite: cell(a(liteF) && ms(a(liteF)?.p99 ?? 0)),
  });
  rows.push({
    name: 'full verification (verifyLog)',
    target: '≥ 150,000/s',
    pg: cell(
      s(pgF) && `${fmtRate(s(pgF)?.verifyRate ?? 0)}${s(pgF)?.verifyOk ? '' : ' (NOT OK)'}`,
      s(pgF) && (s(pgF)?.verifyRate ?? 0) >= 150_000,
    ),
    lite: cell(s(liteF) && `${fmtRate(s(liteF)?.verifyRate ?? 0)}${s(liteF)?.verifyOk ? '' : ' (NOT OK)'}`),
  });
  rows.push({
    name: '  over entries',
    target: '',
    pg: cell(s(pgF)?.entries.toLocaleString('en')),
    lite: cell(s(liteF)?.entries.toLocaleString('en')),
  });
  rows.push({
    name: '  bare leaf hashing, same bytes',
    target: '',
    pg: cell(s(pgF) && fmtRate(s(pgF)?.bareRate ?? 0)),
    lite: cell(s(liteF) && fmtRate(s(liteF)?.bareRate ?? 0)),
  });
  rows.push({
    name: '  in-process leaf+frontier+root',
    target: '',
    pg: cell(s(pgF) && fmtRate(s(pgF)?.inProcessRate ?? 0)),
    lite: cell(s(liteF) && fmtRate(s(liteF)?.inProcessRate ?? 0)),
  });
  const sizeOf = (f?: ProofFigures) => f && `${f.size.toLocaleString('en')} entries${f.size < PROOF_LOG_SIZE ? ' (budget reached)' : ''}`;
  rows.push({
    name: 'inclusion proof p50',
    target: '',
    pg: cell(p(pgF) && ms(p(pgF)?.p50 ?? 0)),
    lite: cell(p(liteF) && ms(p(liteF)?.p50 ?? 0)),
  });
  rows.push({
    name: 'inclusion proof p99',
    target: '< 10 ms',
    pg: cell(
      p(pgF) && `${ms(p(pgF)?.p99 ?? 0)}${p(pgF)?.verified ? '' : ' (PROOF INVALID)'}`,
      p(pgF) && (p(pgF)?.p99 ?? 0) < 10 && !!p(pgF)?.verified,
    ),
    lite: cell(p(liteF) && `${ms(p(liteF)?.p99 ?? 0)}${p(liteF)?.verified ? '' : ' (PROOF INVALID)'}`),
  });
  rows.push({
    name: '  log size',
    target: '10,000,000',
    pg: cell(sizeOf(p(pgF)), p(pgF) && p(pgF)?.size === PROOF_LOG_SIZE),
    lite: cell(sizeOf(p(liteF))),
  });
  rows.push({
    name: '  checkpoints; build time',
    target: '',
    pg: cell(p(pgF) && `${p(pgF)?.checkpoints.toLocaleString('en')}; ${((p(pgF)?.buildMs ?? 0) / 1000).toFixed(0)} s`),
    lite: cell(p(liteF) && `${p(liteF)?.checkpoints.toLocaleString('en')}; ${((p(liteF)?.buildMs ?? 0) / 1000).toFixed(0)} s`),
  });
  rows.push({
    name: 'storage per entry (after VACUUM)',
    target: '≤ 400 bytes',
    pg: cell(s(pgF) && `${s(pgF)?.bytesPerEntryVacuumed.toFixed(0)} bytes`, s(pgF) && (s(pgF)?.bytesPerEntryVacuumed ?? 0) <= 400),
    lite: cell(s(liteF) && `${s(liteF)?.bytesPerEntryVacuumed.toFixed(0)} bytes`),
  });
  rows.push({
    name: '  tiles compacted (VACUUM FULL)',
    target: '',
    pg: cell(s(pgF) && `${s(pgF)?.bytesPerEntryCompacted.toFixed(0)} bytes`),
    lite: cell(s(liteF) && `${s(liteF)?.bytesPerEntryCompacted.toFixed(0)} bytes`),
  });
  rows.push({
    name: '  right after appending',
    target: '',
    pg: cell(s(pgF) && `${s(pgF)?.bytesPerEntry.toFixed(0)} bytes`),
    lite: cell(s(liteF) && `${s(liteF)?.bytesPerEntry.toFixed(0)} bytes`),
  });
  rows.push({
    name: '  payload (canonical) mean',
    target: '',
    pg: cell(s(pgF) && `${s(pgF)?.payloadBytes.toFixed(0)} bytes`),
    lite: cell(s(liteF) && `${s(liteF)?.payloadBytes.toFixed(0)} bytes`),
  });
  rows.push({ name: '  split (after VACUUM)', target: '', pg: cell(s(pgF)?.breakdown), lite: cell(s(liteF)?.breakdown) });

  const w0 = Math.max(...rows.map((r) => r.name.length));
  const w1 = Math.max(10, ...rows.map((r) => judged(r.pg.text, r.pg.ok).length));
  const w2 = Math.max(10, ...rows.map((r) => judged(r.lite.text, r.lite.ok).length));
  console.log(`audit log figures (targets judged on PostgreSQL; on PGlite only the one-writer figure has a target):`);
  console.log(`  ${'figure'.padEnd(w0)}  ${'PostgreSQL'.padEnd(w1)}  ${'PGlite (on disk)'.padEnd(w2)}  target`);
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(w0)}  ${judged(r.pg.text, r.pg.ok).padEnd(w1)}  ${judged(r.lite.text, r.lite.ok).padEnd(w2)}  ${r.target}`,
    );
  }
  const misses = rows.filter((r) => r.pg.ok === false || r.lite.ok === false).map((r) => r.name.trim());
  console.log(misses.length === 0 ? 'audit log: every target met' : `audit log: MISS — ${misses.join('; ')}`);
}

// Allows `npx tsx bench/audit-bench.ts` on its own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchAuditLog();
}
