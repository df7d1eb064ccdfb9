import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantUseRight } from '../support/info-fixtures.js';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { auditEntries, lastEntry } from './inquiry-support.js';
import {
  countRows,
  decodeCp932,
  insertInquiry,
  type OutputOrg,
  queueTemporaryOutput,
  relogAll,
  runInquiry,
  setUpOutputs,
} from './outputs-support.js';

/**
 * The output ledger over HTTP (APP-9, APP-11, OUT-1 … OUT-6): export and print make exactly one
 * ledger entry under a watermark; handlings follow the rules of AIC 第8; the unit head confirms,
 * nobody else; pre-delivery mode; 様式7 once only; overdue report. Every refusal is audited.
 */
let t: TestApp;
let o: OutputOrg;

beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOutputs(t);
});
afterAll(async () => t?.close());

async function exportOne(quantity = 1) {
  const inquiryId = await runInquiry(o.c('staff'));
  const res = await o.c('staff').post(`/api/inquiries/${inquiryId}/export`, { quantity });
  expect(res.statusCode).toBe(200);
  const number = decodeURIComponent(String(res.headers['x-output-number']));
  const row = await t.ctx.db.selectFrom('output_materials').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
  return { inquiryId, res, number, id: row.id };
}

async function eventsOf(materialId: string) {
  return t.ctx.db.selectFrom('output_events').selectAll().where('material_id', '=', materialId).orderBy('seq').execute();
}

