import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { ManualRow } from '../../db/schema-information.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { withAuditedRefusal } from './access.js';
import * as mrepo from './manuals-repo.js';
import { findApplicationByCode } from './repo.js';
import type { ManualEventInput } from './schema.js';

/**
 * The manuals ledger (取扱説明書, OUT-7, AIC 第9): every manual with its delivery, receipt, copy,
 * return, storage and disposal. Everyone reads the ledger ('manual.read'); システム管理者 and 総務部長
 * keep it ('manual.manage'). A manual is handed only to people involved in its application.
 */

function manualNotFound(): AppError {
  return new AppError('not_found', { ja: '取扱説明書が見つかりません。', en: 'No such manual.' });
}

function presentManual(m: mrepo.ManualView) {
  return {
    id: m.id,
    number: m.number,
    applicationCode: m.application_code,
    applicationName: m.application_name,
    title: m.title,
    unitCode: m.unit_code,
    unitName: m.unit_name,
    copies: m.copies,
    state: m.state,
    registeredAt: m.registered_at.toISOString(),
    lastEventAt: m.last_event_at.toISOString(),
  };
}

export async function list(ctx: ServiceContext, actor: UserActor) {
  await authorize(ctx, actor, 'manual.read', { type: 'System' });
  return { manuals: (await mrepo.listManuals(ctx.db)).map(presentManual) };
}

export async function show(ctx: ServiceContext, actor: UserActor, id: string) {
  await authorize(ctx, actor, 'manual.read', { type: 'System' });
  const m = await mrepo.findManual(ctx.db, id);
  if (!m) throw manualNotFound();
  const events = await mrepo.manualEvents(ctx.db, id);
  return {
    manual: presentManual(m),
    events: events.map((e) => ({
      id: e.id,
      seq: e.seq,
      kind: e.kind,
      at: e.at.toISOString(),
      handler: { loginId: e.handler_login_id, name: e.handler_name },
      recipient: e.recipient_login_id ? { loginId: e.recipient_login_id, name: e.recipient_name } : null,
      quantity: e.quantity,
      place: e.place,
      method: e.method,
      note: e.note,
    })),
  };
}

export async function register(ctx: ServiceContext, actor: UserActor, input: { applicationCode: string; title: string; copies: number }) {
  await authorize(ctx, actor, 'manual.manage', { type: 'System' });
  const application = await findApplicationByCode(ctx.db, input.applicationCode);
  if (!application) throw new AppError('not_found', { ja: '適用業務が見つかりません。', en: 'No such application.' });
  const unit = actor.unit;
  if (!unit)
    throw new AppError('invalid_state', { ja: '所属のない利用者は登録できません。', en: 'A user without a unit cannot register.' });
  const now = ctx.clock.now();
  const created = await ctx.db.transaction().execute(async (tx) => {
    const number = await mrepo.nextManualNumber(tx, now);
    const manual = await mrepo.insertManual(tx, {
      number,
      application_id: application.id,
      title: input.title,
      unit_id: unit.id,
      copies: input.copies,
      state: 'held',
      registered_by: actor.userId,
      registered_at: now,
      last_event_at: now,
    });
    await mrepo.appendManualEvent(tx, {
      manual_id: manual.id,
      kind: 'create',
      at: now,
      handler_id: actor.userId,
      recipient_id: null,
      quantity: input.copies,
      place: null,
      method: null,
      note: null,
    });
    await ctx.audit.record(
      {
        action: 'manual.registered',
        actor: auditActor(actor),
        target: { type: 'manual', id: manual.id, label: number },
        outcome: 'success',
        details: { number, applicationCode: application.code, title: input.title, copies: input.copies },
      },
      { tx },
    );
    return manual.id;
  });
  return show(ctx, actor, created);
}

function refusal(ja: string, en: string): AppError {
  return new AppError('invalid_state', { ja, en });
}

export async function recordEvent(ctx: ServiceContext, actor: UserActor, id: string, input: ManualEventInput) {
  await authorize(ctx, actor, 'manual.manage', { type: 'System' });
  const m = await mrepo.findManual(ctx.db, id);
  if (!m) throw manualNotFound();
  return withAuditedRefusal(ctx, actor, { type: 'manual', id }, 'manual.event', () =>
    ctx.db.transaction().execute(async (tx) => {
      const locked = await mrepo.lockManual(tx, id);
      if (!locked) throw manualNotFound();
      if (locked.state === 'disposed')
        throw refusal('廃棄済みの取扱説明書には記録できません。', 'A disposed manual takes no further entries.');
      const now = ctx.clock.now();
      let recipientId: string | null = null;
      if (input.kind === 'deliver') {
        if (!input.recipientLoginId)
          throw new AppError('validation_failed', { ja: '交付先が必要です。', en: 'A delivery needs a recipient.' });
        const recipient = await mrepo.findActiveUserByLogin(tx, input.recipientLoginId);
        const application = await findApplicationByCode(tx, m.application_code);
        // OUT-7 (AIC 第9-1): security-sensitive content goes only to people involved in the application.
        if (!recipient || !application || !(await mrepo.isInvolved(tx, recipient.id, application, tokyoDate(now)))) {
          throw refusal(
            '交付先は当該適用業務の関係者（業務利用権の保有者・業務主管課の職員・システム管理者）に限られます。',
            'A manual is delivered only to people involved in its application.',
          );
        }
        recipientId = recipient.id;
      }
      if (input.kind === 'store' && !input.place)
        throw new AppError('validation_failed', { ja: '保管場所が必要です。', en: 'Storage needs a place.' });
      if (input.kind === 'dispose' && !input.method)
        throw new AppError('validation_failed', { ja: '廃棄方法が必要です。', en: 'A disposal needs its method.' });
      let copies = locked.copies;
      let state: ManualRow['state'] = locked.state;
      if (input.kind === 'copy') copies += input.quantity ?? 1;
      if (input.kind === 'dispose') {
        const n = input.quantity ?? copies;
        if (n > copies) throw refusal('保有部数を超えて廃棄できません。', 'Cannot dispose of more copies than are held.');
        if (n === copies) state = 'disposed';
        else copies -= n;
      }
      const event = await mrepo.appendManualEvent(tx, {
        manual_id: id,
        kind: input.kind,
        at: now,
        handler_id: actor.userId,
        recipient_id: recipientId,
        quantity: input.quantity ?? null,
        place: input.place ?? null,
        method: input.method ?? null,
        note: input.note ?? null,
      });
      await mrepo.updateManual(tx, id, { state, copies, last_event_at: now });
      await ctx.audit.record(
        {
          action: 'manual.event',
          actor: auditActor(actor),
          target: { type: 'manual', id, label: locked.number },
          outcome: 'success',
          details: {
            kind: input.kind,
            seq: event.seq,
            recipientLoginId: input.recipientLoginId ?? null,
            quantity: input.quantity ?? null,
            place: input.place ?? null,
            method: input.method ?? null,
            copiesAfter: copies,
            stateAfter: state,
          },
        },
        { tx },
      );
      return { eventId: event.id, seq: event.seq, state, copies };
    }),
  );
}
