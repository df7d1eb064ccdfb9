import { createHash, randomUUID } from 'node:crypto';
import type { ServiceContext } from '../../context.js';
import { type RecordSetCode, recordDigest, searchColumns } from '../applications/record-sets.js';
import { insertImport } from '../applications/repo.js';
import { canonicalJson, type JsonValue } from '../audit/canonical-json.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { countRecords, generatePerson, type RecordCounts, recordsOf } from './persons.js';
import { emptyColumns, insertRecordBatch, type RecordColumns } from './records-repo.js';

/** Record set → the demo application that holds it. */
export const RECORD_SET_APPLICATION: Readonly<Record<RecordSetCode, string>> = { licence: 'LIC', vehicle: 'VEH', lost_property: 'LOST' };
const RECORD_SETS: readonly RecordSetCode[] = ['licence', 'vehicle', 'lost_property'];

export interface SeedRecordsOptions {
  seed: number;
  persons: number;
  /** Application id by code (LIC, VEH, LOST). */
  applicationIds: Readonly<Record<string, string>>;
  /** The seeding day (YYYY-MM-DD): every event date of a record lies before it. */
  asOf: string;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface SeedRecordsResult {
  persons: number;
  records: RecordCounts;
  importIds: Record<RecordSetCode, string>;
}

/** Rows per INSERT and statements in flight: measured on the 2-core machine (bench/seed-bench.ts). */
function tuning(kind: ServiceContext['dbKind']): { batch: number; inFlight: number } {
  // PGlite has one connection: more in flight would only queue; smaller batches keep memory low.
  return kind === 'postgres' ? { batch: 5_000, inFlight: 3 } : { batch: 2_000, inFlight: 1 };
}

/** What the generator was asked for: the "source file" of a seed import, hashed for record_imports. */
function sourceSha256(o: SeedRecordsOptions, recordSet: RecordSetCode): string {
  const spec = canonicalJson({ generator: 'sekimori-demo-persons/1', seed: o.seed, persons: o.persons, asOf: o.asOf, recordSet });
  return createHash('sha256').update(spec).digest('hex');
}

function appendRecord(columns: RecordColumns, recordSet: RecordSetCode, subjectId: string, data: JsonValue): void {
  const id = randomUUID();
  const search = searchColumns(recordSet, data);
  columns.ids.push(id);
  columns.subjectIds.push(subjectId);
  columns.nameKeys.push(search.name_key);
  columns.kanaKeys.push(search.kana_key);
  columns.birthDates.push(search.birth_date);
  columns.keyTexts.push(search.key_text);
  columns.data.push(JSON.stringify(data));
  columns.digests.push(recordDigest(id, recordSet, subjectId, data));
}

/**
 * Writes the synthetic persons' records into app_records (APP-12: each with its search columns and
 * digest). One record_imports row per record set, with its row count known in advance, commits with
 * its audit entry before any record; the records follow in batches of thousands, each batch one
 * transaction, several in flight on PostgreSQL's pool. A failure stops the seeding and is reported;
 * the demo is then re-run on a fresh database (seeding refuses a database that has the demo).
 */
export async function seedRecords(ctx: ServiceContext, actor: Actor, o: SeedRecordsOptions): Promise<SeedRecordsResult> {
  const counts = countRecords(o.seed, o.persons);
  const total = counts.licence + counts.vehicle + counts.lost_property;
  const at = ctx.clock.now();
  const by = actor.kind === 'user' ? actor.userId : null;
  const importIds = await ctx.db.transaction().execute(async (tx) => {
    const ids: Partial<Record<RecordSetCode, string>> = {};
    for (const recordSet of RECORD_SETS) {
      const code = RECORD_SET_APPLICATION[recordSet];
      const applicationId = o.applicationIds[code];
      if (!applicationId) throw new Error(`demo application ${code} is missing`);
      const { id: importId } = await insertImport(tx, {
        application_id: applicationId,
        request_id: null,
        record_set: recordSet,
        format: 'seed',
        encoding: null,
        row_count: counts[recordSet],
        source_sha256: sourceSha256(o, recordSet),
        imported_by: by,
        imported_at: at,
      });
      ids[recordSet] = importId;
      await ctx.audit.record(
        {
          action: 'records.import',
          actor: auditActor(actor),
          target: { type: 'application', id: applicationId, label: code },
          outcome: 'success',
          details: { importId, recordSet, format: 'seed', rows: counts[recordSet], seed: o.seed, persons: o.persons },
        },
        { tx },
      );
    }
    return ids as Record<RecordSetCode, string>;
  });

  const { batch, inFlight: maxInFlight } = tuning(ctx.dbKind);
  const buffers: Record<RecordSetCode, RecordColumns> = { licence: emptyColumns(), vehicle: emptyColumns(), lost_property: emptyColumns() };
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let done = 0;
  o.onProgress?.(0, total);

  const flush = async (recordSet: RecordSetCode): Promise<void> => {
    const columns = buffers[recordSet];
    if (columns.ids.length === 0) return;
    buffers[recordSet] = emptyColumns();
    const write = insertRecordBatch(ctx.db, {
      applicationId: o.applicationIds[RECORD_SET_APPLICATION[recordSet]] ?? '',
      recordSet,
      importId: importIds[recordSet],
      at,
      columns,
    });
    const tracked: Promise<void> = write
      .then(
        (n) => {
          done += n;
          o.onProgress?.(done, total);
        },
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    // Let the driver read finished batches' answers before generating the next one.
    await new Promise((resolve) => setImmediate(resolve));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure) throw failure.error;
  };

  for (let i = 0; i < o.persons; i++) {
    const person = generatePerson(o.seed, i, o.asOf);
    for (const record of recordsOf(person)) {
      const columns = buffers[record.recordSet];
      appendRecord(columns, record.recordSet, person.subjectId, record.data as unknown as JsonValue);
      if (columns.ids.length >= batch) await flush(record.recordSet);
    }
  }
  for (const recordSet of RECORD_SETS) await flush(recordSet);
  await Promise.all(inFlight);
  // Checked again after the last batches: TypeScript cannot see the callbacks assign it.
  const failed = failure as { error: unknown } | null;
  if (failed) throw failed.error;
  return { persons: o.persons, records: counts, importIds };
}
