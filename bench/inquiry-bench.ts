/**
 * The inquiry figures (issue 5, APP-7, APP-8, AUD-1), on a real PostgreSQL server:
 * (a) audited queries over real HTTP (app.listen; keep-alive sockets from a worker thread) at 32 concurrent clients,
 *     beside the same route in the bench-only build without the audit step, in alternating slices
 *     (src/server/modules/inquiries/bench-only.ts — reachable from no config, env or CLI);
 *     targets: ≥ 1,000 audited queries/s and audited ≥ 60 % of unaudited;
 * (b) "who looked up this person" (GET /api/access-records?subjectId=…, its SQL) over 10,000,000
 *     inquiry_results rows generated with generate_series; target p95 < 100 ms.
 * INQUIRY_BENCH_ONLY=http|subject runs one part; INQUIRY_BENCH_RESULTS shrinks (b) while tuning.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { defaultConfig } from '../src/server/config.js';
import type { ServiceContext } from '../src/server/context.js';
import { type OpenDatabase, openDatabase } from '../src/server/db/database.js';
import { DEMO_APPLICATIONS } from '../src/server/modules/applications/demo-applications.js';
import { RECORD_SETS, recordDigest, searchColumns } from '../src/server/modules/applications/record-sets.js';
import type { JsonValue } from '../src/server/modules/audit/canonical-json.js';
import { accessRecords } from '../src/server/modules/inquiries/access-repo.js';
import { disableInquiryAuditForBench } from '../src/server/modules/inquiries/bench-only.js';
import * as org from '../src/server/modules/org/service.js';
import { postgresServer } from './postgres-server.js';
import { throwawayDatabase } from './throwaway-database.js';

const OPERATOR = { kind: 'system', via: 'cli', osUser: 'bench' } as const;
const CLIENTS = 32;
const SECONDS = 6;
/**
 * The audited and unaudited routes are measured in alternating slices of SECONDS / SLICES each, so
 * a change of this machine's speed during the run (it moves 2–3× within minutes) falls on both
 * sides of the ratio alike.
 */
const SLICES = 3;
const WARMUP_SECONDS = 2;
const USERS = 8;
const RECORDS = 10_000;
const RESULTS = Number(process.env.INQUIRY_BENCH_RESULTS ?? 10_000_000);
const RESULTS_PER_INQUIRY = 10;
const SUBJECTS = 1_000_000;
const SUBJECT_SAMPLES = 300;
const only = process.env.INQUIRY_BENCH_ONLY;

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISS';
}

interface Fresh {
  url: string;
  database: OpenDatabase;
  /** The server's login user (a superuser): bulk generation outside the runtime role. */
  owner: pg.Pool;
  close(): Promise<void>;
}

async function freshDatabase(serverUrl: string): Promise<Fresh> {
  const target = await throwawayDatabase(serverUrl, 'sekimori_inqbench');
  const database = await openDatabase({ url: target.url, poolSize: 20 });
  const owner = new pg.Pool({ connectionString: target.url, max: 2 });
  return {
    url: target.url,
    database,
    owner,
    close: async () => {
      await owner.end();
      await database.close();
      await target.drop();
    },
  };
}

/** The LIC application, RECORDS licence records, and USERS onboarded users holding a LIC right. */
interface Seeded {
  applicationId: string;
  licenceNumbers: string[];
  userIds: string[];
  /** Login ID → temporary password. */
  passwords: Map<string, string>;
}

