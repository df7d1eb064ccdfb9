import { canonicalJsonOf } from './canonical-json.js';
import type { AuditEvent } from './event.js';
import type { EntryRow } from './log-repo.js';

/**
 * The bytes that are hashed into the log: RFC 8785 canonical JSON of the event with its position
 * (seq) and time (UTC, milliseconds, plus the host's offset, AUD-6). Putting seq inside the entry
 * means a payload moved to another position no longer matches its leaf.
 */
export function entryRow(event: AuditEvent, seq: number, at: Date): EntryRow {
  // Keys in canonical (code-unit) order: the canonical form needs no reordered copy of the entry.
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
    target: event.target,
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
