import type { RequestTypeCode } from '../../src/server/modules/requests/contract.js';
import { onboardPeople, type People, type PersonSpec } from '../support/people.js';
import { type Client, createUnit, type TestApp } from '../support/test-app.js';

export { relogAll } from '../support/people.js';

/**
 * A small synthetic police organisation for the approval tests:
 * ST1 中央警察署 (applicants), ST2 北警察署 (host of a dispatch), SEIAN 生活安全課 (a business unit),
 * SOUMU 総務部 (総務部長), JOHO 情報管理課 (システム管理者, 情報セキュリティ管理者).
 */
export type Org = People;

const PEOPLE: PersonSpec[] = [
  { key: 'staff1', unit: 'ST1' },
  { key: 'staff2', unit: 'ST1' },
  { key: 'head1', unit: 'ST1', posts: ['unit_head'] },
  { key: 'head2', unit: 'ST2', posts: ['unit_head'] },
  { key: 'outsider', unit: 'ST2' },
  { key: 'headSeian', unit: 'SEIAN', posts: ['unit_head'] },
  { key: 'headSoumu', unit: 'SOUMU', posts: ['unit_head'] },
  { key: 'gad', unit: 'SOUMU', roles: ['general_affairs_director'] },
  { key: 'soumuStaff', unit: 'SOUMU' },
  { key: 'sysadmin', unit: 'JOHO', roles: ['system_admin'] },
  { key: 'secadmin', unit: 'JOHO', roles: ['security_admin'] },
  { key: 'auditor', unit: 'SOUMU', roles: ['auditor'] },
  { key: 'contractor', unit: 'ST1' },
];

export async function setUpOrg(t: TestApp, only?: readonly string[]): Promise<Org> {
  await createUnit(t, 'HQ', '県警察本部');
  await createUnit(t, 'ST1', '中央警察署', 'HQ');
  await createUnit(t, 'ST2', '北警察署', 'HQ');
  await createUnit(t, 'SEIAN', '生活安全課', 'HQ');
  await createUnit(t, 'SOUMU', '総務部', 'HQ');
  await createUnit(t, 'JOHO', '情報管理課', 'HQ');
  return onboardPeople(t, PEOPLE, only);
}

/** Valid fields of every type (the forms helper's schemas), with overrides. */
export function fieldsFor(code: RequestTypeCode, over: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<RequestTypeCode, Record<string, unknown>> = {
    aic1_app_development: {
      applicationName: '遺失物照会',
      applicationCode: 'LOST01',
      consultedOn: '2026-03-20',
      necessityAndEffect: '窓口での照会を迅速にする。',
      impactOnOtherWork: 'なし',
      resources: '担当 2 名、端末 4 台',
      developmentFrom: '2026-05-01',
      developmentTo: '2026-09-30',
      securityMeasures: '利用権者を限定する。',
      accessHoldersAndScope: '会計課職員、照会のみ',
      terminalPlacesAndCount: '会計課 4 台',
    },
    aic2_app_change: {
      kind: 'change',
      applicationCode: 'LOST01',
      applicationName: '遺失物照会',
      reason: '項目追加',
      changeDescription: '拾得場所の項目を追加',
      effectiveOn: '2026-06-01',
      necessityAndEffect: '照会精度の向上',
      impactOnOtherWork: 'なし',
    },
    aic3_registrar: { action: 'designate', beneficiaryLoginId: 'staff2', section: '警務課庶務係', effectiveOn: '2026-04-01' },
    aic4_use_right: {
      action: 'grant',
      beneficiaryLoginId: 'staff2',
      applicationCode: 'LOST01',
      accessScope: '照会のみ',
      reason: '遺失物担当となったため',
      effectiveOn: '2026-04-01',
    },
    aic5_dispatch_use_right: {
      action: 'grant',
      beneficiaryLoginId: 'staff2',
      applicationCode: 'LOST01',
      hostUnitCode: 'ST2',
      dispatchName: '北署管内強盗事件特別捜査本部',
      accessScope: '照会のみ',
      reason: '捜査本部派遣',
      dispatchFrom: '2026-04-01',
      dispatchTo: '2026-06-30',
    },
    aic6_input_processing: {
      applicationCode: 'LOST01',
      inputMaterial: '遺失届 120 件',
      processingContent: '一括入力',
      quantity: '120 件',
      containsPersonalInformation: true,
      desiredBy: '2026-04-20',
      afterUse: 'return',
    },
    aic7_temporary_output: {
      applicationCode: 'LOST01',
      businessUnitCode: 'SEIAN',
      purpose: '統計作成',
      outputContent: '月別件数',
      outputMedium: 'paper',
      quantity: '1 部',
      containsPersonalInformation: false,
      desiredBy: '2026-04-20',
      afterUse: 'dispose',
    },
    isk1_take_out: {
      contractorName: '株式会社サンプル保守',
      responsiblePerson: '保守 太郎',
      information: '障害ログ',
      medium: 'USBメモリ（暗号化）',
      purpose: '障害解析',
      returnDueOn: '2026-04-10',
    },
    isk2_bring_in: {
      kind: 'new',
      contractorName: '株式会社サンプル保守',
      responsiblePerson: '保守 太郎',
      place: '本部サーバ室',
      handlerDepartment: '保守部',
      handlerName: '保守 次郎',
      purpose: '定期保守',
      periodFrom: '2026-04-01',
      periodTo: '2026-04-30',
      maker: 'サンプル電機',
      modelAndSerial: 'NB-100 / SN12345',
      osVersion: 'Windows 11',
      antivirus: 'サンプルAV 2026',
      applications: '保守ツール',
    },
    edo_exception: {
      emergency: false,
      rule: '7.1(3)② 外部記録媒体の使用制限',
      measure: '暗号化USBでのデータ移送',
      reason: 'ネットワーク障害のため',
      periodFrom: '2026-04-01',
      periodTo: '2026-04-07',
    },
    external_service: {
      serviceName: 'サンプル会議',
      provider: 'サンプル社',
      serviceKind: 'cloud',
      termsBased: true,
      purpose: '庁外との会議',
      handlingLevel: '機密性1',
      managerLoginId: 'staff1',
      securityMeasures: 'アカウント管理',
      endOfUseDeletion: 'アカウント削除',
      periodFrom: '2026-04-01',
    },
  };
  return { ...base[code], ...over };
}

/** Creates and submits a request through the API; returns its id. */
export async function submitted(client: Client, code: RequestTypeCode, over: Record<string, unknown> = {}): Promise<string> {
  const created = await client.post('/api/requests', { typeCode: code, fields: fieldsFor(code, over) });
  if (created.statusCode !== 201) throw new Error(`create ${code}: ${created.body}`);
  const id = created.data.request.id as string;
  const sub = await client.post(`/api/requests/${id}/submit`);
  if (sub.statusCode !== 200) throw new Error(`submit ${code}: ${sub.body}`);
  return id;
}

/** Counts rows of a table for one request (to prove a refusal changed nothing). */
export async function rowCount(
  t: TestApp,
  table: 'request_decisions' | 'request_history' | 'request_effects_pending' | 'request_permits' | 'external_services',
  requestId: string,
): Promise<number> {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function denials(t: TestApp, requestId: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['canonical', 'actor_user_id'])
    .where('action', '=', 'authz.denied')
    .where('target_id', '=', requestId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ actor: r.actor_user_id, entry: JSON.parse(r.canonical) as Record<string, any> }));
}
