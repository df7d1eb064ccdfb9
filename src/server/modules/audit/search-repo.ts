import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.js';

export type Db = Kysely<Database>;

/** Filters in the terms of the table's columns (AUD-4); every member optional. */
export interface EntryCriteria {
  userId?: string | undefined;
  unitCode?: string | undefined;
  /** `exact` matches that action; `prefix` matches actions beginning with it (LIKE, escaped). */
  action?: { exact?: string | undefined; prefix: string } | undefined;
  targetId?: string | undefined;
  outcome?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  until?: Date | undefined;
  /** Only entries with a smaller sequence number (paging, newest first). */
  beforeSeq?: string | undefined;
}

export interface EntrySearchRow {
  seq: string;
  occurred_at: Date;
  action: string;
  actor_user_id: string | null;
  actor_unit_code: string | null;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  canonical: string;
}

/** `_` is a LIKE wildcard; the schema lets no `%` or `\` through, but escape them all the same. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A login ID to the user's id (case-insensitive, as at login). */
export async function userIdByLogin(db: Db, loginId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('id').where(sql<string>`lower(login_id)`, '=', loginId.toLowerCase()).executeTakeFirst();
  return row?.id;
}

/**
 * Entries matching the criteria, newest (highest seq) first. Filters use the search columns only,
 * never the JSON payload, so the indexes (actor_user_id, occurred_at, seq) and partition pruning on
 * occurred_at apply.
 */
export async function searchEntries(db: Db, criteria: EntryCriteria, limit: number): Promise<EntrySearchRow[]> {
  let query = db
    .selectFrom('audit_events')
    .select(['seq', 'occurred_at', 'action', 'actor_user_id', 'actor_unit_code', 'target_type', 'target_id', 'outcome', 'canonical']);
  if (criteria.userId !== undefined) query = query.where('actor_user_id', '=', criteria.userId);
  if (criteria.unitCode !== undefined) query = query.where('actor_unit_code', '=', criteria.unitCode);
  const action = criteria.action;
  if (action !== undefined) {
    const pattern = likePrefix(action.prefix);
    const exact = action.exact;
    query =
      exact === undefined
        ? query.where('action', 'like', pattern)
        : query.where((eb) => eb.or([eb('action', '=', exact), eb('action', 'like', pattern)]));
  }
  if (criteria.targetId !== undefined) query = query.where('target_id', '=', criteria.targetId);
  if (criteria.outcome !== undefined) query = query.where('outcome', '=', criteria.outcome);
  if (criteria.from !== undefined) query = query.where('occurred_at', '>=', criteria.from);
  if (criteria.until !== undefined) query = query.where('occurred_at', '<', criteria.until);
  if (criteria.beforeSeq !== undefined) query = query.where('seq', '<', criteria.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: String(r.seq) }));
}

/** One entry by its sequence number (a string of digits). */
export async function entryBySeq(db: Db, seq: string): Promise<EntrySearchRow | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select(['seq', 'occurred_at', 'action', 'actor_user_id', 'actor_unit_code', 'target_type', 'target_id', 'outcome', 'canonical'])
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? { ...row, seq: String(row.seq) } : undefined;
}
