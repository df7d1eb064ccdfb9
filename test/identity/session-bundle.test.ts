import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountState, buildActor, resolveSession } from '../../src/server/modules/identity/session-service.js';
import { findUserById } from '../../src/server/modules/org/repo.js';
import * as org from '../../src/server/modules/org/service.js';
import { Client, createUnit, createUser, OPERATOR, onboard, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every request resolves its person in one statement (identity/repo findSessionBundle, decision
 * 0012); login and the CLI still read unit, posts, roles and credentials one by one. Both must give
 * the same person and the same gates (ORG-1, ORG-2, ID-6, ID-11, SEC-2) — or one of them enforces
 * a rule the other misses.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'SB1', '照合一課');
  await createUnit(t, 'SB2', '照合二課');
});
afterAll(async () => t?.close());

function tokenOf(client: Client): string {
  const value = client.cookie?.split('=')[1];
  if (!value) throw new Error('no session cookie');
  return decodeURIComponent(value);
}

async function bothWays(client: Client) {
  const resolved = await resolveSession(t.ctx, tokenOf(client), { ip: null, userAgent: null });
  const user = await findUserById(t.ctx.db, resolved.user.id);
  if (!user) throw new Error('user gone');
  const actor = await buildActor(t.ctx, user, resolved.session, null);
  const state = await accountState(t.ctx, user, actor);
  return { resolved, actor, state, user };
}

describe('the one-statement session read agrees with the separate reads', () => {
  it('unit, posts (only those of the current unit), roles, privilege and every gate, before and after onboarding', async () => {
    const created = await createUser(t, {
      loginId: 'bundle-admin',
      unitCode: 'SB1',
      roles: ['security_admin', 'auditor'],
      posts: [{ post: 'unit_head', unitCode: 'SB1' }],
    });
    // A post in another unit does not count while the person belongs to SB1.
    await org.addPost(t.ctx, OPERATOR, created.id, { post: 'registrar', unitCode: 'SB2' });
    await org.addPost(t.ctx, OPERATOR, created.id, { post: 'registrar', unitCode: 'SB1' });

    const fresh = new Client(t);
    expect((await fresh.login(created.loginId, created.password)).statusCode).toBe(200);
    const before = await bothWays(fresh);
    expect(before.resolved.actor).toEqual(before.actor);
    expect(before.resolved.state).toEqual(before.state);
    expect(before.resolved.state).toMatchObject({ passwordChangeRequired: true, noticeAcknowledgementRequired: true });
    expect(before.resolved.actor).toMatchObject({
      unit: { code: 'SB1' },
      roles: ['auditor', 'security_admin'],
      privileged: true,
      managedUnitCodes: ['SB1'],
    });
    expect(before.resolved.actor.posts).toEqual([
      { post: 'registrar', unitCode: 'SB1' },
      { post: 'unit_head', unitCode: 'SB1' },
    ]);
    // The user row read as JSON in the bundle keeps the driver's types.
    expect(before.resolved.user).toEqual(before.user);

    const client = await onboard(t, created);
    // A lock that has run out: every timestamp column of the user now holds a value.
    await t.ctx.db
      .updateTable('users')
      .set({ locked_until: new Date(t.clock.now().getTime() - 60_000) })
      .where('id', '=', created.id)
      .execute();
    const after = await bothWays(client);
    expect(after.resolved.user.locked_until).toBeInstanceOf(Date);
    expect(after.resolved.actor).toEqual(after.actor);
    expect(after.resolved.state).toEqual(after.state);
    expect(after.resolved.state).toEqual({
      passwordChangeRequired: false,
      mfaEnrollmentRequired: false,
      noticeAcknowledgementRequired: false,
      mfaEnrolled: { totp: true, webauthn: 0 },
    });
    expect(after.resolved.user).toEqual(after.user);
  });

  it('a transfer that takes effect at midnight ends an open session through the one-statement read', async () => {
    const created = await createUser(t, { loginId: 'bundle-mover', unitCode: 'SB1' });
    // 23:50 in Tokyo on a later day than the assignment began; the transfer takes effect tomorrow.
    const day = new Date(t.clock.now().getTime() + 2 * 24 * 60 * 60_000).toISOString().slice(0, 10);
    t.clock.set(`${day}T14:50:00.000Z`);
    const client = await onboard(t, created);
    expect((await bothWays(client)).resolved.actor.unit?.code).toBe('SB1');
    const tomorrow = new Date(Date.parse(`${day}T00:00:00.000Z`) + 24 * 60 * 60_000).toISOString().slice(0, 10);
    await org.transferUser(t.ctx, OPERATOR, created.id, { unitCode: 'SB2', effectiveDate: tomorrow });
    // Still the same day: the session goes on.
    expect((await bothWays(client)).resolved.actor.unit?.code).toBe('SB1');
    t.clock.advance(15 * 60_000);
    await expect(resolveSession(t.ctx, tokenOf(client), { ip: null, userAgent: null })).rejects.toMatchObject({ code: 'session_expired' });
    const ended = await t.ctx.db.selectFrom('sessions').select('end_reason').where('user_id', '=', created.id).execute();
    expect(ended.map((s) => s.end_reason)).toContain('transferred');
  });
});
