import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '../../src/server/modules/identity/session-service.js';
import { findUserById } from '../../src/server/modules/org/repo.js';
import * as org from '../../src/server/modules/org/service.js';
import { findUsableRight } from '../../src/server/modules/rights/check.js';
import { sweepRights } from '../../src/server/modules/rights/sweep.js';
import { tokyoDate } from '../../src/server/shared/clock.js';
import { fieldsFor, type Org, setUpOrg, submitted } from '../requests/support.js';
import { insertDemoApplications } from '../support/info-fixtures.js';
import {
  type Client,
  type CreatedUser,
  errorCode,
  loginWithTotp,
  OPERATOR,
  onboard,
  startTestApp,
  type TestApp,
} from '../support/test-app.js';

const DAY = 86_400_000;
let t: TestApp;
let o: Org;
let apps: Record<string, string>;
const extra: Record<string, { user: CreatedUser; client: Client }> = {};

async function person(loginId: string, unitCode: string, opts: { posts?: string[]; employmentType?: 'contractor' } = {}) {
  const created = await org.createUser(t.ctx, OPERATOR, {
    loginId,
    name: `試験 ${loginId}`,
    unitCode,
    employmentType: opts.employmentType ?? 'regular',
    posts: (opts.posts ?? []).map((post) => ({ post, unitCode })),
  });
  const user: CreatedUser = { id: created.user.id, loginId, password: created.temporaryPassword };
  extra[loginId] = { user, client: await onboard(t, user) };
}
const x = (loginId: string) => {
  const p = extra[loginId];
  if (!p) throw new Error(loginId);
  return p.client;
};

beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t, ['staff1', 'staff2', 'head1', 'head2', 'outsider', 'gad', 'sysadmin']);
  apps = await insertDemoApplications(t);
  await person('reg1', 'ST1', { posts: ['registrar'] });
  await person('reg2', 'ST2', { posts: ['registrar'] });
  await person('ctr1', 'ST1', { employmentType: 'contractor' });
}, 120_000);
afterAll(async () => t?.close());

