import { type Kysely, sql } from 'kysely';
import { appendRows } from './append.js';
import { lockHead } from './log-repo.js';

/**
 * Migration step: the foundation kept audit events unchained. They are appended to the Merkle log
 * in their original order, with their original bytes, so nothing recorded before is lost.
 */
export async function carryOverLegacyEvents(db: Kysely<unknown>): Promise<void> {
  const legacy = await sql<{
    occurred_at: Date;
    action: string;
    actor_user_id: string | null;
    actor_unit_code: string | null;
    target_type: string | null;
    target_id: string | null;
    outcome: string;
    canonical: string;
  }>`SELECT occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, canonical
     FROM audit_legacy_events ORDER BY seq`.execute(db);
  if (legacy.rows.length === 0) return;
  const head = await lockHead(db);
  const rows = legacy.rows.map((r, i) => ({ ...r, occurred_at: new Date(r.occurred_at), seq: head.size + i }));
  const next = await appendRows(db, head, rows, new Date());
  if (!next) throw new Error('audit log head moved during migration');
}
