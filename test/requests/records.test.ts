import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { type Org, setUpOrg, submitted } from './support.js';

/** Comments and attachments per step; ISK 様式1 lend/return (CON-2); the external-service register (GOV-2). */
let t: TestApp;
let o: Org;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t, ['staff1', 'staff2', 'head1', 'outsider', 'contractor', 'gad', 'sysadmin', 'auditor']);
});
afterAll(async () => t?.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);

describe('comments and attachments', () => {
  it('are kept per step with the size limit, the type allowlist and a sha256', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing');
    const c = await o.c('head1').post(`/api/requests/${id}/comments`, { body: '数量を確認してください' });
    expect(c.statusCode).toBe(201);
    expect(c.data.comment.stageId).not.toBeNull();
    const a = await o.c('staff1').post(`/api/requests/${id}/attachments`, {
      filename: '図面.png',
      contentType: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.data.attachment.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    const fake = await o.c('staff1').post(`/api/requests/${id}/attachments`, {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.from('MZ not a pdf').toString('base64'),
    });
    expect(errorCode(fake)).toBe('unsupported_media_type');
    const exe = await o.c('staff1').post(`/api/requests/${id}/attachments`, {
      filename: 'x.exe',
      contentType: 'application/x-msdownload',
      dataBase64: 'TVo=',
    });
    expect(errorCode(exe)).toBe('unsupported_media_type');
    const big = await o.c('staff1').post(`/api/requests/${id}/attachments`, {
      filename: 'big.txt',
      contentType: 'text/plain',
      dataBase64: Buffer.alloc(2 * 1024 * 1024 + 1, 0x61).toString('base64'),
    });
    expect(big.statusCode).toBe(413);
    const shown = await o.c('head1').get(`/api/requests/${id}`);
    expect(shown.data.comments).toHaveLength(1);
    expect(shown.data.attachments).toHaveLength(1);
    const file = await o.c('head1').get(`/api/requests/${id}/attachments/${a.data.attachment.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await o.c('outsider').get(`/api/requests/${id}/attachments/${a.data.attachment.id}`)).statusCode).toBe(403);
    expect((await o.c('outsider').post(`/api/requests/${id}/comments`, { body: 'x' })).statusCode).toBe(403);
  });
});

describe('ISK 別記様式第1号 lend and return (CON-2)', () => {
  it('lent by the police side, returned by the contractor, confirmed by the police side, in that order', async () => {
    const id = await submitted(o.c('contractor'), 'isk1_take_out');
    expect(errorCode(await o.c('head1').post(`/api/requests/${id}/lend`, { event: 'lent' }))).toBe('invalid_state');
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    expect((await o.c('contractor').post(`/api/requests/${id}/lend`, { event: 'lent' })).statusCode).toBe(403);
    expect((await o.c('head1').post(`/api/requests/${id}/lend`, { event: 'lent', note: 'USB 1 個' })).statusCode).toBe(200);
    expect(errorCode(await o.c('head1').post(`/api/requests/${id}/lend`, { event: 'confirmed' }))).toBe('invalid_state');
    expect(errorCode(await o.c('contractor').post(`/api/requests/${id}/lend`, { event: 'confirmed' }))).toBe('forbidden');
    expect((await o.c('contractor').post(`/api/requests/${id}/lend`, { event: 'returned' })).statusCode).toBe(200);
    const done = await o.c('head1').post(`/api/requests/${id}/lend`, { event: 'confirmed' });
    expect(done.data.lendRecords.map((l: any) => l.event)).toEqual(['lent', 'returned', 'confirmed']);
    const pdf = await o.c('head1').get(`/api/requests/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
  });
});

describe('ISK 別記様式第3号 permit (CON-3)', () => {
  it('is downloadable once approved', async () => {
    const id = await submitted(o.c('contractor'), 'isk2_bring_in');
    expect((await o.c('contractor').get(`/api/requests/${id}/permit.pdf`)).statusCode).toBe(404);
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    const pdf = await o.c('contractor').get(`/api/requests/${id}/permit.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('external-service register (GOV-2)', () => {
  it('the approved service is registered with its manager; the manager ends it and confirms deletion', async () => {
    const id = await submitted(o.c('staff1'), 'external_service', { managerLoginId: 'staff2' });
    await o.c('head1').post(`/api/requests/${id}/approve`, {});
    await o.c('gad').post(`/api/requests/${id}/approve`, {});
    const list = await o.c('outsider').get('/api/external-services');
    const service = list.data.services.find((s: any) => s.requestId === id);
    expect(service).toMatchObject({ name: 'サンプル会議', manager: { loginId: 'staff2' }, maxConfidentiality: 1, state: 'in_use' });
    expect((await o.c('staff1').post(`/api/external-services/${service.id}/end`, {})).statusCode).toBe(403);
    expect(errorCode(await o.c('staff2').post(`/api/external-services/${service.id}/deletion-confirmation`, {}))).toBe('invalid_state');
    expect((await o.c('staff2').post(`/api/external-services/${service.id}/end`, { note: '契約満了' })).data.service.state).toBe('ended');
    const confirmed = await o.c('staff2').post(`/api/external-services/${service.id}/deletion-confirmation`, {
      note: 'アカウント削除済み',
    });
    expect(confirmed.data.service.deletionConfirmedAt).not.toBeNull();
  });
});
