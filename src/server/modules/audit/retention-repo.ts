import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface PurgedRange {
  /** First and last seq whose payload was removed; null when nothing was old enough. */
  firstSeq: number | null;
  lastSeq: number | null;
  purged: number;
}

/** The database refused: the cutoff is younger than the five years its function enforces (AUD-2). */
export class RetentionFloorError extends Error {}

/**
 * AUD-2: removes the payloads of entries that occurred before `cutoff`, through the owner's
 * SECURITY DEFINER function (the runtime role cannot DELETE from the log tables itself). The
 * function refuses cutoffs younger than five years and records the purged range; leaf hashes stay
 * in audit_tiles, so the tree still verifies.
 */
export async function purgePayloadsBefore(db: Kysely<Database>, cutoff: Date): Promise<PurgedRange> {
  try {
    const res = await sql<{ first_seq: string | number | null; last_seq: string | number | null; purged: string | number | null }>`
      SELECT * FROM audit_purge_payloads_before(${cutoff.toISOString()}::timestamptz)
    `.execute(db);
    const row = res.rows[0];
    return {
      firstSeq: row?.first_seq === null || row?.first_seq === undefined ? null : Number(row.first_seq),
      lastSeq: row?.last_seq === null || row?.last_seq === undefined ? null : Number(row.last_seq),
      purged: Number(row?.purged ?? 0),
    };
  } catch (e) {
    if (e instanceof Error && /kept at least five years/.test(e.message)) throw new RetentionFloorError(e.message);
    throw e;
  }
}
