import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import type { JsonValue } from '../audit/canonical-json.js';
import { listAuthEventsForUser } from '../audit/repo.js';
import { auditActor, type UserActor } from './actor.js';
import { MONITORING_NOTICE } from './notice.js';
import * as repo from './repo.js';

/** ID-10: a user sees their own open sessions and may end any of them. */
export async function mySessions(ctx: ServiceContext, actor: UserActor) {
  await authorize(ctx, actor, 'self.sessions', { type: 'User', id: actor.userId });
  const rows = await repo.listOpenSessions(ctx.db, { userId: actor.userId });
  return rows.map((s) => ({
    id: s.id,
    createdAt: new Date(s.created_at).toISOString(),
    lastSeenAt: new Date(s.last_seen_at).toISOString(),
    expiresAt: new Date(s.absolute_expires_at).toISOString(),
    ip: s.ip,
    userAgent: s.user_agent,
    privileged: s.privileged,
    current: s.id === actor.sessionId,
  }));
}

export async function endMySession(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<{ current: boolean }> {
  await authorize(ctx, actor, 'self.sessions', { type: 'User', id: actor.userId });
  const session = await repo.findSessionById(ctx.db, sessionId);
  // Another person's session id is answered as "not found", not "forbidden": ids are not confirmed.
  if (!session || session.user_id !== actor.userId || session.ended_at !== null) throw new AppError('not_found');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.endSession(tx, sessionId, ctx.clock.now(), 'ended_by_user');
    await ctx.audit.record(
      {
        action: 'auth.session.end',
        actor: auditActor(actor),
        target: { type: 'session', id: sessionId },
        outcome: 'success',
        reason: 'ended_by_user',
      },
      { tx },
    );
  });
  return { current: sessionId === actor.sessionId };
}

/** ID-6: the person's own authentication history from the audit trail. */
export async function myAuthHistory(ctx: ServiceContext, actor: UserActor, limit: number) {
  await authorize(ctx, actor, 'self.read', { type: 'User', id: actor.userId });
  const rows = await listAuthEventsForUser(ctx.db, actor.userId, limit);
  return rows.map((r) => {
    const entry = JSON.parse(r.canonical) as { reason?: JsonValue; actor?: { sourceAddress?: string; sessionId?: string } };
    return {
      seq: r.seq,
      at: new Date(r.occurred_at).toISOString(),
      action: r.action,
      outcome: r.outcome,
      reason: typeof entry.reason === 'string' ? entry.reason : null,
      sourceAddress: entry.actor?.sourceAddress ?? null,
    };
  });
}

export async function myNotice(ctx: ServiceContext, actor: UserActor) {
  const acknowledged = await repo.acknowledgedAt(ctx.db, actor.userId, MONITORING_NOTICE.version);
  return {
    version: MONITORING_NOTICE.version,
    title: MONITORING_NOTICE.title,
    paragraphs: MONITORING_NOTICE.paragraphs,
    acknowledgedAt: acknowledged?.toISOString() ?? null,
  };
}

export async function setMyLocale(ctx: ServiceContext, actor: UserActor, locale: 'ja' | 'en'): Promise<void> {
  await repo.setLocale(ctx.db, actor.userId, locale);
}

export async function myWebauthnCredentials(ctx: ServiceContext, actor: UserActor) {
  const rows = await repo.listWebauthn(ctx.db, actor.userId);
  return rows.map((c) => ({ id: c.id, label: c.label, createdAt: new Date(c.created_at).toISOString() }));
}
