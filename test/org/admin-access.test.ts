import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/http/errors.js';
import * as org from '../../src/server/modules/org/service.js';
import { auditEntries, onboardedAdmin } from '../support/admin.js';
import {
  Client,
  type CreatedUser,
  createUnit,
  createUser,
  errorCode,
  OPERATOR,
  onboard,
  startTestApp,
  type TestApp,
} from '../support/test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Endpoint {
  method: Method;
  url: string;
  body?: unknown;
  /** The Cedar action the route asks for (recorded in the denial). */
  action: string;
}

let t: TestApp;
let admin: { user: CreatedUser; client: Client };
let staff: CreatedUser;
let staffClient: Client;
let victim: CreatedUser;

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'U100', '総務課');
  await createUnit(t, 'U200', '警務課');
  admin = await onboardedAdmin(t, 'root-admin', 'U100');
  staff = await createUser(t, { loginId: 'plain-staff', unitCode: 'U100' });
  staffClient = await onboard(t, staff);
  victim = await createUser(t, { loginId: 'victim', unitCode: 'U100' });
});
afterAll(async () => t?.close());

/** Every administration endpoint, aimed at another person's account. */
function adminEndpoints(targetId: string): Endpoint[] {
  const someId = randomUUID();
  return [
    { method: 'GET', url: '/api/admin/units', action: 'admin.units.read' },
    { method: 'POST', url: '/api/admin/units', body: { code: 'EVIL1', name: '不正所属', kind: 'division' }, action: 'admin.units.write' },
    { method: 'PATCH', url: '/api/admin/units/U100', body: { name: '改名' }, action: 'admin.units.write' },
    { method: 'GET', url: '/api/admin/users', action: 'admin.users.read' },
    { method: 'POST', url: '/api/admin/users', body: { loginId: 'evil-new', name: '不正 作成' }, action: 'admin.users.create' },
    { method: 'GET', url: `/api/admin/users/${targetId}`, action: 'admin.users.read' },
    { method: 'PUT', url: `/api/admin/users/${targetId}/roles`, body: { roles: ['system_admin'] }, action: 'admin.users.roles' },
    { method: 'POST', url: `/api/admin/users/${targetId}/posts`, body: { post: 'unit_head' }, action: 'admin.users.posts' },
    { method: 'DELETE', url: `/api/admin/users/${targetId}/posts/${someId}`, action: 'admin.users.posts' },
    {
      method: 'POST',
      url: `/api/admin/users/${targetId}/transfer`,
      body: { unitCode: 'U200', effectiveDate: '2026-04-10' },
      action: 'admin.users.transfer',
    },
    { method: 'POST', url: `/api/admin/users/${targetId}/retire`, body: { effectiveDate: '2026-04-10' }, action: 'admin.users.retire' },
    { method: 'POST', url: `/api/admin/users/${targetId}/reset-password`, action: 'admin.users.reset-password' },
    { method: 'POST', url: `/api/admin/users/${targetId}/unlock`, action: 'admin.users.unlock' },
    { method: 'POST', url: `/api/admin/users/${targetId}/disable`, body: { reason: '試験' }, action: 'admin.users.disable' },
    { method: 'POST', url: `/api/admin/users/${targetId}/enable`, action: 'admin.users.disable' },
    { method: 'GET', url: '/api/admin/settings', action: 'admin.settings.read' },
    { method: 'PATCH', url: '/api/admin/settings', body: { organizationType: 'local_government' }, action: 'admin.settings.write' },
    { method: 'GET', url: '/api/admin/sessions', action: 'admin.sessions.read' },
    { method: 'DELETE', url: `/api/admin/sessions/${someId}`, action: 'admin.sessions.end' },
  ];
}

async function deniedFor(userId: string) {
  return (await auditEntries(t, 'authz.denied')).filter((e) => e.actor_user_id === userId);
}

