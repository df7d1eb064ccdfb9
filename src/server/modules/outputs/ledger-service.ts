import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { excelCsv, tokyoDateTime } from '../../shared/excel-csv.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { assertMayRead, confirmableUnitCodes, mayReviewAll, notFound } from './access.js';
import { presentEvent, presentListed, presentMaterial } from './presenters.js';
import * as repo from './repo.js';
import { CONFIRM_OVERDUE_DAYS, overdueBefore, STATE_LABELS } from './rules.js';
import type { ListQuery } from './schema.js';

/** Reading the output ledger (OUT-2, OUT-3): lists, one material with its history, the overdue report, CSV. */

const DEFAULT_LIMIT = 500;

async function scopeOf(ctx: ServiceContext, actor: UserActor): Promise<repo.ListFilter['scope']> {
  if (mayReviewAll(ctx, actor)) return null;
  return { userId: actor.userId, unitIds: await repo.unitIdsByCode(ctx.db, confirmableUnitCodes(ctx, actor)) };
}

async function listRows(ctx: ServiceContext, actor: UserActor, q: ListQuery) {
  await authorize(ctx, actor, 'output.record', { type: 'System' });
  return repo.listMaterials(ctx.db, {
    scope: await scopeOf(ctx, actor),
    unitCode: q.unitCode,
    state: q.state,
    unconfirmedOnly: q.unconfirmed === 'true',
    from: q.from,
    to: q.to,
    limit: q.limit ?? DEFAULT_LIMIT,
  });
}

export async function list(ctx: ServiceContext, actor: UserActor, q: ListQuery) {
  const now = ctx.clock.now();
  const rows = await listRows(ctx, actor, q);
  return { overdueDays: CONFIRM_OVERDUE_DAYS, outputs: rows.map((r) => presentListed(r, now)) };
}

export async function show(ctx: ServiceContext, actor: UserActor, id: string) {
  const m = await repo.findMaterial(ctx.db, id);
  if (!m) throw notFound();
  await assertMayRead(ctx, actor, m);
  const [events, confirmations, copies] = await Promise.all([
    repo.eventsOf(ctx.db, id),
    repo.confirmationsOf(ctx.db, id),
    repo.copiesOf(ctx.db, id),
  ]);
  const byEvent = new Map(confirmations.map((c) => [c.event_id, c]));
  return {
    output: presentMaterial(m),
    events: events.map((e) => presentEvent(e, byEvent.get(e.id))),
    copies,
  };
}

/** OUT-3: per unit, how many handlings wait for confirmation longer than CONFIRM_OVERDUE_DAYS. */
export async function overdue(ctx: ServiceContext, actor: UserActor) {
  let unitIds: string[] | null = null;
  if (!mayReviewAll(ctx, actor)) {
    const managed = confirmableUnitCodes(ctx, actor);
    // Staff without a unit to keep are refused (and the refusal audited) by asking for the review right.
    if (managed.length === 0) await authorize(ctx, actor, 'output.review', { type: 'System' });
    unitIds = await repo.unitIdsByCode(ctx.db, managed);
  }
  const rows = await repo.overdueByUnit(ctx.db, overdueBefore(ctx.clock.now()), unitIds);
  return {
    overdueDays: CONFIRM_OVERDUE_DAYS,
    units: rows.map((r) => ({
      unitCode: r.unit_code,
      unitName: r.unit_name,
      events: r.events,
      materials: r.materials,
      oldestAt: new Date(r.oldest_at).toISOString(),
    })),
  };
}

const CSV_HEADER = [
  '出力資料番号',
  '作成日時',
  '所属',
  '適用業務',
  '種別',
  '根拠',
  '目的',
  '概要',
  '数量',
  '状態',
  '作成者',
  '最終記録日時',
  '未確認件数',
  '確認遅延',
];

const KIND_LABELS: Record<string, string> = { print: '印刷', export: '電子出力', temporary_output: '臨時出力', copy: '複写' };
const BASIS_LABELS: Record<string, string> = {
  application_purpose: '適用業務の目的',
  lawful_provision: '法令による交付',
  maintenance: '保守・試験',
  temporary_output: '臨時出力（様式第7）',
};

/** The ledger as a cp932 CSV with the same filters as the list; the export itself is audited. */
export async function csv(ctx: ServiceContext, actor: UserActor, q: ListQuery) {
  const now = ctx.clock.now();
  const rows = (await listRows(ctx, actor, q)).map((r) => presentListed(r, now));
  const file = excelCsv(
    CSV_HEADER,
    rows.map((r) => [
      r.number,
      tokyoDateTime(new Date(r.createdAt)),
      `${r.unitCode} ${r.unitName}`,
      `${r.applicationCode} ${r.applicationName}`,
      KIND_LABELS[r.kind] ?? r.kind,
      BASIS_LABELS[r.basis] ?? r.basis,
      r.purpose,
      r.summary,
      r.quantity,
      STATE_LABELS[r.state].ja,
      `${r.createdBy.name}（${r.createdBy.loginId}）`,
      tokyoDateTime(new Date(r.lastEventAt)),
      r.unconfirmedEvents,
      r.overdue ? '遅延' : '',
    ]),
  );
  await ctx.audit.record({
    action: 'output.ledger.exported',
    actor: auditActor(actor),
    target: { type: 'output_ledger', id: q.unitCode ?? '*' },
    outcome: 'success',
    criteria: { ...q },
    details: { rows: rows.length },
  });
  return { bytes: file.bytes, rows: rows.length, unencodable: file.unencodable };
}
