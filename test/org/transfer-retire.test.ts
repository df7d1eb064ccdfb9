import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, onboardedAdmin, relogin } from '../support/admin.js';
import { Client, type CreatedUser, createUnit, createUser, errorCode, onboard, startTestApp, type TestApp } from '../support/test-app.js';

/** A time in Japan (UTC+9) as an instant. */
const jst = (local: string) => new Date(`${local}+09:00`);

let t: TestApp;
let admin: CreatedUser;
/** People whose unit assignment began on 04-01, before the clock moves on. */
let manager: CreatedUser;
let quitter: CreatedUser;
let mover: CreatedUser;

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'HQ', '本部');
  await createUnit(t, 'A', '甲警察署');
  await createUnit(t, 'B', '乙警察署');
  admin = (await onboardedAdmin(t, 'hr-admin', 'HQ')).user;
  manager = await createUser(t, { loginId: 'manager-a', unitCode: 'A', posts: [{ post: 'info_manager' }] });
  quitter = await createUser(t, { loginId: 'quitter', unitCode: 'B' });
  mover = await createUser(t, { loginId: 'mover', unitCode: 'A' });
});
afterAll(async () => t?.close());

/** The administrator's client at the current clock time (sessions do not survive the jumps below). */
const adminClient = () => relogin(t, admin);

async function sessionEnds(userId: string) {
  return (await auditEntries(t, 'auth.session.end')).filter((e) => e.actor_user_id === userId).map((e) => e.entry.reason);
}

