import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_TYPE_CODES } from '../../src/server/modules/requests/contract.js';
import { fieldsFor, type Org, setUpOrg, submitted } from '../requests/support.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  anyFieldValue,
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
 * Fuzzing of the request endpoints (APP-2 … APP-5, APP-11, CON-2, CON-3, GOV-1, GOV-2, ORG-3, SEC-3):
 * whatever is sent, no server error and always the one error shape; a refused decision leaves no
 * decision row behind.
 */
let t: TestApp;
let o: Org;
let target: string;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t, ['staff1', 'staff2', 'head1', 'gad', 'outsider', 'contractor']);
  target = await submitted(o.c('staff1'), 'aic4_use_right');
});
afterAll(async () => t?.close());

const runs = (numRuns: number) => ({ seed: SEED, numRuns });
const withBody = (method: Sent['method'], url: string, body: Body): Sent => ({
  method,
  url,
  payload: body.payload,
  contentType: body.contentType,
});
const typeCodes = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...REQUEST_TYPE_CODES) }, { weight: 1, arbitrary: weirdString });

/** A type's valid fields with one field replaced by anything (or removed, or an extra key). */
const fieldsArb = fc.tuple(fc.constantFrom(...REQUEST_TYPE_CODES), fc.option(weirdString), anyFieldValue).chain(([code, key, value]) => {
  const base = fieldsFor(code);
  const keys = Object.keys(base);
  return fc.constantFrom(...keys, '__extra').map((k) => {
    const f: Record<string, unknown> = { ...base };
    if (key === null) f[k] = value;
    else delete f[k];
    return { code, fields: f };
  });
});

describe('request endpoints under fuzzing', () => {
  it('POST /api/requests: well-formed answers; every 201 is a draft of a known type', async () => {
    const valid = fc.oneof(
      fieldsArb.map(({ code, fields }) => ({ typeCode: code, fields })),
      fc.record({ typeCode: typeCodes, fields: fc.oneof(anyFieldValue, fc.dictionary(weirdString, anyFieldValue, { maxKeys: 4 })) }),
    );
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bodies(['typeCode', 'fields'], valid, 5), async (body) => {
        const sent = withBody('POST', '/api/requests', body);
        const res = await send(t, o.c('staff1'), sent);
        expectWellFormed(res, sent);
        if (res.statusCode === 201) {
          created += 1;
          expect(res.json().request.state).toBe('draft');
        }
        expectNoPollution();
      }),
      runs(150),
    );
    expect(created).toBeGreaterThan(0);
  });

  it('decisions with odd bodies: no server error; nobody but the route decides', async () => {
    const verbs = fc.constantFrom(
      'approve',
      'concur',
      'reject',
      'return',
      'withdraw',
      'cancel',
      'resubmit',
      'submit',
      'paperwork',
      'comments',
      'lend',
      'attachments',
    );
    const who = fc.constantFrom('staff1', 'staff2', 'outsider', 'contractor', 'gad');
    const ids = fc.oneof({ weight: 4, arbitrary: fc.constant('TARGET') }, { weight: 1, arbitrary: pathSegment });
    await fc.assert(
      fc.asyncProperty(
        who,
        verbs,
        ids,
        bodies([
          'comment',
          'overrideReason',
          'stageId',
          'reason',
          'fields',
          'body',
          'event',
          'note',
          'filename',
          'contentType',
          'dataBase64',
        ]),
        async (user, verb, id, body) => {
          const sent = withBody('POST', `/api/requests/${id === 'TARGET' ? target : id}/${verb}`, body);
          const res = await send(t, o.c(user), sent);
          expectWellFormed(res, sent);
          expectNoPollution();
        },
      ),
      runs(200),
    );
    // staff1 applied, staff2 benefits; outsider and contractor hold nothing: only head1 / gad could decide.
    const rows = await t.ctx.db.selectFrom('request_decisions').select('decider_id').where('request_id', '=', target).execute();
    const allowed = new Set([o.u('head1').id, o.u('gad').id]);
    for (const r of rows) expect(allowed.has(r.decider_id)).toBe(true);
  });

  it('GET lists, CSV, show and PDF with odd query strings and ids', async () => {
    const paths = fc.constantFrom(
      '/api/requests',
      '/api/requests/inbox',
      '/api/requests/all',
      '/api/requests/export.csv',
      '/api/requests/reports/overdue',
      '/api/external-services',
      '/api/delegations',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(paths, queryString(['type', 'state', 'limit', 'offset', 'scope'])).map(([p, q]) => `${p}?${q}`),
          fc
            .tuple(pathSegment, fc.constantFrom('', '/pdf', '/permit.pdf', '/attachments/00000000-0000-4000-8000-000000000000'))
            .map(([id, s]) => `/api/requests/${id}${s}`),
        ),
        fc.constantFrom('staff1', 'outsider', 'gad'),
        async (url, user) => {
          const sent: Sent = { method: 'GET', url };
          const res = await send(t, o.c(user), sent);
          expectWellFormed(res, sent);
        },
      ),
      runs(150),
    );
  });

  it('POST /api/delegations and /api/requests/oral with odd bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/delegations', '/api/requests/oral'),
        bodies(
          ['deputyLoginId', 'validFrom', 'validTo', 'reason', 'typeCode', 'applicantLoginId', 'fields', 'comment'],
          fc.record({
            deputyLoginId: fc.constantFrom('staff2', 'gad', 'nobody', 'staff1'),
            validFrom: fc.constantFrom('2026-04-01T00:00:00Z', '2026-04-01T10:00:00+09:00', 'yesterday'),
            validTo: fc.constantFrom('2026-04-05T00:00:00Z', '2026-03-01T00:00:00Z', '9999-12-31T00:00:00Z'),
            reason: fc.constantFrom('出張', ''),
            typeCode: typeCodes,
            applicantLoginId: fc.constantFrom('head1', 'staff1', 'gad'),
            fields: fieldsArb.map((f) => f.fields),
          }),
        ),
        async (url, body) => {
          const sent = withBody('POST', url, body);
          const res = await send(t, o.c('gad'), sent);
          expectWellFormed(res, sent);
          expectNoPollution();
        },
      ),
      runs(120),
    );
  });
});