describe('export and print of query results (APP-9, OUT-1, OUT-2)', () => {
  it('APP-9/OUT-2: export writes exactly one material, one create event and the audit entry; the cp932 CSV starts with the watermark', async () => {
    const before = { m: await countRows(t, 'output_materials'), e: await countRows(t, 'output_events') };
    const inquiryId = await runInquiry(o.c('staff'));
    const res = await o.c('staff').post(`/api/inquiries/${inquiryId}/export`, { quantity: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const number = decodeURIComponent(String(res.headers['x-output-number']));
    expect(number).toMatch(/^出第2026-\d{6}号$/);
    expect(await countRows(t, 'output_materials')).toBe(before.m + 1);
    expect(await countRows(t, 'output_events')).toBe(before.e + 1);

    const m = await t.ctx.db.selectFrom('output_materials').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      inquiry_id: inquiryId,
      kind: 'export',
      basis: 'application_purpose',
      purpose: '交通違反の取締りにおける免許確認',
      quantity: 2,
      check_mode: 'unit_head',
      state: 'held',
      unit_id: o.units.O1,
      created_by: o.u('staff').id,
    });
    const events = await eventsOf(m.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, kind: 'create', quantity: 2, handler_id: o.u('staff').id });

    const csv = decodeCp932(res.rawPayload);
    const lines = csv.split('\r\n');
    expect(lines[0]).toContain('個人情報出力資料');
    expect(lines[0]).toContain('staff');
    expect(lines[1]).toBe('閲覧者,試験 staff');
    expect(lines[2]).toBe('ログインID,staff');
    expect(lines[3]).toBe('所属,出力課');
    expect(lines[4]).toMatch(/^出力日時,令和8年4月1日 \d{2}:\d{2}$/);
    expect(lines[5]).toMatch(/^端末,/);
    expect(lines[6]).toBe(`出力資料番号,${number}`);
    expect(csv).toContain(o.records.hanako);
    expect(csv).toContain('990012345678');
    expect(csv).toContain('正常');

    const entry = (await auditEntries(t, 'output.created')).at(-1);
    const inquiry = await t.ctx.db.selectFrom('inquiries').select('audit_seq').where('id', '=', inquiryId).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      outcome: 'success',
      target: { type: 'output_material', id: m.id },
      purpose: { code: 'traffic_enforcement', text: '交通違反の取締りにおける免許確認' },
      details: { kind: 'export', number, inquiryId, inquiryAuditSeq: inquiry.audit_seq, recordIds: [o.records.hanako], quantity: 2 },
    });
  });

  it('APP-9/OUT-2: print records the same kind of ledger entry and answers the watermark and records for the print view', async () => {
    const inquiryId = await runInquiry(o.c('staff'));
    const res = await o.c('staff').post(`/api/inquiries/${inquiryId}/print`, { purpose: '講習対象者の確認' });
    expect(res.statusCode).toBe(201);
    expect(res.data.number).toMatch(/^出第2026-\d{6}号$/);
    expect(res.data.watermark).toMatchObject({ name: '試験 staff', loginId: 'staff', unit: '出力課', number: res.data.number });
    expect(res.data.watermark.text).toContain(res.data.number);
    expect(res.data.records).toHaveLength(1);
    expect(res.data.records[0]).toMatchObject({ id: o.records.hanako, integrity: 'ok' });
    const m = await t.ctx.db.selectFrom('output_materials').selectAll().where('id', '=', res.data.materialId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ kind: 'print', purpose: '交通違反の取締りにおける免許確認（講習対象者の確認）', quantity: 1 });
  });

  it('OUT-2: numbers are consecutive without gaps', async () => {
    const a = await exportOne();
    const b = await exportOne();
    const seq = (n: string) => Number(/-(\d{6})号$/.exec(n)?.[1]);
    expect(seq(b.number)).toBe(seq(a.number) + 1);
  });

  it("APP-9: another user cannot export or print someone else's inquiry (403, audited, nothing written)", async () => {
    const inquiryId = await runInquiry(o.c('staff'));
    const before = await countRows(t, 'output_materials');
    for (const who of ['staff2', 'head1', 'gad']) {
      const res = await o.c(who).post(`/api/inquiries/${inquiryId}/export`, {});
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('forbidden');
      const denied = await lastEntry(t, 'authz.denied', who.toLowerCase());
      expect(denied).toMatchObject({ outcome: 'denied', reason: 'not_inquiry_owner', target: { type: 'inquiry', id: inquiryId } });
    }
    const print = await o.c('staff2').post(`/api/inquiries/${inquiryId}/print`, {});
    expect(print.statusCode).toBe(403);
    expect(await countRows(t, 'output_materials')).toBe(before);
  });

  it('OUT-1, APP-7: once the use right has ended, an earlier inquiry is not exported (403 no_use_right, audited)', async () => {
    const inquiryId = await runInquiry(o.c('staff'));
    const before = await countRows(t, 'output_materials');
    await t.ctx.db
      .updateTable('use_rights')
      .set({ ended_at: t.clock.now(), end_reason: 'removed' })
      .where('user_id', '=', o.u('staff').id)
      .where('application_id', '=', o.apps.LIC ?? '')
      .where('ended_at', 'is', null)
      .execute();
    try {
      const res = await o.c('staff').post(`/api/inquiries/${inquiryId}/export`, {});
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('no_use_right');
      expect(await lastEntry(t, 'authz.denied', 'staff')).toMatchObject({ reason: 'no_use_right:none', target: { id: inquiryId } });
      expect(await countRows(t, 'output_materials')).toBe(before);
    } finally {
      await grantUseRight(t, o.u('staff').id, o.apps.LIC ?? '');
    }
  });

  it('OUT-2: an inquiry older than 24 hours is not exported (422 invalid_state, audited); an unknown one is 404', async () => {
    const old = await insertInquiry(t, {
      userId: o.u('staff').id,
      unitId: o.units.O1 ?? '',
      applicationId: o.apps.LIC ?? '',
      recordIds: [o.records.hanako],
      queriedAt: new Date(t.clock.now().getTime() - 25 * 3_600_000),
    });
    const res = await o.c('staff').post(`/api/inquiries/${old}/export`, {});
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('invalid_state');
    expect(res.data.error.message).toContain('24時間');
    expect(await lastEntry(t, 'authz.denied', 'staff')).toMatchObject({ reason: 'export_window_passed' });
    const missing = await o.c('staff').post('/api/inquiries/00000000-0000-4000-8000-000000000000/export', {});
    expect(missing.statusCode).toBe(404);
    const bad = await o.c('staff').post(`/api/inquiries/${old}/export`, { quantity: 0 });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('validation_failed');
  });
});

