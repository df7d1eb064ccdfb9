import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPasswordRules,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_HISTORY_DEPTH,
} from '../../src/server/modules/identity/password-policy.js';
import * as org from '../../src/server/modules/org/service.js';
import {
  Client,
  type CreatedUser,
  createUnit,
  errorCode,
  OPERATOR,
  onboard,
  startTestApp,
  strongPassword,
  type TestApp,
} from '../support/test-app.js';

const person = { loginId: 'yamada.h', name: '山田 花子', nameKana: 'ヤマダ ハナコ' };

describe('checkPasswordRules (ID-4)', () => {
  it('accepts a long passphrase that has nothing to do with the person', () => {
    expect(checkPasswordRules('Kz7#mounTain-river-fog', person)).toEqual([]);
    expect(checkPasswordRules('correct horse battery staple', person)).toEqual([]);
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters, counting characters rather than UTF-16 units`, () => {
    expect(checkPasswordRules('Kz7#mounTa', person)).toContain('too_short');
    expect(checkPasswordRules('Kz7#mounTa1', person)).toContain('too_short');
    expect(checkPasswordRules('Kz7#mounTa1x', person)).not.toContain('too_short');
    // Eleven emoji are 22 UTF-16 units but still only eleven characters.
    expect(checkPasswordRules('🐟'.repeat(11), person)).toContain('too_short');
    expect(checkPasswordRules('x'.repeat(MAX_PASSWORD_LENGTH + 1), person)).toContain('too_long');
  });

  it('refuses a password containing the login ID, whatever its case', () => {
    expect(checkPasswordRules('river-yamada.h-fog-77', person)).toContain('contains_login_id');
    expect(checkPasswordRules('river-YAMADA.H-fog-77', person)).toContain('contains_login_id');
    expect(checkPasswordRules('River-Yamada.H-Fog-77', person)).toContain('contains_login_id');
    // Typed with full-width letters it is still the ID.
    expect(checkPasswordRules('river-ＹＡＭＡＤＡ．ｈ-fog', person)).toContain('contains_login_id');
    expect(checkPasswordRules('river-yamada-fog-77x', person)).not.toContain('contains_login_id');
  });

  it('refuses a password containing a part of the name, in kanji or in kana', () => {
    expect(checkPasswordRules('river-山田-fog-7788', person)).toContain('contains_name');
    expect(checkPasswordRules('river-花子-fog-7788', person)).toContain('contains_name');
    expect(checkPasswordRules('山田花子-river-fog-77', person)).toContain('contains_name');
    expect(checkPasswordRules('river-ヤマダ-fog-7788', person)).toContain('contains_name');
    expect(checkPasswordRules('river-ハナコ-fog-7788', person)).toContain('contains_name');
    // The reading typed in hiragana or half-width katakana is the same name.
    expect(checkPasswordRules('river-やまだ-fog-7788', person)).toContain('contains_name');
    expect(checkPasswordRules('river-ﾊﾅｺ-fog-7788', person)).toContain('contains_name');
    expect(checkPasswordRules('river-山口-fog-7788', person)).not.toContain('contains_name');
  });

  it('refuses common passwords, also when decorated with digits, symbols and substitutions', () => {
    for (const p of [
      'P@ssw0rd2026!',
      'Password1234',
      'qwertyuiop12',
      '123456789012',
      'sekimori2026!!',
      'passwordpassword',
      'aaaaaaaaaaaa',
      'abcdefghijkl',
      'Welcome12345',
      'iloveyou2026',
    ]) {
      expect(checkPasswordRules(p, person), p).toContain('common');
    }
    expect(checkPasswordRules('Kz7#mounTain-river-fog', person)).not.toContain('common');
  });

  it('reports every rule that is broken, not only the first', () => {
    const problems = checkPasswordRules('Yamada.h1', person);
    expect(problems).toEqual(expect.arrayContaining(['too_short', 'contains_login_id']));
  });
});

describe('POST /api/auth/password (ID-3, ID-4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createUnit(t, 'U200', '生活安全課');
  });
  afterAll(async () => t?.close());

  async function newUser(loginId: string, name = '試験 利用者', nameKana?: string): Promise<{ user: CreatedUser; client: Client }> {
    const created = await org.createUser(t.ctx, OPERATOR, { loginId, name, nameKana, unitCode: 'U200' });
    const user: CreatedUser = { id: created.user.id, loginId, password: created.temporaryPassword };
    const client = await onboard(t, user);
    return { user, client };
  }

  async function change(c: Client, user: CreatedUser, next: string) {
    const res = await c.post('/api/auth/password', { currentPassword: user.password, newPassword: next });
    if (res.statusCode === 204) user.password = next;
    return res;
  }

  function expectWeak(res: { statusCode: number; data: any }) {
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('weak_password');
    expect(typeof res.data.error.message).toBe('string');
  }

  it('publishes the policy figures', async () => {
    const res = await new Client(t).get('/api/auth/password-policy');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ minLength: MIN_PASSWORD_LENGTH, historyDepth: PASSWORD_HISTORY_DEPTH });
  });

  it('refuses a short, an ID-containing, a name-containing and a common password with 422 weak_password', async () => {
    const { user, client } = await newUser('policy-api', '鈴木 一郎', 'スズキ イチロウ');
    const before = user.password;
    expectWeak(await change(client, user, 'Kz7#short'));
    expectWeak(await change(client, user, 'river-POLICY-API-fog-7'));
    expectWeak(await change(client, user, 'river-鈴木-fog-77889'));
    expectWeak(await change(client, user, 'river-スズキ-fog-77889'));
    expectWeak(await change(client, user, 'P@ssw0rd2026!'));
    expectWeak(await change(client, user, 'sekimori2026!!'));
    // The message names the broken rule, in the person's language.
    const ja = await change(client, user, 'Kz7#short');
    expect(ja.data.error.message).toContain('12文字以上');
    expect((await client.patch('/api/me/preferences', { locale: 'en' })).statusCode).toBe(204);
    const en = await change(client, user, 'Kz7#short');
    expect(en.data.error.message).toContain('at least 12');
    // None of them was stored: the password is unchanged.
    expect(user.password).toBe(before);
    expect((await new Client(t).login(user.loginId, before)).statusCode).toBe(200);
    const failures = await t.ctx.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'auth.password.change')
      .where('actor_user_id', '=', user.id)
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.length).toBeGreaterThanOrEqual(7);
  });

  it('answers 401 invalid_credentials when the current password is wrong, and changes nothing', async () => {
    const { user, client } = await newUser('policy-wrong-current');
    const next = strongPassword();
    const res = await client.post('/api/auth/password', { currentPassword: 'not-my-password-1', newPassword: next });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('invalid_credentials');
    expect((await new Client(t).login(user.loginId, next)).statusCode).toBe(401);
    expect((await new Client(t).login(user.loginId, user.password)).statusCode).toBe(200);
  });

  it(`refuses the current password and any of the last ${PASSWORD_HISTORY_DEPTH}, and accepts the one before those`, async () => {
    const { user, client } = await newUser('policy-history');
    // The person's passwords, oldest first; onboarding already set the first. The clock stands
    // still on purpose: changes within one millisecond must still be ordered correctly.
    const used = [user.password];
    for (let i = 0; i < 5; i += 1) {
      const next = strongPassword();
      expect((await change(client, user, next)).statusCode).toBe(204);
      used.push(next);
    }
    // used = [p0 … p5]; p5 is current; the last five are p5, p4, p3, p2, p1.
    expectWeak(await change(client, user, used[5] as string));
    expectWeak(await change(client, user, used[3] as string)); // used two changes ago
    expectWeak(await change(client, user, used[1] as string)); // the fifth most recent
    expect(user.password).toBe(used[5]);
    // p0 is the sixth most recent: it has left the history and may be used again.
    expect((await change(client, user, used[0] as string)).statusCode).toBe(204);
    expect((await new Client(t).login(user.loginId, used[0] as string)).statusCode).toBe(200);
    // …and now p1 is the sixth most recent and allowed again, while p2 is still refused.
    expectWeak(await change(client, user, used[2] as string));
    expect((await change(client, user, used[1] as string)).statusCode).toBe(204);
  });

  it('ends the person’s other sessions when the password changes', async () => {
    const { user, client } = await newUser('policy-other-sessions');
    const other = new Client(t);
    expect((await other.login(user.loginId, user.password)).statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(60_000);
    expect((await change(client, user, strongPassword())).statusCode).toBe(204);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });
});
