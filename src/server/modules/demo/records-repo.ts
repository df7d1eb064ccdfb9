import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** One batch of seeded records of one record set, column by column (the unnest arrays). */
export interface RecordColumns {
  ids: string[];
  subjectIds: string[];
  nameKeys: (string | null)[];
  kanaKeys: (string | null)[];
  birthDates: (string | null)[];
  keyTexts: (string | null)[];
  /** The record's JSON text, exactly the bytes its digest was computed over (as a value). */
  data: string[];
  digests: string[];
}

export function emptyColumns(): RecordColumns {
  return { ids: [], subjectIds: [], nameKeys: [], kanaKeys: [], birthDates: [], keyTexts: [], data: [], digests: [] };
}

/**
 * Writes one batch in one statement: the columns travel as a handful of array parameters and
 * unnest() turns them back into rows, so thousands of records cost one round trip and one parse
 * (a VALUES list of that size would need a parameter per cell, past the protocol's 65,535 limit).
 * One statement, so its own transaction, names collected by the statement trigger included.
 */
export async function insertRecordBatch(
  db: Db,
  batch: { applicationId: string; recordSet: string; importId: string; at: Date; columns: RecordColumns },
): Promise<number> {
  const c = batch.columns;
  if (c.ids.length === 0) return 0;
  await sql`
    INSERT INTO app_records
      (id, application_id, record_set, subject_id, name_key, kana_key, birth_date, key_text, data, digest, import_id, created_at)
    SELECT u.id, ${batch.applicationId}::uuid, ${batch.recordSet}, u.subject_id, u.name_key, u.kana_key, u.birth_date,
           u.key_text, u.data::jsonb, u.digest, ${batch.importId}::uuid, ${batch.at}::timestamptz
    FROM unnest(${c.ids}::uuid[], ${c.subjectIds}::uuid[], ${c.nameKeys}::text[], ${c.kanaKeys}::text[],
                ${c.birthDates}::date[], ${c.keyTexts}::text[], ${c.data}::text[], ${c.digests}::text[])
      AS u(id, subject_id, name_key, kana_key, birth_date, key_text, data, digest)
  `.execute(db);
  return c.ids.length;
}

export async function demoApplicationIds(db: Db, codes: readonly string[]): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('applications')
    .select(['id', 'code'])
    .where('code', 'in', [...codes])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}
