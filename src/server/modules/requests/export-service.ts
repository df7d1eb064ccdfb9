import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { excelCsv, tokyoDateTime } from '../../shared/excel-csv.js';
import { type Actor, auditActor, type UserActor } from '../identity/actor.js';
import { POSTS } from '../org/catalog.js';
import { findUnitByCode, findUserByLogin } from '../org/repo.js';
import { loadAuthorized, type RequestBundle } from './access.js';
import type { FormDecision, RequestDocument, RequestTypeCode } from './contract.js';
import { renderPermitPdf, renderRequestPdf } from './forms/render.js';
import type { RequestSummary } from './presenters.js';
import { inbox, type ListQuery, listAll, listMine } from './query-service.js';
import * as records from './records-repo.js';
import * as registers from './registers-repo.js';
import * as repo from './repo.js';
import * as routeRepo from './route-repo.js';

export const STATE_LABELS: Record<string, string> = {
  draft: '下書き',
  submitted: '申請中',
  returned: '差戻し',
  approved: '承認',
  rejected: '却下',
  withdrawn: '取下げ',
  expired: '期限切れ',
  cancelled: '取消',
};

const CSV_HEADER = [
  '申請番号',
  '様式',
  '申請種別',
  '件名',
  '状態',
  '申請者ID',
  '申請者',
  '所属',
  '対象者ID',
  '対象者',
  '現在の段階',
  '期限',
  '期限超過',
  '口頭申請',
  '書面提出期限',
  '書面提出',
  '作成日時',
  '申請日時',
  '決裁日時',
  '有効期限',
];

const when = (iso: string | null) => (iso ? tokyoDateTime(new Date(iso)) : '');

function csvRow(s: RequestSummary): (string | null)[] {
  return [
    s.number,
    s.type.form,
    s.type.name.ja,
    s.title,
    STATE_LABELS[s.state] ?? s.state,
    s.applicant?.loginId ?? '',
    s.applicant?.name ?? '',
    s.applicantUnit?.name ?? '',
    s.beneficiary?.loginId ?? '',
    s.beneficiary?.name ?? '',
    s.currentStages.map((c) => c.label.ja).join('・'),
    when(s.dueAt),
    s.overdue ? '超過' : '',
    s.emergency ? when(s.emergency.oralAt) : '',
    s.emergency ? when(s.emergency.paperworkDueAt) : '',
    s.emergency
      ? s.emergency.paperworkDoneAt
        ? when(s.emergency.paperworkDoneAt)
        : s.emergency.paperworkOverdue
          ? '未提出（超過）'
          : '未提出'
      : '',
    when(s.createdAt),
    when(s.submittedAt),
    when(s.decidedAt),
    s.validTo ?? '',
  ];
}

export type CsvScope = 'mine' | 'inbox' | 'all';

/** Any list as CSV for Excel (cp932, formula-neutralised), through the shared exporter the audit log uses. */
export async function exportCsv(ctx: ServiceContext, actor: Actor, scope: CsvScope, q: ListQuery) {
  let rows: RequestSummary[];
  if (scope === 'all') rows = (await listAll(ctx, actor, q)).requests;
  else if (actor.kind !== 'user')
    throw new AppError('validation_failed', { ja: '操作員は全件のみ出力できます。', en: 'Operators export all requests only.' });
  else if (scope === 'mine') rows = (await listMine(ctx, actor, q)).requests;
  else rows = (await inbox(ctx, actor)).items.map((i) => i.request);
  const { bytes, unencodable } = excelCsv(CSV_HEADER, rows.map(csvRow));
  await ctx.audit.record({
    action: 'request.export',
    actor: auditActor(actor),
    target: { type: 'requests', id: scope },
    outcome: 'success',
    criteria: { scope, type: q.type ?? null, state: q.state ?? null, format: 'csv-cp932' },
    details: { rows: rows.length },
  });
  const stamp = tokyoDate(ctx.clock.now()).replaceAll('-', '');
  return { bytes, unencodable, rows: rows.length, filename: `sekimori-requests-${scope}-${stamp}.csv` };
}

/** Display names for codes printed on the form (units, people), as the forms helper asked. */
async function fieldDisplay(db: repo.Db, fields: Record<string, unknown>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    if (key.endsWith('UnitCode')) {
      const unit = await findUnitByCode(db, value);
      if (unit) out[key] = unit.name;
    } else if (key.endsWith('LoginId')) {
      const user = await findUserByLogin(db, value);
      if (user) out[key] = user.name;
    }
  }
  return out;
}