async function seed(ctx: ServiceContext): Promise<Seeded> {
  const def = DEMO_APPLICATIONS.find((d) => d.code === 'LIC');
  if (!def) throw new Error('LIC missing');
  const now = new Date();
  const application = await ctx.db
    .insertInto('applications')
    .values({
      code: def.code,
      name: def.name,
      state: 'active',
      personal_information: true,
      classification: def.classification,
      business_unit_id: null,
      particulars: JSON.stringify({ ...def.particulars, recordSet: def.recordSet, criteria: def.criteria }),
      access_criteria: JSON.stringify(def.accessCriteria),
      purpose_codes: JSON.stringify(def.purposeCodes),
      max_people: def.maxPeople,
      output_check: def.outputCheck,
      version: 1,
      request_id: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const licenceNumbers: string[] = [];
  for (let from = 0; from < RECORDS; from += 1_000) {
    const rows = Array.from({ length: 1_000 }, (_, k) => {
      const i = from + k;
      const licenceNumber = String(970_000_000_000 + i);
      licenceNumbers.push(licenceNumber);
      const data = RECORD_SETS.licence.schema.parse({
        name: `計測 ${i}号`,
        nameKana: 'ケイソク タロウ',
        birthDate: '1980-01-01',
        address: '架空県見本市一丁目1番1号',
        licenceNumber,
        licenceClasses: ['普通'],
        issuedOn: '2024-06-01',
        validUntil: '2029-06-17',
        status: '有効',
      }) as Record<string, unknown>;
      const id = randomUUID();
      const subjectId = randomUUID();
      return {
        id,
        application_id: application.id,
        record_set: 'licence',
        subject_id: subjectId,
        ...searchColumns('licence', data),
        data: JSON.stringify(data),
        digest: recordDigest(id, 'licence', subjectId, data as JsonValue),
        import_id: null,
        created_at: now,
      };
    });
    await ctx.db.insertInto('app_records').values(rows).execute();
  }
  await org.createUnit(ctx, OPERATOR, { code: 'IB1', name: '照会計測課', kind: 'division' });
  const userIds: string[] = [];
  const passwords = new Map<string, string>();
  for (let i = 0; i < USERS; i++) {
    const created = await org.createUser(ctx, OPERATOR, { loginId: `inq-bench-${i}`, name: `計測 照会${i}`, unitCode: 'IB1' });
    const assignment = await ctx.db
      .selectFrom('user_assignments')
      .select(['id', 'unit_id'])
      .where('user_id', '=', created.user.id)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('use_rights')
      .values({
        user_id: created.user.id,
        application_id: application.id,
        kind: 'regular',
        unit_id: assignment.unit_id,
        assignment_id: assignment.id,
        contract_id: null,
        access_scope: '照会のみ',
        dispatch_name: null,
        valid_from: '2020-01-01',
        valid_to: null,
        grant_request_id: null,
        paperwork_due_on: null,
        registered_by: null,
        registered_at: now,
      })
      .execute();
    userIds.push(created.user.id);
    passwords.set(`inq-bench-${i}`, created.temporaryPassword);
  }
  return { applicationId: application.id, licenceNumbers, userIds, passwords };
}

/** Logs the bench users in through the gates (password change, notice): one session each. */
async function sessions(app: FastifyInstance, passwords: Map<string, string>): Promise<{ cookie: string; csrf: string }[]> {
  const out: { cookie: string; csrf: string }[] = [];
  for (const [loginId, temporary] of passwords) {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { loginId, password: temporary } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const csrf = login.json().csrfToken as string;
    // The policy refuses a password holding the login ID.
    const next = `Kz7#bench-inquiry-river-${randomBytes(4).toString('hex')}`;
    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: temporary, newPassword: next },
    });
    if (changed.statusCode !== 204) throw new Error(`password change of ${loginId}: ${changed.body}`);
    await app.inject({ method: 'POST', url: '/api/me/notice-acknowledgement', headers: { cookie, 'x-csrf-token': csrf } });
    passwords.set(loginId, next);
    out.push({ cookie, csrf });
  }
  return out;
}

