import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_MEANS, EVENT_KINDS } from '../../src/server/modules/outputs/rules.js';
import { countRows, type OutputOrg, runInquiry, setUpOutputs } from '../info/outputs-support.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  type Body,
  bodies,
  expectNoPollution,
  expectWellFormed,
  pathSegment,
  queryString,
  SEED,
  type Sent,
  send,
  weirdString,
} from './fuzz-support.js';

/**
 * Fuzzing of the output and manuals ledgers (APP-9, OUT-2 … OUT-7): whatever is sent, no server
 * error, always the one error shape, and never a half-written record — a refused request changes no
 * row, an accepted one exactly the rows it should.
 */
let t: TestApp;
let o: OutputOrg;
let inquiryId: string;
let materials: string[];
let manualId: string;

beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOutputs(t, ['staff', 'staff2', 'head1', 'gad', 'sysadmin']);
  inquiryId = await runInquiry(o.c('staff'));
  materials = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await o.c('staff').post(`/api/inquiries/${inquiryId}/print`, {});
    materials.push(res.data.materialId as string);
  }
  const manual = await o.c('gad').post('/api/manuals', { applicationCode: 'LIC', title: '操作手引', copies: 50 });
  manualId = manual.data.manual.id as string;
});
afterAll(async () => t?.close());

const runs = (numRuns: number) => ({ seed: SEED, numRuns });
const withBody = (method: Sent['method'], url: string, body: Body): Sent => ({
  method,
  url,
  payload: body.payload,
  contentType: body.contentType,
});
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('甲', '裁断', '保管庫A', '総務部長承認 第1号', '暗号化ZIP') },
  { weight: 1, arbitrary: weirdString },
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const eventBody = fc.record(
  {
    kind: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...EVENT_KINDS) }, { weight: 1, arbitrary: weirdString }),
    quantity: maybe(fc.oneof(fc.integer({ min: -2, max: 20_000 }), fc.constant(1.5))),
    recipient: maybe(text),
    means: maybe(fc.oneof(fc.constantFrom(...DELIVERY_MEANS), weirdString)),
    method: maybe(text),
    approval: maybe(text),
    countermeasure: maybe(text),
    place: maybe(text),
    note: maybe(text),
  },
  { requiredKeys: ['kind'] },
);

async function counts() {
  return {
    materials: await countRows(t, 'output_materials'),
    events: await countRows(t, 'output_events'),
    confirmations: await countRows(t, 'output_confirmations'),
    manualEvents: await countRows(t, 'manual_events'),
  };
}

