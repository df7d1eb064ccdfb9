import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYMENT_TYPES, UNIT_KINDS } from '../../src/server/modules/org/catalog.js';
import { DEFAULT_SETTINGS, settingsSchema } from '../../src/server/modules/settings/schema.js';
import { Client, type CreatedUser, createUnit, createUser, errorCode, onboard, startTestApp, type TestApp } from '../support/test-app.js';
import {
  anyFieldValue,
  BODY_LIMIT,
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
 * Fuzzing of the administration endpoints (ID-7, ID-11, ID-12, ORG-1, ORG-2, APP-12), as an
 * onboarded システム管理者: odd bodies, query strings and path parameters never cause a server
 * error, and a refused request leaves no half-written record behind.
 */

let t: TestApp;
let admin: CreatedUser;
let a: Client;
const victims: CreatedUser[] = [];
beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'FA', '本部');
  await createUnit(t, 'FB', '警務課', 'FA');
  await createUnit(t, 'FC', '生活安全課', 'FA');
  admin = await createUser(t, { loginId: 'fz-admin', unitCode: 'FA', roles: ['system_admin'] });
  a = await onboard(t, admin);
  for (let i = 0; i < 8; i += 1) victims.push(await createUser(t, { loginId: `fz-victim-${i}`, unitCode: i % 2 ? 'FB' : 'FC' }));
});
afterAll(async () => t?.close());

const runs = (numRuns: number) => ({ seed: SEED, numRuns });
const NIL_UUID = '00000000-0000-4000-8000-000000000000';

function withBody(method: Sent['method'], url: string, body: Body): Sent {
  return { method, url, payload: body.payload, contentType: body.contentType };
}

async function count(table: 'units' | 'users' | 'password_history' | 'role_assignments' | 'user_assignments'): Promise<number> {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditCount(action: string): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .where('outcome', '=', 'success')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The administrator's session must survive everything the fuzzing sends (nobody may lock themselves out). */
async function expectAdminAlive(): Promise<void> {
  const me = await a.get('/api/me');
  expect(me.statusCode).toBe(200);
  expect(me.data.user.roles).toContain('system_admin');
}

/** Mostly a good value, sometimes an odd one: so that fuzzing also reaches the service and the database. */
function mostly<T, U>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: odd });
}

