import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/server/http/errors.js';
import { RECORD_SETS, type RecordSetCode, recordDigest } from '../../src/server/modules/applications/record-sets.js';
import type { JsonValue } from '../../src/server/modules/audit/canonical-json.js';
import { type DemoSeedResult, seedDemo } from '../../src/server/modules/demo/service.js';
import { type Client, errorCode, OPERATOR, onboard, startTestApp, type TestApp } from '../support/test-app.js';

/** `demo seed` (SEC-5) on the embedded database: applications and rights through approved requests (APP-2, APP-3), records (APP-12). */
const PERSONS = 200;
let t: TestApp;
let result: DemoSeedResult;
const progress: [number, number][] = [];

beforeAll(async () => {
  t = await startTestApp();
  result = await seedDemo(t.ctx, OPERATOR, { persons: PERSONS, seed: 7, onProgress: (d, n) => progress.push([d, n]) });
}, 120_000);
afterAll(async () => t?.close());

async function firstSignIn(loginId: string): Promise<Client> {
  const user = result.users.find((u) => u.loginId === loginId);
  if (!user) throw new Error(`no ${loginId}`);
  return onboard(t, { id: '', loginId, password: user.temporaryPassword });
}

describe('demo seed', () => {
  it('APP-2: LIC, VEH and LOST are active, each registered from an approved 様式1 (aic1_app_development)', async () => {
    const apps = await t.ctx.db
      .selectFrom('applications as a')
      .innerJoin('requests as r', 'r.id', 'a.request_id')
      .select(['a.code', 'a.state', 'r.type_code', 'r.state as requestState', 'a.business_unit_id'])
      .orderBy('a.code')
      .execute();
    expect(apps.map((a) => a.code)).toEqual(['LIC', 'LOST', 'VEH']);
    for (const a of apps) {
      expect(a.state).toBe('active');
      expect(a.type_code).toBe('aic1_app_development');
      expect(a.requestState).toBe('approved');
      expect(a.business_unit_id).not.toBeNull();
    }
    expect(result.applications.map((a) => a.code)).toEqual(['LIC', 'VEH', 'LOST']);
    expect(result.applications.every((a) => /^R\d{4}-\d{6}$/.test(a.requestNumber))).toBe(true);
    // The 様式1 was decided by the system manager (合議) and 総務部長, never by its applicant.
    const decisions = await t.ctx.db
      .selectFrom('request_decisions as d')
      .innerJoin('requests as r', 'r.id', 'd.request_id')
      .select(['r.applicant_id', 'd.decider_id', 'd.decision'])
      .where('r.type_code', '=', 'aic1_app_development')
      .execute();
    expect(decisions.length).toBe(6);
    for (const d of decisions) expect(d.decider_id).not.toBe(d.applicant_id);
  });

  it('APP-3: users are listed with their use rights; one staff member holds LIC, another ordinary staff member does not', async () => {
    const byLogin = Object.fromEntries(result.users.map((u) => [u.loginId, u]));
    expect(byLogin['demo-menkyo-shokuin']?.useRights).toEqual(['LIC']);
    expect(byLogin['demo-higashi-kotsu']?.useRights).toEqual(['VEH']);
    expect(byLogin['demo-higashi-kotsu']?.posts).toEqual([]);
    expect(byLogin['demo-chuo-junsa']?.useRights).toEqual(['LIC', 'VEH', 'LOST']);
    for (const u of result.users) expect(u.temporaryPassword).toMatch(/^\S{12,}$/);
    const rights = await t.ctx.db
      .selectFrom('use_rights as u')
      .innerJoin('users as p', 'p.id', 'u.user_id')
      .innerJoin('applications as a', 'a.id', 'u.application_id')
      .innerJoin('requests as r', 'r.id', 'u.grant_request_id')
      .select(['p.login_id', 'a.code', 'r.type_code', 'r.state', 'u.ended_at'])
      .execute();
    expect(rights).toHaveLength(5);
    for (const r of rights) {
      expect(r.type_code).toBe('aic4_use_right');
      expect(r.state).toBe('approved');
      expect(r.ended_at).toBeNull();
    }
  });

  it('APP-7: the user with the LIC right may query licences; the one without is refused (no_use_right)', async () => {
    const sample = result.samplePersons[0];
    if (!sample) throw new Error('no sample person');
    const criteria = { name: sample.name, birthDate: sample.birthDate };
    const purpose = { code: 'traffic_enforcement', text: 'デモ照会' };
    const allowed = await firstSignIn('demo-menkyo-shokuin');
    const ok = await allowed.post('/api/inquiries', { applicationCode: 'LIC', purpose, criteria });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.data.results.some((r: { data: { licenceNumber: string } }) => r.data.licenceNumber === sample.licenceNumber)).toBe(true);
    const refused = await firstSignIn('demo-higashi-kotsu');
    const no = await refused.post('/api/inquiries', { applicationCode: 'LIC', purpose, criteria });
    expect(no.statusCode).toBe(403);
    expect(errorCode(no)).toBe('no_use_right');
  });

  it('APP-12: records pass the record-set schemas, digests verify, one import row per set with the right count', async () => {
    const rows = await t.ctx.db.selectFrom('app_records').selectAll().execute();
    expect(rows.length).toBe(result.records.total);
    expect(result.persons).toBe(PERSONS);
    const counts: Record<string, number> = {};
    for (const row of rows) {
      counts[row.record_set] = (counts[row.record_set] ?? 0) + 1;
      const set = RECORD_SETS[row.record_set as RecordSetCode];
      expect(set.schema.safeParse(row.data).success, row.id).toBe(true);
      expect(recordDigest(row.id, row.record_set, row.subject_id, row.data as JsonValue)).toBe(row.digest);
      expect(row.subject_id).not.toBeNull();
    }
    expect(counts).toEqual({
      licence: result.records.licence,
      vehicle: result.records.vehicle,
      lost_property: result.records.lost_property,
    });
    const imports = await t.ctx.db.selectFrom('record_imports').selectAll().execute();
    expect(imports.map((i) => [i.record_set, i.format, i.row_count]).sort()).toEqual(
      [
        ['licence', 'seed', result.records.licence],
        ['lost_property', 'seed', result.records.lost_property],
        ['vehicle', 'seed', result.records.vehicle],
      ].sort(),
    );
    const audited = await t.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'records.import').execute();
    expect(audited).toHaveLength(3);
    expect(progress.at(-1)).toEqual([result.records.total, result.records.total]);
  });

  it('is deterministic: the same seed on another database gives the same persons and records', async () => {
    const other = await startTestApp();
    try {
      const again = await seedDemo(other.ctx, OPERATOR, { persons: PERSONS, seed: 7 });
      expect(again.records).toEqual(result.records);
      expect(again.samplePersons).toEqual(result.samplePersons);
      const key = (db: TestApp['ctx']['db']) =>
        db
          .selectFrom('app_records')
          .select(['subject_id', 'record_set', 'key_text', 'name_key'])
          .orderBy('key_text')
          .orderBy('subject_id')
          .execute();
      expect(await key(other.ctx.db)).toEqual(await key(t.ctx.db));
    } finally {
      await other.close();
    }
  }, 120_000);

  it('SEC-5: running twice on one database is refused (conflict) and adds nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('app_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const error = await seedDemo(t.ctx, OPERATOR, { persons: 10 }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('conflict');
    const after = await t.ctx.db
      .selectFrom('app_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
