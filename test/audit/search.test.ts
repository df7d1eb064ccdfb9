import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzAction, AuthzPrincipal } from '../../src/server/authz/authorizer.js';
import { exportCsv as exportCsvService } from '../../src/server/modules/audit/search-service.js';
import { auditEntries, onboardedAdmin } from '../support/admin.js';
import { refuseAuditInserts } from '../support/audit-breaker.js';
import {
  Client,
  type CreatedUser,
  createUnit,
  createUser,
  errorCode,
  OPERATOR,
  onboard,
  startTestApp,
  type TestApp,
} from '../support/test-app.js';

let t: TestApp;
let auditor: CreatedUser;
let auditorClient: Client;
let admin: { user: CreatedUser; client: Client };
let staff: CreatedUser;
let staffClient: Client;
let head: CreatedUser;
let headClient: Client;
/** Between the events of the first and the second batch (see beforeAll). */
let midpoint: Date;

interface Summary {
  seq: string;
  occurredAt: string;
  action: string;
  outcome: string;
  actor: { userId: string | null; loginId: string | null; unitCode: string | null };
  target: { type: string; id: string; label: string | null } | null;
  reason: string | null;
}

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'AS1', '監査室');
  await createUnit(t, 'AS2', '警務課');
  admin = await onboardedAdmin(t, 'as-admin', 'AS1');
  auditor = await createUser(t, { loginId: 'as-auditor', unitCode: 'AS1', roles: ['auditor'] });
  auditorClient = await onboard(t, auditor);
  staff = await createUser(t, { loginId: 'as-staff', unitCode: 'AS2' });
  staffClient = await onboard(t, staff);
  head = await createUser(t, { loginId: 'as-head', unitCode: 'AS2', posts: [{ post: 'unit_head', unitCode: 'AS2' }] });
  headClient = await onboard(t, head);

  // Second batch, a minute later: failed logins, and units whose names test the CSV.
  t.clock.advance(60_000);
  midpoint = t.clock.now();
  t.clock.advance(60_000);
  expect((await new Client(t).login('as-staff', 'wrong-password')).statusCode).toBe(401);
  expect((await new Client(t).login('=1+2', 'wrong-password')).statusCode).toBe(401);
  for (const [code, name] of [
    ['YSD', '𠮷田分室'],
    ['QTE', '広報課,"広聴"係'],
    ['FRM', '=SUM(A1)'],
  ] as const) {
    const res = await admin.client.post('/api/admin/units', { code, name, kind: 'office' });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t?.close());

type SearchResponse = Omit<Awaited<ReturnType<Client['get']>>, 'data'> & { data: { entries: Summary[]; nextBefore: string | null } };

async function search(client: Client, query: string): Promise<SearchResponse> {
  return (await client.get(`/api/audit/entries${query ? `?${query}` : ''}`)) as SearchResponse;
}

describe('access to the audit log: 監査 and システム管理者 only (AUD-4, AUD-5)', () => {
  it('auditors and system administrators may search it', async () => {
    for (const client of [auditorClient, admin.client]) {
      const res = await search(client, '');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.data.entries.length).toBeGreaterThan(0);
    }
  });

  it('ordinary staff and unit heads are refused everything, and each refusal is in the log', async () => {
    for (const [user, client] of [
      [staff, staffClient],
      [head, headClient],
    ] as const) {
      const urls = [
        ['/api/audit/entries', 'audit.search'],
        ['/api/audit/entries/1', 'audit.search'],
        ['/api/audit/entries.csv', 'audit.export'],
      ] as const;
      for (const [url, action] of urls) {
        const before = (await auditEntries(t, 'authz.denied')).length;
        const res = await client.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(errorCode(res)).toBe('forbidden');
        expect(res.body).not.toContain('canonical');
        const denials = await auditEntries(t, 'authz.denied');
        expect(denials.length).toBe(before + 1);
        const last = denials[denials.length - 1];
        expect(last?.actor_user_id).toBe(user.id);
        expect(last?.entry.details.requestedAction).toBe(action);
        expect(last?.outcome).toBe('denied');
      }
    }
  });

  it('without a session the answer is 401', async () => {
    const res = await new Client(t).get('/api/audit/entries');
    expect(res.statusCode).toBe(401);
  });
});

