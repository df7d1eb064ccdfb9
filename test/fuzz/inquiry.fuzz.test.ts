import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantUseRight, insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import { type Client, createUnit, createUser, onboard, startTestApp, type TestApp } from '../support/test-app.js';
import { anyFieldValue, bodies, expectNoPollution, expectWellFormed, queryString, SEED, send, weirdString } from './fuzz-support.js';

/**
 * Fuzzing of 照会 and 照会記録 (APP-7, APP-8, AUD-4): odd bodies, criteria and query strings never
 * cause a server error, every error has the one shape, and no refused query leaves a query-log row.
 */
let t: TestApp;
let staff: Client;
let auditor: Client;
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'FQ', '照会試験課');
  const apps = await insertDemoApplications(t);
  await insertRecords(t, apps.LIC ?? '', 'licence', [
    { subjectId: randomUUID(), data: licence() },
    { subjectId: randomUUID(), data: licence({ name: '髙橋 一郎', nameKana: 'タカハシ イチロウ', licenceNumber: '990000000002' }) },
  ]);
  const s = await createUser(t, { loginId: 'fz-querier', unitCode: 'FQ' });
  await grantUseRight(t, s.id, apps.LIC ?? '');
  staff = await onboard(t, s);
  auditor = await onboard(t, await createUser(t, { loginId: 'fz-auditor', unitCode: 'FQ', roles: ['auditor'] }));
});
afterAll(async () => t?.close());

const runs = (numRuns: number) => ({ seed: SEED, numRuns });

async function inquiries(): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('inquiries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const criterionName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('name', 'birthDate', 'licenceNumber') },
  { weight: 1, arbitrary: fc.constantFrom('ownerName', '__proto__', 'constructor', 'toString', '', 'a'.repeat(50)) },
  { weight: 1, arbitrary: weirdString },
);
const criterionValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('試験 花子', 'ｼｹﾝ ﾊﾅｺ', 'しけんはなご', '高橋', '１９９０－０５－１７', '9900-1234-5678', '', ' ', '%', '_'),
  },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: anyFieldValue },
);
const purposeValue = fc.oneof(
  fc.constant({ code: 'traffic_enforcement', text: '取締り' }),
  fc.constant({ code: 'criminal_investigation', text: '捜査', caseNumber: '第1号' }),
  fc.record({ code: fc.oneof(weirdString, fc.constantFrom('other', 'accident')), text: weirdString }, { requiredKeys: [] }),
  anyFieldValue,
);
const validish = fc.record(
  {
    applicationCode: fc.oneof(fc.constantFrom('LIC', 'VEH', 'LOST', 'lic', 'NOPE'), weirdString),
    purpose: purposeValue,
    criteria: fc.oneof(
      { weight: 4, arbitrary: fc.dictionary(criterionName, criterionValue, { maxKeys: 4 }) },
      { weight: 1, arbitrary: anyFieldValue },
    ),
  },
  { requiredKeys: [] },
);

describe('fuzz: POST /api/inquiries (APP-7, APP-8)', () => {
  it('APP-7: never a 5xx, always the error shape, and only a 200 writes a query-log row', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(['applicationCode', 'purpose', 'criteria'], validish, 6), async (body) => {
        const before = await inquiries();
        const sent = { method: 'POST' as const, url: '/api/inquiries', payload: body.payload, contentType: body.contentType };
        const res = await send(t, staff, sent);
        expectWellFormed(res, sent);
        expect(await inquiries()).toBe(before + (res.statusCode === 200 ? 1 : 0));
        if (res.statusCode === 200) expect(res.headers['cache-control']).toBe('no-store');
        expectNoPollution();
      }),
      runs(150),
    );
  });
});

describe('fuzz: GET /api/access-records (APP-8, AUD-4)', () => {
  it('AUD-4: odd query strings never cause a 5xx and errors keep the shape', async () => {
    const params = ['subjectId', 'recordId', 'userLoginId', 'unitCode', 'applicationCode', 'from', 'to', 'limit', 'cursor'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/access-records', '/api/access-records.csv'), queryString(params), async (path, qs) => {
        const sent = { method: 'GET' as const, url: `${path}?${qs}` };
        const res = await send(t, auditor, sent);
        expectWellFormed(res, sent);
      }),
      runs(100),
    );
  });
});
