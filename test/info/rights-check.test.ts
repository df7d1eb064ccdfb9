import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '../../src/server/modules/identity/session-service.js';
import { applicationWithRights } from '../../src/server/modules/inquiries/repo.js';
import { findUserById } from '../../src/server/modules/org/repo.js';
import * as org from '../../src/server/modules/org/service.js';
import { findUsableRight, usableRightAmong } from '../../src/server/modules/rights/check.js';
import { sweepRights } from '../../src/server/modules/rights/sweep.js';
import { tokyoDate } from '../../src/server/shared/clock.js';
import { grantUseRight, insertDemoApplications } from '../support/info-fixtures.js';
import { createUnit, OPERATOR, startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
let t: TestApp;
let apps: Record<string, string>;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  apps = await insertDemoApplications(t);
  await createUnit(t, 'CK1', '照会一課');
  await createUnit(t, 'CK2', '照会二課');
});
afterAll(async () => t?.close());

const app = (code: string) => apps[code] ?? '';
const today = () => tokyoDate(t.clock.now());

async function person(employmentType: 'regular' | 'non_regular' | 'contractor' = 'regular', unitCode = 'CK1') {
  seq += 1;
  const created = await org.createUser(t.ctx, OPERATOR, { loginId: `ck-${seq}`, name: `照会 ${seq}`, unitCode, employmentType });
  return created.user.id;
}

/** The person as a session would see them today (assignment, posts), as the inquiry service gets them. */
async function actorOf(userId: string) {
  const user = await findUserById(t.ctx.db, userId);
  if (!user) throw new Error('no user');
  return buildActor(t.ctx, user, { id: '00000000-0000-4000-8000-000000000000', ip: null }, null);
}

/** findUsableRight, checked against the inquiry's path (its application and rights in one read). */
async function check(userId: string, code = 'LIC') {
  const actor = await actorOf(userId);
  const direct = await findUsableRight(t.ctx.db, actor, app(code), today());
  const read = await applicationWithRights(t.ctx.db, code, userId);
  expect(await usableRightAmong(t.ctx.db, actor, app(code), read?.rights ?? [], today())).toEqual(direct);
  return direct;
}

async function endOf(rightId: string) {
  return t.ctx.db.selectFrom('use_rights').select(['ended_at', 'end_reason']).where('id', '=', rightId).executeTakeFirstOrThrow();
}

