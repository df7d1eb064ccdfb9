import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInquiry } from '../../src/server/modules/inquiries/query-log.js';
import type { NewInquiry } from '../../src/server/modules/inquiries/repo.js';
import { insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import { createUnit, createUser, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The query log's group commit (APP-8): every inquiry is logged with its results, rows of inquiries
 * answered together share statements, a promise resolves only once its rows are there, and a row
 * the database refuses fails only its own inquiry, leaving nothing half-written.
 */
let t: TestApp;
let userId: string;
let applicationId: string;
let records: string[];
const subject = randomUUID();

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'QL1', '照会記録課');
  userId = (await createUser(t, { loginId: 'ql-user', unitCode: 'QL1' })).id;
  applicationId = (await insertDemoApplications(t, ['LIC'])).LIC ?? '';
  records = await insertRecords(t, applicationId, 'licence', [
    { subjectId: subject, data: licence() },
    { data: licence({ name: '記録 次郎', nameKana: 'キロク ジロウ', licenceNumber: '990000000077' }) },
  ]);
});
afterAll(async () => t?.close());

function inquiry(over: Partial<NewInquiry> = {}): NewInquiry {
  return {
    id: randomUUID(),
    auditSeq: '42',
    userId,
    unitId: null,
    applicationId,
    purpose: { code: 'traffic_enforcement', text: '交通違反の取締りにおける免許確認', caseNumber: null },
    criteria: { name: '試験 花子' },
    results: [
      { recordId: records[0] ?? '', subjectId: subject },
      { recordId: records[1] ?? '', subjectId: null },
    ],
    queriedAt: new Date(Date.UTC(2026, 10, 22, 1, 2, 3, 456)),
    ...over,
  };
}

/** Counts the statements sent through a database handle. */
function countingPlugin(): KyselyPlugin & { statements: number } {
  return {
    statements: 0,
    transformQuery(args) {
      this.statements++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
}

async function logged(id: string) {
  const row = await t.ctx.db.selectFrom('inquiries').selectAll().where('id', '=', id).executeTakeFirst();
  const results = await t.ctx.db.selectFrom('inquiry_results').selectAll().where('inquiry_id', '=', id).orderBy('record_id').execute();
  return { row, results };
}

describe('query log group commit (APP-8)', () => {
  it('APP-8: inquiries logged at once share statements, each written with every column and result and visible when its promise resolves', async () => {
    const batch = Array.from({ length: 12 }, (_, i) =>
      inquiry({
        auditSeq: String(1000 + i),
        purpose: { code: 'criminal_investigation', text: `捜査 ${i}`, caseNumber: `R8-${i}` },
        // The second half returned nothing: an inquiry without results is logged too.
        results: i < 6 ? inquiry().results : [],
      }),
    );
    const counter = countingPlugin();
    const db = t.ctx.db.withPlugin(counter);
    await Promise.all(
      batch.map(async (b) => {
        await logInquiry(db, b);
        const { row } = await logged(b.id);
        expect(row?.audit_seq).toBe(b.auditSeq);
      }),
    );
    // Two statements in flight at once: the first two alone, the ten queued meanwhile in a third.
    expect(counter.statements).toBe(3);
    for (const [i, b] of batch.entries()) {
      const { row, results } = await logged(b.id);
      expect(row).toMatchObject({
        user_id: userId,
        unit_id: null,
        application_id: applicationId,
        purpose_code: 'criminal_investigation',
        purpose_text: `捜査 ${i}`,
        case_number: `R8-${i}`,
        criteria: { name: '試験 花子' },
        result_count: i < 6 ? 2 : 0,
      });
      expect(new Date(row?.queried_at ?? 0).toISOString()).toBe('2026-11-22T01:02:03.456Z');
      expect(results.map((r) => [r.record_id, r.subject_id])).toEqual(
        i < 6 ? [...inquiry().results.map((r) => [r.recordId, r.subjectId])].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)) : [],
      );
    }
  });

  it('APP-8: a row the database refuses fails only its own inquiry, and nothing of it is written', async () => {
    // The first two go out alone (two statements in flight); the next three queue and share a
    // statement, which the unknown user makes the database refuse.
    const first = [inquiry(), inquiry()];
    const shared = [inquiry(), inquiry({ userId: randomUUID() }), inquiry()];
    const counter = countingPlugin();
    const db = t.ctx.db.withPlugin(counter);
    const outcomes = await Promise.allSettled([...first, ...shared].map((i) => logInquiry(db, i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // Two alone, the shared one refused, then its three rows one by one.
    expect(counter.statements).toBe(6);
    for (const i of [...first, shared[0], shared[2]]) {
      const { row, results } = await logged(i?.id ?? '');
      expect(row?.id).toBe(i?.id);
      expect(results).toHaveLength(2);
    }
    const refused = await logged(shared[1]?.id ?? '');
    expect(refused.row).toBeUndefined();
    expect(refused.results).toEqual([]);
  });

  it('APP-8: a batch that fails for another reason (the connection, a timeout) fails all its inquiries, without retrying row by row', async () => {
    let statements = 0;
    // The third statement (the three queued inquiries together) fails as a lost connection would: no SQLSTATE.
    const lostOnThird: KyselyPlugin = {
      transformQuery(args) {
        statements++;
        if (statements === 3) throw new Error('Connection terminated unexpectedly');
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    };
    const db = t.ctx.db.withPlugin(lostOnThird);
    const all = [inquiry(), inquiry(), inquiry(), inquiry(), inquiry()];
    const outcomes = await Promise.allSettled(all.map((i) => logInquiry(db, i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
    expect(statements).toBe(3);
    for (const i of all.slice(2)) expect((await logged(i.id)).row).toBeUndefined();
  });
});