describe('ledger endpoints under fuzzing', () => {
  it('POST /api/outputs/:id/events: well-formed; a refusal writes nothing, a copy writes two events and a material', async () => {
    const target = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...materials) }, { weight: 1, arbitrary: pathSegment });
    await fc.assert(
      fc.asyncProperty(target, bodies(['kind', 'recipient', 'means', 'method', 'quantity'], eventBody, 6), async (id, body) => {
        const before = await counts();
        const sent = withBody('POST', `/api/outputs/${id}/events`, body);
        const res = await send(t, o.c('staff'), sent);
        expectWellFormed(res, sent);
        const after = await counts();
        const copy = res.statusCode === 201 && res.json().copy !== null;
        expect(after.materials - before.materials).toBe(copy ? 1 : 0);
        expect(after.events - before.events).toBe(res.statusCode === 201 ? (copy ? 2 : 1) : 0);
        expect(after.confirmations).toBe(before.confirmations);
        expectNoPollution();
      }),
      runs(120),
    );
    // Every material's state agrees with its history: disposed exactly when its last event is a disposal.
    const rows = await t.ctx.db.selectFrom('output_materials').select(['id', 'state']).execute();
    for (const m of rows) {
      const last = await t.ctx.db
        .selectFrom('output_events')
        .select('kind')
        .where('material_id', '=', m.id)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(m.state === 'disposed', m.id).toBe(last.kind === 'dispose');
    }
  });

  it('POST /api/inquiries/:id/export|print: well-formed; one material and one event per success, none otherwise', async () => {
    const target = fc.oneof({ weight: 4, arbitrary: fc.constant(inquiryId) }, { weight: 1, arbitrary: pathSegment });
    const valid = fc.record({ purpose: maybe(text), quantity: maybe(fc.integer({ min: -1, max: 200 })) });
    const who = fc.constantFrom('staff', 'staff', 'staff2', 'head1');
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.constantFrom('export', 'print'),
        who,
        bodies(['purpose', 'quantity'], valid, 4),
        async (id, verb, w, body) => {
          const before = await counts();
          const sent = withBody('POST', `/api/inquiries/${id}/${verb}`, body);
          const res = await send(t, o.c(w), sent);
          expectWellFormed(res, sent);
          const ok = res.statusCode === 200 || res.statusCode === 201;
          if (ok) expect(w).toBe('staff');
          const after = await counts();
          expect(after.materials - before.materials).toBe(ok ? 1 : 0);
          expect(after.events - before.events).toBe(ok ? 1 : 0);
          expectNoPollution();
        },
      ),
      runs(80),
    );
  });

  it('POST /api/output-events/:eventId/confirm and GET /api/outputs…: well-formed; at most one confirmation per success', async () => {
    const events = await t.ctx.db.selectFrom('output_events').select('id').limit(20).execute();
    const target = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...events.map((e) => e.id)) }, { weight: 1, arbitrary: pathSegment });
    const who = fc.constantFrom('head1', 'staff', 'gad');
    await fc.assert(
      fc.asyncProperty(target, who, bodies(['note'], fc.record({ note: maybe(text) }), 3), async (id, w, body) => {
        const before = await counts();
        const sent = withBody('POST', `/api/output-events/${id}/confirm`, body);
        const res = await send(t, o.c(w), sent);
        expectWellFormed(res, sent);
        if (res.statusCode === 201) expect(w).toBe('head1');
        expect((await counts()).confirmations - before.confirmations).toBe(res.statusCode === 201 ? 1 : 0);
        expectNoPollution();
      }),
      runs(60),
    );
    const paths = fc.constantFrom('/api/outputs', '/api/outputs.csv', '/api/outputs/overdue', `/api/outputs/${materials[0]}`);
    await fc.assert(
      fc.asyncProperty(paths, queryString(['unitCode', 'state', 'unconfirmed', 'from', 'to', 'limit']), who, async (path, q, w) => {
        const sent: Sent = { method: 'GET', url: `${path}?${q}` };
        const res = await send(t, o.c(w), sent);
        expectWellFormed(res, sent);
        expectNoPollution();
      }),
      runs(80),
    );
  });

  it('POST /api/manuals/:id/events: well-formed; one entry per success, none otherwise', async () => {
    const valid = fc.record(
      {
        kind: fc.oneof(fc.constantFrom('deliver', 'receive', 'copy', 'return', 'store', 'dispose'), weirdString),
        recipientLoginId: maybe(fc.oneof(fc.constantFrom('staff', 'staff2', 'sysadmin', 'nobody'), weirdString)),
        quantity: maybe(fc.integer({ min: -1, max: 60 })),
        place: maybe(text),
        method: maybe(text),
        note: maybe(text),
      },
      { requiredKeys: ['kind'] },
    );
    const target = fc.oneof({ weight: 5, arbitrary: fc.constant(manualId) }, { weight: 1, arbitrary: pathSegment });
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.constantFrom('gad', 'staff'),
        bodies(['kind', 'recipientLoginId', 'quantity'], valid, 5),
        async (id, w, body) => {
          const before = await counts();
          const sent = withBody('POST', `/api/manuals/${id}/events`, body);
          const res = await send(t, o.c(w), sent);
          expectWellFormed(res, sent);
          if (res.statusCode === 201) expect(w).toBe('gad');
          expect((await counts()).manualEvents - before.manualEvents).toBe(res.statusCode === 201 ? 1 : 0);
          expectNoPollution();
        },
      ),
      runs(80),
    );
  });
});
