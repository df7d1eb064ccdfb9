import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { lastEntry } from './inquiry-support.js';
import { countRows, type OutputOrg, setUpOutputs } from './outputs-support.js';

/**
 * The manuals ledger (取扱説明書, OUT-7): kept by システム管理者 and 総務部長, read by everyone; a
 * manual goes only to people involved in its application; every handling recorded and audited.
 */
let t: TestApp;
let o: OutputOrg;

beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOutputs(t, ['staff', 'staff2', 'bizStaff', 'outsider', 'gad', 'sysadmin']);
});
afterAll(async () => t?.close());

async function register(title = '運転免許照会 操作手引') {
  const res = await o.c('gad').post('/api/manuals', { applicationCode: 'LIC', title, copies: 2 });
  expect(res.statusCode).toBe(201);
  return res.data.manual.id as string;
}

describe('manuals ledger (OUT-7)', () => {
  it('OUT-7: 総務部長 registers a manual with its number and a create entry; staff cannot register (403, audited)', async () => {
    const res = await o.c('gad').post('/api/manuals', { applicationCode: 'LIC', title: '運転免許照会 操作手引', copies: 3 });
    expect(res.statusCode).toBe(201);
    expect(res.data.manual).toMatchObject({ applicationCode: 'LIC', copies: 3, state: 'held', unitCode: 'SOUMU' });
    expect(res.data.manual.number).toMatch(/^取説第2026-\d{4}号$/);
    expect(res.data.events).toEqual([expect.objectContaining({ seq: 1, kind: 'create', quantity: 3 })]);
    expect(await lastEntry(t, 'manual.registered', 'gad')).toMatchObject({ outcome: 'success' });

    const refused = await o.c('staff').post('/api/manuals', { applicationCode: 'LIC', title: '無断', copies: 1 });
    expect(refused.statusCode).toBe(403);
    expect(await lastEntry(t, 'authz.denied', 'staff')).toMatchObject({ details: { requestedAction: 'manual.manage' } });
    expect((await o.c('staff').get('/api/manuals')).data.manuals.length).toBeGreaterThan(0);
    expect((await o.c('gad').post('/api/manuals', { applicationCode: 'NOPE', title: 'x', copies: 1 })).statusCode).toBe(404);
    expect((await o.c('gad').post('/api/manuals', { applicationCode: 'LIC', title: 'x', copies: 0 })).statusCode).toBe(400);
  });

  it('OUT-7: delivery to a holder of a use right, to the business unit and to システム管理者 is recorded', async () => {
    const id = await register();
    for (const login of ['staff', 'bizstaff', 'sysadmin']) {
      const res = await o.c('gad').post(`/api/manuals/${id}/events`, { kind: 'deliver', recipientLoginId: login, quantity: 1 });
      expect(res.statusCode, login).toBe(201);
    }
    const shown = await o.c('staff').get(`/api/manuals/${id}`);
    expect(shown.data.events.map((e: { kind: string }) => e.kind)).toEqual(['create', 'deliver', 'deliver', 'deliver']);
    expect(shown.data.events[1].recipient).toMatchObject({ loginId: 'staff' });
    expect(await lastEntry(t, 'manual.event', 'gad')).toMatchObject({
      outcome: 'success',
      details: { kind: 'deliver', recipientLoginId: 'sysadmin' },
    });
  });

  it('OUT-7: delivery to someone not involved in the application is refused (422, audited, nothing written)', async () => {
    const id = await register();
    const before = await countRows(t, 'manual_events');
    for (const login of ['outsider', 'staff2', 'nobody-here']) {
      const res = await o.c('gad').post(`/api/manuals/${id}/events`, { kind: 'deliver', recipientLoginId: login });
      expect(res.statusCode, login).toBe(422);
      expect(errorCode(res)).toBe('invalid_state');
    }
    expect(await lastEntry(t, 'manual.event', 'gad')).toMatchObject({ outcome: 'denied', reason: 'invalid_state' });
    expect((await o.c('gad').post(`/api/manuals/${id}/events`, { kind: 'deliver' })).statusCode).toBe(400);
    expect((await o.c('staff').post(`/api/manuals/${id}/events`, { kind: 'deliver', recipientLoginId: 'staff' })).statusCode).toBe(403);
    expect(await countRows(t, 'manual_events')).toBe(before);
  });

  it('OUT-7: copies add to the count, storage needs a place, disposal a method; after full disposal nothing more', async () => {
    const id = await register();
    const gad = o.c('gad');
    expect((await gad.post(`/api/manuals/${id}/events`, { kind: 'copy', quantity: 1, note: '新任者用' })).data.copies).toBe(3);
    expect((await gad.post(`/api/manuals/${id}/events`, { kind: 'store' })).statusCode).toBe(400);
    expect((await gad.post(`/api/manuals/${id}/events`, { kind: 'store', place: '情報管理課 保管庫' })).statusCode).toBe(201);
    const part = await gad.post(`/api/manuals/${id}/events`, { kind: 'dispose', quantity: 1, method: '裁断' });
    expect(part.data).toMatchObject({ state: 'held', copies: 2 });
    expect((await gad.post(`/api/manuals/${id}/events`, { kind: 'dispose', quantity: 5, method: '裁断' })).statusCode).toBe(422);
    const all = await gad.post(`/api/manuals/${id}/events`, { kind: 'dispose', method: '溶解' });
    expect(all.data.state).toBe('disposed');
    const after = await gad.post(`/api/manuals/${id}/events`, { kind: 'return' });
    expect(after.statusCode).toBe(422);
    expect(errorCode(after)).toBe('invalid_state');
    expect((await o.c('staff').get('/api/manuals/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
