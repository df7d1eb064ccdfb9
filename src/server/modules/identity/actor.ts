import type { AuthzPrincipal } from '../../authz/authorizer.js';
import type { AuditActor } from '../audit/event.js';

export interface ActorPost {
  post: string;
  unitCode: string;
}

/** A logged-in person as resolved from their session, with what holds as of today. */
export interface UserActor {
  kind: 'user';
  userId: string;
  loginId: string;
  name: string;
  locale: 'ja' | 'en';
  unit: { id: string; code: string; name: string } | null;
  assignmentId: string | null;
  roles: string[];
  posts: ActorPost[];
  managedUnitCodes: string[];
  privileged: boolean;
  active: boolean;
  sessionId: string;
  ip: string | null;
  terminal: string | null;
}

/** Operators acting through the CLI on the server machine. */
export interface SystemActor {
  kind: 'system';
  via: 'cli' | 'scheduler' | 'demo';
  osUser: string;
}

export type Actor = UserActor | SystemActor;

export function auditActor(actor: Actor): AuditActor {
  // Keys in code-unit order: the audit entry's canonical form needs no reordered copy of the actor.
  if (actor.kind === 'system') return { loginId: actor.osUser, type: 'system', via: actor.via };
  return {
    loginId: actor.loginId,
    posts: actor.posts.map((p) => `${p.unitCode}:${p.post}`),
    roles: actor.roles,
    sessionId: actor.sessionId,
    sourceAddress: actor.ip ?? undefined,
    terminal: actor.terminal ?? undefined,
    type: 'user',
    unitCode: actor.unit?.code,
    userId: actor.userId,
  };
}

export function principalOf(actor: UserActor): AuthzPrincipal {
  return {
    userId: actor.userId,
    roles: actor.roles,
    managedUnitCodes: actor.managedUnitCodes,
    registrarUnitCodes: actor.posts.filter((p) => p.post === 'registrar').map((p) => p.unitCode),
    active: actor.active,
  };
}
