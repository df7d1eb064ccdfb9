import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { denials, fieldsFor, type Org, rowCount, setUpOrg, submitted } from './support.js';

/** Rejection, 差戻し → resubmission, withdrawal, cancellation, concurrency, and who may read and decide. */
let t: TestApp;
let o: Org;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t);
});
afterAll(async () => t?.close());

describe('flows', () => {
  it('rejection (却下) needs a reason and ends the request', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing');
    expect(errorCode(await o.c('head1').post(`/api/requests/${id}/reject`, {}))).toBe('validation_failed');
    const res = await o.c('head1').post(`/api/requests/${id}/reject`, { comment: '必要性が認められない' });
    expect(res.statusCode).toBe(200);
    expect(res.data.request.state).toBe('rejected');
    expect(errorCode(await o.c('staff1').post(`/api/requests/${id}/resubmit`))).toBe('invalid_state');
    expect(await rowCount(t, 'request_effects_pending', id)).toBe(0);
  });

  it('差戻し → edit → resubmit starts a new round through the whole route', async () => {
    const id = await submitted(o.c('staff1'), 'aic4_use_right');
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    const returned = await o.c('gad').post(`/api/requests/${id}/return`, { comment: 'アクセス範囲を限定すること' });
    expect(returned.data.request.state).toBe('returned');
    // Only the applicant edits.
    expect((await o.c('head1').patch(`/api/requests/${id}`, { fields: fieldsFor('aic4_use_right') })).statusCode).toBe(403);
    const edited = await o.c('staff1').patch(`/api/requests/${id}`, {
      fields: fieldsFor('aic4_use_right', { accessScope: '照会のみ（遺失物）' }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = await o.c('staff1').post(`/api/requests/${id}/resubmit`);
    expect(again.data.request.state).toBe('submitted');
    expect(again.data.request.round).toBe(2);
    // The 所属長 decides again in the new round (one person, one stage per round).
    expect((await o.c('head1').post(`/api/requests/${id}/approve`, {})).statusCode).toBe(200);
    expect((await o.c('gad').post(`/api/requests/${id}/approve`, {})).data.request.state).toBe('approved');
    const shown = await o.c('staff1').get(`/api/requests/${id}`);
    expect(shown.data.route).toHaveLength(2);
    expect(shown.data.route[0].stages[1].decision.decision).toBe('returned');
    expect(shown.data.history.map((h: any) => h.action)).toEqual([
      'create',
      'submit',
      'approve',
      'return',
      'update',
      'resubmit',
      'approve',
      'approve',
      'effect',
    ]);
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('target_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action).filter((a) => a !== 'authz.denied')).toEqual(
      shown.data.history.map((h: any) => `request.${h.action}`),
    );
  });

  it('withdrawal (取下げ) by the applicant only; cancellation (取消) revokes the permit', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: '取下げ' });
    expect((await o.c('head1').post(`/api/requests/${id}/withdraw`, {})).statusCode).toBe(403);
    expect((await o.c('staff1').post(`/api/requests/${id}/withdraw`, { reason: '不要になった' })).data.request.state).toBe('withdrawn');

    const permitted = await submitted(o.c('contractor'), 'isk2_bring_in');
    await o.c('head1').post(`/api/requests/${permitted}/approve`, {});
    expect((await o.c('contractor').post(`/api/requests/${permitted}/cancel`, { reason: 'x' })).statusCode).toBe(403);
    const cancelled = await o.c('head1').post(`/api/requests/${permitted}/cancel`, { reason: '契約終了' });
    expect(cancelled.data.request.state).toBe('cancelled');
    const shown = await o.c('contractor').get(`/api/requests/${permitted}`);
    expect(shown.data.permit.revokedAt).not.toBeNull();
  });

  it('the effect runs exactly once when approve is sent twice at the same time', async () => {
    const id = await submitted(o.c('contractor'), 'isk2_bring_in', { modelAndSerial: 'RACE-1' });
    // Two sessions of the same approver, as two browser tabs.
    const second = new Client(t);
    await second.login(o.u('head1').loginId, o.u('head1').password);
    const results = await Promise.all([
      o.c('head1').post(`/api/requests/${id}/approve`, {}),
      second.post(`/api/requests/${id}/approve`, {}),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect(await rowCount(t, 'request_permits', id)).toBe(1);
    expect(await rowCount(t, 'request_decisions', id)).toBe(1);
    const effects = await t.ctx.db
      .selectFrom('request_history')
      .select('id')
      .where('request_id', '=', id)
      .where('action', '=', 'effect')
      .execute();
    expect(effects).toHaveLength(1);

    const queued = await submitted(o.c('head1'), 'aic3_registrar');
    const other = new Client(t);
    await other.login(o.u('sysadmin').loginId, o.u('sysadmin').password);
    const { totpCode } = await import('../support/test-app.js');
    t.clock.advance(30_000);
    await other.post('/api/auth/mfa/totp', { code: totpCode(o.u('sysadmin').totpSecret ?? '', t.clock.now()) });
    const both = await Promise.all([
      o.c('sysadmin').post(`/api/requests/${queued}/approve`, {}),
      other.post(`/api/requests/${queued}/approve`, {}),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect(await rowCount(t, 'request_effects_pending', queued)).toBe(1);
  });
});

describe('authorization', () => {
  it('another unit’s user cannot read a request; the refusal is audited', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: '閲覧' });
    const res = await o.c('outsider').get(`/api/requests/${id}`);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect((await denials(t, id)).at(-1)?.actor).toBe(o.u('outsider').id);
    expect((await o.c('outsider').get(`/api/requests/${id}/pdf`)).statusCode).toBe(403);
    // The route's people, the auditor and the administrator may.
    expect((await o.c('head1').get(`/api/requests/${id}`)).statusCode).toBe(200);
    expect((await o.c('sysadmin').get(`/api/requests/${id}`)).statusCode).toBe(200);
    expect((await o.c('auditor').get(`/api/requests/${id}`)).statusCode).toBe(200);
    expect((await o.c('outsider').get('/api/requests/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('a wrong user cannot decide; nothing changes', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: '決裁' });
    for (const who of ['head2', 'outsider', 'sysadmin'] as const) {
      const res = await o.c(who).post(`/api/requests/${id}/approve`, {});
      expect(res.statusCode, who).toBe(403);
    }
    expect(await rowCount(t, 'request_decisions', id)).toBe(0);
    expect((await denials(t, id)).length).toBeGreaterThanOrEqual(3);
  });

  it('lists for administrators only; CSV in cp932; the form as PDF', async () => {
    expect((await o.c('staff1').get('/api/requests/all')).statusCode).toBe(403);
    const all = await o.c('auditor').get('/api/requests/all?type=aic6_input_processing');
    expect(all.statusCode).toBe(200);
    expect(all.data.requests.every((r: any) => r.type.code === 'aic6_input_processing')).toBe(true);
    const csv = await o.c('auditor').get('/api/requests/export.csv?scope=all');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('Shift_JIS');
    const iconv = (await import('iconv-lite')).default;
    const text = iconv.decode(csv.rawPayload, 'cp932');
    expect(text.split('\r\n')[0]).toContain('申請番号');
    expect(text).toContain('入力処理申請書');
    const mine = await o.c('staff1').get('/api/requests/export.csv?scope=mine');
    expect(mine.statusCode).toBe(200);
    const id = all.data.requests[0].id;
    const pdf = await o.c('auditor').get(`/api/requests/${id}/pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
