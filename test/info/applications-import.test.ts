import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/server/modules/applications/csv-reader.js';
import { verifyRecordDigest } from '../../src/server/modules/applications/integrity.js';
import { type Org, setUpOrg } from '../requests/support.js';
import { insertDemoApplications, licence } from '../support/info-fixtures.js';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { approved, auditActions, effectOf, ORG_PEOPLE } from './applications-support.js';

/** APP-11 (様式6 入力処理) and APP-12 (input checks, integrity): all rows or none, every row checked. */
let t: TestApp;
let o: Org;
let apps: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t, ORG_PEOPLE);
  apps = await insertDemoApplications(t, ['LIC', 'VEH']);
});
afterAll(async () => t?.close());

const HEADER = 'name,nameKana,birthDate,address,licenceNumber,licenceClasses,issuedOn,validUntil,conditions,status,subjectId';
const SUBJECT = '7d0c2a3e-52b6-4c8e-9a51-0f4c3b1f6a10';

function csvLine(over: Record<string, string> = {}): string {
  const v = {
    name: '髙橋 一郎',
    nameKana: 'ﾀｶﾊｼ ｲﾁﾛｳ',
    birthDate: '1980-02-03',
    address: '架空県見本市二丁目2番2号',
    licenceNumber: '990000000001',
    licenceClasses: '普通;中型',
    issuedOn: '2023-01-10',
    validUntil: '2028-03-03',
    conditions: '',
    status: '有効',
    subjectId: '',
    ...over,
  };
  return [
    v.name,
    v.nameKana,
    v.birthDate,
    `"${v.address}"`,
    v.licenceNumber,
    v.licenceClasses,
    v.issuedOn,
    v.validUntil,
    v.conditions,
    v.status,
    v.subjectId,
  ].join(',');
}

function body(text: string, over: Record<string, unknown> = {}) {
  const encoding = (over.encoding as string | undefined) ?? 'cp932';
  const bytes = encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
  return { recordSet: 'licence', format: 'csv', encoding, content: bytes.toString('base64'), ...over };
}

async function inputEffect(applicationCode = 'LIC'): Promise<string> {
  const requestId = await approved(o, 'aic6_input_processing', { applicationCode, inputMaterial: `入力資料 ${Math.random()}` });
  return effectOf(t, requestId);
}

