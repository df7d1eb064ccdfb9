import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { type Watermark, watermarkFor } from '../inquiries/watermark.js';
import { findUsableRight } from '../rights/check.js';
import { deny } from './access.js';
import { exportCsv, type OutputRecord, outputRecords } from './output-file.js';
import * as repo from './repo.js';
import { EXPORT_WINDOW_HOURS } from './rules.js';

/**
 * Export and print of an inquiry's results (APP-9, OUT-1, OUT-2). The material exists only with its
 * ledger entry: number, material, its 'create' event and the audit entry commit in one transaction,
 * and the file or print view is answered only after that commit (fail closed).
 */

export interface ExportInput {
  purpose?: string | undefined;
  quantity?: number | undefined;
}

interface Produced {
  materialId: string;
  number: string;
  watermark: Watermark;
  records: OutputRecord[];
  meta: { applicationCode: string; applicationName: string; purpose: string };
}

async function produce(
  ctx: ServiceContext,
  actor: UserActor,
  inquiryId: string,
  kind: 'export' | 'print',
  input: ExportInput,
): Promise<Produced> {
  await authorize(ctx, actor, 'output.record', { type: 'System' });
  const inquiry = await repo.findInquiry(ctx.db, inquiryId);
  const target = { type: 'inquiry', id: inquiryId };
  if (!inquiry) throw new AppError('not_found', { ja: '照会が見つかりません。', en: 'No such inquiry.' });
  // APP-9: results leave the screen only in the hands of the person who asked and saw them.
  if (inquiry.user_id !== actor.userId) {
    await deny(ctx, actor, target, `output.${kind}`, 'not_inquiry_owner', new AppError('forbidden'));
  }
  const now = ctx.clock.now();
  if (now.getTime() - inquiry.queried_at.getTime() > EXPORT_WINDOW_HOURS * 3_600_000) {
    await deny(
      ctx,
      actor,
      target,
      `output.${kind}`,
      'export_window_passed',
      new AppError('invalid_state', {
        ja: `照会から${EXPORT_WINDOW_HOURS}時間を過ぎた結果は出力できません。改めて照会してください。`,
        en: `Results older than ${EXPORT_WINDOW_HOURS} hours cannot be output; query again.`,
      }),
    );
  }
  // OUT-1, APP-7: an output is a further use of the records — only while the application is in
  // operation and the person still holds a usable right for it (not after a transfer or removal).
  if (inquiry.application_state !== 'active') {
    await deny(ctx, actor, target, `output.${kind}`, `application_${inquiry.application_state}`, new AppError('invalid_state'));
  }
  const right = await findUsableRight(ctx.db, actor, inquiry.application_id, tokyoDate(now));
  if (!right.ok) await deny(ctx, actor, target, `output.${kind}`, `no_use_right:${right.reason}`, new AppError('no_use_right'));
  const unit = actor.unit;
  if (!unit) {
    return deny(
      ctx,
      actor,
      target,
      `output.${kind}`,
      'no_unit',
      new AppError('invalid_state', { ja: '所属のない利用者は出力できません。', en: 'A user without a unit cannot output.' }),
    );
  }
  const quantity = input.quantity ?? 1;
  // OUT-1: the purpose stays the one stated for the inquiry; what is given here only details it.
  const purpose = input.purpose ? `${inquiry.purpose_text}（${input.purpose}）` : inquiry.purpose_text;
  const rows = await repo.inquiryRecords(ctx.db, inquiry.id);
  const records = outputRecords(rows);
  const meta = { applicationCode: inquiry.application_code, applicationName: inquiry.application_name, purpose };

  return ctx.db.transaction().execute(async (tx) => {
    const number = await repo.nextOutputNumber(tx, now);
    const material = await repo.insertMaterial(tx, {
      number,
      application_id: inquiry.application_id,
      unit_id: unit.id,
      inquiry_id: inquiry.id,
      request_id: null,
      copy_of: null,
      basis: 'application_purpose',
      kind,
      purpose,
      summary: `${inquiry.application_name} 照会結果 ${records.length}件（${kind === 'export' ? 'CSV' : '印刷'}）`,
      quantity,
      check_mode: inquiry.output_check,
      state: 'held',
      created_by: actor.userId,
      created_at: now,
      last_event_at: now,
    });
    await repo.appendEvent(tx, {
      material_id: material.id,
      kind: 'create',
      at: now,
      handler_id: actor.userId,
      quantity,
      recipient: null,
      means: null,
      method: null,
      note: null,
      approval: null,
      countermeasure: null,
      place: null,
    });
    await ctx.audit.record(
      {
        action: 'output.created',
        actor: auditActor(actor),
        target: { type: 'output_material', id: material.id, label: number },
        outcome: 'success',
        purpose: { code: inquiry.purpose_code, text: purpose },
        details: {
          kind,
          number,
          inquiryId: inquiry.id,
          inquiryAuditSeq: inquiry.audit_seq,
          recordIds: records.map((r) => r.id),
          quantity,
          basis: 'application_purpose',
          checkMode: inquiry.output_check,
        },
      },
      { tx },
    );
    return { materialId: material.id, number, watermark: watermarkFor(actor, now, number), records, meta };
  });
}

export async function exportResults(ctx: ServiceContext, actor: UserActor, inquiryId: string, input: ExportInput) {
  const p = await produce(ctx, actor, inquiryId, 'export', input);
  const file = exportCsv(p.watermark, p.meta, p.records);
  return { number: p.number, materialId: p.materialId, bytes: file.bytes, unencodable: file.unencodable, rows: p.records.length };
}

export async function printResults(ctx: ServiceContext, actor: UserActor, inquiryId: string, input: ExportInput) {
  const p = await produce(ctx, actor, inquiryId, 'print', input);
  return { number: p.number, materialId: p.materialId, watermark: p.watermark, purpose: p.meta.purpose, records: p.records };
}
