import { AppError } from '../../http/errors.js';
import type { Clock } from '../../shared/clock.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import type { AuditEvent } from './event.js';
import { type Db, insertAuditEvent } from './repo.js';

export interface RecordOptions {
  /** Write inside the caller's transaction so the change and its record commit together. */
  tx?: Db | undefined;
}

export interface AuditLog {
  /**
   * Records one event and resolves only once it is committed (AUD-1). Throws
   * AppError('audit_unavailable') when it cannot be written: callers must not answer then (fail closed).
   */
  record(event: AuditEvent, options?: RecordOptions): Promise<string>;
}

function toJson(event: AuditEvent, at: Date): JsonValue {
  const offsetMinutes = -at.getTimezoneOffset();
  const entry = {
    v: 1,
    time: at.toISOString(),
    // The server's UTC offset at the time (AUD-6): times are UTC, the offset says how the host was set.
    offsetMinutes,
    action: event.action,
    actor: event.actor,
    target: event.target,
    outcome: event.outcome,
    reason: event.reason,
    purpose: event.purpose,
    criteria: event.criteria,
    details: event.details,
  };
  // Drop undefined members so the canonical bytes do not depend on how the caller built the object.
  return JSON.parse(JSON.stringify(entry)) as JsonValue;
}

export function createAuditLog(db: Db, clock: Clock): AuditLog {
  return {
    async record(event, options) {
      const at = clock.now();
      const canonical = canonicalJson(toJson(event, at));
      try {
        return await insertAuditEvent(options?.tx ?? db, {
          occurred_at: at,
          action: event.action,
          actor_user_id: event.actor.userId ?? null,
          actor_unit_code: event.actor.unitCode ?? null,
          target_type: event.target?.type ?? null,
          target_id: event.target?.id ?? null,
          outcome: event.outcome,
          canonical,
        });
      } catch (cause) {
        throw Object.assign(new AppError('audit_unavailable'), { cause });
      }
    },
  };
}
