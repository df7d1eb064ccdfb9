import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { excelCsv, tokyoDateTime } from '../../shared/excel-csv.js';
import { type Actor, auditActor, type UserActor } from '../identity/actor.js';
import { findUnitByCode } from '../org/repo.js';
import { evaluateRight } from './check.js';
import * as repo from './repo.js';

const DAY = 86_400_000;

export const KIND_LABELS = { regular: '通常', dispatch: '派遣', emergency: '緊急' } as const;

function presentRight(r: repo.RightListRow) {
  return {
    id: r.id,
    holder: { loginId: r.login_id, name: r.user_name },
    application: { code: r.application_code, name: r.application_name },
    unit: { code: r.unit_code, name: r.unit_name },
    kind: r.kind,
    accessScope: r.access_scope,
    dispatchName: r.dispatch_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    paperworkDueOn: r.paperwork_due_on,
    grantRequestNumber: r.grant_request_number,
    registeredAt: r.registered_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    endReason: r.end_reason,
  };
}

/**
 * The caller's own open rights, each with whether it can be used today and, if not, why (the same
 * rules the inquiry applies), so a member of staff sees before querying what they may query.
 */
export async function myRights(ctx: ServiceContext, actor: UserActor) {
  const today = tokyoDate(ctx.clock.now());
  const facts = await repo.openRightFactsOfUser(ctx.db, actor.userId);
  const holder = { assignmentId: actor.assignmentId, unitId: actor.unit?.id ?? null };
  const rights = [];
  for (const f of facts) {
    const elsewhere =
      f.employmentType === 'contractor' && f.contract === null
        ? await repo.hasContractCovering(ctx.db, actor.userId, f.applicationCode, today)
        : false;
    const reason = evaluateRight(f, holder, today, elsewhere);
    rights.push({
      id: f.right.id,
      applicationCode: f.applicationCode,
      applicationName: f.applicationName,
      kind: f.right.kind,
      accessScope: f.right.access_scope,
      dispatchName: f.right.dispatch_name,
      validFrom: f.right.valid_from,
      validTo: f.right.valid_to,
      paperworkDueOn: f.right.paperwork_due_on,
      usable: reason === null,
      reason,
    });
  }
  return { rights };
}

async function requireUnit(ctx: ServiceContext, code: string) {
  const unit = await findUnitByCode(ctx.db, code);
  if (!unit) throw new AppError('not_found');
  return unit;
}

/** APP-3: who holds which right at a unit — its managers and registrar, 総務部長, システム管理者, 監査. */
export async function unitRights(ctx: ServiceContext, actor: Actor, unitCode: string, includeEnded: boolean) {
  await authorize(ctx, actor, 'rights.read', { type: 'Unit', code: unitCode });
  const unit = await requireUnit(ctx, unitCode);
  const rows = await repo.rightsOfUnit(ctx.db, unit.id, includeEnded);
  return { unit: { code: unit.code, name: unit.name }, rights: rows.map(presentRight) };
}

/**
 * APP-3 第5-2(4) (見直し): open rights not used for `days` days — no inquiry by the holder on that
 * application since then — so unit heads can apply for their removal.
 */
export async function unusedRights(ctx: ServiceContext, actor: Actor, days: number) {
  await authorize(ctx, actor, 'rights.report', { type: 'System' });
  const since = new Date(ctx.clock.now().getTime() - days * DAY);
  const rows = await repo.unusedRights(ctx.db, since);
  return {
    days,
    since: since.toISOString(),
    rights: rows.map((r) => ({ ...presentRight(r), lastQueriedAt: r.last_queried_at ? new Date(r.last_queried_at).toISOString() : null })),
  };
}

const CSV_HEADER = [
  'ユーザID',
  '氏名',
  '適用業務コード',
  '適用業務名',
  '所属',
  '区分',
  'アクセスの範囲',
  '派遣先',
  '利用開始日',
  '利用期限',
  '書面提出期限',
  '付与申請番号',
  '登録日時',
  '終了日時',
  '終了事由',
];

/** The unit view as CSV for Excel (cp932); an export of who may see personal information is audited. */
export async function unitRightsCsv(ctx: ServiceContext, actor: Actor, unitCode: string) {
  const { unit, rights } = await unitRights(ctx, actor, unitCode, false);
  const rows = rights.map((r) => [
    r.holder.loginId,
    r.holder.name,
    r.application.code,
    r.application.name,
    r.unit.name,
    KIND_LABELS[r.kind],
    r.accessScope,
    r.dispatchName,
    r.validFrom,
    r.validTo,
    r.paperworkDueOn,
    r.grantRequestNumber,
    tokyoDateTime(new Date(r.registeredAt)),
    r.endedAt ? tokyoDateTime(new Date(r.endedAt)) : '',
    r.endReason,
  ]);
  const { bytes, unencodable } = excelCsv(CSV_HEADER, rows);
  await ctx.audit.record({
    action: 'rights.export',
    actor: auditActor(actor),
    target: { type: 'unit', id: unit.code },
    outcome: 'success',
    criteria: { unit: unit.code, format: 'csv-cp932' },
    details: { rows: rows.length },
  });
  const stamp = tokyoDate(ctx.clock.now()).replaceAll('-', '');
  return { bytes, unencodable, rows: rows.length, filename: `sekimori-rights-${unit.code}-${stamp}.csv` };
}
