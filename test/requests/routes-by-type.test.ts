import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_TYPE_CODES, type RequestTypeCode } from '../../src/server/modules/requests/contract.js';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { fieldsFor, type Org, rowCount, setUpOrg, submitted } from './support.js';

/**
 * For every request type: the route resolves to the right people of the organisation, the right
 * people can take it to approval stage by stage, and the final approval has its effect (APP-2 …
 * APP-4, APP-11, CON-2, CON-3, GOV-1, GOV-2).
 */
let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await startTestApp();
  org = await setUpOrg(t);
});
afterAll(async () => t?.close());

/** Applicant, and per stage: the people it must wait for and who approves it in the test. */
const CASES: Record<
  RequestTypeCode,
  { applicant: string; stages: { label: string; candidates: string[]; by: string }[]; fields?: Record<string, unknown> }
> = {
  aic1_app_development: {
    applicant: 'staff1',
    stages: [
      { label: '所属長', candidates: ['head1'], by: 'head1' },
      { label: '合議（システム管理者）', candidates: ['sysadmin'], by: 'sysadmin' },
      { label: '総務部長', candidates: ['gad'], by: 'gad' },
    ],
  },
  aic2_app_change: {
    applicant: 'head1',
    stages: [
      { label: '合議（システム管理者）', candidates: ['sysadmin'], by: 'sysadmin' },
      { label: '総務部長', candidates: ['gad'], by: 'gad' },
    ],
  },
  aic3_registrar: {
    applicant: 'head1',
    stages: [{ label: 'システム管理者', candidates: ['sysadmin'], by: 'sysadmin' }],
  },
  aic4_use_right: {
    applicant: 'staff1',
    stages: [
      { label: '所属長', candidates: ['head1'], by: 'head1' },
      { label: '総務部長', candidates: ['gad'], by: 'gad' },
    ],
  },
  aic5_dispatch_use_right: {
    applicant: 'head1',
    stages: [
      { label: '合議（派遣先所属長）', candidates: ['head2'], by: 'head2' },
      { label: '総務部長', candidates: ['gad'], by: 'gad' },
    ],
  },
  aic6_input_processing: {
    applicant: 'staff1',
    stages: [
      { label: '所属長', candidates: ['head1'], by: 'head1' },
      { label: 'システム管理者', candidates: ['sysadmin'], by: 'sysadmin' },
    ],
  },
  aic7_temporary_output: {
    applicant: 'head1',
    stages: [
      { label: '合議（業務主管課長）', candidates: ['headseian'], by: 'headSeian' },
      { label: 'システム管理者', candidates: ['sysadmin'], by: 'sysadmin' },
    ],
  },
  isk1_take_out: { applicant: 'contractor', stages: [{ label: '所属長', candidates: ['head1'], by: 'head1' }] },
  isk2_bring_in: { applicant: 'contractor', stages: [{ label: '所属長', candidates: ['head1'], by: 'head1' }] },
  edo_exception: {
    applicant: 'staff1',
    stages: [
      { label: '所属長', candidates: ['head1'], by: 'head1' },
      { label: '総務部長', candidates: ['gad'], by: 'gad' },
    ],
  },
  external_service: {
    applicant: 'staff1',
    fields: { handlingLevel: '機密性2' },
    stages: [
      { label: '所属長', candidates: ['head1'], by: 'head1' },
      { label: '合議（情報セキュリティ管理者）', candidates: ['secadmin'], by: 'secadmin' },
      { label: '合議（システム管理者）', candidates: ['sysadmin'], by: 'sysadmin' },
      { label: '総務部長', candidates: ['gad'], by: 'gad' },
    ],
  },
};