describe('handlings of a material (OUT-2, OUT-5, OUT-6)', () => {
  it('OUT-5: a delivery needs a recipient and a means; by post the approval number; by e-mail the countermeasure — 400, nothing written', async () => {
    const { id } = await exportOne();
    const staff = o.c('staff');
    const cases = [
      { kind: 'deliver' },
      { kind: 'deliver', recipient: '交通企画課 甲' },
      { kind: 'deliver', recipient: '交通企画課 甲', means: 'post' },
      { kind: 'deliver', recipient: '交通企画課 甲', means: 'email' },
      { kind: 'deliver', recipient: '', means: 'hand' },
      { kind: 'deliver', recipient: '甲', means: 'pigeon' },
    ];
    for (const body of cases) {
      const res = await staff.post(`/api/outputs/${id}/events`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
    }
    expect(await eventsOf(id)).toHaveLength(1);
    expect(await lastEntry(t, 'output.event', 'staff')).toMatchObject({ outcome: 'denied', reason: 'validation_failed' });

    const post = await staff.post(`/api/outputs/${id}/events`, {
      kind: 'deliver',
      recipient: '北警察署 交通課長',
      means: 'post',
      approval: '総務部長承認 第12号',
    });
    expect(post.statusCode).toBe(201);
    expect(post.data).toMatchObject({ seq: 2, state: 'delivered' });
    const events = await eventsOf(id);
    expect(events[1]).toMatchObject({ kind: 'deliver', recipient: '北警察署 交通課長', means: 'post', approval: '総務部長承認 第12号' });
    expect(await lastEntry(t, 'output.event', 'staff')).toMatchObject({
      outcome: 'success',
      details: { kind: 'deliver', stateBefore: 'held', stateAfter: 'delivered' },
    });
  });

  it('OUT-5: a copy is a new material (kind copy, copy_of) with an event on both', async () => {
    const { id, number } = await exportOne();
    const res = await o.c('staff').post(`/api/outputs/${id}/events`, { kind: 'copy', quantity: 3, note: '所属長が認めた捜査上の必要' });
    expect(res.statusCode).toBe(201);
    const copy = await t.ctx.db.selectFrom('output_materials').selectAll().where('id', '=', res.data.copy.id).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ kind: 'copy', copy_of: id, quantity: 3, state: 'held', unit_id: o.units.O1 });
    expect(copy.number).not.toBe(number);
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(['create', 'copy']);
    const copyEvents = await eventsOf(copy.id);
    expect(copyEvents).toHaveLength(1);
    expect(copyEvents[0]).toMatchObject({ kind: 'create', quantity: 3 });
    expect(copyEvents[0]?.note).toContain(number);
    const shown = await o.c('staff').get(`/api/outputs/${id}`);
    expect(shown.data.copies).toEqual([{ id: copy.id, number: copy.number, state: 'held' }]);
    const noReason = await o.c('staff').post(`/api/outputs/${id}/events`, { kind: 'copy' });
    expect(noReason.statusCode).toBe(400);
  });

  it('OUT-6: disposal needs its method; after disposal nothing more is recorded (422 invalid_state)', async () => {
    const { id } = await exportOne();
    const staff = o.c('staff');
    const store = await staff.post(`/api/outputs/${id}/events`, { kind: 'store', place: '交通課 施錠保管庫A' });
    expect(store.statusCode).toBe(201);
    expect((await staff.post(`/api/outputs/${id}/events`, { kind: 'dispose' })).statusCode).toBe(400);
    const disposed = await staff.post(`/api/outputs/${id}/events`, { kind: 'dispose', method: '裁断' });
    expect(disposed.statusCode).toBe(201);
    expect(disposed.data.state).toBe('disposed');
    for (const body of [
      { kind: 'dispose', method: '裁断' },
      { kind: 'return' },
      { kind: 'store', place: '保管庫' },
      { kind: 'copy', note: '理由' },
      { kind: 'deliver', recipient: '甲', means: 'hand' },
      { kind: 'receive' },
    ]) {
      const res = await staff.post(`/api/outputs/${id}/events`, body);
      expect(res.statusCode, body.kind).toBe(422);
      expect(errorCode(res)).toBe('invalid_state');
    }
    expect(await eventsOf(id)).toHaveLength(3);
    expect(await lastEntry(t, 'output.event', 'staff')).toMatchObject({ outcome: 'denied', reason: 'invalid_state' });
  });

  it("OUT-2: a member of staff or another unit's head cannot handle someone else's material (403, audited); the unit's head can", async () => {
    const { id } = await exportOne();
    for (const who of ['staff2', 'head2']) {
      const res = await o.c(who).post(`/api/outputs/${id}/events`, { kind: 'return' });
      expect(res.statusCode).toBe(403);
      expect(await lastEntry(t, 'authz.denied', who.toLowerCase())).toMatchObject({ outcome: 'denied' });
      expect((await o.c(who).get(`/api/outputs/${id}`)).statusCode).toBe(403);
    }
    const byHead = await o.c('head1').post(`/api/outputs/${id}/events`, { kind: 'return' });
    expect(byHead.statusCode).toBe(201);
    expect((await o.c('auditor').get(`/api/outputs/${id}`)).statusCode).toBe(200);
    expect((await o.c('auditor').post(`/api/outputs/${id}/events`, { kind: 'receive' })).statusCode).toBe(403);
    expect(await eventsOf(id)).toHaveLength(2);
  });
});

