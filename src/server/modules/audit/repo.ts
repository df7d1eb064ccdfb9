import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export type Db = Kysely<Database>;

export interface AuthHistoryRow {
  seq: string;
  occurred_at: Date;
  action: string;
  outcome: string;
  canonical: string;
}

/** ID-6: a user's own authentication history, newest first. */
export async function listAuthEventsForUser(db: Db, userId: string, limit: number): Promise<AuthHistoryRow[]> {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'occurred_at', 'action', 'outcome', 'canonical'])
    .where('actor_user_id', '=', userId)
    .where('action', 'like', 'auth.%')
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
