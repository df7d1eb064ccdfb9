import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { MINUTE } from '../../shared/clock.js';
import { findUserById } from '../org/repo.js';
import { auditActor, type UserActor } from './actor.js';
import { registerFailure } from './auth-service.js';
import { isLocked } from './lockout.js';
import * as repo from './repo.js';
import { type RequestMeta, rotateSessionToken } from './session-service.js';

const TOTP_PERIOD = 30;
const CHALLENGE_TTL_MS = 5 * MINUTE;

function totpFor(secret: string, label: string, issuer: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** Accepts a code within ±1 step; returns the matched time step so it cannot be used twice. */
function matchStep(totp: OTPAuth.TOTP, code: string, now: Date): number | null {
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + delta;
}

// --- enrolment (ID-8) ---------------------------------------------------------

export async function startTotpEnrolment(ctx: ServiceContext, actor: UserActor) {
  const settings = await ctx.settings.get();
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await repo.upsertPendingTotp(ctx.db, actor.userId, secret);
  const uri = totpFor(secret, actor.loginId, `関守 ${settings.organizationName}`).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1 });
  return { secret, otpauthUri: uri, qrSvg };
}

export async function confirmTotpEnrolment(ctx: ServiceContext, actor: UserActor, code: string): Promise<void> {
  const pending = await repo.findTotp(ctx.db, actor.userId);
  if (!pending) throw new AppError('invalid_state');
  const now = ctx.clock.now();
  const step = matchStep(totpFor(pending.secret, actor.loginId, 'sekimori'), code, now);
  if (step === null) {
    await ctx.audit.record({
      action: 'auth.mfa.enrol',
      actor: auditActor(actor),
      outcome: 'failure',
      reason: 'bad_code',
      details: { method: 'totp' },
    });
    throw new AppError('invalid_mfa_code');
  }
  await ctx.db.transaction().execute(async (tx) => {
    await repo.confirmTotp(tx, actor.userId, now, step);
    await ctx.audit.record({ action: 'auth.mfa.enrol', actor: auditActor(actor), outcome: 'success', details: { method: 'totp' } }, { tx });
  });
}

export async function removeTotp(ctx: ServiceContext, actor: UserActor, targetUserId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await repo.deleteTotp(tx, targetUserId);
    await ctx.audit.record(
      {
        action: 'auth.mfa.remove',
        actor: auditActor(actor),
        target: { type: 'user', id: targetUserId },
        outcome: 'success',
        details: { method: 'totp' },
      },
      { tx },
    );
  });
}

export async function webauthnRegistrationOptions(ctx: ServiceContext, actor: UserActor) {
  const existing = await repo.listWebauthn(ctx.db, actor.userId);
  const options = await generateRegistrationOptions({
    rpName: '関守 Sekimori',
    rpID: ctx.config.rpId,
    userName: actor.loginId,
    userDisplayName: actor.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c.transports) })),
    authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
  });
  await repo.saveChallenge(ctx.db, actor.sessionId, 'register', options.challenge, ctx.clock.now());
  return options;
}

function transportsOf(stored: string | null): AuthenticatorTransportFuture[] | undefined {
  return stored ? (stored.split(',') as AuthenticatorTransportFuture[]) : undefined;
}

async function freshChallenge(ctx: ServiceContext, sessionId: string, purpose: string): Promise<string> {
  const stored = await repo.takeChallenge(ctx.db, sessionId, purpose);
  if (!stored || ctx.clock.now().getTime() - new Date(stored.created_at).getTime() > CHALLENGE_TTL_MS) {
    throw new AppError('invalid_mfa_code');
  }
  return stored.challenge;
}

export async function completeWebauthnRegistration(
  ctx: ServiceContext,
  actor: UserActor,
  input: { response: RegistrationResponseJSON; label: string },
): Promise<void> {
  const challenge = await freshChallenge(ctx, actor.sessionId, 'register');
  const result = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: ctx.config.origin,
    expectedRPID: ctx.config.rpId,
    // The key is the possession factor next to the password; a PIN on it is welcome, not required
    // (the options say userVerification "preferred", and the check must agree with them).
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified || !result.registrationInfo) {
    await ctx.audit.record({
      action: 'auth.mfa.enrol',
      actor: auditActor(actor),
      outcome: 'failure',
      reason: 'verification_failed',
      details: { method: 'webauthn' },
    });
    throw new AppError('invalid_mfa_code');
  }
  const { credential } = result.registrationInfo;
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertWebauthn(tx, {
      user_id: actor.userId,
      credential_id: credential.id,
      public_key: Buffer.from(credential.publicKey).toString('base64url'),
      counter: String(credential.counter),
      transports: credential.transports?.join(',') ?? null,
      label: input.label,
    });
    await ctx.audit.record(
      { action: 'auth.mfa.enrol', actor: auditActor(actor), outcome: 'success', details: { method: 'webauthn', label: input.label } },
      { tx },
    );
  });
}