describe('routes resolved from the organisation, approved to the effect', () => {
  it('covers every request type', () => {
    expect(Object.keys(CASES).sort()).toEqual([...REQUEST_TYPE_CODES].sort());
  });

  for (const code of REQUEST_TYPE_CODES) {
    it(`${code}: route, stage by stage approval, effect`, async () => {
      const c = CASES[code];
      const applicant = org.clients[c.applicant];
      if (!applicant) throw new Error('no applicant');
      const id = await submitted(applicant, code, c.fields ?? {});
      const shown = await applicant.get(`/api/requests/${id}`);
      expect(shown.statusCode).toBe(200);
      const stages = shown.data.route.at(-1).stages;
      expect(stages.map((s: any) => s.label.ja)).toEqual(c.stages.map((s) => s.label));
      expect(stages.map((s: any) => s.candidates.map((p: any) => p.loginId))).toEqual(c.stages.map((s) => s.candidates));
      expect(stages.at(-1).final).toBe(true);
      for (const stage of c.stages) {
        const res = await org.clients[stage.by]?.post(`/api/requests/${id}/approve`, {});
        expect(res?.statusCode, res?.body).toBe(200);
      }
      const done = await applicant.get(`/api/requests/${id}`);
      expect(done.data.request.state).toBe('approved');
      expect(done.data.route.at(-1).stages.every((s: any) => s.decision !== null)).toBe(true);
      if (code === 'isk2_bring_in') {
        expect(done.data.permit.number).toMatch(/^持込第2026-\d{4}号$/);
        expect(done.data.permit.validTo).toBe('2026-04-30');
      } else if (code === 'external_service') {
        expect(done.data.externalService.manager.loginId).toBe('staff1');
        expect(await rowCount(t, 'external_services', id)).toBe(1);
      } else if (code.startsWith('aic')) {
        expect(await rowCount(t, 'request_effects_pending', id)).toBe(1);
      }
    });
  }

  it('parallel concurrence is only asked for where the type says (external service at 機密性1: none)', async () => {
    const id = await submitted(org.c('staff1'), 'external_service', { handlingLevel: '機密性1' });
    const shown = await org.c('staff1').get(`/api/requests/${id}`);
    expect(shown.data.route[0].stages.map((s: any) => s.label.ja)).toEqual(['所属長', '総務部長']);
  });

  it('the two concurrences of a 機密性2 service stand at the same position and either may go first', async () => {
    const id = await submitted(org.c('staff1'), 'external_service', { handlingLevel: '機密性2', serviceName: '並列' });
    await org.c('head1').post(`/api/requests/${id}/approve`, {});
    const inbox = await org.c('sysadmin').get('/api/requests/inbox');
    expect(inbox.data.items.map((i: any) => i.request.id)).toContain(id);
    expect((await org.c('sysadmin').post(`/api/requests/${id}/concur`, {})).statusCode).toBe(200);
    const mid = await org.c('staff1').get(`/api/requests/${id}`);
    expect(mid.data.request.currentStages.map((s: any) => s.label.ja)).toEqual(['合議（情報セキュリティ管理者）']);
    // 総務部長 is not asked until both concurred.
    expect((await org.c('gad').post(`/api/requests/${id}/approve`, {})).statusCode).toBe(403);
    expect((await org.c('secadmin').post(`/api/requests/${id}/concur`, {})).statusCode).toBe(200);
    expect((await org.c('gad').post(`/api/requests/${id}/approve`, {})).statusCode).toBe(200);
  });

  it('a use right is only for a member of the applying unit (AIC 第5-2(1))', async () => {
    const res = await org.c('staff1').post('/api/requests', {
      typeCode: 'aic4_use_right',
      fields: fieldsFor('aic4_use_right', { beneficiaryLoginId: 'outsider' }),
    });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
  });

  it('fields are checked by the type schema; a social-media service cannot hold 機密性2 (GOV-2)', async () => {
    const res = await org.c('staff1').post('/api/requests', {
      typeCode: 'external_service',
      fields: fieldsFor('external_service', { serviceKind: 'sns', handlingLevel: '機密性2' }),
    });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
  });

  it('permit numbers are gap-free within the year', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const id = await submitted(org.c('contractor'), 'isk2_bring_in', { modelAndSerial: `X-${i}` });
      await org.c('head1').post(`/api/requests/${id}/approve`, {});
      numbers.push((await org.c('contractor').get(`/api/requests/${id}`)).data.permit.number);
    }
    const seqs = numbers.map((n) => Number(/-(\d{4})号$/.exec(n)?.[1]));
    expect(seqs[1]).toBe((seqs[0] ?? 0) + 1);
  });
});