describe('administrator and ordinary privileges are separate (ID-7)', () => {
  it('ID-7: an ordinary user gets 403 forbidden on every /api/admin endpoint, each denial audited', async () => {
    const endpoints = adminEndpoints(victim.id);
    for (const ep of endpoints) {
      const before = (await deniedFor(staff.id)).length;
      const res = await staffClient.request(ep.method, ep.url, ep.body);
      expect(res.statusCode, `${ep.method} ${ep.url}`).toBe(403);
      expect(errorCode(res), `${ep.method} ${ep.url}`).toBe('forbidden');
      const denied = await deniedFor(staff.id);
      expect(denied.length, `${ep.method} ${ep.url} audited once`).toBe(before + 1);
      const last = denied.at(-1);
      expect(last?.outcome).toBe('denied');
      expect(last?.entry.details.requestedAction).toBe(ep.action);
      expect(last?.entry.reason).toBe('no_permit');
      expect(last?.entry.actor).toMatchObject({ type: 'user', userId: staff.id, loginId: 'plain-staff' });
    }
    // Nothing the refused requests asked for happened.
    const victimDetail = await org.getUser(t.ctx, OPERATOR, victim.id);
    expect(victimDetail.roles).toEqual([]);
    expect(victimDetail.user.status).toBe('active');
    expect(victimDetail.user.retiredOn).toBeNull();
    expect(victimDetail.posts).toEqual([]);
    expect(victimDetail.assignments.map((a) => a.unitCode)).toEqual(['U100']);
    const units = await org.listUnits(t.ctx, OPERATOR);
    expect(units.map((u) => u.code)).not.toContain('EVIL1');
    expect(units.find((u) => u.code === 'U100')?.name).toBe('総務課');
    expect((await t.ctx.settings.get()).organizationType).toBe('police');
    expect(await t.ctx.db.selectFrom('users').select('id').where('login_id', '=', 'evil-new').executeTakeFirst()).toBeUndefined();
  });

  it('ID-7: an ordinary user cannot raise their own privileges', async () => {
    const res = await staffClient.put(`/api/admin/users/${staff.id}/roles`, { roles: ['system_admin'] });
    expect(res.statusCode).toBe(403);
    expect(['forbidden', 'self_modification_forbidden']).toContain(errorCode(res));
    expect((await org.getUser(t.ctx, OPERATOR, staff.id)).roles).toEqual([]);
    expect((await staffClient.get('/api/me')).data.user.roles).toEqual([]);
  });

  it('ID-7: without a session every /api/admin endpoint answers 401 unauthenticated', async () => {
    const anonymous = new Client(t);
    for (const ep of adminEndpoints(victim.id)) {
      const res = await anonymous.request(ep.method, ep.url, ep.body);
      expect(res.statusCode, `${ep.method} ${ep.url}`).toBe(401);
      expect(errorCode(res), `${ep.method} ${ep.url}`).toBe('unauthenticated');
    }
  });

  it('ID-7: a システム管理者 can use every administration endpoint', async () => {
    const c = admin.client;
    const target = await createUser(t, { loginId: 'admin-target', unitCode: 'U100' });
    const targetClient = new Client(t);
    expect((await targetClient.login(target.loginId, target.password)).statusCode).toBe(200);

    expect((await c.get('/api/admin/units')).statusCode).toBe(200);
    expect((await c.post('/api/admin/units', { code: 'U300', name: '生活安全課', kind: 'division' })).statusCode).toBe(201);
    const patched = await c.patch('/api/admin/units/U300', { name: '生活安全企画課' });
    expect(patched.statusCode).toBe(200);
    expect(patched.data.unit.name).toBe('生活安全企画課');
    const list = await c.get('/api/admin/users?unit=U100');
    expect(list.statusCode).toBe(200);
    expect(list.data.users.map((u: { loginId: string }) => u.loginId)).toContain('admin-target');
    const created = await c.post('/api/admin/users', { loginId: 'by-admin', name: '管理者 作成', unitCode: 'U300' });
    expect(created.statusCode).toBe(201);
    expect(typeof created.data.temporaryPassword).toBe('string');

    const detail = await c.get(`/api/admin/users/${target.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.data.sessions).toHaveLength(1);
    const roles = await c.put(`/api/admin/users/${target.id}/roles`, { roles: ['auditor'] });
    expect(roles.statusCode).toBe(200);
    expect(roles.data.roles).toEqual(['auditor']);
    const post = await c.post(`/api/admin/users/${target.id}/posts`, { post: 'registrar' });
    expect(post.statusCode).toBe(201);
    expect((await c.delete(`/api/admin/users/${target.id}/posts/${post.data.id}`)).statusCode).toBe(204);
    expect((await c.post(`/api/admin/users/${target.id}/transfer`, { unitCode: 'U300', effectiveDate: '2026-04-10' })).statusCode).toBe(
      204,
    );
    const reset = await c.post(`/api/admin/users/${target.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(typeof reset.data.temporaryPassword).toBe('string');
    expect((await c.post(`/api/admin/users/${target.id}/unlock`)).statusCode).toBe(204);
    expect((await c.post(`/api/admin/users/${target.id}/disable`, { reason: '試験' })).statusCode).toBe(204);
    expect((await c.post(`/api/admin/users/${target.id}/enable`)).statusCode).toBe(204);
    expect((await c.post(`/api/admin/users/${target.id}/retire`, { effectiveDate: '2026-04-20' })).statusCode).toBe(204);

    const settings = await c.get('/api/admin/settings');
    expect(settings.statusCode).toBe(200);
    expect(settings.data.organizationType).toBe('police');
    const changed = await c.patch('/api/admin/settings', { idleTimeoutMinutes: 25 });
    expect(changed.statusCode).toBe(200);
    expect(changed.data.idleTimeoutMinutes).toBe(25);

    const other = new Client(t);
    await other.login(target.loginId, reset.data.temporaryPassword);
    const sessions = await c.get(`/api/admin/sessions?userId=${target.id}`);
    expect(sessions.statusCode).toBe(200);
    expect(sessions.data.sessions).toHaveLength(1);
    expect((await c.delete(`/api/admin/sessions/${sessions.data.sessions[0].id}`)).statusCode).toBe(204);
    expect((await other.get('/api/auth/session')).statusCode).toBe(401);
    expect((await c.get(`/api/admin/sessions?userId=${target.id}`)).data.sessions).toEqual([]);
    // No refusal was recorded for the administrator.
    expect(await deniedFor(admin.user.id)).toEqual([]);
  });

  it('ID-7: an administrator cannot change their own roles or stop their own account (403 self_modification_forbidden)', async () => {
    const c = admin.client;
    const self = admin.user.id;
    const attempts = [
      c.put(`/api/admin/users/${self}/roles`, { roles: [] }),
      c.post(`/api/admin/users/${self}/disable`, { reason: '自分を停止' }),
      c.post(`/api/admin/users/${self}/retire`, { effectiveDate: '2026-04-10' }),
      c.post(`/api/admin/users/${self}/transfer`, { unitCode: 'U200', effectiveDate: '2026-04-10' }),
      c.post(`/api/admin/users/${self}/reset-password`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('self_modification_forbidden');
    }
    const denied = await deniedFor(self);
    expect(denied).toHaveLength(attempts.length);
    for (const d of denied) expect(d.entry.reason).toBe('forbidden_by:no-self-administration');
    // The administrator still holds the role and may still read their own record.
    const own = await c.get(`/api/admin/users/${self}`);
    expect(own.statusCode).toBe(200);
    expect(own.data.roles).toEqual(['system_admin']);
    expect(own.data.user.status).toBe('active');
  });

  it('ID-7: changing a person’s roles ends their sessions', async () => {
    const u = await createUser(t, { loginId: 'role-change', unitCode: 'U100' });
    const uc = await onboard(t, u);
    expect((await uc.get('/api/me')).statusCode).toBe(200);
    const res = await admin.client.put(`/api/admin/users/${u.id}/roles`, { roles: ['csirt'] });
    expect(res.statusCode).toBe(200);
    const after = await uc.get('/api/me');
    expect(after.statusCode).toBe(401);
    const ended = await t.ctx.db.selectFrom('sessions').select(['ended_at', 'end_reason']).where('user_id', '=', u.id).execute();
    expect(ended).toHaveLength(1);
    expect(ended[0]?.end_reason).toBe('privileges_changed');
    const [change] = (await auditEntries(t, 'admin.user.roles')).filter((e) => e.target_id === u.id);
    expect(change?.entry.details).toMatchObject({ before: [], after: ['csirt'], sessionsEnded: 1 });
  });
});

describe('the last システム管理者 stays (ID-7)', () => {
  it('ID-7: an administrator who will be the only one left cannot be retired (409 last_administrator)', async () => {
    const second = await onboardedAdmin(t, 'second-admin', 'U100');
    // The second administrator retires on 04-10; after that only root-admin would remain.
    expect((await admin.client.post(`/api/admin/users/${second.user.id}/retire`, { effectiveDate: '2026-04-10' })).statusCode).toBe(204);
    const retireRoot = await second.client.post(`/api/admin/users/${admin.user.id}/retire`, { effectiveDate: '2026-04-15' });
    expect(retireRoot.statusCode).toBe(409);
    expect(errorCode(retireRoot)).toBe('last_administrator');
    // Disabling root-admin or taking its role would leave only an administrator who is leaving.
    const disableRoot = await second.client.post(`/api/admin/users/${admin.user.id}/disable`, { reason: '試験' });
    expect(disableRoot.statusCode).toBe(409);
    expect(errorCode(disableRoot)).toBe('last_administrator');
    const demoteRoot = await second.client.put(`/api/admin/users/${admin.user.id}/roles`, { roles: [] });
    expect(demoteRoot.statusCode).toBe(409);
    expect(errorCode(demoteRoot)).toBe('last_administrator');
    const root = await org.getUser(t.ctx, OPERATOR, admin.user.id);
    expect(root.roles).toEqual(['system_admin']);
    expect(root.user.status).toBe('active');
    expect(root.user.retiredOn).toBeNull();
    // The refusals changed nothing, so no change is in the audit trail.
    expect((await auditEntries(t, 'admin.user.retire')).filter((e) => e.target_id === admin.user.id)).toEqual([]);
  });

  it('ID-7: the only administrator cannot be removed, disabled or retired, even by an operator', async () => {
    // root-admin is now the only administrator without an end date (second-admin leaves on 04-10).
    const expectLast = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('last_administrator');
    };
    await expectLast(org.setRoles(t.ctx, OPERATOR, admin.user.id, ['auditor']));
    await expectLast(org.disableUser(t.ctx, OPERATOR, admin.user.id, '試験'));
    await expectLast(org.retireUser(t.ctx, OPERATOR, admin.user.id, { effectiveDate: '2026-05-01' }));
    expect((await org.getUser(t.ctx, OPERATOR, admin.user.id)).roles).toEqual(['system_admin']);
  });

  it('ID-7: two administrators stopping each other at the same moment leave one of them', async () => {
    const a = await onboardedAdmin(t, 'pair-a', 'U100');
    const b = await onboardedAdmin(t, 'pair-b', 'U100');
    // Leave only the pair: second-admin loses the role, root-admin is disabled.
    await org.setRoles(t.ctx, OPERATOR, await org.userIdByLogin(t.ctx, 'second-admin'), []);
    await org.disableUser(t.ctx, OPERATOR, admin.user.id, '試験のため');
    const [ab, ba] = await Promise.all([
      a.client.post(`/api/admin/users/${b.user.id}/disable`, { reason: '相互停止' }),
      b.client.post(`/api/admin/users/${a.user.id}/disable`, { reason: '相互停止' }),
    ]);
    // One wins; the other is refused — as the last administrator (409), or because the winner's
    // change already ended the loser's session (401) when the two did not overlap.
    const [won, lost] = ab.statusCode === 204 ? [ab, ba] : [ba, ab];
    expect(won.statusCode).toBe(204);
    expect([401, 409]).toContain(lost.statusCode);
    const active = await t.ctx.db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.login_id')
      .where('r.role', '=', 'system_admin')
      .where('u.disabled_at', 'is', null)
      .execute();
    expect(active).toHaveLength(1);
  });
});