describe('search filters', () => {
  it('by user: a login ID or a user id; an unknown login ID finds nothing', async () => {
    const byLogin = await search(auditorClient, 'user=as-staff&limit=500');
    expect(byLogin.statusCode).toBe(200);
    expect(byLogin.data.entries.length).toBeGreaterThan(2);
    for (const e of byLogin.data.entries) {
      expect(e.actor.userId).toBe(staff.id);
      expect(e.actor.loginId).toBe('as-staff');
    }
    const byUpper = await search(auditorClient, 'user=AS-STAFF&limit=500');
    expect(byUpper.data.entries.map((e) => e.seq)).toEqual(byLogin.data.entries.map((e) => e.seq));
    const byId = await search(auditorClient, `user=${staff.id}&limit=500`);
    expect(byId.data.entries.map((e) => e.seq)).toEqual(byLogin.data.entries.map((e) => e.seq));
    const nobody = await search(auditorClient, 'user=nobody-here');
    expect(nobody.statusCode).toBe(200);
    expect(nobody.data.entries).toEqual([]);
    expect(nobody.data.nextBefore).toBeNull();
  });

  it('by unit', async () => {
    const res = await search(auditorClient, 'unit=AS2&limit=500');
    const users = new Set(res.data.entries.map((e) => e.actor.userId));
    expect(users).toEqual(new Set([staff.id, head.id]));
    for (const e of res.data.entries) expect(e.actor.unitCode).toBe('AS2');
  });

  it('by action: a prefix ending in "." or an action with those below it', async () => {
    const auth = await search(auditorClient, 'action=auth.&limit=500');
    expect(auth.data.entries.length).toBeGreaterThan(5);
    for (const e of auth.data.entries) expect(e.action.startsWith('auth.')).toBe(true);
    expect(new Set(auth.data.entries.map((e) => e.action)).size).toBeGreaterThan(1);

    const login = await search(auditorClient, 'action=auth.login&limit=500');
    expect(login.data.entries.length).toBeGreaterThan(0);
    for (const e of login.data.entries) expect(e.action).toBe('auth.login');

    const mfa = await search(auditorClient, 'action=auth.mfa&limit=500');
    for (const e of mfa.data.entries) expect(e.action.startsWith('auth.mfa.')).toBe(true);
    expect(mfa.data.entries.length).toBeGreaterThan(0);

    // "_" is not a wildcard.
    const wildcard = await search(auditorClient, 'action=auth_login');
    expect(wildcard.data.entries).toEqual([]);
  });

  it('by outcome', async () => {
    const failures = await search(auditorClient, 'outcome=failure&limit=500');
    expect(failures.data.entries.length).toBeGreaterThanOrEqual(2);
    for (const e of failures.data.entries) expect(e.outcome).toBe('failure');
    const wrongPassword = failures.data.entries.find((e) => e.actor.loginId === 'as-staff');
    expect(wrongPassword?.action).toBe('auth.login');
    expect(wrongPassword?.reason).toBe('bad_password');
    const denied = await search(auditorClient, 'outcome=denied&limit=500');
    for (const e of denied.data.entries) expect(e.outcome).toBe('denied');
    expect(denied.data.entries.some((e) => e.action === 'authz.denied')).toBe(true);
  });

  it('by target', async () => {
    const res = await search(auditorClient, 'target=YSD');
    expect(res.data.entries).toHaveLength(1);
    expect(res.data.entries[0]).toMatchObject({
      action: 'admin.unit.create',
      outcome: 'success',
      target: { type: 'unit', id: 'YSD', label: '𠮷田分室' },
      actor: { userId: admin.user.id, loginId: 'as-admin', unitCode: 'AS1' },
    });
  });

  it('by time range: instants, Japanese calendar days, and refusals of what is not a date', async () => {
    const all = await search(auditorClient, 'limit=500');
    const after = await search(auditorClient, `from=${encodeURIComponent(midpoint.toISOString())}&limit=500`);
    const upTo = await search(auditorClient, `to=${encodeURIComponent(midpoint.toISOString())}&limit=500`);
    expect(after.data.entries.length).toBeGreaterThan(0);
    expect(upTo.data.entries.length).toBeGreaterThan(0);
    for (const e of after.data.entries) expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(midpoint.getTime());
    for (const e of upTo.data.entries) expect(Date.parse(e.occurredAt)).toBeLessThanOrEqual(midpoint.getTime());
    // The two halves make the whole (entries written by these searches are newer than `all`).
    const halves = new Set([...after.data.entries, ...upTo.data.entries].map((e) => e.seq));
    for (const e of all.data.entries) expect(halves.has(e.seq)).toBe(true);

    // A date-time without an offset is Japan time: 10:00 JST on 1 April is the test's start.
    const jst = await search(auditorClient, `to=2026-04-01T09:59:59&limit=500`);
    expect(jst.data.entries).toEqual([]);

    // 2026-04-01 in Japan holds every event of the test (10:00 JST onwards); 31 March none.
    const day = await search(auditorClient, 'from=2026-04-01&to=2026-04-01&limit=500');
    expect(day.data.entries.length).toBeGreaterThanOrEqual(all.data.entries.length);
    const dayBefore = await search(auditorClient, 'from=2026-03-31&to=2026-03-31');
    expect(dayBefore.data.entries).toEqual([]);

    for (const bad of ['from=2026-02-30', 'to=yesterday', 'from=2026-04-01T25:00', 'from=2026-04-02&to=2026-04-01', 'from=']) {
      const res = await search(auditorClient, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(errorCode(res), bad).toBe('validation_failed');
    }
  });

  it('refuses bad input with 400, never a server error', async () => {
    for (const bad of [
      'limit=0',
      'limit=501',
      'limit=x',
      'outcome=maybe',
      'before=-1',
      'before=99999999999999999999',
      'unit=a%20b',
      'action=a%25',
    ]) {
      const res = await search(auditorClient, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(errorCode(res), bad).toBe('validation_failed');
    }
  });
});

describe('paging', () => {
  it('newest first; `before` walks back through every entry exactly once', async () => {
    const whole = await search(auditorClient, 'action=auth.&limit=500');
    const seqs = whole.data.entries.map((e) => BigInt(e.seq));
    expect([...seqs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(seqs);
    expect(whole.data.nextBefore).toBeNull();

    const walked: string[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const res = await search(auditorClient, `action=auth.&limit=3${before ? `&before=${before}` : ''}`);
      expect(res.data.entries.length).toBeLessThanOrEqual(3);
      walked.push(...res.data.entries.map((e) => e.seq));
      before = res.data.nextBefore;
      if (before === null) break;
      expect(before).toBe(res.data.entries[2]?.seq);
    }
    expect(walked).toEqual(whole.data.entries.map((e) => e.seq));
  });
});

describe('looking at the log is itself logged', () => {
  it('a search writes audit.search with the criteria and the number returned, before answering', async () => {
    const before = (await auditEntries(t, 'audit.search')).length;
    const res = await search(auditorClient, 'unit=AS2&action=auth.&outcome=success&limit=7');
    expect(res.statusCode).toBe(200);
    const entries = await auditEntries(t, 'audit.search');
    expect(entries.length).toBe(before + 1);
    const last = entries[entries.length - 1];
    expect(last?.actor_user_id).toBe(auditor.id);
    expect(last?.entry.outcome).toBe('success');
    expect(last?.entry.criteria).toEqual({ unit: 'AS2', action: 'auth.', outcome: 'success', limit: 7 });
    expect(last?.entry.details).toEqual({ returned: res.data.entries.length });
  });

  it('a view writes audit.view naming the entry; one that does not exist is 404 and recorded as a failure', async () => {
    const target = (await search(auditorClient, 'target=YSD')).data.entries[0];
    if (!target) throw new Error('no entry');
    const before = (await auditEntries(t, 'audit.view')).length;
    const res = await auditorClient.get(`/api/audit/entries/${target.seq}`);
    expect(res.statusCode).toBe(200);
    const views = await auditEntries(t, 'audit.view');
    expect(views.length).toBe(before + 1);
    expect(views[views.length - 1]).toMatchObject({ target_type: 'audit_entry', target_id: target.seq, outcome: 'success' });
    expect(views[views.length - 1]?.entry.criteria).toEqual({ seq: target.seq });

    const missing = await auditorClient.get('/api/audit/entries/999999999');
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    const after = await auditEntries(t, 'audit.view');
    expect(after[after.length - 1]).toMatchObject({ target_id: '999999999', outcome: 'failure' });

    for (const bad of ['abc', '-1', '1.5', '1234567890123456789012']) {
      const res = await auditorClient.get(`/api/audit/entries/${bad}`);
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('an export writes audit.export with the criteria', async () => {
    const before = (await auditEntries(t, 'audit.export')).length;
    const res = await admin.client.get('/api/audit/entries.csv?action=admin.unit.&from=2026-04-01');
    expect(res.statusCode).toBe(200);
    const exports = await auditEntries(t, 'audit.export');
    expect(exports.length).toBe(before + 1);
    const last = exports[exports.length - 1];
    expect(last?.actor_user_id).toBe(admin.user.id);
    expect(last?.entry.criteria).toEqual({ action: 'admin.unit.', from: '2026-04-01', format: 'csv-cp932' });
    expect(last?.entry.details).toMatchObject({ returned: 5, unencodable: 1, truncated: false });
  });
});

describe('entry detail', () => {
  it('answers the exact stored canonical JSON and its RFC 9162 leaf hash', async () => {
    const target = (await search(auditorClient, 'target=QTE')).data.entries[0];
    if (!target) throw new Error('no entry');
    const res = await auditorClient.get(`/api/audit/entries/${target.seq}`);
    expect(res.statusCode).toBe(200);
    const stored = await t.ctx.db.selectFrom('audit_events').select('canonical').where('seq', '=', target.seq).executeTakeFirstOrThrow();
    expect(res.data.canonical).toBe(stored.canonical);
    expect(res.data.entry).toEqual(target);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), Buffer.from(stored.canonical, 'utf8')]))
      .digest('base64');
    expect(res.data.leafHash).toBe(expected);
    expect(JSON.parse(res.data.canonical)).toMatchObject({ seq: Number(target.seq), action: 'admin.unit.create' });
  });
});

describe('CSV export for Excel (cp932)', () => {
  async function exportCsv(client: Client, query: string) {
    const res = await client.get(`/api/audit/entries.csv?${query}`);
    const text = iconv.decode(res.rawPayload, 'cp932');
    return { res, text, lines: text.split('\r\n') };
  }

  it('is Shift_JIS with a Japanese header, Japan-time dates, and an ASCII attachment name', async () => {
    const { res, text, lines } = await exportCsv(auditorClient, 'action=admin.unit.');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sekimori-audit-log-\d{8}-\d{6}\.csv"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(lines[0]).toBe('連番,日時,操作,結果,利用者ID,所属,対象種別,対象ID,対象名,理由');
    expect(text.endsWith('\r\n')).toBe(true);
    // Really cp932 bytes, not UTF-8: 監 is 0x8AC4 in Shift_JIS.
    expect(res.rawPayload.includes(Buffer.from([0x8a, 0xc4]))).toBe(true);
    expect(res.rawPayload.includes(Buffer.from('監', 'utf8'))).toBe(false);
    // AS2 was created by an operator at the command line (no unit); QTE by the administrator.
    expect(lines.find((l) => l.includes(',AS2,'))).toMatch(
      /^\d+,2026\/04\/01 10:\d{2}:\d{2},admin\.unit\.create,成功,test,,unit,AS2,警務課,$/,
    );
    expect(lines.find((l) => l.includes(',QTE,'))).toMatch(
      /^\d+,2026\/04\/01 10:\d{2}:\d{2},admin\.unit\.create,成功,as-admin,AS1,unit,QTE,/,
    );
    expect(res.headers['x-sekimori-rows']).toBe(String(lines.length - 2));
  });

  it('quotes commas and quotes, neutralises formulas, and counts characters outside cp932', async () => {
    const { res, text } = await exportCsv(auditorClient, 'action=admin.unit.');
    expect(text).toContain(',unit,QTE,"広報課,""広聴""係",');
    expect(text).toContain(",unit,FRM,'=SUM(A1),");
    expect(text).toContain(',unit,YSD,?田分室,');
    expect(res.headers['x-sekimori-unencodable']).toBe('1');

    const login = await exportCsv(auditorClient, 'action=auth.login&outcome=failure');
    expect(login.text).toContain(",auth.login,失敗,'=1+2,");
    expect(login.res.headers['x-sekimori-unencodable']).toBe('0');
  });

  it('takes the same filters as the search, and the same refusals', async () => {
    const { lines } = await exportCsv(auditorClient, 'target=YSD');
    expect(lines).toHaveLength(3);
    const empty = await exportCsv(auditorClient, 'user=nobody-here');
    expect(empty.lines).toEqual(['連番,日時,操作,結果,利用者ID,所属,対象種別,対象ID,対象名,理由', '']);
    const bad = await auditorClient.get('/api/audit/entries.csv?from=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('validation_failed');
  });
});

describe('the Cedar policy for the audit log', () => {
  const actions: AuthzAction[] = ['audit.search', 'audit.export', 'audit.status'];
  const person = (overrides: Partial<AuthzPrincipal>): AuthzPrincipal => ({
    userId: 'u-1',
    roles: [],
    managedUnitCodes: [],
    registrarUnitCodes: [],
    active: true,
    ...overrides,
  });

  it('permits 監査 and システム管理者 only, and never a disabled account', () => {
    for (const action of actions) {
      for (const roles of [['auditor'], ['system_admin'], ['csirt', 'auditor']]) {
        const decision = t.ctx.authorizer.decide(person({ roles }), action, { type: 'System' });
        expect(decision, `${action} ${roles}`).toEqual({
          allowed: true,
          policies: ['audit-log-access-by-auditor-or-system-administrator'],
        });
      }
      for (const who of [
        person({}),
        person({ roles: ['csirt', 'security_admin'] }),
        person({ managedUnitCodes: ['AS2'] }),
        person({ roles: ['auditor'], active: false }),
        person({ roles: ['system_admin'], active: false }),
      ]) {
        expect(t.ctx.authorizer.decide(who, action, { type: 'System' }).allowed, `${action} ${JSON.stringify(who)}`).toBe(false);
      }
    }
  });
});

describe('fail closed (AUD-1)', () => {
  it('a search, view or export whose own audit entry cannot be written answers 503 and no data', async () => {
    const seq = (await search(auditorClient, 'target=YSD')).data.entries[0]?.seq;
    await refuseAuditInserts(t, true);
    try {
      for (const url of ['/api/audit/entries?target=YSD', `/api/audit/entries/${seq}`, '/api/audit/entries.csv?target=YSD']) {
        const res = await auditorClient.get(url);
        expect(res.statusCode, url).toBe(503);
        expect(errorCode(res)).toBe('audit_unavailable');
        expect(res.body).not.toContain('YSD');
        expect(res.headers['content-disposition']).toBeUndefined();
      }
    } finally {
      await refuseAuditInserts(t, false);
    }
    expect((await search(auditorClient, 'target=YSD')).statusCode).toBe(200);
  });
});

describe('export size limit', () => {
  it('stops at the limit, reads in chunks, and says where to continue', async () => {
    const full = await exportCsvService(t.ctx, OPERATOR, { action: 'auth.' });
    expect(full.truncated).toBe(false);
    expect(full.nextBefore).toBeNull();
    expect(full.rows).toBeGreaterThan(7);

    const part = await exportCsvService(t.ctx, OPERATOR, { action: 'auth.' }, { maxRows: 7, chunk: 3 });
    expect(part.rows).toBe(7);
    expect(part.truncated).toBe(true);
    const lines = iconv.decode(part.bytes, 'cp932').split('\r\n');
    expect(lines).toHaveLength(9);
    expect(part.nextBefore).toBe(lines[7]?.split(',')[0]);
    const fullLines = iconv.decode(full.bytes, 'cp932').split('\r\n');
    expect(lines.slice(0, 8)).toEqual(fullLines.slice(0, 8));

    const rest = await exportCsvService(t.ctx, OPERATOR, { action: 'auth.', before: part.nextBefore ?? '' }, { chunk: 2 });
    const restLines = iconv.decode(rest.bytes, 'cp932').split('\r\n');
    expect([...lines.slice(0, 8), ...restLines.slice(1)]).toEqual(fullLines);
  });

  it('the route reports where to continue in x-sekimori-next-before only when cut short', async () => {
    const res = await auditorClient.get('/api/audit/entries.csv?target=YSD');
    expect(res.headers['x-sekimori-next-before']).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  it('documents the audit endpoints with their query parameters', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/audit/entries', '/api/audit/entries.csv', '/api/audit/entries/{seq}']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const names = (doc.paths['/api/audit/entries'].get.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`);
    for (const name of ['user', 'unit', 'action', 'target', 'outcome', 'from', 'to', 'before', 'limit'])
      expect(names).toContain(`query:${name}`);
  });
});
