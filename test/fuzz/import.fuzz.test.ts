import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approved, ORG_PEOPLE } from '../info/applications-support.js';
import { type Org, setUpOrg } from '../requests/support.js';
import { insertDemoApplications, licence } from '../support/info-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { anyJson, bodies, expectNoPollution, expectWellFormed, SEED, type Sent, send, weirdString } from './fuzz-support.js';

/**
 * Fuzzing of the 様式6 import endpoints (APP-11, APP-12) as システム管理者: random bytes, random rows
 * in CSV or JSON, either encoding, never cause a server error, always answer in the one error shape,
 * and never leave a partial import — the record count moves by all the rows of a file or not at all.
 */
let t: TestApp;
let o: Org;
const effects: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t, ORG_PEOPLE);
  await insertDemoApplications(t, ['LIC']);
  // A few approved 様式6: each successful import uses one up; later runs then meet 409.
  for (let i = 0; i < 4; i += 1) {
    const requestId = await approved(o, 'aic6_input_processing', { applicationCode: 'LIC', inputMaterial: `ファズ ${i}` });
    const row = await t.ctx.db
      .selectFrom('request_effects_pending')
      .select('id')
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    effects.push(row.id);
  }
});
afterAll(async () => t?.close());

const runs = (numRuns: number) => ({ seed: SEED, numRuns });

async function recordCount(): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('app_records')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first effect not yet imported (or the last one, processed, once all are used). */
async function targetEffect(): Promise<string> {
  const open = await t.ctx.db
    .selectFrom('request_effects_pending')
    .select('id')
    .where('id', 'in', effects)
    .where('processed_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  return open?.id ?? effects.at(-1) ?? '';
}

const FIELDS = [
  'name',
  'nameKana',
  'birthDate',
  'address',
  'licenceNumber',
  'licenceClasses',
  'issuedOn',
  'validUntil',
  'conditions',
  'status',
];

/** A licence row: mostly valid values, sometimes an odd one, a missing one, or an extra key. */
const row: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...FIELDS, 'subjectId', '__proto__', 'extra'), fc.oneof(weirdString, anyJson), { maxKeys: 2 }),
    fc.integer({ min: 100_000_000_000, max: 999_999_999_999 }),
    fc.boolean(),
  )
  .map(([odd, n, keepOdd]) => ({ ...licence({ licenceNumber: String(n) }), ...(keepOdd ? odd : {}) }));

function cell(v: unknown): string {
  const s = Array.isArray(v) ? v.map(String).join(';') : typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(rows: Record<string, unknown>[]): string {
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n');
}

const file = fc
  .tuple(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom('csv', 'json'), fc.constantFrom('utf-8', 'cp932'))
  .map(([rows, format, encoding]) => {
    const text = format === 'csv' ? toCsv(rows) : JSON.stringify(rows);
    const bytes = encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
    return { rows: rows.length, body: { recordSet: 'licence', format, encoding, content: bytes.toString('base64') } };
  });

const randomBytes = fc
  .tuple(
    fc.uint8Array({ minLength: 1, maxLength: 2000 }),
    fc.constantFrom('csv', 'json'),
    fc.constantFrom('utf-8', 'cp932'),
    fc.constantFrom('licence', 'vehicle'),
  )
  .map(([bytes, format, encoding, recordSet]) => ({ recordSet, format, encoding, content: Buffer.from(bytes).toString('base64') }));

async function post(path: 'import' | 'import/validate', payload: string, contentType = 'application/json') {
  const sent: Sent = { method: 'POST', url: `/api/effects/${await targetEffect()}/${path}`, payload, contentType };
  const res = await send(t, o.c('sysadmin'), sent);
  expectWellFormed(res, sent);
  return res;
}

describe('import fuzzing', () => {
  it('APP-12: random rows in CSV or JSON: never 5xx, one error shape, all rows or none', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.boolean(), async (f, validateFirst) => {
        const before = await recordCount();
        if (validateFirst) {
          const report = await post('import/validate', JSON.stringify(f.body));
          if (report.statusCode === 200) expect(report.json().ok ? report.json().rowCount : 0).toBeLessThanOrEqual(f.rows);
          expect(await recordCount()).toBe(before);
        }
        const res = await post('import', JSON.stringify(f.body));
        const after = await recordCount();
        if (res.statusCode === 201) {
          expect(res.json().import.rowCount).toBe(f.rows);
          expect(after - before).toBe(f.rows);
        } else {
          expect([409, 422]).toContain(res.statusCode);
          expect(after).toBe(before);
        }
      }),
      runs(40),
    );
    // The generator reaches the writing path: some files were valid and imported whole.
    const used = await t.ctx.db
      .selectFrom('request_effects_pending')
      .select('id')
      .where('id', 'in', effects)
      .where('processed_at', 'is not', null)
      .execute();
    expect(used.length).toBeGreaterThan(0);
  });

  it('APP-12: random bytes in either encoding: never 5xx, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(randomBytes, async (b) => {
        const before = await recordCount();
        const res = await post('import', JSON.stringify(b));
        expect(res.statusCode).not.toBe(201);
        expect(await recordCount()).toBe(before);
      }),
      runs(40),
    );
  });

  it('APP-12: any body at all to both endpoints: never 5xx, never a partial import', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodies(['recordSet', 'format', 'encoding', 'content']),
        fc.constantFrom('import', 'import/validate'),
        async (b, path) => {
          const before = await recordCount();
          await post(path as 'import' | 'import/validate', b.payload, b.contentType);
          expect(await recordCount()).toBe(before);
          expectNoPollution();
        },
      ),
      runs(60),
    );
  });
});
