import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/server/cli/commands.js';
import { type Org, setUpOrg } from '../requests/support.js';
import { grantUseRight } from '../support/info-fixtures.js';
import { errorCode, OPERATOR, startTestApp, type TestApp } from '../support/test-app.js';
import { approved, auditActions, effectOf, ORG_PEOPLE, settingsOf } from './applications-support.js';

/**
 * APP-1, APP-2: the registry of applications, built only from approved 様式1 / 様式2 requests whose
 * effects システム管理者 or 総務部長 process; every version kept; abolition ends the use rights.
 */
let t: TestApp;
let o: Org;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t, ORG_PEOPLE);
});
afterAll(async () => t?.close());

async function rightsOf(applicationId: string) {
  return t.ctx.db.selectFrom('use_rights').selectAll().where('application_id', '=', applicationId).execute();
}

describe('applications registry and 様式1/2 effects', () => {
  let developmentEffect = '';
  let applicationId = '';

  it('APP-2: a 様式1 approved up to 総務部長 is processed into an active application, version 1', async () => {
    const requestId = await approved(o, 'aic1_app_development', { applicationCode: 'LOST01', applicationName: '遺失物照会' });
    developmentEffect = await effectOf(t, requestId);
    const inbox = await o.c('sysadmin').get('/api/effects');
    expect(inbox.statusCode).toBe(200);
    const item = inbox.data.effects.find((e: any) => e.id === developmentEffect);
    expect(item).toMatchObject({ effect: 'application_development', typeCode: 'aic1_app_development' });
    expect(item.request.number).toMatch(/\S/);
    expect(item.applicant.loginId).toBe('staff1');

    const res = await o.c('gad').post(`/api/effects/${developmentEffect}/application`, settingsOf('LOST'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.application).toMatchObject({ code: 'LOST01', version: 1 });
    applicationId = res.data.application.applicationId;

    // APP-1: every member of staff sees the registry, with what the inquiry form is built from.
    const list = await o.c('staff1').get('/api/applications');
    expect(list.statusCode).toBe(200);
    const listed = list.data.applications.find((a: any) => a.code === 'LOST01');
    expect(listed).toMatchObject({ name: '遺失物照会', state: 'active', recordSet: 'lost_property', classification: 2, maxPeople: 30 });
    expect(listed.purposeCodes.map((p: any) => p.code)).toContain('criminal_investigation');
    expect(listed.criteria.map((c: any) => c.name)).toEqual(['reportNumber', 'name', 'birthDate']);

    const shown = await o.c('staff2').get('/api/applications/LOST01');
    expect(shown.statusCode).toBe(200);
    expect(shown.data.application.particulars.purpose).toBe('遺失届・拾得届の照合');
    expect(shown.data.application.particulars.recordSet).toBeUndefined();
    expect(shown.data.application.accessCriteria.scopes).toEqual(['照会のみ']);
    expect(shown.data.application.businessUnit.code).toBe('ST1');
    expect(shown.data.application.versions).toHaveLength(1);
    expect(shown.data.application.versions[0]).toMatchObject({ version: 1, changedBy: 'gad' });

    const effect = await t.ctx.db
      .selectFrom('request_effects_pending')
      .selectAll()
      .where('id', '=', developmentEffect)
      .executeTakeFirstOrThrow();
    expect(effect.processed_at).not.toBeNull();
    expect(effect.processed_by).toBe(o.u('gad').id);
    expect(effect.outcome).toMatchObject({ action: 'develop', code: 'LOST01', version: 1 });
    expect((await auditActions(t, 'application.registered')).map((a) => a.target)).toEqual([applicationId]);
    expect((await o.c('sysadmin').get('/api/effects')).data.effects.map((e: any) => e.id)).not.toContain(developmentEffect);
  });

  it('APP-2: a second processing of the same effect → 409 conflict, audited, nothing changed', async () => {
    const res = await o.c('sysadmin').post(`/api/effects/${developmentEffect}/application`, settingsOf('LOST', { maxPeople: 5 }));
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('conflict');
    expect(res.data.error.message).toMatch(/既に/);
    const app = await t.ctx.db.selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow();
    expect(app.max_people).toBe(30);
    const refusals = await auditActions(t, 'application.effect');
    expect(refusals.at(-1)?.entry).toMatchObject({ outcome: 'denied', reason: 'conflict' });
  });

  it('APP-2: ordinary staff may neither see the effects nor process them (403, audited)', async () => {
    const before = (await auditActions(t, 'authz.denied')).length;
    expect(errorCode(await o.c('staff1').get('/api/effects'))).toBe('forbidden');
    const res = await o.c('head1').post(`/api/effects/${developmentEffect}/application`, settingsOf('LOST'));
    expect(res.statusCode).toBe(403);
    const denials = await auditActions(t, 'authz.denied');
    expect(denials.length).toBe(before + 2);
    expect(denials.at(-1)?.actor).toBe(o.u('head1').id);
    expect(denials.at(-1)?.entry).toMatchObject({ details: { requestedAction: 'application.admin' } });
  });

  it('APP-2: development and change need the settings (400), an unknown effect is 404', async () => {
    const requestId = await approved(o, 'aic1_app_development', { applicationCode: 'NOSET', applicationName: '設定なし' });
    const effect = await effectOf(t, requestId);
    expect(errorCode(await o.c('sysadmin').post(`/api/effects/${effect}/application`))).toBe('validation_failed');
    const bad = await o.c('sysadmin').post(`/api/effects/${effect}/application`, { ...settingsOf('LIC'), recordSet: 'passport' });
    expect(errorCode(bad)).toBe('validation_failed');
    expect(errorCode(await o.c('sysadmin').post('/api/effects/00000000-0000-4000-8000-000000000000/application', settingsOf('LIC')))).toBe(
      'not_found',
    );
    expect(await t.ctx.db.selectFrom('applications').select('id').where('code', '=', 'NOSET').executeTakeFirst()).toBeUndefined();
  });

  it('APP-2: a 様式2 change makes version 2 with the new settings; every version kept', async () => {
    const requestId = await approved(o, 'aic2_app_change', {
      kind: 'change',
      applicationCode: 'LOST01',
      applicationName: '遺失物・拾得物照会',
    });
    const effect = await effectOf(t, requestId);
    const res = await o.c('sysadmin').post(`/api/effects/${effect}/application`, settingsOf('LOST', { maxPeople: 10 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.application).toMatchObject({ applicationId, code: 'LOST01', version: 2 });
    const shown = await o.c('staff1').get('/api/applications/LOST01');
    expect(shown.data.application).toMatchObject({ name: '遺失物・拾得物照会', maxPeople: 10, version: 2 });
    expect(shown.data.application.versions.map((v: any) => [v.version, v.snapshot.maxPeople])).toEqual([
      [1, 30],
      [2, 10],
    ]);
    expect((await auditActions(t, 'application.changed')).map((a) => a.target)).toEqual([applicationId]);
  });

  it('APP-2: abolition → abolished, every open use right ends with reason abolished', async () => {
    const open = await grantUseRight(t, o.u('staff2').id, applicationId);
    const requestId = await approved(o, 'aic2_app_change', {
      kind: 'abolition',
      applicationCode: 'LOST01',
      applicationName: '遺失物・拾得物照会',
      changeDescription: undefined,
      necessityAndEffect: undefined,
    });
    const effect = await effectOf(t, requestId, 'application_abolition');
    const res = await o.c('gad').post(`/api/effects/${effect}/application`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.application.version).toBe(3);
    const shown = await o.c('staff1').get('/api/applications/LOST01');
    expect(shown.data.application).toMatchObject({ state: 'abolished', abolishedOn: '2026-04-01' });
    const rights = await rightsOf(applicationId);
    expect(rights.map((r) => [r.id, r.end_reason, r.ended_by])).toEqual([[open, 'abolished', o.u('gad').id]]);
    expect(rights[0]?.end_request_id).toBe(requestId);
    expect((await auditActions(t, 'application.abolished')).at(-1)?.entry).toMatchObject({ details: { endedRights: 1 } });

    // An abolished application is changed no more.
    const change = await approved(o, 'aic2_app_change', { kind: 'change', applicationCode: 'LOST01', applicationName: 'x' });
    const refused = await o.c('sysadmin').post(`/api/effects/${await effectOf(t, change)}/application`, settingsOf('LOST'));
    expect(refused.statusCode).toBe(422);
    expect(errorCode(refused)).toBe('invalid_state');
  });

  it('APP-2: the same effect sent twice at the same time is processed once (one 200, one 409, one application)', async () => {
    const requestId = await approved(o, 'aic1_app_development', { applicationCode: 'RACE1', applicationName: '同時処理' });
    const effect = await effectOf(t, requestId);
    const answers = await Promise.all([
      o.c('sysadmin').post(`/api/effects/${effect}/application`, settingsOf('LIC')),
      o.c('gad').post(`/api/effects/${effect}/application`, settingsOf('LIC')),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.ctx.db
      .selectFrom('application_versions as v')
      .innerJoin('applications as a', 'a.id', 'v.application_id')
      .select('v.version')
      .where('a.code', '=', 'RACE1')
      .execute();
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('APP-2: a code already registered is refused (409) and nothing written', async () => {
    const requestId = await approved(o, 'aic1_app_development', { applicationCode: 'LOST01', applicationName: '二重' });
    const effect = await effectOf(t, requestId);
    expect(errorCode(await o.c('sysadmin').post(`/api/effects/${effect}/application`, settingsOf('LOST')))).toBe('conflict');
    const row = await t.ctx.db
      .selectFrom('request_effects_pending')
      .select('processed_at')
      .where('id', '=', effect)
      .executeTakeFirstOrThrow();
    expect(row.processed_at).toBeNull();
  });

  it('APP-5: 取消 of a 様式1 whose application is unused abolishes it; one in use is kept', async () => {
    const unusedReq = await approved(o, 'aic1_app_development', { applicationCode: 'CAN1', applicationName: '取消試験' });
    await o.c('sysadmin').post(`/api/effects/${await effectOf(t, unusedReq)}/application`, settingsOf('LIC'));
    expect((await o.c('gad').post(`/api/requests/${unusedReq}/cancel`, { reason: '計画中止' })).statusCode).toBe(200);
    const cancelEffect = await effectOf(t, unusedReq, 'cancel');
    expect(errorCode(await o.c('staff1').post(`/api/effects/${cancelEffect}/cancellation`))).toBe('forbidden');
    const res = await o.c('sysadmin').post(`/api/effects/${cancelEffect}/cancellation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.outcome).toMatchObject({ abolishedApplication: 'CAN1' });
    expect((await o.c('staff1').get('/api/applications/CAN1')).data.application.state).toBe('abolished');
    expect(errorCode(await o.c('sysadmin').post(`/api/effects/${cancelEffect}/cancellation`))).toBe('conflict');

    const usedReq = await approved(o, 'aic1_app_development', { applicationCode: 'CAN2', applicationName: '取消試験2' });
    const used = await o.c('sysadmin').post(`/api/effects/${await effectOf(t, usedReq)}/application`, settingsOf('LIC'));
    await grantUseRight(t, o.u('staff1').id, used.data.application.applicationId);
    await o.c('gad').post(`/api/requests/${usedReq}/cancel`, { reason: '計画中止' });
    const kept = await o.c('sysadmin').post(`/api/effects/${await effectOf(t, usedReq, 'cancel')}/cancellation`);
    expect(kept.data.outcome).toMatchObject({ keptApplication: 'CAN2' });
    expect((await o.c('staff1').get('/api/applications/CAN2')).data.application.state).toBe('active');
  });

  it('APP-5: a 様式1 cancelled before processing closes its open effect; registering it is refused (409)', async () => {
    const requestId = await approved(o, 'aic1_app_development', { applicationCode: 'CAN3', applicationName: '取消試験3' });
    const development = await effectOf(t, requestId, 'application_development');
    await o.c('gad').post(`/api/requests/${requestId}/cancel`, { reason: '計画中止' });
    // Before the cancellation is processed, the approval no longer stands.
    expect(errorCode(await o.c('sysadmin').post(`/api/effects/${development}/application`, settingsOf('LIC')))).toBe('invalid_state');
    const res = await o.c('sysadmin').post(`/api/effects/${await effectOf(t, requestId, 'cancel')}/cancellation`);
    expect(res.data.outcome.skippedEffects).toEqual(['application_development']);
    expect(errorCode(await o.c('sysadmin').post(`/api/effects/${development}/application`, settingsOf('LIC')))).toBe('conflict');
    expect(await t.ctx.db.selectFrom('applications').select('id').where('code', '=', 'CAN3').executeTakeFirst()).toBeUndefined();
  });

  it('APP-1: `sekimori applications list` lists the registry for operators', async () => {
    const listed = (await runCommand(t.ctx, OPERATOR, 'applications.list', {})) as { applications: { code: string; state: string }[] };
    expect(listed.applications.map((a) => [a.code, a.state])).toContainEqual(['LOST01', 'abolished']);
  });

  it('APP-1: an unknown application is 404; the list needs a session', async () => {
    expect(errorCode(await o.c('staff1').get('/api/applications/NOPE'))).toBe('not_found');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/applications' });
    expect(anonymous.statusCode).toBe(401);
  });
});
