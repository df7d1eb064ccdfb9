import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookiesAreSecure } from '../config.js';
import type { ServiceContext } from '../context.js';
import { auditActor, type UserActor } from '../modules/identity/actor.js';
import { type RequestMeta, type ResolvedSession, resolveSession } from '../modules/identity/session-service.js';
import { safeEqual } from '../shared/tokens.js';
import { AppError } from './errors.js';

/**
 * How far a session must have come before a route answers:
 * public → no session; pending → any open session, even before the second factor;
 * password → second factor done (a temporary password may still be pending);
 * account → temporary password changed (MFA enrolment and the notice may be pending);
 * full → everything done: the business endpoints.
 */
export type AuthLevel = 'public' | 'pending' | 'password' | 'account' | 'full';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
  }
  interface FastifyRequest {
    auth: ResolvedSession | null;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(ctx: ServiceContext): string {
  // Browsers refuse __Host- cookies without Secure, so plain-HTTP development uses a plain name (decision 0003).
  return cookiesAreSecure(ctx.config) ? '__Host-sekimori_sid' : 'sekimori_sid';
}

export function setSessionCookie(ctx: ServiceContext, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(ctx), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookiesAreSecure(ctx.config),
  });
}

export function clearSessionCookie(ctx: ServiceContext, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(ctx), { path: '/', httpOnly: true, sameSite: 'strict', secure: cookiesAreSecure(ctx.config) });
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null, terminal: null };
}

/** The resolved person of an authenticated route (the hook guarantees it exists). */
export function actorOf(request: FastifyRequest): UserActor {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth.actor;
}

export function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth;
}

function enforceGates(level: AuthLevel, auth: ResolvedSession): void {
  if (auth.session.state !== 'active' && level !== 'pending') throw new AppError('mfa_required');
  if (level === 'pending' || level === 'password') return;
  if (auth.state.passwordChangeRequired) throw new AppError('password_change_required');
  if (level === 'account') return;
  if (auth.state.mfaEnrollmentRequired) throw new AppError('mfa_enrollment_required');
  if (auth.state.noticeAcknowledgementRequired) throw new AppError('notice_acknowledgement_required');
}

export function installAuth(app: FastifyInstance, ctx: ServiceContext): void {
  app.decorateRequest('auth', null);
  app.addHook('preValidation', async (request) => {
    const level = request.routeOptions.config.auth ?? 'full';
    if (level === 'public') return;
    const token = request.cookies[sessionCookieName(ctx)];
    if (!token) throw new AppError('unauthenticated');
    const auth = await resolveSession(ctx, token, requestMeta(request));
    request.auth = auth;
    // CSRF: a state change must carry the session's token in a header (SameSite alone is not enough).
    if (MUTATING.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, auth.session.csrf_token)) {
        // A forged cross-site request is an attack on this person: it goes in the trail (AUD-1).
        await ctx.audit.record({
          action: 'http.csrf_rejected',
          actor: auditActor(auth.actor),
          outcome: 'denied',
          reason: typeof header === 'string' ? 'csrf_mismatch' : 'csrf_missing',
          details: { method: request.method, route: request.routeOptions.url ?? null },
        });
        throw new AppError('csrf_invalid');
      }
    }
    enforceGates(level, auth);
  });
}
