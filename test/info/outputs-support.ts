import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { grantUseRight, insertDemoApplications, insertRecords, licence } from '../support/info-fixtures.js';
import { onboardPeople, type People, type PersonSpec } from '../support/people.js';
import { type Client, createUnit, type TestApp } from '../support/test-app.js';

export { relogAll } from '../support/people.js';

/**
 * A small organisation for the output-ledger tests (APP-9, OUT-1 … OUT-7): O1 出力課 (staff with
 * rights, its head and information manager), O2 他課 (another unit's head), BIZ 業務主管課 (LIC's
 * business unit), JOHO (システム管理者), SOUMU (総務部長, 監査).
 */
export interface OutputOrg extends People {
  apps: Record<string, string>;
  units: Record<string, string>;
  records: { hanako: string; lost: string };
}

const PEOPLE: PersonSpec[] = [
  { key: 'staff', unit: 'O1' },
  { key: 'staff2', unit: 'O1' },
  { key: 'head1', unit: 'O1', posts: ['unit_head'] },
  { key: 'mgr1', unit: 'O1', posts: ['info_manager'] },
  { key: 'head2', unit: 'O2', posts: ['unit_head'] },
  { key: 'bizStaff', unit: 'BIZ' },
  { key: 'outsider', unit: 'O2' },
  { key: 'gad', unit: 'SOUMU', roles: ['general_affairs_director'] },
  { key: 'auditor', unit: 'SOUMU', roles: ['auditor'] },
  { key: 'sysadmin', unit: 'JOHO', roles: ['system_admin'] },
];

export async function setUpOutputs(t: TestApp, only?: readonly string[]): Promise<OutputOrg> {
  const units: Record<string, string> = {};
  for (const [code, name] of [
    ['O1', '出力課'],
    ['O2', '他課'],
    ['BIZ', '業務主管課'],
    ['JOHO', '情報管理課'],
    ['SOUMU', '総務部'],
  ] as const) {
    const created = await createUnit(t, code, name);
    units[code] = created.id;
  }
  const apps = await insertDemoApplications(t);
  await t.ctx.db
    .updateTable('applications')
    .set({ business_unit_id: units.BIZ ?? null })
    .where('code', '=', 'LIC')
    .execute();
  const [hanako = ''] = await insertRecords(t, apps.LIC ?? '', 'licence', [{ subjectId: randomUUID(), data: licence() }]);
  const [lost = ''] = await insertRecords(t, apps.LOST ?? '', 'lost_property', [
    {
      subjectId: randomUUID(),
      data: {
        reportNumber: 'L-2026-0001',
        kind: '遺失届',
        reporterName: '試験 太郎',
        reporterKana: 'シケン タロウ',
        reporterAddress: '架空県見本市二丁目2番2号',
        item: '財布',
        place: '見本駅',
        occurredOn: '2026-03-30',
        reportedOn: '2026-03-31',
        status: '受理',
      },
    },
  ]);
  const org: OutputOrg = Object.assign(await onboardPeople(t, PEOPLE, only), { apps, units, records: { hanako, lost } });
  const staff = org.users.staff;
  if (staff) {
    await grantUseRight(t, staff.id, apps.LIC ?? '');
    await grantUseRight(t, staff.id, apps.LOST ?? '');
  }
  return org;
}

/** A real 照会 through POST /api/inquiries (APP-7): the licence of 試験 花子. */
export async function runInquiry(client: Client): Promise<string> {
  const res = await client.post('/api/inquiries', {
    applicationCode: 'LIC',
    purpose: { code: 'traffic_enforcement', text: '交通違反の取締りにおける免許確認' },
    criteria: { name: '試験 花子', birthDate: '1990-05-17' },
  });
  if (res.statusCode !== 200) throw new Error(`inquiry failed: ${res.body}`);
  return res.data.inquiryId as string;
}

/**
 * A query-log row written directly (as POST /api/inquiries leaves it), for cases the endpoint cannot
 * give at will: an old inquiry, or one of an application whose criteria this test does not model.
 */
export async function insertInquiry(
  t: TestApp,
  input: { userId: string; unitId: string; applicationId: string; recordIds: string[]; queriedAt?: Date },
): Promise<string> {
  const id = randomUUID();
  const at = input.queriedAt ?? t.clock.now();
  await t.ctx.db
    .insertInto('inquiries')
    .values({
      id,
      audit_seq: '0',
      user_id: input.userId,
      unit_id: input.unitId,
      application_id: input.applicationId,
      purpose_code: 'lost_property',
      purpose_text: '遺失物の返還のための確認',
      case_number: null,
      criteria: JSON.stringify({ reportNumber: 'L-2026-0001' }),
      result_count: input.recordIds.length,
      queried_at: at,
    })
    .execute();
  for (const recordId of input.recordIds) {
    await t.ctx.db
      .insertInto('inquiry_results')
      .values({ record_id: recordId, inquiry_id: id, subject_id: null, queried_at: at })
      .execute();
  }
  return id;
}

export function decodeCp932(body: Buffer): string {
  return iconv.decode(body, 'cp932');
}

export async function countRows(
  t: TestApp,
  table: 'output_materials' | 'output_events' | 'output_confirmations' | 'manuals' | 'manual_events',
) {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An approved 様式7 with its queued effect, as the approval leaves them (requests module). */
export async function queueTemporaryOutput(t: TestApp, applicantId: string, unitId: string): Promise<string> {
  const at = t.clock.now();
  const fields = {
    applicationCode: 'LIC',
    businessUnitCode: 'BIZ',
    purpose: '交通安全講習の対象者名簿の作成',
    outputContent: '免許有効期限が令和8年中の者',
    outputMedium: 'paper',
    quantity: '1部',
    containsPersonalInformation: true,
    desiredBy: '2026-04-10',
    afterUse: 'dispose',
  };
  const request = await t.ctx.db
    .insertInto('requests')
    .values({
      number: `R2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`,
      type_code: 'aic7_temporary_output',
      state: 'approved',
      applicant_id: applicantId,
      applicant_unit_id: unitId,
      beneficiary_id: null,
      fields: JSON.stringify(fields),
      created_at: at,
      updated_at: at,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  const effect = await t.ctx.db
    .insertInto('request_effects_pending')
    .values({
      request_id: request.id,
      type_code: 'aic7_temporary_output',
      effect: 'temporary_output',
      payload: JSON.stringify({ requestNumber: request.number, applicantId, beneficiaryId: null, fields }),
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return effect.id;
}