describe('confirmation by the unit head (OUT-3)', () => {
  it('OUT-3: the unit head confirms a handling once; a second confirmation is 409', async () => {
    const { id } = await exportOne();
    const [create] = await eventsOf(id);
    const res = await o.c('head1').post(`/api/output-events/${create?.id}/confirm`, { note: '確認済' });
    expect(res.statusCode).toBe(201);
    expect(res.data.mode).toBe('unit_head');
    const again = await o.c('mgr1').post(`/api/output-events/${create?.id}/confirm`, {});
    expect(again.statusCode).toBe(409);
    const shown = await o.c('staff').get(`/api/outputs/${id}`);
    expect(shown.data.events[0].confirmation).toMatchObject({ mode: 'unit_head', by: { loginId: 'head1' }, note: '確認済' });
    expect(await lastEntry(t, 'output.confirmed', 'head1')).toMatchObject({ outcome: 'success', details: { eventId: create?.id } });
  });

  it("OUT-3: staff and another unit's head cannot confirm (403, audited); nothing is written", async () => {
    const { id } = await exportOne();
    const [create] = await eventsOf(id);
    const before = await countRows(t, 'output_confirmations');
    for (const who of ['staff', 'staff2', 'head2', 'gad']) {
      const res = await o.c(who).post(`/api/output-events/${create?.id}/confirm`, {});
      expect(res.statusCode, who).toBe(403);
      expect(await lastEntry(t, 'authz.denied', who.toLowerCase())).toMatchObject({
        outcome: 'denied',
        details: { requestedAction: 'output.confirm' },
      });
    }
    expect(await countRows(t, 'output_confirmations')).toBe(before);
  });

  it('OUT-3: the person who handled a step cannot confirm it (sod_violation, audited); another manager can', async () => {
    const { id } = await exportOne();
    const stored = await o.c('head1').post(`/api/outputs/${id}/events`, { kind: 'store', place: '所属長室 保管庫' });
    expect(stored.statusCode).toBe(201);
    const res = await o.c('head1').post(`/api/output-events/${stored.data.eventId}/confirm`, {});
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('sod_violation');
    expect(await lastEntry(t, 'authz.denied', 'head1')).toMatchObject({ reason: 'own_handling', target: { type: 'output_event' } });
    expect((await o.c('mgr1').post(`/api/output-events/${stored.data.eventId}/confirm`, {})).statusCode).toBe(201);
  });

  it('OUT-3: a manager who made the material cannot confirm its handlings by others (sod_violation, audited)', async () => {
    const { id } = await exportOne();
    // The material as if the unit's information manager had made it; the head then records its storage.
    await t.ctx.db
      .updateTable('output_materials')
      .set({ created_by: o.u('mgr1').id })
      .where('id', '=', id)
      .execute();
    const stored = await o.c('head1').post(`/api/outputs/${id}/events`, { kind: 'store', place: '施錠保管庫' });
    expect(stored.statusCode).toBe(201);
    const res = await o.c('mgr1').post(`/api/output-events/${stored.data.eventId}/confirm`, {});
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('sod_violation');
    expect(await lastEntry(t, 'authz.denied', 'mgr1')).toMatchObject({ reason: 'own_material' });
    // Made by staff after all: the same manager may confirm the head's handling.
    await t.ctx.db
      .updateTable('output_materials')
      .set({ created_by: o.u('staff').id })
      .where('id', '=', id)
      .execute();
    expect((await o.c('mgr1').post(`/api/output-events/${stored.data.eventId}/confirm`, {})).statusCode).toBe(201);
  });

  it('OUT-3: staff list their own materials, the unit head the unit, another head nothing of it, 総務部長 everything', async () => {
    await exportOne();
    const mine = await o.c('staff').get('/api/outputs');
    expect(mine.statusCode).toBe(200);
    expect(mine.data.outputs.length).toBeGreaterThan(0);
    expect(mine.data.outputs.every((m: { createdBy: { loginId: string } }) => m.createdBy.loginId === 'staff')).toBe(true);
    expect((await o.c('staff2').get('/api/outputs')).data.outputs).toEqual([]);
    expect((await o.c('head2').get('/api/outputs')).data.outputs).toEqual([]);
    const unit = await o.c('head1').get('/api/outputs?unitCode=O1');
    expect(unit.data.outputs.length).toBe(mine.data.outputs.length);
    const all = await o.c('gad').get('/api/outputs');
    expect(all.data.outputs.length).toBeGreaterThanOrEqual(mine.data.outputs.length);
    const unconfirmed = await o.c('head1').get('/api/outputs?unconfirmed=true');
    expect(unconfirmed.data.outputs.every((m: { unconfirmedEvents: number }) => m.unconfirmedEvents > 0)).toBe(true);
    expect(unconfirmed.data.outputs.every((m: { overdue: boolean }) => m.overdue === false)).toBe(true);
    const disposed = await o.c('head1').get('/api/outputs?state=disposed');
    expect(disposed.data.outputs.every((m: { state: string }) => m.state === 'disposed')).toBe(true);
    expect((await o.c('head1').get('/api/outputs?state=lost')).statusCode).toBe(400);
  });

  it('OUT-2: the ledger as cp932 CSV with the same filters, the export audited', async () => {
    const res = await o.c('head1').get('/api/outputs.csv?unitCode=O1');
    expect(res.statusCode).toBe(200);
    const csv = decodeCp932(res.rawPayload);
    expect(csv.split('\r\n')[0]).toContain('出力資料番号');
    expect(csv).toContain('出第2026-');
    expect(Number(res.headers['x-sekimori-rows'])).toBeGreaterThan(0);
    expect(await lastEntry(t, 'output.ledger.exported', 'head1')).toMatchObject({ outcome: 'success' });
  });
});

