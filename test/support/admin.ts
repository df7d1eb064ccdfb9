import { Client, type CreatedUser, createUser, onboard, type TestApp, totpCode } from './test-app.js';

/** A システム管理者 with TOTP enrolled, password changed and the notice acknowledged, and its client. */
export async function onboardedAdmin(t: TestApp, loginId: string, unitCode: string): Promise<{ user: CreatedUser; client: Client }> {
  const user = await createUser(t, { loginId, unitCode, roles: ['system_admin'] });
  const client = await onboard(t, user);
  return { user, client };
}

/**
 * Logs a user in again (after the clock has moved past their session), passing the TOTP step when
 * one is enrolled. Moves the clock one TOTP step on afterwards, so the next code is not a replay.
 */
export async function relogin(t: TestApp, user: CreatedUser): Promise<Client> {
  const client = new Client(t);
  const res = await client.login(user.loginId, user.password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  if (res.data.mfaRequired) {
    if (!user.totpSecret) throw new Error('MFA required but no TOTP secret known');
    const mfa = await client.post('/api/auth/mfa/totp', { code: totpCode(user.totpSecret, t.clock.now()) });
    if (mfa.statusCode !== 200) throw new Error(`TOTP login failed: ${mfa.body}`);
    t.clock.advance(30_000);
  }
  return client;
}

/** Audit entries of one action, oldest first, with their canonical JSON parsed. */
export async function auditEntries(t: TestApp, action: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['seq', 'action', 'outcome', 'actor_user_id', 'target_type', 'target_id', 'canonical'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, entry: JSON.parse(r.canonical) as Record<string, any> }));
}