describe('findUsableRight (APP-3 … APP-6, ID-11)', () => {
  it('APP-3 none: no right at all, or a right for another application only', async () => {
    const u = await person();
    expect(await check(u)).toEqual({ ok: false, reason: 'none' });
    await grantUseRight(t, u, app('VEH'));
    expect(await check(u)).toEqual({ ok: false, reason: 'none' });
    const veh = await check(u, 'VEH');
    expect(veh.ok).toBe(true);
  });

  it('APP-3 usable: an open regular right of the current assignment within its period', async () => {
    const u = await person();
    const id = await grantUseRight(t, u, app('LIC'), { from: '2026-01-01', to: '2026-12-31' });
    const r = await check(u);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.right.id).toBe(id);
  });

  it('APP-3 not_yet_valid: the right starts after today', async () => {
    const u = await person();
    await grantUseRight(t, u, app('LIC'), { from: '2026-05-01' });
    expect(await check(u)).toEqual({ ok: false, reason: 'not_yet_valid' });
  });

  it('APP-3 the refusal reported is that of the newest open right, not of a later-registered ended one', async () => {
    const u = await person();
    const ended = await grantUseRight(t, u, app('LIC'));
    await t.ctx.db
      .updateTable('use_rights')
      .set({ ended_at: t.clock.now(), end_reason: 'transfer', registered_at: new Date(t.clock.now().getTime() + DAY) })
      .where('id', '=', ended)
      .execute();
    await grantUseRight(t, u, app('LIC'), { from: '2026-05-01' });
    expect(await check(u)).toEqual({ ok: false, reason: 'not_yet_valid' });
  });

  it('APP-3 a right of someone else or of another application among the facts given is never counted', async () => {
    const holder = await person();
    const other = await person();
    await grantUseRight(t, holder, app('LIC'));
    await grantUseRight(t, other, app('VEH'));
    const holderRights = (await applicationWithRights(t.ctx.db, 'LIC', holder))?.rights ?? [];
    expect(holderRights).toHaveLength(1);
    expect(await usableRightAmong(t.ctx.db, await actorOf(other), app('LIC'), holderRights, today())).toEqual({
      ok: false,
      reason: 'none',
    });
    expect(await usableRightAmong(t.ctx.db, await actorOf(holder), app('VEH'), holderRights, today())).toEqual({
      ok: false,
      reason: 'none',
    });
    expect((await usableRightAmong(t.ctx.db, await actorOf(holder), app('LIC'), holderRights, today())).ok).toBe(true);
  });

  it('APP-3 expired: valid_to is the last day of use (inclusive)', async () => {
    const u = await person();
    await grantUseRight(t, u, app('LIC'), { from: '2026-01-01', to: today() });
    expect((await check(u)).ok).toBe(true);
    const v = await person();
    await grantUseRight(t, v, app('LIC'), { from: '2026-01-01', to: '2026-03-31' });
    expect(await check(v)).toEqual({ ok: false, reason: 'expired' });
  });

  it('APP-4 dispatch_ended: a dispatch right past the dispatch end; usable during it whatever the home unit', async () => {
    const ck2 = await t.ctx.db.selectFrom('units').select('id').where('code', '=', 'CK2').executeTakeFirstOrThrow();
    const u = await person();
    await grantUseRight(t, u, app('LIC'), { kind: 'dispatch', unitId: ck2.id, from: '2026-03-01', to: '2026-06-30' });
    expect((await check(u)).ok).toBe(true);
    const v = await person();
    await grantUseRight(t, v, app('LIC'), { kind: 'dispatch', unitId: ck2.id, from: '2026-02-01', to: '2026-03-31' });
    expect(await check(v)).toEqual({ ok: false, reason: 'dispatch_ended' });
  });

  it('APP-6 contract_scope: a contractor needs a contract in force naming the application', async () => {
    const u = await person('contractor');
    await grantUseRight(t, u, app('LIC'));
    expect(await check(u)).toEqual({ ok: false, reason: 'contract_scope' });
    // A contract for another application does not help.
    await t.ctx.db
      .insertInto('contracts')
      .values({
        user_id: u,
        contract_name: '車両保守',
        application_codes: ['VEH'],
        valid_from: '2026-01-01',
        valid_to: '2027-03-31',
        registered_by: null,
        registered_at: t.clock.now(),
      })
      .execute();
    expect(await check(u)).toEqual({ ok: false, reason: 'contract_scope' });
    await t.ctx.db
      .insertInto('contracts')
      .values({
        user_id: u,
        contract_name: '免許保守',
        application_codes: ['LIC'],
        valid_from: '2026-01-01',
        valid_to: '2027-03-31',
        registered_by: null,
        registered_at: t.clock.now(),
      })
      .execute();
    expect((await check(u)).ok).toBe(true);
    // A non-regular member of staff is not bound by contracts (their ID is registered: APP-6).
    const n = await person('non_regular');
    await grantUseRight(t, n, app('LIC'));
    expect((await check(n)).ok).toBe(true);
  });

  it('APP-6 contract_scope: the contract a right names ended early → refused at once, sweep ends it with contract_end', async () => {
    const u = await person('contractor');
    const contract = await t.ctx.db
      .insertInto('contracts')
      .values({
        user_id: u,
        contract_name: '照会保守',
        application_codes: ['LIC'],
        valid_from: '2026-01-01',
        valid_to: '2027-03-31',
        registered_by: null,
        registered_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const right = await grantUseRight(t, u, app('LIC'));
    await t.ctx.db.updateTable('use_rights').set({ contract_id: contract.id }).where('id', '=', right).execute();
    expect((await check(u)).ok).toBe(true);
    await t.ctx.db.updateTable('contracts').set({ ended_at: t.clock.now() }).where('id', '=', contract.id).execute();
    expect(await check(u)).toEqual({ ok: false, reason: 'contract_scope' });
    const swept = await sweepRights(t.ctx, { ...OPERATOR, via: 'scheduler' });
    expect(swept.ended.contract_end).toBeGreaterThanOrEqual(1);
    expect((await endOf(right)).end_reason).toBe('contract_end');
    expect(await check(u)).toEqual({ ok: false, reason: 'contract_scope' });
  });

  it('APP-3 / ID-11 transferred: refused from the transfer day before any sweep; the sweep then ends it (transfer)', async () => {
    const u = await person();
    const right = await grantUseRight(t, u, app('LIC'));
    t.clock.advance(DAY);
    await org.transferUser(t.ctx, OPERATOR, u, { unitCode: 'CK2', effectiveDate: today() });
    expect(await check(u)).toEqual({ ok: false, reason: 'transferred' });
    expect((await endOf(right)).ended_at).toBeNull();
    await sweepRights(t.ctx, { ...OPERATOR, via: 'scheduler' });
    expect((await endOf(right)).end_reason).toBe('transfer');
    expect(await check(u)).toEqual({ ok: false, reason: 'transferred' });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', '=', 'rights.ended')
      .where('target_id', '=', right)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('ID-11 retired: a retired holder is refused from the retirement day; the sweep ends the right (retirement)', async () => {
    const u = await person();
    const right = await grantUseRight(t, u, app('LIC'));
    const actorBefore = await actorOf(u);
    t.clock.advance(DAY);
    await org.retireUser(t.ctx, OPERATOR, u, { effectiveDate: today() });
    // Even with the actor as it stood before (a session resolved earlier), the check reads the account.
    expect(await findUsableRight(t.ctx.db, actorBefore, app('LIC'), today())).toEqual({ ok: false, reason: 'retired' });
    await sweepRights(t.ctx, { ...OPERATOR, via: 'scheduler' });
    expect((await endOf(right)).end_reason).toBe('retirement');
  });

  it('ID-12 a disabled account is refused (retired) and its rights end with reason disabled', async () => {
    const u = await person();
    const right = await grantUseRight(t, u, app('LIC'));
    await org.disableUser(t.ctx, OPERATOR, u, '不正利用の疑い');
    expect((await check(u)).ok).toBe(false);
    await sweepRights(t.ctx, { ...OPERATOR, via: 'scheduler' });
    expect((await endOf(right)).end_reason).toBe('disabled');
    await org.enableUser(t.ctx, OPERATOR, u);
    // Re-enabling the account does not bring the right back.
    expect(await check(u)).toEqual({ ok: false, reason: 'none' });
  });

  it('APP-3 expired rights are ended by the sweep (expired), dispatch ones with dispatch_end; open valid ones stay', async () => {
    const ck2 = await t.ctx.db.selectFrom('units').select('id').where('code', '=', 'CK2').executeTakeFirstOrThrow();
    const u = await person();
    const lapsed = await grantUseRight(t, u, app('LIC'), { from: '2026-01-01', to: '2026-03-01' });
    const dispatch = await grantUseRight(t, u, app('VEH'), { kind: 'dispatch', unitId: ck2.id, from: '2026-01-01', to: '2026-03-01' });
    const valid = await grantUseRight(t, u, app('LOST'));
    await sweepRights(t.ctx, { ...OPERATOR, via: 'scheduler' });
    expect((await endOf(lapsed)).end_reason).toBe('expired');
    expect((await endOf(dispatch)).end_reason).toBe('dispatch_end');
    expect((await endOf(valid)).ended_at).toBeNull();
    expect(await check(u, 'LIC')).toEqual({ ok: false, reason: 'expired' });
    expect(await check(u, 'VEH')).toEqual({ ok: false, reason: 'dispatch_ended' });
    expect((await check(u, 'LOST')).ok).toBe(true);
  });

  it('a second sweep ends nothing more (idempotent)', async () => {
    const again = await sweepRights(t.ctx, { ...OPERATOR, via: 'scheduler' });
    expect(again.ended).toEqual({});
  });
});