describe('pre-delivery check (OUT-4)', () => {
  async function lostMaterial() {
    const inquiryId = await insertInquiry(t, {
      userId: o.u('staff').id,
      unitId: o.units.O1 ?? '',
      applicationId: o.apps.LOST ?? '',
      recordIds: [o.records.lost],
    });
    const res = await o.c('staff').post(`/api/inquiries/${inquiryId}/print`, {});
    expect(res.statusCode).toBe(201);
    return res.data.materialId as string;
  }
  const delivery = { kind: 'deliver', recipient: '遺失者本人', means: 'hand' };

  it('OUT-4: a delivery waits for the direct supervisor’s check; staff cannot check; after the check it is recorded', async () => {
    const id = await lostMaterial();
    const m = await t.ctx.db.selectFrom('output_materials').select('check_mode').where('id', '=', id).executeTakeFirstOrThrow();
    expect(m.check_mode).toBe('pre_delivery');
    const early = await o.c('staff').post(`/api/outputs/${id}/events`, delivery);
    expect(early.statusCode).toBe(422);
    expect(errorCode(early)).toBe('invalid_state');
    expect((await o.c('staff2').post(`/api/outputs/${id}/pre-delivery-check`, {})).statusCode).toBe(403);
    expect((await o.c('head2').post(`/api/outputs/${id}/pre-delivery-check`, {})).statusCode).toBe(403);
    const check = await o.c('head1').post(`/api/outputs/${id}/pre-delivery-check`, { note: '交付先確認' });
    expect(check.statusCode).toBe(201);
    expect(check.data.mode).toBe('pre_delivery');
    expect((await o.c('mgr1').post(`/api/outputs/${id}/pre-delivery-check`, {})).statusCode).toBe(409);
    const delivered = await o.c('staff').post(`/api/outputs/${id}/events`, delivery);
    expect(delivered.statusCode).toBe(201);
    expect(await lastEntry(t, 'output.pre_delivery_checked', 'head1')).toMatchObject({ outcome: 'success' });
  });

  it('OUT-4: a handling after the check voids it; unit-head confirmation is not used in this mode', async () => {
    const id = await lostMaterial();
    expect((await o.c('head1').post(`/api/outputs/${id}/pre-delivery-check`, {})).statusCode).toBe(201);
    expect((await o.c('staff').post(`/api/outputs/${id}/events`, { kind: 'store', place: '保管庫B' })).statusCode).toBe(201);
    expect((await o.c('staff').post(`/api/outputs/${id}/events`, delivery)).statusCode).toBe(422);
    const [create] = await eventsOf(id);
    const confirm = await o.c('mgr1').post(`/api/output-events/${create?.id}/confirm`, {});
    expect(confirm.statusCode).toBe(422);
    expect(errorCode(confirm)).toBe('invalid_state');
  });

  it('OUT-4: the material’s creator cannot check it (sod_violation)', async () => {
    // The head queried LOST under a right of their own (an output needs a usable right, OUT-1).
    await grantUseRight(t, o.u('head1').id, o.apps.LOST ?? '');
    const inquiryId = await insertInquiry(t, {
      userId: o.u('head1').id,
      unitId: o.units.O1 ?? '',
      applicationId: o.apps.LOST ?? '',
      recordIds: [o.records.lost],
    });
    const res = await o.c('head1').post(`/api/inquiries/${inquiryId}/print`, {});
    expect(res.statusCode).toBe(201);
    const own = await o.c('head1').post(`/api/outputs/${res.data.materialId}/pre-delivery-check`, {});
    expect(own.statusCode).toBe(403);
    expect(errorCode(own)).toBe('sod_violation');
    expect((await o.c('mgr1').post(`/api/outputs/${res.data.materialId}/pre-delivery-check`, {})).statusCode).toBe(201);
  });
});

