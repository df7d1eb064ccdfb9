import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseAuditInserts } from '../support/audit-breaker.js';
import { grantUseRight, insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import { asOwner } from '../support/owner.js';
import { type Client, createUnit, createUser, errorCode, onboard, startTestApp, type TestApp } from '../support/test-app.js';
import { auditEntries, inquiryCount, lastEntry, PURPOSE, query } from './inquiry-support.js';

/**
 * 照会 over HTTP (APP-7 … APP-10, AUD-1): the success path with its audit entry and query log, name
 * folding and near matches, every refusal refused and audited, and fail closed.
 */
let t: TestApp;
let apps: Record<string, string>;
let staff: Client;
let plain: Client;
const hanako = randomUUID();
let hanakoRecord: string;
let takahashiRecord: string;
let tamperedRecord: string;

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'Q1', '交通指導課');
  apps = await insertDemoApplications(t);
  const lic = apps.LIC ?? '';
  [hanakoRecord = '', takahashiRecord = '', tamperedRecord = ''] = await insertRecords(t, lic, 'licence', [
    { subjectId: hanako, data: licence() },
    {
      subjectId: randomUUID(),
      data: licence({ name: '髙橋 一郎', nameKana: 'タカハシ イチロウ', birthDate: '1975-01-02', licenceNumber: '990000000002' }),
    },
    { data: licence({ name: '改竄 太郎', nameKana: 'カイザン タロウ', birthDate: '1980-03-03', licenceNumber: '990000000003' }) },
  ]);
  // 21 different people of one name: more than LIC's max_people (20).
  await insertRecords(
    t,
    lic,
    'licence',
    Array.from({ length: 21 }, (_, i) => ({
      subjectId: randomUUID(),
      data: licence({ name: '同名 多数', nameKana: 'ドウメイ タスウ', licenceNumber: `9911${String(i).padStart(8, '0')}` }),
    })),
  );
  // APP-12: a row changed behind the application's back.
  // The runtime role cannot update records (append-only); the owner (a DBA) can.
  const changed = JSON.stringify(
    licence({ name: '改竄 太郎', nameKana: 'カイザン タロウ', birthDate: '1980-03-03', licenceNumber: '990000000003', status: '取消' }),
  );
  await expect(t.ctx.db.updateTable('app_records').set({ data: changed }).where('id', '=', tamperedRecord).execute()).rejects.toThrow();
  await asOwner(t, (db) => sql`UPDATE app_records SET data = ${changed}::jsonb WHERE id = ${tamperedRecord}`.execute(db));

  const s = await createUser(t, { loginId: 'q-staff', name: '照会 次郎', unitCode: 'Q1' });
  await grantUseRight(t, s.id, lic);
  staff = await onboard(t, s);
  const p = await createUser(t, { loginId: 'q-plain', unitCode: 'Q1' });
  await grantUseRight(t, p.id, apps.VEH ?? '');
  plain = await onboard(t, p);
});
afterAll(async () => t?.close());

