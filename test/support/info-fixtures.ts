import { randomUUID } from 'node:crypto';
import { DEMO_APPLICATIONS } from '../../src/server/modules/applications/demo-applications.js';
import { RECORD_SETS, type RecordSetCode, recordDigest, searchColumns } from '../../src/server/modules/applications/record-sets.js';
import type { JsonValue } from '../../src/server/modules/audit/canonical-json.js';
import type { TestApp } from './test-app.js';

/**
 * Direct fixtures for the information-management tests of queries and ledgers: applications,
 * records and use rights written straight into the tables, as the approved requests would leave
 * them. The approval path itself is tested in test/info/applications*.test.ts and rights*.test.ts.
 */

export async function insertDemoApplications(t: TestApp, codes: string[] = ['LIC', 'VEH', 'LOST']): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const at = t.clock.now();
  for (const def of DEMO_APPLICATIONS.filter((d) => codes.includes(d.code))) {
    const row = await t.ctx.db
      .insertInto('applications')
      .values({
        code: def.code,
        name: def.name,
        state: 'active',
        personal_information: def.personalInformation,
        classification: def.classification,
        business_unit_id: null,
        particulars: JSON.stringify({ ...def.particulars, recordSet: def.recordSet, criteria: def.criteria }),
        access_criteria: JSON.stringify(def.accessCriteria),
        purpose_codes: JSON.stringify(def.purposeCodes),
        max_people: def.maxPeople,
        output_check: def.outputCheck,
        version: 1,
        request_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[def.code] = row.id;
  }
  return ids;
}

/** Inserts validated records; returns their ids in order. */
export async function insertRecords(
  t: TestApp,
  applicationId: string,
  recordSet: RecordSetCode,
  rows: { subjectId?: string | null; data: Record<string, unknown> }[],
): Promise<string[]> {
  const ids: string[] = [];
  const at = t.clock.now();
  for (const row of rows) {
    const data = RECORD_SETS[recordSet].schema.parse(row.data) as Record<string, unknown>;
    const id = randomUUID();
    const subjectId = row.subjectId ?? null;
    await t.ctx.db
      .insertInto('app_records')
      .values({
        id,
        application_id: applicationId,
        record_set: recordSet,
        subject_id: subjectId,
        ...searchColumns(recordSet, data),
        data: JSON.stringify(data),
        digest: recordDigest(id, recordSet, subjectId, data as JsonValue),
        import_id: null,
        created_at: at,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

/** A regular use right for the user's current assignment, valid from `from` (YYYY-MM-DD). */
export async function grantUseRight(
  t: TestApp,
  userId: string,
  applicationId: string,
  options: { kind?: 'regular' | 'dispatch' | 'emergency'; from?: string; to?: string | null; unitId?: string } = {},
): Promise<string> {
  const assignment = await t.ctx.db
    .selectFrom('user_assignments')
    .select(['id', 'unit_id'])
    .where('user_id', '=', userId)
    .where('valid_to', 'is', null)
    .orderBy('valid_from', 'desc')
    .executeTakeFirstOrThrow();
  const row = await t.ctx.db
    .insertInto('use_rights')
    .values({
      user_id: userId,
      application_id: applicationId,
      kind: options.kind ?? 'regular',
      unit_id: options.unitId ?? assignment.unit_id,
      assignment_id: options.kind === 'dispatch' ? null : assignment.id,
      contract_id: null,
      access_scope: '照会のみ',
      dispatch_name: options.kind === 'dispatch' ? '試験特別捜査本部' : null,
      valid_from: options.from ?? '2026-01-01',
      valid_to: options.to ?? null,
      grant_request_id: null,
      paperwork_due_on: null,
      registered_by: null,
      registered_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A synthetic licence record (names are made up; numbers are not real licence numbers). */
export function licence(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '試験 花子',
    nameKana: 'シケン ハナコ',
    birthDate: '1990-05-17',
    address: '架空県見本市一丁目1番1号',
    licenceNumber: '990012345678',
    licenceClasses: ['普通'],
    issuedOn: '2024-06-01',
    validUntil: '2029-06-17',
    status: '有効',
    ...over,
  };
}