describe('様式7 temporary output (APP-11, OUT-1)', () => {
  it('APP-11: a 様式7 cancelled (取消) after approval is not output (422, audited, nothing written)', async () => {
    const effectId = await queueTemporaryOutput(t, o.u('staff').id, o.units.O1 ?? '');
    const effect = await t.ctx.db
      .selectFrom('request_effects_pending')
      .select('request_id')
      .where('id', '=', effectId)
      .executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('requests').set({ state: 'cancelled' }).where('id', '=', effect.request_id).execute();
    const before = await countRows(t, 'output_materials');
    const res = await o.c('sysadmin').post(`/api/effects/${effectId}/temporary-output`, { quantity: 1, summary: '取消済み' });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('invalid_state');
    expect(await countRows(t, 'output_materials')).toBe(before);
    const open = await t.ctx.db
      .selectFrom('request_effects_pending')
      .select('processed_at')
      .where('id', '=', effectId)
      .executeTakeFirstOrThrow();
    expect(open.processed_at).toBeNull();
  });

  it('APP-11: the system manager makes the output once; the material is in the applicant’s unit; a second time is 409', async () => {
    const effectId = await queueTemporaryOutput(t, o.u('staff').id, o.units.O1 ?? '');
    const body = { quantity: 2, summary: '講習対象者名簿（紙）' };
    const refused = await o.c('staff').post(`/api/effects/${effectId}/temporary-output`, body);
    expect(refused.statusCode).toBe(403);
    const before = await countRows(t, 'output_materials');
    const res = await o.c('sysadmin').post(`/api/effects/${effectId}/temporary-output`, body);
    expect(res.statusCode).toBe(201);
    const m = await t.ctx.db.selectFrom('output_materials').selectAll().where('id', '=', res.data.materialId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      basis: 'temporary_output',
      kind: 'temporary_output',
      unit_id: o.units.O1,
      quantity: 2,
      summary: '講習対象者名簿（紙）',
    });
    expect(m.request_id).not.toBeNull();
    const effect = await t.ctx.db.selectFrom('request_effects_pending').selectAll().where('id', '=', effectId).executeTakeFirstOrThrow();
    expect(effect.processed_at).not.toBeNull();
    expect(effect.processed_by).toBe(o.u('sysadmin').id);
    expect(effect.outcome).toMatchObject({ materialId: m.id, number: m.number });
    const again = await o.c('sysadmin').post(`/api/effects/${effectId}/temporary-output`, body);
    expect(again.statusCode).toBe(409);
    expect(await countRows(t, 'output_materials')).toBe(before + 1);
    expect(await lastEntry(t, 'output.temporary_output', 'sysadmin')).toMatchObject({ outcome: 'denied', reason: 'conflict' });
    // The unit head of the applicant's unit sees and confirms it like any other material.
    expect((await o.c('head1').get(`/api/outputs/${m.id}`)).statusCode).toBe(200);
  });
});