async function effectOf(requestId: string): Promise<string> {
  const row = await t.ctx.db
    .selectFrom('request_effects_pending')
    .select('id')
    .where('request_id', '=', requestId)
    .where('effect', '!=', 'cancel')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** 様式4 filed at ST1, approved by the unit head and 総務部長 (the approval engine as the requests tests drive it). */
async function approvedAic4(over: Record<string, unknown>): Promise<{ requestId: string; effectId: string }> {
  const requestId = await submitted(o.c('staff1'), 'aic4_use_right', over);
  expect((await o.c('head1').post(`/api/requests/${requestId}/approve`, {})).statusCode).toBe(200);
  const final = await o.c('gad').post(`/api/requests/${requestId}/approve`, {});
  expect(final.data.request.state, final.body).toBe('approved');
  return { requestId, effectId: await effectOf(requestId) };
}

async function rightOf(id: string) {
  return t.ctx.db.selectFrom('use_rights').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function actorFor(userId: string) {
  const user = await findUserById(t.ctx.db, userId);
  if (!user) throw new Error('no user');
  return buildActor(t.ctx, user, { id: '00000000-0000-4000-8000-000000000000', ip: null }, null);
}

async function auditCount(where: { action: string; actor?: string; target?: string; outcome?: string }) {
  let q = t.ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', where.action);
  if (where.actor) q = q.where('actor_user_id', '=', where.actor);
  if (where.target) q = q.where('target_id', '=', where.target);
  if (where.outcome) q = q.where('outcome', '=', where.outcome);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('APP-3 様式4 grant registered by the unit’s 登録担当者', () => {
  let effectId = '';
  let rightId = '';

  it('APP-3 pending list: the unit’s registrar sees the approved grant; another unit’s registrar and ordinary staff do not', async () => {
    ({ effectId } = await approvedAic4({ applicationCode: 'LIC' }));
    const pending = await x('reg1').get('/api/rights/pending?unit=ST1');
    expect(pending.statusCode, pending.body).toBe(200);
    expect(pending.data.items.map((i: { effectId: string }) => i.effectId)).toContain(effectId);
    expect(pending.data.items.find((i: { effectId: string }) => i.effectId === effectId)).toMatchObject({
      applicationCode: 'LIC',
      beneficiary: { loginId: 'staff2' },
      emergency: false,
    });
    expect((await x('reg2').get('/api/rights/pending?unit=ST1')).statusCode).toBe(403);
    expect((await o.c('staff2').get('/api/rights/pending?unit=ST1')).statusCode).toBe(403);
  });

  it('APP-3 a registrar of ANOTHER unit → 403 forbidden, audited; ordinary staff → 403; nothing registered', async () => {
    const before = await auditCount({ action: 'authz.denied', actor: extra.reg2?.user.id, target: 'ST1' });
    const other = await x('reg2').post(`/api/rights/pending/${effectId}/register`);
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe('forbidden');
    expect(await auditCount({ action: 'authz.denied', actor: extra.reg2?.user.id, target: 'ST1' })).toBe(before + 1);
    const staff = await o.c('staff1').post(`/api/rights/pending/${effectId}/register`);
    expect(staff.statusCode).toBe(403);
    const rows = await t.ctx.db.selectFrom('use_rights').select('id').where('user_id', '=', o.u('staff2').id).execute();
    expect(rows).toHaveLength(0);
  });

  it('AUD-1 an unknown effect is refused (404) and the refusal is audited', async () => {
    const unknown = '00000000-0000-4000-8000-00000000e001';
    const before = await auditCount({ action: 'rights.register', target: unknown, outcome: 'denied' });
    const res = await x('reg1').post(`/api/rights/pending/${unknown}/register`);
    expect(res.statusCode).toBe(404);
    expect(await auditCount({ action: 'rights.register', target: unknown, outcome: 'denied' })).toBe(before + 1);
  });

  it('APP-3 the registrar of the unit registers → the right is open, bound to the current assignment; effect processed; audited', async () => {
    const res = await x('reg1').post(`/api/rights/pending/${effectId}/register`);
    expect(res.statusCode, res.body).toBe(200);
    rightId = res.data.useRightId;
    const right = await rightOf(rightId);
    const staff2 = await actorFor(o.u('staff2').id);
    expect(right).toMatchObject({
      kind: 'regular',
      user_id: o.u('staff2').id,
      assignment_id: staff2.assignmentId,
      unit_id: staff2.unit?.id,
      access_scope: '照会のみ',
      ended_at: null,
    });
    const effect = await t.ctx.db.selectFrom('request_effects_pending').selectAll().where('id', '=', effectId).executeTakeFirstOrThrow();
    expect(effect.processed_at).not.toBeNull();
    expect(effect.processed_by).toBe(extra.reg1?.user.id);
    expect(await auditCount({ action: 'rights.registered', target: rightId })).toBe(1);
    expect(await findUsableRight(t.ctx.db, staff2, apps.LIC ?? '', tokyoDate(t.clock.now()))).toMatchObject({ ok: true });
    const mine = await o.c('staff2').get('/api/rights/mine');
    expect(mine.data.rights).toEqual([
      expect.objectContaining({ applicationCode: 'LIC', applicationName: '運転免許照会', kind: 'regular', usable: true }),
    ]);
    expect((await o.c('staff1').get('/api/rights/mine')).data.rights).toEqual([]);
  });

  it('APP-3 a second registration of the same effect → 409 conflict, audited, no second right', async () => {
    const again = await x('reg1').post(`/api/rights/pending/${effectId}/register`);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('conflict');
    expect(await auditCount({ action: 'rights.register', target: effectId, outcome: 'denied' })).toBe(1);
    const rows = await t.ctx.db.selectFrom('use_rights').select('id').where('user_id', '=', o.u('staff2').id).execute();
    expect(rows).toHaveLength(1);
  });

  it('APP-3 unit view: the unit head and registrar see who holds which right; another unit’s member does not; CSV is cp932', async () => {
    const view = await o.c('head1').get('/api/rights?unit=ST1');
    expect(view.statusCode).toBe(200);
    expect(view.data.rights).toEqual([
      expect.objectContaining({ holder: { loginId: 'staff2', name: '試験 staff2' }, application: { code: 'LIC', name: '運転免許照会' } }),
    ]);
    expect((await x('reg1').get('/api/rights?unit=ST1')).statusCode).toBe(200);
    expect((await o.c('outsider').get('/api/rights?unit=ST1')).statusCode).toBe(403);
    expect((await o.c('head2').get('/api/rights?unit=ST1')).statusCode).toBe(403);
    const csv = await o.c('head1').get('/api/rights.csv?unit=ST1');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('Shift_JIS');
    const text = iconv.decode(csv.rawPayload, 'cp932');
    expect(text).toContain('試験 staff2');
    expect(text).toContain('運転免許照会');
  });

  it('APP-3 removal: 様式4 "remove" approved and registered ends the right (removed, with the removal request)', async () => {
    const removal = await approvedAic4({ action: 'remove', applicationCode: 'LIC' });
    const res = await x('reg1').post(`/api/rights/pending/${removal.effectId}/register`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.endedRightIds).toEqual([rightId]);
    const right = await rightOf(rightId);
    expect(right.end_reason).toBe('removed');
    expect(right.end_request_id).toBe(removal.requestId);
    expect(await auditCount({ action: 'rights.removed', target: removal.effectId })).toBe(1);
    expect(await findUsableRight(t.ctx.db, await actorFor(o.u('staff2').id), apps.LIC ?? '', tokyoDate(t.clock.now()))).toEqual({
      ok: false,
      reason: 'none',
    });
  });
});

describe('APP-5 emergency grant on an oral application', () => {
  it('APP-5 an orally accepted 様式4 is registered as an emergency right with the paperwork due date', async () => {
    const oral = await o.c('gad').post('/api/requests/oral', {
      typeCode: 'aic4_use_right',
      applicantLoginId: 'head1',
      fields: fieldsFor('aic4_use_right', { applicationCode: 'VEH' }),
    });
    expect(oral.statusCode, oral.body).toBe(201);
    const effectId = await effectOf(oral.data.request.id);
    const pending = await x('reg1').get('/api/rights/pending?unit=ST1');
    expect(pending.data.items.find((i: { effectId: string }) => i.effectId === effectId)?.emergency).toBe(true);
    const res = await x('reg1').post(`/api/rights/pending/${effectId}/register`);
    expect(res.statusCode, res.body).toBe(200);
    const right = await rightOf(res.data.useRightId);
    expect(right.kind).toBe('emergency');
    expect(right.paperwork_due_on).toMatch(/^2026-04-\d\d$/);
  });
});

describe('APP-3 様式3 registrar designation (システム管理者)', () => {
  it('APP-3 the unit head is refused (403); システム管理者 registers the post; the new registrar then sees the unit’s pending list', async () => {
    const id = await submitted(o.c('staff1'), 'aic3_registrar', { beneficiaryLoginId: 'staff1' });
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    const final = await o.c('sysadmin').post(`/api/requests/${id}/approve`, {});
    expect(final.data.request.state, final.body).toBe('approved');
    const effectId = await effectOf(id);
    expect((await o.c('staff1').get('/api/rights/pending?unit=ST1')).statusCode).toBe(403);
    expect((await o.c('head1').post(`/api/effects/${effectId}/registrar`)).statusCode).toBe(403);
    const res = await o.c('sysadmin').post(`/api/effects/${effectId}/registrar`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ action: 'designate', unitCode: 'ST1' });
    expect((await o.c('staff1').get('/api/rights/pending?unit=ST1')).statusCode).toBe(200);
    expect((await o.c('sysadmin').post(`/api/effects/${effectId}/registrar`)).statusCode).toBe(409);
    expect(await auditCount({ action: 'rights.registrar.designated', target: o.u('staff1').id })).toBe(1);
  });
});

describe('APP-6 contractor scope', () => {
  it('APP-6 a contractor without a contract is refused at registration (422, audited); with one, the right is bound to it', async () => {
    const { effectId } = await approvedAic4({ beneficiaryLoginId: 'ctr1', applicationCode: 'LIC' });
    const refused = await x('reg1').post(`/api/rights/pending/${effectId}/register`);
    expect(refused.statusCode).toBe(422);
    expect(errorCode(refused)).toBe('invalid_state');
    const denied = await t.ctx.db
      .selectFrom('audit_events')
      .select('canonical')
      .where('action', '=', 'rights.register')
      .where('target_id', '=', effectId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(denied.canonical).reason).toBe('contract_scope');
    const ctrActor = await actorFor(extra.ctr1?.user.id ?? '');
    expect(await findUsableRight(t.ctx.db, ctrActor, apps.LIC ?? '', tokyoDate(t.clock.now()))).toEqual({ ok: false, reason: 'none' });

    const body = {
      userLoginId: 'ctr1',
      contractName: '運転免許システム保守契約',
      applicationCodes: ['LIC'],
      validFrom: '2026-04-01',
      validTo: '2027-03-31',
    };
    expect((await o.c('staff1').post('/api/contracts', body)).statusCode).toBe(403);
    expect((await o.c('sysadmin').post('/api/contracts', { ...body, userLoginId: 'staff1' })).statusCode).toBe(400);
    expect((await o.c('sysadmin').post('/api/contracts', { ...body, validTo: '2026-01-01' })).statusCode).toBe(400);
    const created = await o.c('sysadmin').post('/api/contracts', body);
    expect(created.statusCode, created.body).toBe(201);
    expect((await o.c('sysadmin').get('/api/contracts')).data.contracts).toHaveLength(1);

    const res = await x('reg1').post(`/api/rights/pending/${effectId}/register`);
    expect(res.statusCode, res.body).toBe(200);
    const right = await rightOf(res.data.useRightId);
    expect(right.contract_id).toBe(created.data.contract.id);
    expect(right.valid_to).toBe('2027-03-31');
    expect((await findUsableRight(t.ctx.db, ctrActor, apps.LIC ?? '', tokyoDate(t.clock.now()))).ok).toBe(true);
  });
});

describe('APP-4 dispatch (様式5), and what time does to rights', () => {
  let dispatchRight = '';

  it('APP-4 様式5 is registered by the HOST unit’s registrar (not the home unit’s) as a dispatch right until dispatchTo', async () => {
    const id = await submitted(o.c('staff1'), 'aic5_dispatch_use_right', { applicationCode: 'LOST' });
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    await o.c('head2').post(`/api/requests/${id}/concur`, {});
    const final = await o.c('gad').post(`/api/requests/${id}/approve`, {});
    expect(final.data.request.state, final.body).toBe('approved');
    const effectId = await effectOf(id);
    expect((await x('reg2').get('/api/rights/pending?unit=ST2')).data.items.map((i: { effectId: string }) => i.effectId)).toContain(
      effectId,
    );
    expect((await x('reg1').post(`/api/rights/pending/${effectId}/register`)).statusCode).toBe(403);
    const res = await x('reg2').post(`/api/rights/pending/${effectId}/register`);
    expect(res.statusCode, res.body).toBe(200);
    dispatchRight = res.data.useRightId;
    const right = await rightOf(dispatchRight);
    expect(right).toMatchObject({
      kind: 'dispatch',
      valid_to: '2026-06-30',
      dispatch_name: '北署管内強盗事件特別捜査本部',
      assignment_id: null,
    });
    const host = await t.ctx.db.selectFrom('units').select('id').where('code', '=', 'ST2').executeTakeFirstOrThrow();
    expect(right.unit_id).toBe(host.id);
    expect((await findUsableRight(t.ctx.db, await actorFor(o.u('staff2').id), apps.LOST ?? '', tokyoDate(t.clock.now()))).ok).toBe(true);
  });

  it('APP-4 after dispatchTo the right is refused (dispatch_ended) and the sweep ends it; APP-5 overdue paperwork is reported; APP-3 unused report', async () => {
    t.clock.advance(91 * DAY); // 2026-07-01
    const staff2 = await actorFor(o.u('staff2').id);
    expect(await findUsableRight(t.ctx.db, staff2, apps.LOST ?? '', tokyoDate(t.clock.now()))).toEqual({
      ok: false,
      reason: 'dispatch_ended',
    });
    const swept = await sweepRights(t.ctx, { ...OPERATOR, via: 'scheduler' });
    expect(swept.ended.dispatch_end).toBe(1);
    expect((await rightOf(dispatchRight)).end_reason).toBe('dispatch_end');
    expect(swept.paperworkOverdue.map((p) => p.applicationCode)).toEqual(['VEH']);

    // The contractor queried LIC ten days ago; staff2 never queried VEH.
    const ctr = extra.ctr1?.user.id ?? '';
    await t.ctx.db
      .insertInto('inquiries')
      .values({
        id: '11111111-1111-4111-8111-111111111111',
        audit_seq: '1',
        user_id: ctr,
        unit_id: null,
        application_id: apps.LIC ?? '',
        purpose_code: 'other',
        purpose_text: '保守確認',
        criteria: JSON.stringify({}),
        result_count: 0,
        queried_at: new Date(t.clock.now().getTime() - 10 * DAY),
      })
      .execute();
    const gad = await loginWithTotp(t, o.u('gad'));
    const unused = await gad.get('/api/rights/unused?days=90');
    expect(unused.statusCode, unused.body).toBe(200);
    expect(
      unused.data.rights.map(
        (r: { holder: { loginId: string }; application: { code: string } }) => `${r.holder.loginId}:${r.application.code}`,
      ),
    ).toEqual(['staff2:VEH']);
    const staff = await loginWithTotp(t, o.u('staff1'));
    expect((await staff.get('/api/rights/unused?days=90')).statusCode).toBe(403);
    expect((await gad.get('/api/rights/unused?days=0')).statusCode).toBe(400);
  });
});