async function recordCount(): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('app_records')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('様式6 record import', () => {
  it('APP-12: a cp932 CSV with one bad row → 422 import_invalid, zero rows written, refusal audited', async () => {
    const effect = await inputEffect();
    const text = [HEADER, csvLine(), csvLine({ birthDate: '1980-02-30', licenceNumber: '123' }), csvLine({ name: '=CMD()' })].join('\r\n');
    const res = await o.c('sysadmin').post(`/api/effects/${effect}/import`, body(text));
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('import_invalid');
    expect(res.data.error.message).toMatch(/誤りが 3 件/);
    expect(Object.keys(res.data.error)).toEqual(['code', 'message']);
    expect(await recordCount()).toBe(0);
    expect(await t.ctx.db.selectFrom('record_imports').select('id').executeTakeFirst()).toBeUndefined();
    const open = await t.ctx.db
      .selectFrom('request_effects_pending')
      .select('processed_at')
      .where('id', '=', effect)
      .executeTakeFirstOrThrow();
    expect(open.processed_at).toBeNull();
    expect((await auditActions(t, 'records.import')).at(-1)?.entry).toMatchObject({ outcome: 'denied', reason: 'import_invalid' });

    // The validation endpoint gives the per-row report (spreadsheet row numbers: header = 1).
    const report = await o.c('sysadmin').post(`/api/effects/${effect}/import/validate`, body(text));
    expect(report.statusCode).toBe(200);
    expect(report.data.ok).toBe(false);
    expect(report.data.errorCount).toBe(3);
    expect(report.data.errors.map((e: any) => [e.row, e.field])).toEqual([
      [3, 'birthDate'],
      [3, 'licenceNumber'],
      [4, 'name'],
    ]);
    expect(await recordCount()).toBe(0);
  });

  it('APP-11, APP-12: a good cp932 CSV is imported in one transaction; rows searchable by the folded name', async () => {
    const effect = await inputEffect();
    const text = `${[HEADER, csvLine({ subjectId: SUBJECT }), csvLine({ name: '渡邊 二郎', nameKana: 'ワタナベ ジロウ', licenceNumber: '990000000002', conditions: '眼鏡等' })].join('\r\n')}\r\n`;
    const validated = await o.c('gad').post(`/api/effects/${effect}/import/validate`, body(text));
    expect(validated.data).toMatchObject({ ok: true, rowCount: 2, errorCount: 0 });
    const res = await o.c('sysadmin').post(`/api/effects/${effect}/import`, body(text));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.import).toMatchObject({ applicationCode: 'LIC', recordSet: 'licence', rowCount: 2 });
    expect(res.data.import.sha256).toBe(validated.data.sha256);

    const rows = await t.ctx.db.selectFrom('app_records').selectAll().where('name_key', '=', '高橋一郎').execute();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.kana_key).toBe('たかはしいちろう');
    expect(row?.key_text).toBe('990000000001');
    expect(row?.subject_id).toBe(SUBJECT);
    expect(row?.data.licenceClasses).toEqual(['普通', '中型']);
    expect(row?.import_id).toBe(res.data.import.importId);
    expect(row && verifyRecordDigest(row)).toBe(true);
    const other = await t.ctx.db.selectFrom('app_records').selectAll().where('name_key', '=', '渡辺二郎').executeTakeFirstOrThrow();
    expect(other.data.conditions).toBe('眼鏡等');

    const imported = await t.ctx.db
      .selectFrom('record_imports')
      .selectAll()
      .where('id', '=', res.data.import.importId)
      .executeTakeFirstOrThrow();
    expect(imported).toMatchObject({
      application_id: apps.LIC,
      format: 'csv',
      encoding: 'cp932',
      row_count: 2,
      imported_by: o.u('sysadmin').id,
    });
    const audit = (await auditActions(t, 'records.imported')).at(-1);
    expect(audit?.entry).toMatchObject({ outcome: 'success', details: { rowCount: 2, importId: res.data.import.importId } });

    // One import per approved 様式6.
    const again = await o.c('sysadmin').post(`/api/effects/${effect}/import`, body(text));
    expect(again.statusCode).toBe(409);
    expect(await recordCount()).toBe(2);
  });

  it('APP-11: a JSON import (UTF-8) with a subject id linking records', async () => {
    const effect = await inputEffect();
    const records = [
      { ...licence({ name: '試験 三郎', nameKana: 'しけん さぶろう', licenceNumber: '990000000003' }), subjectId: SUBJECT },
      licence({ name: '試験 四郎', nameKana: 'シケン シロウ', licenceNumber: '990000000004', licenceClasses: ['大型', '普通'] }),
    ];
    const content = Buffer.from(JSON.stringify(records)).toString('base64');
    const res = await o
      .c('sysadmin')
      .post(`/api/effects/${effect}/import`, { recordSet: 'licence', format: 'json', encoding: 'utf-8', content });
    expect(res.statusCode, res.body).toBe(201);
    const linked = await t.ctx.db
      .selectFrom('app_records')
      .select('name_key')
      .where('subject_id', '=', SUBJECT)
      .orderBy('name_key')
      .execute();
    expect(linked.map((r) => r.name_key)).toEqual(['試験三郎', '高橋一郎']);
  });

  it('APP-11: a file of 1,200 rows goes in whole (several insert statements, one transaction)', async () => {
    const effect = await inputEffect();
    const before = await recordCount();
    const lines = Array.from({ length: 1200 }, (_, i) => csvLine({ licenceNumber: String(980000000000 + i) }));
    const res = await o.c('sysadmin').post(`/api/effects/${effect}/import`, body([HEADER, ...lines].join('\r\n'), { encoding: 'utf-8' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.import.rowCount).toBe(1200);
    expect(await recordCount()).toBe(before + 1200);
  });

  it('APP-11: the record set must be the application’s; the application must be in operation', async () => {
    const effect = await inputEffect();
    const wrongSet = await o.c('sysadmin').post(`/api/effects/${effect}/import`, body(HEADER, { recordSet: 'vehicle' }));
    expect(wrongSet.statusCode).toBe(422);
    expect(errorCode(wrongSet)).toBe('import_invalid');
    expect(wrongSet.data.error.message).toMatch(/LIC/);

    const noApp = await inputEffect('NOAPP');
    expect(errorCode(await o.c('sysadmin').post(`/api/effects/${noApp}/import`, body(`${HEADER}\r\n${csvLine()}`)))).toBe('invalid_state');
  });

  it('APP-11: only システム管理者 / 総務部長 import (403, audited); a non-import effect is refused', async () => {
    const effect = await inputEffect();
    const before = (await auditActions(t, 'authz.denied')).length;
    const text = `${HEADER}\r\n${csvLine({ licenceNumber: '990000000009' })}`;
    expect(errorCode(await o.c('head1').post(`/api/effects/${effect}/import`, body(text)))).toBe('forbidden');
    expect(errorCode(await o.c('staff1').post(`/api/effects/${effect}/import/validate`, body(text)))).toBe('forbidden');
    expect((await auditActions(t, 'authz.denied')).length).toBe(before + 2);

    const development = await approved(o, 'aic1_app_development', { applicationCode: 'IMPX', applicationName: '取込試験' });
    expect(errorCode(await o.c('sysadmin').post(`/api/effects/${await effectOf(t, development)}/import`, body(text)))).toBe(
      'invalid_state',
    );
  });

  it('APP-12: bad files — wrong header, undecodable bytes, broken quotes, not base64, empty — are reports, not errors', async () => {
    const effect = await inputEffect();
    const check = (b: unknown) => o.c('sysadmin').post(`/api/effects/${effect}/import/validate`, b);
    const unknown = await check(body(`${HEADER},secret\r\n${csvLine()},x`));
    expect(unknown.data.errors[0]).toMatchObject({ row: 1, field: 'secret' });
    const missing = await check(body('name,nameKana\r\n山田,ヤマダ'));
    expect(missing.data.errors.map((e: any) => e.field)).toContain('licenceNumber');
    const undecodable = Buffer.concat([
      iconv.encode(`${HEADER}\r\n`, 'cp932'),
      Buffer.from([0x82, 0xff, 0x2c]),
      iconv.encode(csvLine().slice(csvLine().indexOf(',') + 1), 'cp932'),
    ]);
    const bytes = await check({ recordSet: 'licence', format: 'csv', encoding: 'cp932', content: undecodable.toString('base64') });
    expect(bytes.data.ok).toBe(false);
    expect(bytes.data.errors[0]).toMatchObject({ row: 2, field: 'name' });
    const quotes = await check(body(`${HEADER}\r\n"unclosed,${csvLine()}`));
    expect(quotes.data.errors[0].row).toBe(2);
    expect(errorCode(await check({ ...body(HEADER), content: '***' }))).toBe('validation_failed');
    expect((await check(body(HEADER))).data.errors[0].message).toMatch(/no data rows/);
    expect((await check({ ...body('{"a":1}'), format: 'json' })).data.errors[0].message).toMatch(/array/);
    expect(await recordCount()).toBe(3 + 1 + 1200);
  });

  it('APP-12: a record changed outside the application no longer verifies', async () => {
    const row = await t.ctx.db.selectFrom('app_records').selectAll().where('name_key', '=', '高橋一郎').executeTakeFirstOrThrow();
    expect(verifyRecordDigest(row)).toBe(true);
    expect(verifyRecordDigest({ ...row, data: { ...row.data, status: '取消' } })).toBe(false);
    expect(verifyRecordDigest({ ...row, subject_id: null })).toBe(false);
  });
});

describe('CSV reader (RFC 4180)', () => {
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF/LF/CR, and skips blank lines', () => {
    expect(readCsv('a,"b,""c""",d\r\n\r\n"x\ny",,z\rlast')).toEqual({
      ok: true,
      records: [['a', 'b,"c"', 'd'], ['x\ny', '', 'z'], ['last']],
    });
    expect(readCsv('"",b\n')).toEqual({ ok: true, records: [['', 'b']] });
  });

  it('refuses what it would have to guess', () => {
    expect(readCsv('a,b"c')).toMatchObject({ ok: false, record: 1 });
    expect(readCsv('a\n"b"c')).toMatchObject({ ok: false, record: 2 });
    expect(readCsv('a\n"open')).toMatchObject({ ok: false, record: 2 });
  });
});