const unitCodes = fc.constantFrom('FA', 'FB', 'FC', 'NOPE', 'fa', '');
const unitCodeLike = mostly(fc.oneof(unitCodes, fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/)), weirdString);
const dates = mostly(
  fc.oneof(
    fc.constantFrom('2026-04-01', '2026-04-02', '2026-05-01', '2027-04-01'),
    fc.date({ min: new Date('2026-03-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  ),
  fc.oneof(fc.constantFrom('2026-02-30', '2026-13-01', '26-04-01', '', '2026-4-1'), weirdString),
);
const roleLike = fc.oneof(
  fc.constantFrom('system_admin', 'auditor', 'csirt', 'security_admin', 'general_affairs_director', 'システム管理者', '監査', 'nope'),
  weirdString,
);
const userIds = () => mostly(fc.constantFrom(...victims.map((v) => v.id)), fc.oneof(fc.constantFrom(admin.id, NIL_UUID), pathSegment));

describe('units (ORG-1) under fuzzing', () => {
  it('POST /api/admin/units: well-formed answers; the units table grows exactly by the 201s', async () => {
    const [units0, audit0] = [await count('units'), await auditCount('admin.unit.create')];
    let created = 0;
    const valid = fc.record(
      {
        code: mostly(fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/), unitCodeLike),
        name: mostly(fc.constantFrom('新設課', '新設係', 'Ｘ課'), fc.oneof(fc.constantFrom(' ', ''), weirdString)),
        nameEn: mostly(fc.constant('New division'), weirdString),
        kind: mostly(fc.constantFrom(...UNIT_KINDS), weirdString),
        parentCode: mostly(fc.constantFrom('FA', 'FB', 'FC'), unitCodeLike),
      },
      { requiredKeys: ['code', 'name', 'kind'] },
    );
    await fc.assert(
      fc.asyncProperty(bodies(['code', 'name', 'nameEn', 'kind', 'parentCode'], valid), async (body) => {
        const sent = withBody('POST', '/api/admin/units', body);
        const res = await send(t, a, sent);
        expectWellFormed(res, sent);
        if (res.statusCode === 201) {
          created += 1;
          const unit = res.json().unit as { code: string };
          const row = await t.ctx.db.selectFrom('units').select('code').where('code', '=', unit.code).executeTakeFirst();
          expect(row?.code).toBe(unit.code);
        }
        expectNoPollution();
      }),
      runs(120),
    );
    expect(created).toBeGreaterThan(0);
    expect(await count('units')).toBe(units0 + created);
    expect(await auditCount('admin.unit.create')).toBe(audit0 + created);
    await expectAdminAlive();
  });

  it('PATCH /api/admin/units/:code: well-formed answers, and the hierarchy never gains a cycle', async () => {
    let updated = 0;
    const valid = fc.record(
      {
        name: mostly(fc.constant('改称課'), weirdString),
        nameEn: mostly(fc.constantFrom(null, 'Renamed'), weirdString),
        kind: mostly(fc.constantFrom(...UNIT_KINDS), weirdString),
        parentCode: mostly(fc.constantFrom(null, 'FA', 'FB', 'FC'), unitCodes),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          unitCodes.filter((c) => c !== ''),
          pathSegment,
        ),
        bodies(['name', 'nameEn', 'kind', 'parentCode'], valid),
        async (code, body) => {
          const sent = withBody('PATCH', `/api/admin/units/${code}`, body);
          const res = await send(t, a, sent);
          expectWellFormed(res, sent);
          if (res.statusCode === 200) updated += 1;
          expectNoPollution();
        },
      ),
      runs(100),
    );
    expect(updated).toBeGreaterThan(0);
    const rows = await t.ctx.db.selectFrom('units').select(['id', 'parent_id', 'name', 'kind']).execute();
    const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
    for (const r of rows) {
      expect(r.name.trim().length).toBeGreaterThan(0);
      expect(UNIT_KINDS).toContain(r.kind);
      const seen = new Set<string>();
      for (let at: string | null | undefined = r.id; at; at = parent.get(at)) {
        expect(seen.has(at), `cycle through unit ${r.id}`).toBe(false);
        seen.add(at);
      }
    }
    await expectAdminAlive();
  });
});

describe('users (ID-1, ID-3, ORG-2) under fuzzing', () => {
  it('POST /api/admin/users: the users table grows exactly by the 201s, each with a complete record', async () => {
    const before = {
      users: await count('users'),
      history: await count('password_history'),
      assignments: await count('user_assignments'),
      audit: await auditCount('admin.user.create'),
    };
    let created = 0;
    let withUnit = 0;
    const createdLogins: { loginId: string; temporaryPassword: string }[] = [];
    const valid = fc.record(
      {
        loginId: mostly(
          fc.stringMatching(/^[A-Za-z0-9._-]{3,32}$/),
          fc.oneof(fc.constantFrom('fz-admin', 'FZ-ADMIN', 'fz-victim-1'), weirdString),
        ),
        name: mostly(fc.constant('新規 職員'), weirdString),
        nameKana: mostly(fc.constant('シンキ ショクイン'), weirdString),
        employmentType: mostly(fc.constantFrom(...EMPLOYMENT_TYPES), weirdString),
        unitCode: mostly(fc.constantFrom('FA', 'FB', 'FC'), unitCodes),
        roles: fc.array(mostly(fc.constantFrom('auditor', 'csirt', '監査'), roleLike), { maxLength: 3 }),
        posts: fc.array(
          fc.record(
            {
              post: mostly(fc.constantFrom('unit_head', '所属長', 'registrar'), fc.oneof(fc.constant('nope'), weirdString)),
              unitCode: mostly(fc.constantFrom('FA', 'FB'), unitCodes),
            },
            { requiredKeys: ['post'] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['loginId', 'name'] },
    );
    await fc.assert(
      fc.asyncProperty(bodies(['loginId', 'name', 'nameKana', 'employmentType', 'unitCode', 'roles', 'posts'], valid), async (body) => {
        const sent = withBody('POST', '/api/admin/users', body);
        const res = await send(t, a, sent);
        expectWellFormed(res, sent);
        if (res.statusCode === 201) {
          created += 1;
          const answer = res.json() as { user: { id: string; loginId: string; unitCode: string | null }; temporaryPassword: string };
          createdLogins.push({ loginId: answer.user.loginId, temporaryPassword: answer.temporaryPassword });
          expect(answer.temporaryPassword).toMatch(/^[A-Za-z0-9]{20}$/);
          if (answer.user.unitCode) withUnit += 1;
          const history = await t.ctx.db.selectFrom('password_history').select('id').where('user_id', '=', answer.user.id).execute();
          expect(history).toHaveLength(1);
        }
        expectNoPollution();
      }),
      runs(80),
    );
    expect(created).toBeGreaterThan(0);
    expect(await count('users')).toBe(before.users + created);
    expect(await count('password_history')).toBe(before.history + created);
    expect(await count('user_assignments')).toBe(before.assignments + withUnit);
    expect(await auditCount('admin.user.create')).toBe(before.audit + created);
    // A user created along the way can log in with the temporary password, and must change it.
    const first = createdLogins[0];
    expect(first).toBeDefined();
    const login = await new Client(t).login(first?.loginId ?? '', first?.temporaryPassword ?? '');
    expect(login.statusCode).toBe(200);
    expect(login.data.passwordChangeRequired).toBe(true);
    await expectAdminAlive();
  });

  it('GET /api/admin/users?…: odd query strings answer well-formed, never more than the limit allows', async () => {
    await fc.assert(
      fc.asyncProperty(queryString(['unit', 'q', 'limit', 'offset']), async (query) => {
        const sent: Sent = { method: 'GET', url: `/api/admin/users?${query}` };
        const res = await send(t, a, sent);
        expectWellFormed(res, sent);
        expect([200, 400, 404]).toContain(res.statusCode);
        if (res.statusCode === 200) expect(res.json().users.length).toBeLessThanOrEqual(500);
        expectNoPollution();
      }),
      runs(100),
    );
  });

  it('PUT /api/admin/users/:id/roles: well-formed answers; the administrator keeps their role and at least one administrator remains', async () => {
    let changed = 0;
    const valid = fc.record({ roles: fc.array(mostly(fc.constantFrom('auditor', 'csirt', 'system_admin'), roleLike), { maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(userIds(), bodies(['roles'], valid), async (id, body) => {
        const sent = withBody('PUT', `/api/admin/users/${id}/roles`, body);
        const res = await send(t, a, sent);
        expectWellFormed(res, sent);
        if (res.statusCode === 200) changed += 1;
        if (id === admin.id && res.statusCode < 500) expect(res.statusCode).not.toBe(200);
        expectNoPollution();
      }),
      runs(80),
    );
    expect(changed).toBeGreaterThan(0);
    await expectAdminAlive();
    const roles = await t.ctx.db.selectFrom('role_assignments').select('role').where('user_id', '=', admin.id).execute();
    expect(roles.map((r) => r.role)).toContain('system_admin');
  });

  it('POST transfer / retire / disable: well-formed answers; assignments never overlap; the administrator is untouched', async () => {
    const done = new Set<string>();
    // Transfers go to the first half of the victims, retirements and disabling to the second, so that
    // neither runs out of people it can still act on.
    const movers = victims.slice(0, 4);
    const leavers = victims.slice(4);
    const ids = (pool: CreatedUser[]) =>
      mostly(fc.constantFrom(...pool.map((v) => v.id)), fc.oneof(fc.constantFrom(admin.id, NIL_UUID), pathSegment));
    const action = fc.oneof(
      fc.record({
        id: ids(movers),
        path: fc.constant('transfer'),
        body: bodies(
          ['unitCode', 'effectiveDate'],
          fc.record({ unitCode: mostly(fc.constantFrom('FA', 'FB', 'FC'), unitCodes), effectiveDate: dates }),
          8,
        ),
      }),
      fc.record({ id: ids(leavers), path: fc.constant('retire'), body: bodies(['effectiveDate'], fc.record({ effectiveDate: dates })) }),
      fc.record({
        id: ids(leavers),
        path: fc.constant('disable'),
        body: bodies(['reason'], fc.record({ reason: mostly(fc.constant('端末紛失'), weirdString) })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(action, async ({ id, path, body }) => {
        const sent = withBody('POST', `/api/admin/users/${id}/${path}`, body);
        const res = await send(t, a, sent);
        expectWellFormed(res, sent);
        if (res.statusCode === 204) done.add(path);
        if (id === admin.id) expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expectNoPollution();
      }),
      runs(120),
    );
    expect([...done].sort()).toEqual(['disable', 'retire', 'transfer']);
    await expectAdminAlive();
    const rows = await t.ctx.db
      .selectFrom('user_assignments')
      .select(['user_id', 'valid_from', 'valid_to'])
      .orderBy('user_id')
      .orderBy('valid_from')
      .execute();
    const byUser = new Map<string, { valid_from: string; valid_to: string | null }[]>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
    for (const [userId, list] of byUser) {
      for (let i = 1; i < list.length; i += 1) {
        const previous = list[i - 1];
        const current = list[i];
        expect(previous?.valid_to, `assignments of ${userId} overlap`).not.toBeNull();
        expect(String(previous?.valid_to) <= String(current?.valid_from), `assignments of ${userId} overlap`).toBe(true);
      }
    }
  });
});

describe('settings under fuzzing (ID-8, ID-10)', () => {
  it('PATCH /api/admin/settings: well-formed answers, and what is stored always satisfies the settings schema', async () => {
    const fields = Object.keys(settingsSchema.shape);
    const valid = fc.record(
      {
        organizationType: fc.oneof(fc.constantFrom('police', 'local_government'), weirdString),
        organizationName: fc.oneof(fc.constant('関守県警察'), weirdString),
        idleTimeoutMinutes: fc.oneof(fc.integer({ min: -5, max: 300 }), anyFieldValue),
        privilegedSessionMaxMinutes: fc.oneof(fc.integer({ min: 0, max: 600 }), anyFieldValue),
        sessionMaxHours: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double()),
        passwordMaxAgeDays: fc.oneof(fc.integer({ min: -1, max: 4000 }), anyFieldValue),
        privilegedPasswordMaxAgeDays: fc.integer({ min: -1, max: 4000 }),
        mfaRequiredRoles: fc.array(roleLike, { maxLength: 4 }),
        mfaRequiredUnitCodes: fc.array(fc.oneof(unitCodes, weirdString), { maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    try {
      await fc.assert(
        fc.asyncProperty(bodies([...fields, 'unknownSetting'], valid), async (body) => {
          const sent = withBody('PATCH', '/api/admin/settings', body);
          const res = await send(t, a, sent);
          expectWellFormed(res, sent);
          expect([200, 400, 413, 415]).toContain(res.statusCode);
          if (res.statusCode === 200) {
            accepted += 1;
            expect(settingsSchema.safeParse(res.json()).success).toBe(true);
          }
          expectNoPollution();
        }),
        runs(100),
      );
      expect(accepted).toBeGreaterThan(0);
      const rows = await t.ctx.db.selectFrom('settings').select(['key', 'value']).execute();
      for (const row of rows) {
        expect(fields).toContain(row.key);
        const field = settingsSchema.shape[row.key as keyof typeof settingsSchema.shape];
        expect(field.safeParse(row.value).success, `${row.key} = ${JSON.stringify(row.value)}`).toBe(true);
      }
      const current = await a.get('/api/admin/settings');
      expect(settingsSchema.safeParse(current.data).success).toBe(true);
    } finally {
      expect((await a.patch('/api/admin/settings', DEFAULT_SETTINGS)).statusCode).toBe(200);
    }
    await expectAdminAlive();
  });
});

describe('refusals leave nothing behind (ID-7)', () => {
  const writes = [
    { method: 'POST', path: '/api/admin/units', fields: ['code', 'name', 'kind', 'parentCode'] },
    { method: 'PATCH', path: '/api/admin/units/FB', fields: ['name', 'parentCode'] },
    { method: 'POST', path: '/api/admin/users', fields: ['loginId', 'name', 'roles', 'unitCode'] },
    { method: 'PUT', path: '/api/admin/users/:id/roles', fields: ['roles'] },
    { method: 'POST', path: '/api/admin/users/:id/transfer', fields: ['unitCode', 'effectiveDate'] },
    { method: 'POST', path: '/api/admin/users/:id/retire', fields: ['effectiveDate'] },
    { method: 'POST', path: '/api/admin/users/:id/disable', fields: ['reason'] },
    { method: 'PATCH', path: '/api/admin/settings', fields: ['idleTimeoutMinutes', 'organizationName'] },
  ] as const;

  it('an ordinary member of staff gets no 2xx from any administration endpoint, and nothing is written', async () => {
    const staff = await createUser(t, { loginId: 'fz-not-admin', unitCode: 'FB' });
    const s = await onboard(t, staff);
    const counts = async () => ({
      units: await count('units'),
      users: await count('users'),
      roles: await count('role_assignments'),
      assignments: await count('user_assignments'),
      settings: (await t.ctx.db.selectFrom('settings').select(['key', 'value']).execute()).length,
    });
    const before = await counts();
    const valid = fc.record({
      code: fc.constant('EVIL'),
      name: fc.constant('乗っ取り'),
      kind: fc.constant('division'),
      loginId: fc.constant('evil-user'),
      roles: fc.constant(['system_admin']),
      unitCode: fc.constant('FA'),
      effectiveDate: fc.constant('2026-04-01'),
      reason: fc.constant('x'),
      idleTimeoutMinutes: fc.constant(240),
    });
    const request = fc.constantFrom(...writes).chain((w) => fc.tuple(fc.constant(w), bodies([...w.fields], valid)));
    await fc.assert(
      fc.asyncProperty(request, fc.constantFrom(...victims.map((v) => v.id), admin.id, staff.id), async ([w, body], id) => {
        const sent = withBody(w.method, w.path.replace(':id', id), body);
        const res = await send(t, s, sent);
        expectWellFormed(res, sent);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        if (res.statusCode === 403) expect(['forbidden', 'self_modification_forbidden']).toContain(errorCode({ data: res.json() }));
        expectNoPollution();
      }),
      runs(60),
    );
    expect(await counts()).toEqual(before);
    // The refusals themselves are recorded (AUD-1).
    const deniedRows = await t.ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'authz.denied')
      .where('actor_user_id', '=', staff.id)
      .execute();
    expect(deniedRows.length).toBeGreaterThan(0);
  });

  it(`answers 413 payload_too_large to administration bodies over ${BODY_LIMIT / 1024} KiB`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 3 }),
        fc.constantFrom('application/json', 'text/plain'),
        async (w, size, contentType) => {
          const sent: Sent = {
            method: w.method,
            url: w.path.replace(':id', victims[0]?.id ?? NIL_UUID),
            payload: JSON.stringify({ [w.fields[0]]: 'x'.repeat(size) }),
            contentType,
          };
          const res = await send(t, a, sent);
          expectWellFormed(res, sent);
          expect(res.statusCode).toBe(413);
          expect(errorCode({ data: res.json() })).toBe('payload_too_large');
        },
      ),
      runs(20),
    );
    await expectAdminAlive();
  });
});