/**
 * The load generator runs in a worker thread: the clients of a real deployment are other machines,
 * so they must not take the server's event loop. Like wrk, each client is one keep-alive HTTP/1.1
 * connection over a plain socket with just enough parsing to check every answer (status 200, and
 * for a query exactly one result). fetch() kept a core of the two busy at about 200 requests/s
 * (profiled), which measured the client more than the server. Plain JavaScript.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { port, path, sessions, bodies, clients, seconds } = workerData;
function client(c, end, tally) {
  return new Promise((resolve, reject) => {
    const session = sessions[c % sessions.length];
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let i = c * 7919;
    let buffer = Buffer.alloc(0);
    let isPost = false;
    const send = () => {
      if (performance.now() >= end) { socket.end(); finish(null); return; }
      const body = bodies.length > 0 ? bodies[i++ % bodies.length] : null;
      isPost = body !== null;
      const head = (isPost ? 'POST ' : 'GET ') + path + ' HTTP/1.1\\r\\nhost: 127.0.0.1\\r\\ncookie: ' + session.cookie +
        (isPost ? '\\r\\ncontent-type: application/json\\r\\nx-csrf-token: ' + session.csrf + '\\r\\ncontent-length: ' + Buffer.byteLength(body) : '') +
        '\\r\\n\\r\\n';
      socket.write(isPost ? head + body : head);
    };
    let done = false;
    const finish = (error) => { if (done) return; done = true; if (error) reject(error); else resolve(); };
    socket.on('connect', send);
    socket.on('error', finish);
    // A server closing a keep-alive connection mid-run is a failure of the run, not a hang.
    socket.on('close', () => finish(performance.now() < end ? new Error('server closed a connection during the run') : null));
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      const headerEnd = buffer.indexOf('\\r\\n\\r\\n');
      if (headerEnd < 0) return;
      const headers = buffer.subarray(0, headerEnd).toString('latin1');
      const match = /\\r\\ncontent-length: *(\\d+)/i.exec(headers);
      // Every answer of these routes carries a length; anything else is reported, not guessed at.
      if (!match) { finish(new Error('answer without content-length: ' + headers.slice(0, 300))); socket.destroy(); return; }
      const total = headerEnd + 4 + Number(match[1]);
      if (buffer.length < total) return;
      const status = Number(headers.slice(9, 12));
      const text = buffer.subarray(headerEnd + 4, total).toString('utf8');
      buffer = buffer.subarray(total);
      const ok = status === 200 && (!isPost || JSON.parse(text).count === 1);
      if (!ok) { tally.failures++; if (tally.first === null) tally.first = status + ' ' + text.slice(0, 300); }
      tally.n++;
      send();
    });
  });
}
(async () => {
  const tally = { n: 0, failures: 0, first: null };
  const start = performance.now();
  const end = start + seconds * 1000;
  try {
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c, end, tally)));
  } catch (error) {
    tally.failures++;
    tally.first = tally.first ?? String(error.message);
  }
  parentPort.postMessage({ n: tally.n, failures: tally.failures, first: tally.first, ms: performance.now() - start });
})();
`;

interface Measured {
  n: number;
  ms: number;
}

function perSecond(m: Measured): number {
  return (m.n / m.ms) * 1000;
}

async function load(
  base: string,
  path: string,
  sessions: { cookie: string; csrf: string }[],
  bodies: string[],
  seconds: number,
): Promise<Measured> {
  const result = await new Promise<{ n: number; failures: number; first: string | null; ms: number }>((resolve, reject) => {
    const port = Number(new URL(base).port);
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { port, path, sessions, bodies, clients: CLIENTS, seconds } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (result.failures > 0) throw new Error(`${result.failures} of ${result.n} requests to ${path} failed; first: ${result.first}`);
  return { n: result.n, ms: result.ms };
}

/** CLIENTS loops of GET /api/me (session, person, gates): the floor of any business request. */
function driveMe(base: string, who: { cookie: string; csrf: string }[], seconds: number): Promise<Measured> {
  return load(base, '/api/me', who, [], seconds);
}

/** CLIENTS loops of POST /api/inquiries over real HTTP, each for one licence number; queries per second. */
function drive(base: string, who: { cookie: string; csrf: string }[], licenceNumbers: string[], seconds: number): Promise<Measured> {
  const bodies = licenceNumbers.map((licenceNumber) =>
    JSON.stringify({ applicationCode: 'LIC', purpose: { code: 'traffic_enforcement', text: '計測' }, criteria: { licenceNumber } }),
  );
  return load(base, '/api/inquiries', who, bodies, seconds);
}

