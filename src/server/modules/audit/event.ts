import type { JsonValue } from './canonical-json.js';

/** Who did it. Never a password or a token (AUD-1, ID-2). */
export interface AuditActor {
  type: 'user' | 'anonymous' | 'system';
  userId?: string | undefined;
  loginId?: string | undefined;
  unitCode?: string | undefined;
  roles?: string[] | undefined;
  posts?: string[] | undefined;
  sessionId?: string | undefined;
  terminal?: string | undefined;
  sourceAddress?: string | undefined;
  /** For system actors: which tool (cli, scheduler). */
  via?: string | undefined;
}

export interface AuditTarget {
  type: string;
  id: string;
  label?: string | undefined;
}

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEvent {
  action: string;
  actor: AuditActor;
  target?: AuditTarget | undefined;
  outcome: AuditOutcome;
  /** Why it was denied or failed (a code, not free text from the user). */
  reason?: string | undefined;
  purpose?: { code: string; text: string } | undefined;
  criteria?: JsonValue | undefined;
  details?: JsonValue | undefined;
}
