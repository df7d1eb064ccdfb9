import { canonicalJsonOf } from './canonical-json.js';
import type { AuditEvent, AuditTarget } from './event.js';
import type { EntryRow } from './log-repo.js';

/**
 * The target with its members in code-unit order. Callers write { type, id, label }, and an entry
 * with one unordered member is written member by member instead of by one native stringify.
 * Only the order changes: the canonical bytes are the same either way.
 */
function inOrder(target: AuditTarget): AuditTarget {
  const keys = Object.keys(target);
  for (let i = 1; i < keys.length; i++) {
    if (!((keys[i - 1] as string) < (keys[i] as string))) {
      return Object.fromEntries(Object.entries(target).sort(([a], [b]) => (a < b ? -1 : 1))) as unknown as AuditTarget;
    }
  }
  return target;
}

/**
 * The bytes that are hashed into the log: RFC 8785 canonical JSON of the event with its position
 * (seq) and time (UTC, milliseconds, plus the host's offset, AUD-6). Putting seq inside the entry
 * means a payload moved to another position no longer matches its leaf.
 */
export function entryRow(event: AuditEvent, seq: number, at: Date): EntryRow {
  // Keys in canonical (code-unit) order, so the canonical form is one JSON.stringify call.
  const entry = {
    action: event.action,
    actor: event.actor,
    criteria: event.criteria,
    details: event.details,
    offsetMinutes: -at.getTimezoneOffset(),
    outcome: event.outcome,
    purpose: event.purpose,
    reason: event.reason,
    seq,
    target: event.target && inOrder(event.target),
    time: at.toISOString(),
    v: 1,
  };
  // Undefined members are dropped, so the bytes do not depend on how the caller built the object.
  const canonical = canonicalJsonOf(entry);
  return {
    seq,
    occurred_at: at,
    action: event.action,
    actor_user_id: event.actor.userId ?? null,
    actor_unit_code: event.actor.unitCode ?? null,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    outcome: event.outcome,
    canonical,
  };
}
