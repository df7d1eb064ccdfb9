import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantUseRight, insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import { type Client, createUnit, createUser, errorCode, onboard, startTestApp, type TestApp } from '../support/test-app.js';
import { auditEntries, lastEntry, PURPOSE, query } from './inquiry-support.js';

/**
 * Access records (照会記録, APP-8, AUD-4): who looked up a person or a record, every query of a
 * period; overseers see all, a unit's managers only their unit's users, staff nothing; every view
 * and export is itself audited.
 */
let t: TestApp;
let staffA: Client;
let staffB: Client;
let auditor: Client;
let headA: Client;
const hanako = randomUUID();
let hanakoRecord: string;

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'A1', '交通捜査課');
  await createUnit(t, 'A2', '生活安全課');
  const apps = await insertDemoApplications(t, ['LIC']);
  const lic = apps.LIC ?? '';
  [hanakoRecord = ''] = await insertRecords(t, lic, 'licence', [{ subjectId: hanako, data: licence() }]);
  const a = await createUser(t, { loginId: 'ar-staff-a', name: '甲 職員', unitCode: 'A1' });
  const b = await createUser(t, { loginId: 'ar-staff-b', name: '乙 職員', unitCode: 'A2' });
  await grantUseRight(t, a.id, lic);
  await grantUseRight(t, b.id, lic);
  staffA = await onboard(t, a);
  staffB = await onboard(t, b);
  auditor = await onboard(t, await createUser(t, { loginId: 'ar-auditor', unitCode: 'A1', roles: ['auditor'] }));
  headA = await onboard(t, await createUser(t, { loginId: 'ar-head-a', unitCode: 'A1', posts: [{ post: 'unit_head', unitCode: 'A1' }] }));

  expect((await staffA.post('/api/inquiries', query({ name: '試験花子' }))).statusCode).toBe(200);
  t.clock.advance(60_000);
  const withCase = { code: 'criminal_investigation', text: '詐欺事件の関係者確認', caseNumber: '第45号' };
  expect((await staffB.post('/api/inquiries', query({ name: 'シケン ハナコ' }, { purpose: withCase }))).statusCode).toBe(200);
  t.clock.advance(60_000);
  expect((await staffA.post('/api/inquiries', query({ licenceNumber: '000000000000' }))).statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe('GET /api/access-records (APP-8, AUD-4)', () => {
  it('APP-8: an auditor sees who looked up the person — querier, unit, time, purpose, case number, criteria, audit seq — newest first', async () => {
    const res = await auditor.get(`/api/access-records?subjectId=${hanako}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.data.records).toHaveLength(2);
    expect(res.data.records[0]).toMatchObject({
      recordId: hanakoRecord,
      querier: { loginId: 'ar-staff-b', name: '乙 職員', unitCode: 'A2', unitName: '生活安全課' },
      application: { code: 'LIC', name: '運転免許照会' },
      purpose: { code: 'criminal_investigation', text: '詐欺事件の関係者確認', caseNumber: '第45号' },
      criteria: { name: 'シケン ハナコ' },
      resultCount: 1,
      queriedAt: '2026-04-01T01:01:00.000Z',
    });
    expect(res.data.records[1]).toMatchObject({ querier: { loginId: 'ar-staff-a' }, purpose: { code: PURPOSE.code, caseNumber: null } });
    // The audit seq points at the committed entry of that query.
    const entries = await auditEntries(t, 'inquiry.query');
    const seqs = entries.filter((e) => e.outcome === 'success').map((e) => String(e.seq));
    expect(seqs).toContain(res.data.records[0].auditSeq);
    const byRecord = await auditor.get(`/api/access-records?recordId=${hanakoRecord}`);
    expect(byRecord.data.records.map((r: { querier: { loginId: string } }) => r.querier.loginId)).toEqual(['ar-staff-b', 'ar-staff-a']);
  });

  it('AUD-4: every look at access records is itself audited', async () => {
    await auditor.get(`/api/access-records?subjectId=${hanako}`);
    const entry = await lastEntry(t, 'access_records.viewed', 'ar-auditor');
    expect(entry).toMatchObject({ outcome: 'success', target: { type: 'subject', id: hanako }, details: { returned: 2 } });
  });

  it('APP-8: a period filtered by querier, and paging with the cursor', async () => {
    const all = await auditor.get('/api/access-records?userLoginId=ar-staff-a&from=2026-04-01&to=2026-04-01');
    expect(all.data.records).toHaveLength(2);
    expect(all.data.records.every((r: { recordId: string | null }) => r.recordId === null)).toBe(true);
    const first = await auditor.get('/api/access-records?applicationCode=LIC&from=2026-04-01&limit=2');
    expect(first.data.records).toHaveLength(2);
    expect(first.data.next).toEqual(expect.any(String));
    const second = await auditor.get(`/api/access-records?applicationCode=LIC&from=2026-04-01&limit=2&cursor=${first.data.next}`);
    expect(second.data.records).toHaveLength(1);
    expect(second.data.next).toBeNull();
    const none = await auditor.get('/api/access-records?userLoginId=ar-staff-a&from=2026-04-02');
    expect(none.data.records).toEqual([]);
  });

  it('APP-8: a unit head sees only the queries of their own unit, even about a person others looked up', async () => {
    const res = await headA.get(`/api/access-records?subjectId=${hanako}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.records.map((r: { querier: { loginId: string } }) => r.querier.loginId)).toEqual(['ar-staff-a']);
    const period = await headA.get('/api/access-records?from=2026-04-01');
    expect(new Set(period.data.records.map((r: { querier: { unitCode: string } }) => r.querier.unitCode))).toEqual(new Set(['A1']));
  });

  it('APP-8: a unit head asking for another unit is refused (403) and the refusal is audited', async () => {
    const res = await headA.get('/api/access-records?unitCode=A2');
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    const denial = await lastEntry(t, 'authz.denied', 'ar-head-a');
    expect(denial).toMatchObject({
      outcome: 'denied',
      target: { type: 'unit', id: 'A2' },
      details: { requestedAction: 'access.read.unit' },
    });
  });

  it('AUD-4: staff cannot read access records, not even their own (403, audited)', async () => {
    const res = await staffA.get(`/api/access-records?subjectId=${hanako}`);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect(res.body).not.toContain('ar-staff-b');
    expect(await lastEntry(t, 'authz.denied', 'ar-staff-a')).toMatchObject({ details: { requestedAction: 'access.read' } });
    const csv = await staffA.get(`/api/access-records.csv?subjectId=${hanako}`);
    expect(csv.statusCode).toBe(403);
  });

  it('a query without any selector, or with a bad id, is 400 validation_failed', async () => {
    expect(errorCode(await auditor.get('/api/access-records'))).toBe('validation_failed');
    expect(errorCode(await auditor.get('/api/access-records?subjectId=not-a-uuid'))).toBe('validation_failed');
    expect(errorCode(await auditor.get('/api/access-records?from=2026-04-02&to=2026-04-01'))).toBe('validation_failed');
  });
});

describe('GET /api/access-records.csv (APP-8, AUD-4)', () => {
  it('AUD-4: exports the same rows as cp932 CSV for Excel, and the export is audited', async () => {
    const res = await auditor.get(`/api/access-records.csv?subjectId=${hanako}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('Shift_JIS');
    expect(res.headers['x-sekimori-rows']).toBe('2');
    const text = iconv.decode(res.rawPayload, 'cp932');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('照会日時');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('2026/04/01 10:01:00');
    expect(lines[1]).toContain('乙 職員');
    expect(lines[1]).toContain('第45号');
    expect(await lastEntry(t, 'access_records.exported', 'ar-auditor')).toMatchObject({ details: { returned: 2, truncated: false } });
  });
});

describe('paging by person (APP-8)', () => {
  it('APP-8: a query that returned two records of one person pages without losing either', async () => {
    const person = randomUUID();
    const lic = (await t.ctx.db.selectFrom('applications').select('id').where('code', '=', 'LIC').executeTakeFirstOrThrow()).id;
    const ids = await insertRecords(t, lic, 'licence', [
      { subjectId: person, data: licence({ name: '重複 一子', nameKana: 'チョウフク イチコ', licenceNumber: '990000000101' }) },
      { subjectId: person, data: licence({ name: '重複 一子', nameKana: 'チョウフク イチコ', licenceNumber: '990000000102' }) },
    ]);
    expect((await staffB.post('/api/inquiries', query({ name: '重複一子' }))).data.count).toBe(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 4; page++) {
      const res = await auditor.get(`/api/access-records?subjectId=${person}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.data.records.map((r: { recordId: string }) => r.recordId));
      cursor = res.data.next;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual([...ids].sort());
  });
});