describe('overdue confirmations (OUT-3)', () => {
  it('OUT-3: handlings unconfirmed after 7 days are reported per unit and highlighted in the list', async () => {
    t.clock.advance(8 * 24 * 3_600_000);
    await relogAll(t, o);
    const report = await o.c('head1').get('/api/outputs/overdue');
    expect(report.statusCode).toBe(200);
    expect(report.data.overdueDays).toBe(7);
    const o1 = report.data.units.find((u: { unitCode: string }) => u.unitCode === 'O1');
    expect(o1.events).toBeGreaterThan(0);
    const gad = await o.c('gad').get('/api/outputs/overdue');
    expect(gad.data.units.some((u: { unitCode: string }) => u.unitCode === 'O1')).toBe(true);
    expect((await o.c('head2').get('/api/outputs/overdue')).data.units).toEqual([]);
    const staff = await o.c('staff').get('/api/outputs/overdue');
    expect(staff.statusCode).toBe(403);
    const list = await o.c('head1').get('/api/outputs?unconfirmed=true');
    expect(list.data.outputs.length).toBeGreaterThan(0);
    expect(list.data.outputs.every((m: { overdue: boolean }) => m.overdue)).toBe(true);
    // Confirmed materials are not overdue.
    const all = await o.c('head1').get('/api/outputs');
    expect(all.data.outputs.some((m: { overdue: boolean; unconfirmedEvents: number }) => !m.overdue && m.unconfirmedEvents === 0)).toBe(
      true,
    );
  });
});