/** ID-12: a lost key stops working at once, and the sessions opened with it end. */
export async function revokeWebauthnCredential(ctx: ServiceContext, actor: UserActor, userId: string, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const credentialId = await repo.revokeWebauthn(tx, userId, id, now);
    if (!credentialId) throw new AppError('not_found');
    const ended = await repo.endSessionsUsingCredential(tx, credentialId, now);
    await ctx.audit.record(
      {
        action: 'auth.mfa.revoke',
        actor: auditActor(actor),
        target: { type: 'user', id: userId },
        outcome: 'success',
        details: { method: 'webauthn', credential: id, sessionsEnded: ended.length },
      },
      { tx },
    );
  });
}

// --- second step of login -------------------------------------------------------

async function completeSecondFactor(ctx: ServiceContext, userId: string, sessionId: string, method: string, credentialId: string | null) {
  await repo.updateSession(ctx.db, sessionId, { state: 'active', mfa_method: method, mfa_credential_id: credentialId });
  // The login is complete: earlier failures are forgiven (ID-5).
  await repo.clearFailures(ctx.db, userId);
  return rotateSessionToken(ctx, sessionId);
}

async function pendingUser(ctx: ServiceContext, session: { user_id: string; state: string }) {
  if (session.state !== 'mfa_pending') throw new AppError('invalid_state');
  const user = await findUserById(ctx.db, session.user_id);
  if (!user) throw new AppError('unauthenticated');
  // ID-5: a locked account cannot complete a login, whatever code it offers.
  if (isLocked(user, ctx.clock.now())) throw new AppError('invalid_mfa_code');
  return user;
}

export async function verifyTotpLogin(
  ctx: ServiceContext,
  session: { id: string; user_id: string; state: string },
  code: string,
  meta: RequestMeta,
): Promise<string> {
  const user = await pendingUser(ctx, session);
  const credential = await repo.findTotp(ctx.db, user.id);
  const now = ctx.clock.now();
  const step = credential?.confirmed_at ? matchStep(totpFor(credential.secret, user.login_id, 'sekimori'), code, now) : null;
  // A code already used (replayed) is refused like a wrong one.
  if (step === null || !(await repo.claimTotpStep(ctx.db, user.id, step))) {
    await registerFailure(ctx, user, meta, 'bad_totp');
    throw new AppError('invalid_mfa_code');
  }
  const token = await completeSecondFactor(ctx, user.id, session.id, 'totp', null);
  await ctx.audit.record({
    action: 'auth.mfa.verify',
    actor: { type: 'user', userId: user.id, loginId: user.login_id, sessionId: session.id, sourceAddress: meta.ip ?? undefined },
    outcome: 'success',
    details: { method: 'totp' },
  });
  return token;
}

export async function webauthnLoginOptions(ctx: ServiceContext, session: { id: string; user_id: string; state: string }) {
  const user = await pendingUser(ctx, session);
  const credentials = await repo.listWebauthn(ctx.db, user.id);
  if (credentials.length === 0) throw new AppError('invalid_state');
  const options = await generateAuthenticationOptions({
    rpID: ctx.config.rpId,
    allowCredentials: credentials.map((c) => ({ id: c.credential_id, transports: transportsOf(c.transports) })),
    userVerification: 'preferred',
  });
  await repo.saveChallenge(ctx.db, session.id, 'login', options.challenge, ctx.clock.now());
  return options;
}

export async function verifyWebauthnLogin(
  ctx: ServiceContext,
  session: { id: string; user_id: string; state: string },
  response: AuthenticationResponseJSON,
  meta: RequestMeta,
): Promise<string> {
  const user = await pendingUser(ctx, session);
  const challenge = await freshChallenge(ctx, session.id, 'login');
  const credentials = await repo.listWebauthn(ctx.db, user.id);
  const stored = credentials.find((c) => c.credential_id === response.id);
  const result = stored
    ? await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: ctx.config.origin,
        expectedRPID: ctx.config.rpId,
        requireUserVerification: false,
        credential: {
          id: stored.credential_id,
          publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
          counter: Number(stored.counter),
          transports: transportsOf(stored.transports),
        },
      }).catch(() => null)
    : null;
  if (!stored || !result?.verified) {
    await registerFailure(ctx, user, meta, 'bad_webauthn');
    throw new AppError('invalid_mfa_code');
  }
  await repo.updateWebauthnCounter(ctx.db, stored.credential_id, result.authenticationInfo.newCounter);
  const token = await completeSecondFactor(ctx, user.id, session.id, 'webauthn', stored.credential_id);
  await ctx.audit.record({
    action: 'auth.mfa.verify',
    actor: { type: 'user', userId: user.id, loginId: user.login_id, sessionId: session.id, sourceAddress: meta.ip ?? undefined },
    outcome: 'success',
    details: { method: 'webauthn', credential: stored.id },
  });
  return token;
}
