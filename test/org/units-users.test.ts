import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, onboardedAdmin } from '../support/admin.js';
import { Client, type CreatedUser, createUnit, errorCode, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: { user: CreatedUser; client: Client };
/** Every temporary password handed out in this file: none may reach the audit trail. */
const issuedPasswords: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'HQ', '本部');
  admin = await onboardedAdmin(t, 'org-admin', 'HQ');
});
afterAll(async () => t?.close());

async function units(): Promise<{ code: string; name: string; kind: string; parentCode: string | null }[]> {
  const res = await admin.client.get('/api/admin/units');
  expect(res.statusCode).toBe(200);
  return res.data.units;
}

async function addUser(body: Record<string, unknown>) {
  const res = await admin.client.post('/api/admin/users', body);
  if (res.data?.temporaryPassword) issuedPasswords.push(res.data.temporaryPassword);
  return res;
}

describe('units in a hierarchy (ORG-1)', () => {
  it('ORG-1: creates units under a parent and lists the hierarchy', async () => {
    const dept = await admin.client.post('/api/admin/units', { code: 'D10', name: '警務部', nameEn: 'Police Affairs', kind: 'department' });
    expect(dept.statusCode).toBe(201);
    expect(dept.data.unit).toMatchObject({ code: 'D10', name: '警務部', nameEn: 'Police Affairs', kind: 'department', parentCode: null });
    const div = await admin.client.post('/api/admin/units', { code: 'D11', name: '警務課', kind: 'division', parentCode: 'D10' });
    expect(div.statusCode).toBe(201);
    expect(div.data.unit.parentCode).toBe('D10');
    const sec = await admin.client.post('/api/admin/units', { code: 'D111', name: '企画係', kind: 'section', parentCode: 'D11' });
    expect(sec.statusCode).toBe(201);
    const listed = await units();
    expect(listed.find((u) => u.code === 'D11')).toMatchObject({ parentCode: 'D10', kind: 'division' });
    expect(listed.find((u) => u.code === 'D111')).toMatchObject({ parentCode: 'D11', kind: 'section' });
    expect(listed.find((u) => u.code === 'D10')?.parentCode).toBeNull();
  });

  it('ORG-1: a duplicate unit code is 409 conflict, also when two requests race', async () => {
    const dup = await admin.client.post('/api/admin/units', { code: 'D10', name: '別の部', kind: 'department' });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe('conflict');
    const [a, b] = await Promise.all([
      admin.client.post('/api/admin/units', { code: 'RACE1', name: '競合課', kind: 'division' }),
      admin.client.post('/api/admin/units', { code: 'RACE1', name: '競合課', kind: 'division' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((await units()).filter((u) => u.code === 'RACE1')).toHaveLength(1);
  });

  it('ORG-1: an unknown parent is 404 not_found and creates nothing', async () => {
    const res = await admin.client.post('/api/admin/units', { code: 'ORPHAN', name: '孤立課', kind: 'division', parentCode: 'NOPE' });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('not_found');
    expect((await units()).map((u) => u.code)).not.toContain('ORPHAN');
  });

  it('ORG-1: re-parenting that would make a cycle is 400 validation_failed; a valid move works', async () => {
    // D10 > D11 > D111: D10 may not go under its own grandchild, nor under itself.
    for (const parentCode of ['D111', 'D11', 'D10']) {
      const res = await admin.client.patch('/api/admin/units/D10', { parentCode });
      expect(res.statusCode, parentCode).toBe(400);
      expect(errorCode(res), parentCode).toBe('validation_failed');
    }
    expect((await units()).find((u) => u.code === 'D10')?.parentCode).toBeNull();
    const moved = await admin.client.patch('/api/admin/units/D111', { parentCode: 'D10', name: '企画室' });
    expect(moved.statusCode).toBe(200);
    expect(moved.data.unit).toMatchObject({ code: 'D111', name: '企画室', parentCode: 'D10' });
    const detached = await admin.client.patch('/api/admin/units/D111', { parentCode: null });
    expect(detached.data.unit.parentCode).toBeNull();
    expect((await admin.client.patch('/api/admin/units/NOPE', { name: 'x' })).statusCode).toBe(404);
    // An empty change is answered with the unit as it is.
    const unchanged = await admin.client.patch('/api/admin/units/D11', {});
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.data.unit).toMatchObject({ code: 'D11', name: '警務課', parentCode: 'D10' });
  });
});

describe('user IDs (ID-1, ID-3)', () => {
  it('ID-3: creating a user returns the temporary password once, and it works for the first login', async () => {
    const res = await addUser({ loginId: 'sato.hanako', name: '佐藤 花子', nameKana: 'サトウ ハナコ', unitCode: 'D11' });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.data;
    expect(typeof temporaryPassword).toBe('string');
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect(user).toMatchObject({ loginId: 'sato.hanako', name: '佐藤 花子', unitCode: 'D11' });
    // It is not shown again.
    const detail = await admin.client.get(`/api/admin/users/${user.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(temporaryPassword);
    expect(detail.data.user.mustChangePassword).toBe(true);
    expect(detail.data.assignments).toMatchObject([{ unitCode: 'D11', validFrom: '2026-04-01', validTo: null }]);
    const listed = await admin.client.get('/api/admin/users?q=sato');
    expect(listed.body).not.toContain(temporaryPassword);
    expect(listed.data.users).toMatchObject([
      { loginId: 'sato.hanako', unit: { code: 'D11' }, status: 'active', mustChangePassword: true },
    ]);

    const login = await new Client(t).login('sato.hanako', temporaryPassword);
    expect(login.statusCode).toBe(200);
    expect(login.data.passwordChangeRequired).toBe(true);
    expect(login.data.user).toMatchObject({ loginId: 'sato.hanako', unit: { code: 'D11' } });
  });

  it('ID-1: login IDs are unique regardless of letter case (409 conflict)', async () => {
    expect((await addUser({ loginId: 'Tanaka.Ichiro', name: '田中 一郎' })).statusCode).toBe(201);
    for (const loginId of ['tanaka.ichiro', 'TANAKA.ICHIRO', 'Tanaka.Ichiro']) {
      const dup = await addUser({ loginId, name: '田中 次郎' });
      expect(dup.statusCode, loginId).toBe(409);
      expect(errorCode(dup), loginId).toBe('conflict');
    }
    const [a, b] = await Promise.all([
      addUser({ loginId: 'Race.User', name: '競合 一' }),
      addUser({ loginId: 'race.user', name: '競合 二' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const rows = await t.ctx.db.selectFrom('users').select('login_id').execute();
    expect(rows.filter((r) => r.login_id.toLowerCase() === 'tanaka.ichiro')).toHaveLength(1);
    expect(rows.filter((r) => r.login_id.toLowerCase() === 'race.user')).toHaveLength(1);
  });

  it('ORG-2: roles and posts are accepted as codes or as Japanese labels of either vocabulary', async () => {
    const res = await addUser({
      loginId: 'labels.user',
      name: '表記 試験',
      unitCode: 'D11',
      roles: ['システム管理者', 'auditor', 'セキュリティ統括者'],
      posts: [{ post: '所属長' }, { post: 'registrar', unitCode: 'D10' }, { post: '情報システム管理者' }],
    });
    expect(res.statusCode).toBe(201);
    const detail = await admin.client.get(`/api/admin/users/${res.data.user.id}`);
    expect([...detail.data.roles].sort()).toEqual(['auditor', 'general_affairs_director', 'system_admin']);
    const posts = detail.data.posts.map((p: { post: string; unitCode: string }) => `${p.unitCode}:${p.post}`).sort();
    expect(posts).toEqual(['D10:registrar', 'D11:info_manager', 'D11:unit_head']);

    const roles = await admin.client.put(`/api/admin/users/${res.data.user.id}/roles`, { roles: ['CSIRT', '監査'] });
    expect(roles.statusCode).toBe(200);
    expect([...roles.data.roles].sort()).toEqual(['auditor', 'csirt']);
    const post = await admin.client.post(`/api/admin/users/${res.data.user.id}/posts`, { post: 'セキュリティ指導員' });
    expect(post.statusCode).toBe(201);
    const after = await admin.client.get(`/api/admin/users/${res.data.user.id}`);
    expect(after.data.posts.map((p: { post: string }) => p.post)).toContain('security_instructor');
  });

  it('ORG-2: an unknown role or post is 400 validation_failed and creates no user', async () => {
    const badRole = await addUser({ loginId: 'bad.role', name: '不明 役割', roles: ['神様'] });
    expect(badRole.statusCode).toBe(400);
    expect(errorCode(badRole)).toBe('validation_failed');
    const badPost = await addUser({ loginId: 'bad.post', name: '不明 職', unitCode: 'D11', posts: [{ post: '社長' }] });
    expect(badPost.statusCode).toBe(400);
    expect(errorCode(badPost)).toBe('validation_failed');
    const rows = await t.ctx.db.selectFrom('users').select('login_id').where('login_id', 'in', ['bad.role', 'bad.post']).execute();
    expect(rows).toEqual([]);
    const someone = (await admin.client.get('/api/admin/users?q=labels.user')).data.users[0];
    const badChange = await admin.client.put(`/api/admin/users/${someone.id}/roles`, { roles: ['auditor', 'emperor'] });
    expect(badChange.statusCode).toBe(400);
    expect((await admin.client.get(`/api/admin/users/${someone.id}`)).data.roles.sort()).toEqual(['auditor', 'csirt']);
  });
});

describe('vocabulary per organisation type (ORG-2)', () => {
  type Entry = { code: string; label: { ja: string; en: string } };
  const label = (list: Entry[], code: string) => list.find((e) => e.code === code)?.label.ja;

  it('ORG-2: shows police labels by default and local-government labels after the setting changes', async () => {
    const police = await new Client(t).get('/api/vocabulary');
    expect(police.statusCode).toBe(200);
    expect(police.data.organizationType).toBe('police');
    expect(label(police.data.posts, 'unit_head')).toBe('所属長');
    expect(label(police.data.posts, 'info_mgmt_chief')).toBe('情報管理責任者');
    expect(label(police.data.roles, 'system_admin')).toBe('システム管理者');
    expect(label(police.data.roles, 'general_affairs_director')).toBe('総務部長');
    expect(police.data.roles.find((r: Entry) => r.code === 'system_admin').privileged).toBe(true);
    expect(police.data.roles.find((r: Entry) => r.code === 'auditor').privileged).toBe(false);
    // Posts of the other vocabulary only are not offered.
    expect(police.data.posts.map((p: Entry) => p.code)).not.toContain('department_security_head');

    const changed = await admin.client.patch('/api/admin/settings', { organizationType: 'local_government', organizationName: '関守市' });
    expect(changed.statusCode).toBe(200);
    expect(changed.data.organizationType).toBe('local_government');

    const local = await new Client(t).get('/api/vocabulary');
    expect(local.data.organizationType).toBe('local_government');
    expect(local.data.organizationName).toBe('関守市');
    expect(label(local.data.posts, 'unit_head')).toBe('セキュリティ管理者（課長）');
    expect(label(local.data.posts, 'department_security_head')).toBe('セキュリティ責任者（部長）');
    expect(label(local.data.roles, 'system_admin')).toBe('セキュリティ総括管理者');
    expect(label(local.data.roles, 'general_affairs_director')).toBe('セキュリティ統括者');
    expect(local.data.posts.map((p: Entry) => p.code)).not.toContain('info_mgmt_chief');

    const back = await admin.client.patch('/api/admin/settings', { organizationType: 'police' });
    expect(back.statusCode).toBe(200);
    expect(label((await new Client(t).get('/api/vocabulary')).data.posts, 'unit_head')).toBe('所属長');
  });
});

describe('administration is audited (ORG-1, ORG-2, AUD-1)', () => {
  it('ORG-1: every administrative change is recorded with the administrator as actor and no password', async () => {
    const created = await addUser({ loginId: 'audited.user', name: '監査 対象', unitCode: 'D11' });
    const id = created.data.user.id;
    const reset = await admin.client.post(`/api/admin/users/${id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    issuedPasswords.push(reset.data.temporaryPassword);
    expect((await admin.client.post(`/api/admin/users/${id}/disable`, { reason: '端末紛失' })).statusCode).toBe(204);
    expect((await admin.client.post(`/api/admin/users/${id}/enable`)).statusCode).toBe(204);
    expect((await admin.client.post(`/api/admin/users/${id}/transfer`, { unitCode: 'D10', effectiveDate: '2026-04-10' })).statusCode).toBe(
      204,
    );

    const expected = [
      'admin.unit.create',
      'admin.unit.update',
      'admin.user.create',
      'admin.user.roles',
      'admin.user.post.add',
      'admin.user.password.reset',
      'admin.user.disable',
      'admin.user.enable',
      'admin.user.transfer',
      'admin.settings.update',
    ];
    for (const action of expected) {
      const entries = (await auditEntries(t, action)).filter((e) => e.actor_user_id === admin.user.id);
      expect(entries.length, action).toBeGreaterThan(0);
      for (const e of entries) {
        expect(e.outcome).toBe('success');
        expect(e.entry.actor).toMatchObject({ type: 'user', userId: admin.user.id, loginId: 'org-admin', roles: ['system_admin'] });
        expect(typeof e.entry.actor.sessionId).toBe('string');
      }
    }
    const disable = (await auditEntries(t, 'admin.user.disable')).find((e) => e.target_id === id);
    expect(disable?.entry.details.reason).toBe('端末紛失');
    const transfer = (await auditEntries(t, 'admin.user.transfer')).find((e) => e.target_id === id);
    expect(transfer?.entry.details).toMatchObject({ from: 'D11', to: 'D10', effectiveDate: '2026-04-10' });

    expect(issuedPasswords.length).toBeGreaterThanOrEqual(5);
    const all = await t.ctx.db.selectFrom('audit_events').select('canonical').execute();
    for (const row of all) {
      for (const password of issuedPasswords) expect(row.canonical).not.toContain(password);
      expect(row.canonical).not.toContain(admin.user.password);
      expect(row.canonical).not.toMatch(/password_hash|\$argon2/);
    }
  });
});