async function benchHttp(fresh: Fresh): Promise<void> {
  const config = defaultConfig({ mode: 'test', rateLimit: { authPerMinute: 1_000_000, globalPerMinute: 100_000_000 } });
  const audited = await buildApp({ config, database: fresh.database, logger: false });
  const unaudited = await buildApp({ config, database: fresh.database, logger: false });
  // The bench-only build: this call is the only way in.
  disableInquiryAuditForBench(unaudited.ctx);
  const seeded = await seed(audited.ctx);
  const who = await sessions(audited.app, seeded.passwords);
  await audited.app.listen({ port: 0, host: '127.0.0.1' });
  await unaudited.app.listen({ port: 0, host: '127.0.0.1' });
  const url = (app: FastifyInstance) => {
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  };
  try {
    await drive(url(audited.app), who, seeded.licenceNumbers, WARMUP_SECONDS);
    await drive(url(unaudited.app), who, seeded.licenceNumbers, WARMUP_SECONDS);
    const sides = { audited: { n: 0, ms: 0 }, unaudited: { n: 0, ms: 0 } };
    for (let slice = 0; slice < SLICES; slice++) {
      for (const [side, app] of [
        ['audited', audited.app],
        ['unaudited', unaudited.app],
      ] as const) {
        const m = await drive(url(app), who, seeded.licenceNumbers, SECONDS / SLICES);
        sides[side].n += m.n;
        sides[side].ms += m.ms;
      }
    }
    const withAudit = perSecond(sides.audited);
    const withoutAudit = perSecond(sides.unaudited);
    const me = perSecond(await driveMe(url(audited.app), who, SECONDS));
    const ratio = withAudit / withoutAudit;
    console.log(
      `inquiries (PostgreSQL, HTTP, ${CLIENTS} clients): audited ${Math.round(withAudit).toLocaleString('en')}/s ${verdict(withAudit >= 1_000)} (target ≥ 1,000/s) | ` +
        `without the audit step (bench-only build) ${Math.round(withoutAudit).toLocaleString('en')}/s | ratio ${(ratio * 100).toFixed(0)} % ${verdict(ratio >= 0.6)} (target ≥ 60 %) | ` +
        `for scale, GET /api/me on the same server ${Math.round(me).toLocaleString('en')}/s`,
    );
  } finally {
    await audited.app.close();
    await unaudited.app.close();
  }
}