describe('POST /api/inquiries — answered (APP-7, APP-8, APP-9, AUD-1)', () => {
  it('APP-7/AUD-1: answers the record under a watermark, after an audit entry with purpose, criteria and the record IDs', async () => {
    const res = await staff.post('/api/inquiries', query({ name: '試験 花子', birthDate: '1990-05-17' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.data;
    expect(body.count).toBe(1);
    expect(body.results[0]).toMatchObject({ id: hanakoRecord, recordSet: 'licence', subjectId: hanako, integrity: 'ok' });
    expect(body.results[0].data.licenceNumber).toBe('990012345678');
    // APP-9: who, where, when on every answer.
    expect(body.watermark).toMatchObject({ name: '照会 次郎', loginId: 'q-staff', unit: '交通指導課', at: '2026-04-01T01:00:00.000Z' });
    expect(body.watermark.atJa).toMatch(/^令和8年4月1日 10:00/);
    expect(body.watermark.text).toContain('q-staff');

    const entry = await lastEntry(t, 'inquiry.query', 'q-staff');
    expect(entry).toMatchObject({
      outcome: 'success',
      target: { type: 'application', id: 'LIC' },
      purpose: PURPOSE,
      criteria: { name: '試験 花子', birthDate: '1990-05-17' },
      details: { applicationCode: 'LIC', inquiryId: body.inquiryId, resultIds: [hanakoRecord], count: 1 },
    });
    const row = await t.ctx.db.selectFrom('inquiries').selectAll().where('id', '=', body.inquiryId).executeTakeFirstOrThrow();
    expect(Number(entry?.seq)).toBeLessThanOrEqual(Number(row.audit_seq));
    expect(row).toMatchObject({ purpose_code: PURPOSE.code, purpose_text: PURPOSE.text, result_count: 1 });
    const results = await t.ctx.db.selectFrom('inquiry_results').selectAll().where('inquiry_id', '=', body.inquiryId).execute();
    expect(results.map((r) => [r.record_id, r.subject_id])).toEqual([[hanakoRecord, hanako]]);
  });

  it('APP-7: half-width kana, hiragana and katakana of one name find the same record (kana reading)', async () => {
    for (const name of ['ｼｹﾝ ﾊﾅｺ', 'しけん　はなこ', 'シケンハナコ']) {
      const res = await staff.post('/api/inquiries', query({ name }));
      expect(res.statusCode, name).toBe(200);
      expect(res.data.results.map((r: { id: string }) => r.id)).toEqual([hanakoRecord]);
    }
  });

  it('APP-7: variant kanji (髙橋/高橋) and full-width digits in the birth date and licence number meet the stored keys', async () => {
    const res = await staff.post('/api/inquiries', query({ name: '高橋一郎', birthDate: '１９７５－０１－０２' }));
    expect(res.data.results.map((r: { id: string }) => r.id)).toEqual([takahashiRecord]);
    const byNumber = await staff.post('/api/inquiries', query({ licenceNumber: '９９００ ０００ ０００ ０２' }));
    expect(byNumber.data.results.map((r: { id: string }) => r.id)).toEqual([takahashiRecord]);
  });

  it('APP-7: a one-character typo in kana finds the person by a near match when nothing matches exactly', async () => {
    const res = await staff.post('/api/inquiries', query({ name: 'しけんはなご' }));
    expect(res.statusCode).toBe(200);
    expect(res.data.results.map((r: { id: string }) => r.id)).toEqual([hanakoRecord]);
    const entry = await lastEntry(t, 'inquiry.query', 'q-staff');
    expect(entry?.details?.match).toBe('fuzzy');
  });

  it('APP-7: a kanji name with one character confused (一朗 for 一郎) finds the person by a near match, birth date still binding', async () => {
    const res = await staff.post('/api/inquiries', query({ name: '高橋 一朗', birthDate: '1975-01-02' }));
    expect(res.statusCode).toBe(200);
    expect(res.data.results.map((r: { id: string }) => r.id)).toEqual([takahashiRecord]);
    expect((await lastEntry(t, 'inquiry.query', 'q-staff'))?.details?.match).toBe('fuzzy');
    const otherDay = await staff.post('/api/inquiries', query({ name: '高橋 一朗', birthDate: '1975-01-03' }));
    expect(otherDay.data).toMatchObject({ count: 0, results: [] });
  });

  it('APP-7: no match is an answer too (count 0), logged like any other query', async () => {
    const before = await inquiryCount(t);
    const res = await staff.post('/api/inquiries', query({ licenceNumber: '123456789012' }));
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ count: 0, results: [] });
    expect(await inquiryCount(t)).toBe(before + 1);
  });

  it('APP-12: a record changed outside the application is shown flagged and the mismatch is audited', async () => {
    const res = await staff.post('/api/inquiries', query({ name: '改竄太郎' }));
    expect(res.data.results).toMatchObject([{ id: tamperedRecord, integrity: 'mismatch' }]);
    const entry = await lastEntry(t, 'records.integrity_mismatch', 'q-staff');
    expect(entry?.details).toMatchObject({ inquiryId: res.data.inquiryId, recordIds: [tamperedRecord] });
  });

  it('APP-8: criminal investigation with its case number is answered and the case number is logged', async () => {
    const res = await staff.post(
      '/api/inquiries',
      query(
        { name: '試験花子' },
        { purpose: { code: 'criminal_investigation', text: '窃盗事件の被疑者確認', caseNumber: '令和8年第123号' } },
      ),
    );
    expect(res.statusCode).toBe(200);
    const row = await t.ctx.db.selectFrom('inquiries').selectAll().where('id', '=', res.data.inquiryId).executeTakeFirstOrThrow();
    expect(row.case_number).toBe('令和8年第123号');
  });
});

describe('POST /api/inquiries — refused and audited (APP-3 … APP-8, AUD-1)', () => {
  async function expectRefused(client: Client, body: unknown, status: number, code: string, reason: string, loginId: string) {
    const before = await inquiryCount(t);
    const res = await client.post('/api/inquiries', body);
    expect(res.statusCode).toBe(status);
    expect(errorCode(res)).toBe(code);
    expect(res.data.error.message).toEqual(expect.any(String));
    expect(res.body).not.toContain('990012345678');
    expect(await inquiryCount(t)).toBe(before);
    const entry = await lastEntry(t, 'inquiry.query', loginId);
    expect(entry).toMatchObject({ outcome: 'denied', reason });
    return entry;
  }

  it('APP-3: a right of another application only (VEH) → 403 no_use_right, audited with purpose and criteria', async () => {
    const entry = await expectRefused(plain, query({ name: '試験花子' }), 403, 'no_use_right', 'no_use_right:none', 'q-plain');
    expect(entry).toMatchObject({ purpose: PURPOSE, criteria: { name: '試験花子' }, target: { type: 'application', id: 'LIC' } });
  });

  it('APP-8: no purpose, an unknown purpose code, an empty text → 422 purpose_required', async () => {
    await expectRefused(
      staff,
      { applicationCode: 'LIC', criteria: { name: '試験花子' } },
      422,
      'purpose_required',
      'purpose_missing',
      'q-staff',
    );
    await expectRefused(
      staff,
      query({ name: '試験花子' }, { purpose: { code: 'curiosity', text: '興味本位' } }),
      422,
      'purpose_required',
      'purpose_code_unknown',
      'q-staff',
    );
    await expectRefused(
      staff,
      query({ name: '試験花子' }, { purpose: { code: 'accident', text: '   ' } }),
      422,
      'purpose_required',
      'purpose_text_missing',
      'q-staff',
    );
  });

  it('APP-8: criminal investigation without a case number → 422 purpose_required', async () => {
    await expectRefused(
      staff,
      query({ name: '試験花子' }, { purpose: { code: 'criminal_investigation', text: '窃盗事件' } }),
      422,
      'purpose_required',
      'case_number_missing',
      'q-staff',
    );
  });

  it('APP-7: no criterion, or a criterion the application does not know → 400 validation_failed', async () => {
    await expectRefused(staff, query({}), 400, 'validation_failed', 'no_criteria', 'q-staff');
    await expectRefused(staff, query({ name: ' ' }), 400, 'validation_failed', 'no_criteria', 'q-staff');
    await expectRefused(
      staff,
      query({ plateNumber: '品川330さ1234' }),
      400,
      'validation_failed',
      'unknown_criterion:plateNumber',
      'q-staff',
    );
    await expectRefused(staff, query({ birthDate: '1990-02-30' }), 400, 'validation_failed', 'invalid_criterion:birthDate', 'q-staff');
  });

  it('APP-7: more people than the application allows (20) → 422 query_too_broad, no record in the answer', async () => {
    const entry = await expectRefused(staff, query({ name: 'どうめいたすう' }), 422, 'query_too_broad', 'query_too_broad', 'q-staff');
    expect(entry?.details).toMatchObject({ refusal: { maxPeople: 20 } });
  });

  it('APP-1: an unknown or abolished application → 404, audited', async () => {
    await expectRefused(
      staff,
      query({ name: '試験花子' }, { applicationCode: 'NOPE' }),
      404,
      'not_found',
      'application_unknown',
      'q-staff',
    );
    await t.ctx.db.updateTable('applications').set({ state: 'abolished' }).where('code', '=', 'LOST').execute();
    await expectRefused(
      staff,
      query({ name: '試験花子' }, { applicationCode: 'LOST' }),
      404,
      'not_found',
      'application_abolished',
      'q-staff',
    );
  });

  it('a malformed body is 400 validation_failed with the error shape, and nothing is logged as answered', async () => {
    const res = await staff.post('/api/inquiries', { applicationCode: 'LIC', purpose: PURPOSE, criteria: { name: 42 } });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
  });

  it('without a session → 401 and no data', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/inquiries', payload: query({ name: '試験花子' }) });
    expect(res.statusCode).toBe(401);
  });
});

describe('fail closed (AUD-1)', () => {
  it('AUD-1: when the audit entry cannot be written the answer is 503 audit_unavailable with no personal data and no query log row', async () => {
    const before = await inquiryCount(t);
    const denialsBefore = (await auditEntries(t, 'inquiry.query')).length;
    await refuseAuditInserts(t, true);
    let res: Awaited<ReturnType<Client['post']>>;
    try {
      res = await staff.post('/api/inquiries', query({ name: '試験花子' }));
    } finally {
      await refuseAuditInserts(t, false);
    }
    expect(res.statusCode).toBe(503);
    expect(errorCode(res)).toBe('audit_unavailable');
    expect(res.body).not.toContain('990012345678');
    expect(res.body).not.toContain('花子');
    expect(await inquiryCount(t)).toBe(before);
    expect((await auditEntries(t, 'inquiry.query')).length).toBe(denialsBefore);
    // With the store back, the same query is answered.
    const ok = await staff.post('/api/inquiries', query({ name: '試験花子' }));
    expect(ok.statusCode).toBe(200);
  });
});
