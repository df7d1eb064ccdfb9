import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../context.js';
import { actorOf, clearSessionCookie, requestMeta, sessionOf, setSessionCookie } from '../../http/auth.js';
import * as auth from './auth-service.js';
import * as mfa from './mfa-service.js';
import { MIN_PASSWORD_LENGTH, PASSWORD_HISTORY_DEPTH } from './password-policy.js';
import { mfaMethodsOf, presentGates, presentUser } from './presenters.js';
import * as schema from './schema.js';
import * as self from './self-service.js';
import { describeSession } from './session-service.js';

export function identityRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authRate = { rateLimit: { max: ctx.config.rateLimit.authPerMinute, timeWindow: '1 minute' } };

  r.post(
    '/api/auth/login',
    { schema: { body: schema.loginSchema, tags: ['auth'] }, config: { auth: 'public', ...authRate } },
    async (request, reply) => {
      const result = await auth.login(ctx, request.body, requestMeta(request));
      setSessionCookie(ctx, reply, result.token);
      return {
        user: presentUser(result.actor),
        csrfToken: result.session.csrf_token,
        mfaRequired: result.mfaRequired,
        mfaMethods: result.mfaMethods,
        ...presentGates(result.state),
      };
    },
  );

  /** Second factor at login; the session gets a new id once it is passed. */
  const afterSecondFactor = async (sessionId: string, token: string) => {
    const { actor, state, csrfToken } = await describeSession(ctx, sessionId);
    return { token, body: { user: presentUser(actor), csrfToken, mfaRequired: false, mfaMethods: [], ...presentGates(state) } };
  };

  r.post(
    '/api/auth/mfa/totp',
    { schema: { body: schema.totpCodeSchema, tags: ['auth'] }, config: { auth: 'pending', ...authRate } },
    async (request, reply) => {
      const { session } = sessionOf(request);
      const token = await mfa.verifyTotpLogin(ctx, session, request.body.code, requestMeta(request));
      const out = await afterSecondFactor(session.id, token);
      setSessionCookie(ctx, reply, out.token);
      return out.body;
    },
  );

  r.post('/api/auth/mfa/webauthn/options', { schema: { tags: ['auth'] }, config: { auth: 'pending', ...authRate } }, async (request) => {
    return mfa.webauthnLoginOptions(ctx, sessionOf(request).session);
  });

  r.post(
    '/api/auth/mfa/webauthn',
    { schema: { body: schema.webauthnLoginSchema, tags: ['auth'] }, config: { auth: 'pending', ...authRate } },
    async (request, reply) => {
      const { session } = sessionOf(request);
      const response = request.body.response as unknown as Parameters<typeof mfa.verifyWebauthnLogin>[2];
      const token = await mfa.verifyWebauthnLogin(ctx, session, response, requestMeta(request));
      const out = await afterSecondFactor(session.id, token);
      setSessionCookie(ctx, reply, out.token);
      return out.body;
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'] }, config: { auth: 'pending' } }, async (request, reply) => {
    await auth.logout(ctx, actorOf(request));
    clearSessionCookie(ctx, reply);
    return reply.status(204).send();
  });

  /** Where a reloaded page learns its CSRF token and which gate it stands at. */
  r.get('/api/auth/session', { schema: { tags: ['auth'] }, config: { auth: 'pending' } }, async (request) => {
    const resolved = sessionOf(request);
    return {
      user: presentUser(resolved.actor),
      csrfToken: resolved.session.csrf_token,
      mfaRequired: resolved.session.state !== 'active',
      mfaMethods: mfaMethodsOf(resolved.state),
      ...presentGates(resolved.state),
    };
  });

  r.get('/api/auth/password-policy', { schema: { tags: ['auth'] }, config: { auth: 'public' } }, async () => ({
    minLength: MIN_PASSWORD_LENGTH,
    historyDepth: PASSWORD_HISTORY_DEPTH,
  }));

  r.post(
    '/api/auth/password',
    { schema: { body: schema.changePasswordSchema, tags: ['auth'] }, config: { auth: 'password', ...authRate } },
    async (request, reply) => {
      await auth.changePassword(ctx, actorOf(request), request.body, requestMeta(request));
      return reply.status(204).send();
    },
  );

  // --- my account ---------------------------------------------------------------------

  r.get('/api/me', { schema: { tags: ['me'] }, config: { auth: 'account' } }, async (request) => {
    const resolved = sessionOf(request);
    const settings = await ctx.settings.get();
    return {
      user: presentUser(resolved.actor),
      csrfToken: resolved.session.csrf_token,
      ...presentGates(resolved.state),
      mfaEnrolled: resolved.state.mfaEnrolled,
      session: {
        id: resolved.session.id,
        createdAt: new Date(resolved.session.created_at).toISOString(),
        expiresAt: new Date(resolved.session.absolute_expires_at).toISOString(),
        idleTimeoutMinutes: settings.idleTimeoutMinutes,
        privileged: resolved.session.privileged,
      },
    };
  });

  r.patch(
    '/api/me/preferences',
    { schema: { body: schema.preferencesSchema, tags: ['me'] }, config: { auth: 'account' } },
    async (request, reply) => {
      await self.setMyLocale(ctx, actorOf(request), request.body.locale);
      return reply.status(204).send();
    },
  );

  r.get('/api/me/notice', { schema: { tags: ['me'] }, config: { auth: 'account' } }, async (request) =>
    self.myNotice(ctx, actorOf(request)),
  );

  r.post('/api/me/notice-acknowledgement', { schema: { tags: ['me'] }, config: { auth: 'account' } }, async (request, reply) => {
    await auth.acknowledgeNotice(ctx, actorOf(request));
    return reply.status(204).send();
  });

  r.get('/api/me/sessions', { schema: { tags: ['me'] }, config: { auth: 'account' } }, async (request) => ({
    sessions: await self.mySessions(ctx, actorOf(request)),
  }));

  r.delete(
    '/api/me/sessions/:id',
    { schema: { params: schema.idParamSchema, tags: ['me'] }, config: { auth: 'account' } },
    async (request, reply) => {
      const { current } = await self.endMySession(ctx, actorOf(request), request.params.id);
      if (current) clearSessionCookie(ctx, reply);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/me/auth-history',
    { schema: { querystring: schema.historyQuerySchema, tags: ['me'] }, config: { auth: 'account' } },
    async (request) => ({
      events: await self.myAuthHistory(ctx, actorOf(request), request.query.limit),
    }),
  );

  r.post('/api/me/mfa/totp/setup', { schema: { tags: ['me'] }, config: { auth: 'account' } }, async (request) =>
    mfa.startTotpEnrolment(ctx, actorOf(request)),
  );

  r.post(
    '/api/me/mfa/totp/confirm',
    { schema: { body: schema.totpCodeSchema, tags: ['me'] }, config: { auth: 'account', ...authRate } },
    async (request, reply) => {
      await mfa.confirmTotpEnrolment(ctx, actorOf(request), request.body.code);
      return reply.status(204).send();
    },
  );

  r.post('/api/me/mfa/webauthn/registration-options', { schema: { tags: ['me'] }, config: { auth: 'account' } }, async (request) =>
    mfa.webauthnRegistrationOptions(ctx, actorOf(request)),
  );

  r.post(
    '/api/me/mfa/webauthn/registration',
    { schema: { body: schema.webauthnRegistrationSchema, tags: ['me'] }, config: { auth: 'account' } },
    async (request, reply) => {
      const response = request.body.response as unknown as Parameters<typeof mfa.completeWebauthnRegistration>[2]['response'];
      await mfa.completeWebauthnRegistration(ctx, actorOf(request), { response, label: request.body.label });
      return reply.status(204).send();
    },
  );

  r.get('/api/me/mfa/webauthn', { schema: { tags: ['me'] }, config: { auth: 'account' } }, async (request) => ({
    credentials: await self.myWebauthnCredentials(ctx, actorOf(request)),
  }));

  r.delete(
    '/api/me/mfa/webauthn/:id',
    { schema: { params: schema.idParamSchema, tags: ['me'] }, config: { auth: 'account' } },
    async (request, reply) => {
      const actor = actorOf(request);
      await mfa.revokeWebauthnCredential(ctx, actor, actor.userId, request.params.id);
      return reply.status(204).send();
    },
  );
}