/** (b) RESULTS inquiry_results rows over SUBJECTS people, then the access-records subject query. */
async function benchSubject(fresh: Fresh): Promise<void> {
  const config = defaultConfig({ mode: 'test' });
  const built = await buildApp({ config, database: fresh.database, logger: false });
  const { userIds, applicationId } = await (async () => {
    const existing = await built.ctx.db.selectFrom('applications').select('id').where('code', '=', 'LIC').executeTakeFirst();
    if (existing) {
      const users = await built.ctx.db.selectFrom('users').select('id').where('login_id', 'like', 'inq-bench-%').execute();
      return { applicationId: existing.id, userIds: users.map((u) => u.id) };
    }
    const s = await seed(built.ctx);
    return { applicationId: s.applicationId, userIds: s.userIds };
  })();
  const unit = await built.ctx.db.selectFrom('units').select('id').where('code', '=', 'IB1').executeTakeFirstOrThrow();
  const inquiries = Math.ceil(RESULTS / RESULTS_PER_INQUIRY);
  const chunk = 250_000;
  const t0 = performance.now();
  const base = Date.parse('2026-01-01T00:00:00Z');
  // A bulk load as an operator would do it: foreign-key triggers off for this session, the result
  // table's two indexes dropped and built again afterwards with the migration's exact definitions
  // (20261124T0200_inquiries.ts), which is several times faster than 10 million random inserts into
  // them and leaves the same index the query uses.
  const loader = new pg.Client({ connectionString: fresh.url });
  await loader.connect();
  try {
    await loader.query(`SET session_replication_role = replica`);
    await loader.query(`SET maintenance_work_mem = '256MB'`);
    await loader.query(`ALTER TABLE inquiry_results DROP CONSTRAINT inquiry_results_pkey`);
    await loader.query(`DROP INDEX inquiry_results_subject`);
    for (let from = 1; from <= inquiries; from += chunk) {
      const to = Math.min(inquiries, from + chunk - 1);
      // Deterministic ids (md5 of the number) so results point at their inquiry without a lookup;
      // subjects spread over SUBJECTS people, about RESULTS / SUBJECTS look-ups each.
      await loader.query(
        `INSERT INTO inquiries (id, audit_seq, user_id, unit_id, application_id, purpose_code, purpose_text, case_number, criteria, result_count, queried_at)
         SELECT md5('i' || g)::uuid, 1000000 + g, ($3::uuid[])[1 + g % cardinality($3::uuid[])], $4, $5,
                'traffic_enforcement', '計測用の照会', NULL, '{"licenceNumber":"970000000000"}'::jsonb, ${RESULTS_PER_INQUIRY},
                to_timestamp($6 / 1000.0) + g * interval '150 milliseconds'
           FROM generate_series($1::int, $2::int) AS g`,
        [from, to, userIds, unit.id, applicationId, base],
      );
      await loader.query(
        `INSERT INTO inquiry_results (record_id, inquiry_id, subject_id, queried_at)
         SELECT md5('r' || g || '-' || j)::uuid, md5('i' || g)::uuid,
                md5('s' || ((g::bigint * 7919 + j * 104729) % ${SUBJECTS}))::uuid,
                to_timestamp($3 / 1000.0) + g * interval '150 milliseconds'
           FROM generate_series($1::int, $2::int) AS g, generate_series(1, ${RESULTS_PER_INQUIRY}) AS j`,
        [from, to, base],
      );
      process.stdout.write(
        `\r  generating inquiry_results: ${(to * RESULTS_PER_INQUIRY).toLocaleString('en')} / ${RESULTS.toLocaleString('en')}`,
      );
    }
    process.stdout.write('\n  building the indexes of inquiry_results\n');
    await loader.query(`ALTER TABLE inquiry_results ADD PRIMARY KEY (record_id, inquiry_id)`);
    await loader.query(`CREATE INDEX inquiry_results_subject ON inquiry_results(subject_id, queried_at) WHERE subject_id IS NOT NULL`);
    await loader.query('ANALYZE inquiries');
    await loader.query('ANALYZE inquiry_results');
  } finally {
    await loader.end();
  }
  const generated = (performance.now() - t0) / 1000;
  const latencies: number[] = [];
  let rows = 0;
  for (let i = 0; i < SUBJECT_SAMPLES + 20; i++) {
    const subject = await sql<{ id: string }>`SELECT md5(${`s${(i * 3331) % SUBJECTS}`})::uuid::text AS id`.execute(built.ctx.db);
    const subjectId = subject.rows[0]?.id ?? '';
    const s0 = performance.now();
    const found = await accessRecords(built.ctx.db, { subjectId }, 101);
    const elapsed = performance.now() - s0;
    // The first queries warm the caches and are not counted.
    if (i >= 20) {
      latencies.push(elapsed);
      rows += found.length;
    }
  }
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 0.5);
  const p95 = percentile(latencies, 0.95);
  console.log(
    `access records by subject (PostgreSQL, ${RESULTS.toLocaleString('en')} inquiry_results, generated in ${generated.toFixed(0)} s): ` +
      `p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms ${verdict(p95 < 100)} (target p95 < 100 ms), ${(rows / SUBJECT_SAMPLES).toFixed(1)} rows per person`,
  );
  await built.app.close();
}

export async function benchInquiries(): Promise<void> {
  const [l1, l5] = loadavg();
  console.log(`inquiries: load average ${l1?.toFixed(2)} / ${l5?.toFixed(2)} (1/5 min) on this machine while measuring`);
  const target = postgresServer('inquiries');
  if (!target) {
    console.log('inquiries: skipped (no PostgreSQL server: set TEST_DATABASE_URL or DATABASE_URL)');
    return;
  }
  try {
    const fresh = await freshDatabase(target.url);
    try {
      if (only === undefined || only === 'http') await benchHttp(fresh);
      if (only === undefined || only === 'subject') await benchSubject(fresh);
    } finally {
      await fresh.close();
    }
  } finally {
    target.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchInquiries();