describe('transfer (配置換え) ends unit-bound rights on the effective date (ID-11)', () => {
  let head: CreatedUser;

  it('ID-11: a 所属長 sees the members of their own unit only', async () => {
    head = await createUser(t, { loginId: 'head-a', name: '甲 署長', unitCode: 'A', posts: [{ post: '所属長' }] });
    await createUser(t, { loginId: 'member-a', unitCode: 'A' });
    const c = await onboard(t, head);
    const own = await c.get('/api/units/A/members');
    expect(own.statusCode).toBe(200);
    expect(own.data.unit.code).toBe('A');
    const members = own.data.members.map((m: { loginId: string; posts: string[] }) => `${m.loginId}:${m.posts.join('+')}`).sort();
    expect(members).toEqual(['head-a:unit_head', 'manager-a:info_manager', 'member-a:', 'mover:']);
    const other = await c.get('/api/units/B/members');
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe('forbidden');
    const denied = (await auditEntries(t, 'authz.denied')).filter((e) => e.actor_user_id === head.id);
    expect(denied.at(-1)?.target_id).toBe('B');
  });

  it('ID-11: a transfer set for a later date changes nothing before that date', async () => {
    const c = new Client(t);
    await c.login(head.loginId, head.password);
    const res = await (await adminClient()).post(`/api/admin/users/${head.id}/transfer`, { unitCode: 'B', effectiveDate: '2026-04-03' });
    expect(res.statusCode).toBe(204);
    expect((await c.get('/api/units/A/members')).statusCode).toBe(200);

    // 23:50 on 04-02, the day before: still head of A.
    t.clock.set(jst('2026-04-02T23:50:00'));
    const late = await relogin(t, head);
    expect((await late.get('/api/units/A/members')).statusCode).toBe(200);
    expect((await late.get('/api/me')).data.user.unit.code).toBe('A');

    // 00:05 on 04-03: the same session, only 15 minutes idle, is over.
    t.clock.set(jst('2026-04-03T00:05:00'));
    const ended = await late.get('/api/units/A/members');
    expect(ended.statusCode).toBe(401);
    expect(errorCode(ended)).toBe('session_expired');
    expect(await sessionEnds(head.id)).toContain('transferred');

    // Logged in again: a member of B without a post, and no longer able to see A.
    const fresh = await relogin(t, head);
    const me = await fresh.get('/api/me');
    expect(me.data.user.unit.code).toBe('B');
    expect(me.data.user.posts).toEqual([]);
    const a = await fresh.get('/api/units/A/members');
    expect(a.statusCode).toBe(403);
    expect(errorCode(a)).toBe('forbidden');
    expect((await fresh.get('/api/units/B/members')).statusCode).toBe(403);

    const detail = await (await adminClient()).get(`/api/admin/users/${head.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.data.posts).toMatchObject([{ post: 'unit_head', unitCode: 'A', validFrom: '2026-04-01', validTo: '2026-04-03' }]);
    expect(detail.data.assignments).toMatchObject([
      { unitCode: 'A', validFrom: '2026-04-01', validTo: '2026-04-03' },
      { unitCode: 'B', validFrom: '2026-04-03', validTo: null },
    ]);
    const [transfer] = (await auditEntries(t, 'admin.user.transfer')).filter((e) => e.target_id === head.id);
    expect(transfer?.actor_user_id).toBe(admin.id);
    expect(transfer?.entry.details).toMatchObject({ from: 'A', to: 'B', effectiveDate: '2026-04-03', sessionsEnded: 0 });
  });

  it('ID-11: a transfer effective today ends the person’s sessions at once', async () => {
    // In A as 情報管理者 since 04-01; it is now 04-03.
    const c = await onboard(t, manager);
    const other = await relogin(t, manager);
    expect((await c.get('/api/units/A/members')).statusCode).toBe(200);

    const res = await (await adminClient()).post(`/api/admin/users/${manager.id}/transfer`, { unitCode: 'B', effectiveDate: '2026-04-03' });
    expect(res.statusCode).toBe(204);
    for (const client of [c, other]) {
      const after = await client.get('/api/units/A/members');
      expect(after.statusCode).toBe(401);
    }
    const open = await t.ctx.db.selectFrom('sessions').select('end_reason').where('user_id', '=', manager.id).execute();
    expect(open.map((s) => s.end_reason)).toEqual(['transferred', 'transferred']);
    expect(await sessionEnds(manager.id)).toEqual(['transferred', 'transferred']);
    const [transfer] = (await auditEntries(t, 'admin.user.transfer')).filter((e) => e.target_id === manager.id);
    expect(transfer?.entry.details).toMatchObject({ from: 'A', to: 'B', sessionsEnded: 2 });

    const again = await relogin(t, manager);
    expect((await again.get('/api/me')).data.user.unit.code).toBe('B');
    expect((await again.get('/api/units/A/members')).statusCode).toBe(403);
  });
});

describe('retirement (退職) ends the ID on the effective date (ID-11)', () => {
  it('ID-11: a retirement set for a later date: the ID works until then, then its session ends and login is refused', async () => {
    const leaver = await createUser(t, { loginId: 'leaver', unitCode: 'A', posts: [{ post: 'unit_head' }] });
    const c = await onboard(t, leaver);
    const res = await (await adminClient()).post(`/api/admin/users/${leaver.id}/retire`, { effectiveDate: '2026-04-05' });
    expect(res.statusCode).toBe(204);
    expect((await c.get('/api/me')).statusCode).toBe(200);

    t.clock.set(jst('2026-04-04T23:55:00'));
    const lastEvening = await relogin(t, leaver);
    expect((await lastEvening.get('/api/me')).statusCode).toBe(200);
    expect((await lastEvening.get('/api/units/A/members')).statusCode).toBe(200);

    t.clock.set(jst('2026-04-05T00:01:00'));
    const ended = await lastEvening.get('/api/me');
    expect(ended.statusCode).toBe(401);
    expect(errorCode(ended)).toBe('session_expired');
    expect(await sessionEnds(leaver.id)).toContain('retired');
    const login = await new Client(t).login(leaver.loginId, leaver.password);
    expect(login.statusCode).toBe(401);
    expect(errorCode(login)).toBe('invalid_credentials');
    const failures = (await auditEntries(t, 'auth.login')).filter((e) => e.actor_user_id === leaver.id && e.outcome === 'failure');
    expect(failures.at(-1)?.entry.reason).toBe('retired');

    const detail = await (await adminClient()).get(`/api/admin/users/${leaver.id}`);
    expect(detail.data.user).toMatchObject({ status: 'retired', retiredOn: '2026-04-05' });
    expect(detail.data.assignments).toMatchObject([{ unitCode: 'A', validTo: '2026-04-05' }]);
    expect(detail.data.posts).toMatchObject([{ post: 'unit_head', validTo: '2026-04-05' }]);
    // No longer listed as a member of A.
    const members = await (await adminClient()).get('/api/units/A/members');
    expect(members.data.members.map((m: { loginId: string }) => m.loginId)).not.toContain('leaver');
  });

  it('ID-11: a retirement effective today ends the sessions at once', async () => {
    const c = await onboard(t, quitter);
    const res = await (await adminClient()).post(`/api/admin/users/${quitter.id}/retire`, { effectiveDate: '2026-04-05' });
    expect(res.statusCode).toBe(204);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    expect(await sessionEnds(quitter.id)).toEqual(['retired']);
    expect((await new Client(t).login(quitter.loginId, quitter.password)).statusCode).toBe(401);
  });

  it('ID-11: a date that would erase an assignment already in use is refused cleanly, not a server error', async () => {
    // Joined B today and logged in today; "retired from today" would erase today's assignment.
    const newcomer = await createUser(t, { loginId: 'newcomer', unitCode: 'B' });
    const c = await onboard(t, newcomer);
    const ac = await adminClient();
    const retire = await ac.post(`/api/admin/users/${newcomer.id}/retire`, { effectiveDate: '2026-04-05' });
    expect(retire.statusCode).toBe(400);
    expect(errorCode(retire)).toBe('validation_failed');
    const backdated = await ac.post(`/api/admin/users/${newcomer.id}/transfer`, { unitCode: 'A', effectiveDate: '2026-04-02' });
    expect(backdated.statusCode).toBe(400);
    expect(errorCode(backdated)).toBe('validation_failed');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    // The next day works.
    expect((await ac.post(`/api/admin/users/${newcomer.id}/retire`, { effectiveDate: '2026-04-06' })).statusCode).toBe(204);
  });

  it('ID-11: a scheduled transfer can be corrected before it starts', async () => {
    const ac = await adminClient();
    expect((await ac.post(`/api/admin/users/${mover.id}/transfer`, { unitCode: 'B', effectiveDate: '2026-04-10' })).statusCode).toBe(204);
    const corrected = await ac.post(`/api/admin/users/${mover.id}/transfer`, { unitCode: 'HQ', effectiveDate: '2026-04-10' });
    expect(corrected.statusCode).toBe(204);
    const detail = await ac.get(`/api/admin/users/${mover.id}`);
    expect(detail.data.assignments).toMatchObject([
      { unitCode: 'A', validFrom: '2026-04-01', validTo: '2026-04-10' },
      { unitCode: 'HQ', validFrom: '2026-04-10', validTo: null },
    ]);
    expect(detail.data.assignments).toHaveLength(2);
  });
});
