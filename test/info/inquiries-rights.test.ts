import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../src/server/modules/identity/actor.js';
import { runInquiry } from '../../src/server/modules/inquiries/service.js';
import * as org from '../../src/server/modules/org/service.js';
import { tokyoDate } from '../../src/server/shared/clock.js';
import { grantUseRight, insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import {
  type Client,
  type CreatedUser,
  createUnit,
  createUser,
  errorCode,
  loginWithTotp,
  OPERATOR,
  onboard,
  startTestApp,
  type TestApp,
} from '../support/test-app.js';
import { inquiryCount, lastEntry, PURPOSE, query } from './inquiry-support.js';

/**
 * The business use right decides whether a query is answered (APP-3 … APP-6, ID-11): each way a
 * right can be unusable is refused with 403 no_use_right and an audit entry naming the cause.
 * The clock moves forward in the last tests (transfer, retirement).
 */
let t: TestApp;
let apps: Record<string, string>;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'R1', '捜査第一課');
  await createUnit(t, 'R2', '地域課');
  apps = await insertDemoApplications(t);
  await insertRecords(t, apps.LIC ?? '', 'licence', [{ subjectId: randomUUID(), data: licence() }]);
});
afterAll(async () => t?.close());

async function expectNoRight(client: Client, loginId: string, reason: string) {
  const before = await inquiryCount(t);
  const res = await client.post('/api/inquiries', query({ name: '試験花子' }));
  expect(res.statusCode).toBe(403);
  expect(errorCode(res)).toBe('no_use_right');
  expect(res.body).not.toContain('990012345678');
  expect(await inquiryCount(t)).toBe(before);
  const entry = await lastEntry(t, 'inquiry.query', loginId);
  expect(entry).toMatchObject({ outcome: 'denied', reason: `no_use_right:${reason}`, purpose: PURPOSE, criteria: { name: '試験花子' } });
}

describe('no usable right → 403 no_use_right, audited (APP-3 … APP-6)', () => {
  it('APP-3: no right at all', async () => {
    const u = await createUser(t, { loginId: 'r-none', unitCode: 'R1' });
    await expectNoRight(await onboard(t, u), 'r-none', 'none');
  });

  it('APP-4: a dispatch right whose dispatch period ended yesterday', async () => {
    const u = await createUser(t, { loginId: 'r-dispatch', unitCode: 'R1' });
    await grantUseRight(t, u.id, apps.LIC ?? '', { kind: 'dispatch', from: '2026-01-01', to: '2026-03-31' });
    await expectNoRight(await onboard(t, u), 'r-dispatch', 'dispatch_ended');
  });

  it('APP-3: a right not valid yet', async () => {
    const u = await createUser(t, { loginId: 'r-future', unitCode: 'R1' });
    await grantUseRight(t, u.id, apps.LIC ?? '', { from: '2026-05-01' });
    await expectNoRight(await onboard(t, u), 'r-future', 'not_yet_valid');
  });

  it('APP-6: a contractor whose contract does not cover the application', async () => {
    const created = await org.createUser(t.ctx, OPERATOR, {
      loginId: 'r-contractor',
      name: '委託 業者',
      unitCode: 'R1',
      employmentType: 'contractor',
    });
    const contract = await t.ctx.db
      .insertInto('contracts')
      .values({
        user_id: created.user.id,
        contract_name: '車両システム保守',
        application_codes: ['VEH'],
        valid_from: '2026-01-01',
        valid_to: '2027-03-31',
        registered_by: null,
        registered_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const right = await grantUseRight(t, created.user.id, apps.LIC ?? '');
    await t.ctx.db.updateTable('use_rights').set({ contract_id: contract.id }).where('id', '=', right).execute();
    const client = await onboard(t, { id: created.user.id, loginId: 'r-contractor', password: created.temporaryPassword });
    await expectNoRight(client, 'r-contractor', 'contract_scope');
  });

  it('ID-11: a retired user — the session ends (401), and a request already past the session check is refused as retired', async () => {
    const u = await createUser(t, { loginId: 'r-retiring', name: '退職 予定', unitCode: 'R1' });
    await grantUseRight(t, u.id, apps.LIC ?? '');
    const client = await onboard(t, u);
    expect((await client.post('/api/inquiries', query({ name: '試験花子' }))).statusCode).toBe(200);
    const user = await t.ctx.db.selectFrom('users').select(['id']).where('login_id', '=', 'r-retiring').executeTakeFirstOrThrow();
    const assignment = await t.ctx.db
      .selectFrom('user_assignments')
      .innerJoin('units', 'units.id', 'user_assignments.unit_id')
      .select(['user_assignments.id', 'units.id as unitId', 'units.code', 'units.name'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    await org.retireUser(t.ctx, OPERATOR, u.id, { effectiveDate: tokyoDate(new Date(t.clock.now().getTime() + DAY)) });
    t.clock.advance(DAY);
    expect((await client.post('/api/inquiries', query({ name: '試験花子' }))).statusCode).toBe(401);
    // Another app node resolved the session a moment before the retirement took effect.
    const stale: UserActor = {
      kind: 'user',
      userId: u.id,
      loginId: 'r-retiring',
      name: '退職 予定',
      locale: 'ja',
      unit: { id: assignment.unitId, code: assignment.code, name: assignment.name },
      assignmentId: assignment.id,
      roles: [],
      posts: [],
      managedUnitCodes: [],
      privileged: false,
      active: true,
      sessionId: 'stale-session',
      ip: null,
      terminal: null,
    };
    const before = await inquiryCount(t);
    await expect(
      runInquiry(t.ctx, stale, { applicationCode: 'LIC', purpose: PURPOSE, criteria: { name: '試験花子' } }),
    ).rejects.toMatchObject({
      code: 'no_use_right',
    });
    expect(await inquiryCount(t)).toBe(before);
    expect(await lastEntry(t, 'inquiry.query', 'r-retiring')).toMatchObject({ outcome: 'denied', reason: 'no_use_right:retired' });
  });

  it('APP-3: a transferred user — the right of the old assignment ends on the day of the transfer', async () => {
    const u: CreatedUser = await createUser(t, { loginId: 'r-mover', unitCode: 'R1' });
    await grantUseRight(t, u.id, apps.LIC ?? '');
    const client = await onboard(t, u);
    expect((await client.post('/api/inquiries', query({ name: '試験花子' }))).statusCode).toBe(200);
    await org.transferUser(t.ctx, OPERATOR, u.id, { unitCode: 'R2', effectiveDate: tokyoDate(new Date(t.clock.now().getTime() + DAY)) });
    t.clock.advance(DAY);
    await expectNoRight(await loginWithTotp(t, u), 'r-mover', 'transferred');
  });
});
