import { type Kysely, sql } from 'kysely';
import { lockHead } from './log-repo.js';
import { appendMany, type CompletedNode, leafHash, rootOfFrontier } from './merkle.js';
import { tileAppends } from './tiles.js';

/**
 * Migration step (20261122T0200): the foundation kept audit events unchained. They are appended
 * to the Merkle log in their original order, with their original bytes, so nothing recorded
 * before is lost. Written straight into the tables as they were at that migration (whole tiles
 * rewritten in place); the next migration moves unfinished tiles to fragments and brings
 * audit_append(), which every later write goes through.
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
  const leaves = legacy.rows.map((r, i) => ({ index: head.size + i, hash: leafHash(r.canonical) }));
  const completed: CompletedNode[] = [];
  const frontier = appendMany(
    head.frontier,
    head.size,
    leaves.map((l) => l.hash),
    (node) => completed.push(node),
  );
  for (const [i, r] of legacy.rows.entries()) {
    await sql`INSERT INTO audit_events (seq, occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, canonical)
      VALUES (${head.size + i}, ${new Date(r.occurred_at)}, ${r.action}, ${r.actor_user_id}, ${r.actor_unit_code}, ${r.target_type},
              ${r.target_id}, ${r.outcome}, ${r.canonical})`.execute(db);
  }
  for (const t of tileAppends(leaves, completed)) {
    await sql`INSERT INTO audit_tiles (level, idx, hashes) VALUES (${t.level}, ${t.idx}, ${Buffer.from(t.hashes)})
      ON CONFLICT (level, idx) DO UPDATE SET hashes = audit_tiles.hashes || EXCLUDED.hashes`.execute(db);
  }
  await sql`UPDATE audit_log_head SET size = ${head.size + leaves.length}, frontier = ${Buffer.concat(frontier)},
    root = ${Buffer.from(rootOfFrontier(frontier))}, updated_at = now() WHERE id = 1`.execute(db);
}
