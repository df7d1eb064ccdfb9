import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepRequests } from '../../src/server/modules/requests/sweep.js';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { fieldsFor, type Org, relogAll, rowCount, setUpOrg, submitted } from './support.js';

let t: TestApp;
let o: Org;
const DAY = 86_400_000;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t);
});
afterAll(async () => t?.close());

describe('代決 (delegation)', () => {
  it('a deputy decides in the holder’s place within the period; both names are recorded', async () => {
    const now = t.clock.now();
    const created = await o.c('gad').post('/api/delegations', {
      deputyLoginId: 'soumustaff',
      validFrom: now.toISOString(),
      validTo: new Date(now.getTime() + 3 * DAY).toISOString(),
      reason: '出張のため',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.data.delegation).toMatchObject({ active: true, deputy: { loginId: 'soumustaff' }, principal: { loginId: 'gad' } });
    const listed = await o.c('soumuStaff').get('/api/delegations');
    expect(listed.data.received).toHaveLength(1);

    const id = await submitted(o.c('staff1'), 'aic4_use_right');
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    const inbox = await o.c('soumuStaff').get('/api/requests/inbox');
    const item = inbox.data.items.find((i: any) => i.request.id === id);
    expect(item.onBehalfOf.loginId).toBe('gad');
    const res = await o.c('soumuStaff').post(`/api/requests/${id}/approve`, { comment: '代決' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.request.state).toBe('approved');
    const shown = await o.c('staff1').get(`/api/requests/${id}`);
    const decision = shown.data.route[0].stages[1].decision;
    expect(decision.decider.loginId).toBe('soumustaff');
    expect(decision.onBehalfOf.loginId).toBe('gad');
    const row = await t.ctx.db
      .selectFrom('request_decisions')
      .selectAll()
      .where('request_id', '=', id)
      .where('decider_id', '=', o.u('soumuStaff').id)
      .executeTakeFirstOrThrow();
    expect(row.on_behalf_of_id).toBe(o.u('gad').id);
    expect(row.decider_id).toBe(o.u('soumuStaff').id);
  });

  it('outside the period the deputy may not decide', async () => {
    const id = await submitted(o.c('staff1'), 'aic4_use_right', { applicationCode: 'LATE01' });
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    t.clock.advance(4 * DAY);
    await relogAll(t, o);
    const res = await o.c('soumuStaff').post(`/api/requests/${id}/approve`, {});
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect(await rowCount(t, 'request_decisions', id)).toBe(1);
  });

  it('a deputy named by someone cannot decide a request of that person (ORG-3 via 代決)', async () => {
    const now = t.clock.now();
    await o.c('gad').post('/api/delegations', {
      deputyLoginId: 'soumustaff',
      validFrom: now.toISOString(),
      validTo: new Date(now.getTime() + DAY).toISOString(),
      reason: '不在',
    });
    const id = await submitted(o.c('gad'), 'aic4_use_right', { beneficiaryLoginId: 'soumustaff', applicationCode: 'SELF01' });
    await o.c('headSoumu').post(`/api/requests/${id}/approve`, {});
    // soumustaff is the beneficiary: refused whichever way.
    const res = await o.c('soumuStaff').post(`/api/requests/${id}/approve`, {});
    expect(errorCode(res)).toBe('sod_violation');
  });
});

describe('APP-5 emergency path (oral application)', () => {
  it('approved at once with the effect; paperwork overdue after the deadline is flagged and reported until filed', async () => {
    const res = await o.c('gad').post('/api/requests/oral', {
      typeCode: 'aic4_use_right',
      applicantLoginId: 'head1',
      fields: fieldsFor('aic4_use_right', { applicationCode: 'URG01' }),
      comment: '電話にて受理',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.data.request.id;
    expect(res.data.request.state).toBe('approved');
    expect(res.data.request.emergency.paperworkOverdue).toBe(false);
    expect(await rowCount(t, 'request_effects_pending', id)).toBe(1);
    const dueAt = new Date(res.data.request.emergency.paperworkDueAt).getTime();
    expect(dueAt - t.clock.now().getTime()).toBe(7 * DAY);

    t.clock.advance(8 * DAY);
    await relogAll(t, o);
    const mine = await o.c('head1').get('/api/requests');
    expect(mine.data.requests.find((r: any) => r.id === id).emergency.paperworkOverdue).toBe(true);
    const inbox = await o.c('gad').get('/api/requests/inbox');
    expect(inbox.data.counts.paperworkOverdue).toBeGreaterThanOrEqual(1);
    expect(inbox.data.paperwork.map((p: any) => p.id)).toContain(id);
    const report = await o.c('auditor').get('/api/requests/reports/overdue');
    expect(report.data.overduePaperwork.map((p: any) => p.id)).toContain(id);
    const swept = await sweepRequests(t.ctx, { kind: 'system', via: 'scheduler', osUser: 'test' });
    expect(swept.paperworkReminded).toBeGreaterThanOrEqual(1);
    // A second sweep the same day reminds nobody again.
    expect((await sweepRequests(t.ctx, { kind: 'system', via: 'scheduler', osUser: 'test' })).paperworkReminded).toBe(0);

    const filed = await o.c('head1').post(`/api/requests/${id}/paperwork`, {});
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.data.request.emergency.paperworkOverdue).toBe(false);
    const after = await o.c('auditor').get('/api/requests/reports/overdue');
    expect(after.data.overduePaperwork.map((p: any) => p.id)).not.toContain(id);
  });

  it('only types that allow it, only the final approver, never the applicant', async () => {
    const notAllowed = await o.c('gad').post('/api/requests/oral', {
      typeCode: 'aic1_app_development',
      applicantLoginId: 'staff1',
      fields: fieldsFor('aic1_app_development'),
    });
    expect(errorCode(notAllowed)).toBe('invalid_state');
    const notFinal = await o.c('head2').post('/api/requests/oral', {
      typeCode: 'aic4_use_right',
      applicantLoginId: 'head1',
      fields: fieldsFor('aic4_use_right'),
    });
    expect(notFinal.statusCode).toBe(403);
    const self = await o.c('gad').post('/api/requests/oral', {
      typeCode: 'edo_exception',
      applicantLoginId: 'gad',
      fields: fieldsFor('edo_exception', { emergency: true, takenOn: '2026-04-01' }),
    });
    expect(errorCode(self)).toBe('sod_violation');
  });
});

describe('deadlines and reminders', () => {
  it('a stage past its due days shows as overdue in the inbox and gets one reminder a day', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: '遅延' });
    t.clock.advance(4 * DAY);
    await relogAll(t, o);
    const inbox = await o.c('head1').get('/api/requests/inbox');
    const item = inbox.data.items.find((i: any) => i.request.id === id);
    expect(item.request.overdue).toBe(true);
    expect(inbox.data.counts.overdue).toBeGreaterThanOrEqual(1);
    const first = await sweepRequests(t.ctx, { kind: 'system', via: 'scheduler', osUser: 'test' });
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const reminders = await t.ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'request.reminder')
      .where('target_id', '=', id)
      .execute();
    expect(reminders).toHaveLength(1);
    await sweepRequests(t.ctx, { kind: 'system', via: 'scheduler', osUser: 'test' });
    t.clock.advance(DAY);
    await sweepRequests(t.ctx, { kind: 'system', via: 'scheduler', osUser: 'test' });
    const again = await t.ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'request.reminder')
      .where('target_id', '=', id)
      .execute();
    expect(again).toHaveLength(2);
  });

  it('an approved permit expires after its period (期限切れ)', async () => {
    await relogAll(t, o);
    const id = await submitted(o.c('contractor'), 'isk2_bring_in', { periodFrom: '2026-04-01', periodTo: '2026-05-31' });
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    t.clock.set('2026-06-02T01:00:00Z');
    await relogAll(t, o);
    const result = await sweepRequests(t.ctx, { kind: 'system', via: 'scheduler', osUser: 'test' });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const shown = await o.c('contractor').get(`/api/requests/${id}`);
    expect(shown.data.request.state).toBe('expired');
  });
});