/** The presenter for the forms: everything a 様式 prints, from the request and its trail. */
export async function buildDocument(ctx: ServiceContext, b: RequestBundle): Promise<RequestDocument> {
  const r = b.request;
  const settings = await ctx.settings.get();
  const date = tokyoDate(ctx.clock.now());
  const ids = [r.applicant_id, r.beneficiary_id, ...b.decisions.flatMap((d) => [d.decider_id, d.on_behalf_of_id])].filter(
    (x): x is string => x !== null,
  );
  const people = new Map((await repo.peopleByIds(ctx.db, ids)).map((p) => [p.id, p]));
  const [unit] = await repo.unitsByIds(ctx.db, [r.applicant_unit_id]);
  const posts = (await routeRepo.postsOfUser(ctx.db, r.applicant_id, date)).filter((p) => p.unitId === r.applicant_unit_id);
  const post = POSTS.find((p) => p.code === posts[0]?.post)?.[settings.organizationType]?.ja;
  const applicant = people.get(r.applicant_id);
  const beneficiary = r.beneficiary_id ? people.get(r.beneficiary_id) : undefined;
  const decisions: FormDecision[] = b.decisions.map((d) => {
    const stage = b.stages.find((s) => s.id === d.stage_id);
    const behalf = d.on_behalf_of_id ? people.get(d.on_behalf_of_id) : undefined;
    return {
      stage: stage?.label_ja ?? d.decider_post,
      decision: d.decision,
      deciderName: people.get(d.decider_id)?.name ?? '',
      deciderPost: d.decider_post,
      ...(behalf ? { onBehalfOfName: behalf.name } : {}),
      decidedAt: d.decided_at,
      ...(d.comment ? { comment: d.comment } : {}),
      ...(d.override_reason ? { overrideReason: d.override_reason } : {}),
    };
  });
  const permit = await registers.permitOf(ctx.db, r.id);
  const lend = await records.lendRecordsOf(ctx.db, r.id);
  const lendRecord: NonNullable<RequestDocument['lendRecord']> = [];
  for (const l of lend) {
    if (l.event === 'lent') lendRecord.push({ lentAt: l.at });
    const line = lendRecord.at(-1);
    if (!line) continue;
    if (l.event === 'returned') line.returnedAt = l.at;
    if (l.event === 'confirmed') line.confirmedBy = l.actor_name;
  }
  return {
    typeCode: r.type_code as RequestTypeCode,
    requestNumber: r.number,
    state: r.state as RequestDocument['state'],
    fields: r.fields,
    applicant: {
      name: applicant?.name ?? '',
      loginId: applicant?.login_id ?? '',
      unitName: unit?.name ?? '',
      ...(post ? { postName: post } : {}),
    },
    ...(beneficiary ? { beneficiary: { name: beneficiary.name, loginId: beneficiary.login_id, unitName: unit?.name ?? '' } } : {}),
    ...(r.submitted_at ? { submittedAt: r.submitted_at } : {}),
    ...(r.emergency && r.oral_at && r.paperwork_due_at
      ? {
          emergency: {
            oralAt: r.oral_at,
            paperworkDueAt: r.paperwork_due_at,
            ...(r.paperwork_done_at ? { paperworkDoneAt: r.paperwork_done_at } : {}),
          },
        }
      : {}),
    decisions,
    ...(permit
      ? {
          permit: {
            number: permit.number,
            validFrom: new Date(`${permit.valid_from}T00:00:00+09:00`),
            validTo: new Date(`${permit.valid_to}T00:00:00+09:00`),
          },
        }
      : {}),
    ...(r.type_code === 'isk1_take_out' ? { lendRecord } : {}),
    fieldDisplay: await fieldDisplay(ctx.db, r.fields),
    organisationName: settings.organizationName,
  };
}

/** The request's form (様式) as PDF, or for an approved bring-in its 持込許可証 (ISK 別記様式第3号). */
export async function requestPdf(ctx: ServiceContext, actor: UserActor, id: string, kind: 'form' | 'permit') {
  const { bundle } = await loadAuthorized(ctx, actor, id, 'request.read');
  const doc = await buildDocument(ctx, bundle);
  if (kind === 'permit' && !doc.permit) {
    throw new AppError('not_found', { ja: 'この申請には持込許可証がありません。', en: 'This request has no permit.' });
  }
  const bytes = kind === 'permit' ? await renderPermitPdf(doc) : await renderRequestPdf(doc);
  await ctx.audit.record({
    action: kind === 'permit' ? 'request.permit.pdf' : 'request.pdf',
    actor: auditActor(actor),
    target: { type: 'request', id: bundle.request.id, label: bundle.request.number },
    outcome: 'success',
    details: { bytes: bytes.length },
  });
  const name = kind === 'permit' ? `permit-${bundle.request.number}` : bundle.request.number;
  return { bytes, filename: `${name}.pdf` };
}
