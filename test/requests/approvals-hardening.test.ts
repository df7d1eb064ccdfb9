import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as org from '../../src/server/modules/org/service.js';
import { sweepRequests } from '../../src/server/modules/requests/sweep.js';
import { type Client, createUser, errorCode, OPERATOR, onboard, startTestApp, type TestApp } from '../support/test-app.js';
import { denials, fieldsFor, type Org, relogAll, rowCount, setUpOrg, submitted } from './support.js';

/**
 * Negative tests of the approvals engine (APP-5, CON-2, CON-3, ORG-3, SEC-3, AUD-1): each refusal
 * answers its code, changes nothing, and a refusal of a person is in the audit trail.
 */
let t: TestApp;
let o: Org;
const DAY = 86_400_000;
const SYSTEM = { kind: 'system', via: 'scheduler', osUser: 'test' } as const;
beforeAll(async () => {
  t = await startTestApp();
  o = await setUpOrg(t);
});
afterAll(async () => t?.close());

async function snapshot(id: string) {
  const row = await t.ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    state: row.state,
    fields: row.fields,
    paperworkDoneAt: row.paperwork_done_at,
    updatedAt: row.updated_at.toISOString(),
    decisions: await rowCount(t, 'request_decisions', id),
    history: await rowCount(t, 'request_history', id),
    permits: await rowCount(t, 'request_permits', id),
    effects: await rowCount(t, 'request_effects_pending', id),
  };
}

async function requestCount(): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Authorization denials by one person (targets other than a request, e.g. an oral application or a delegation). */
async function denialsBy(userId: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['canonical', 'target_id'])
    .where('action', '=', 'authz.denied')
    .where('actor_user_id', '=', userId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ target: r.target_id, entry: JSON.parse(r.canonical) as Record<string, any> }));
}

async function delegate(principal: Client, deputyLoginId: string): Promise<string> {
  const now = t.clock.now();
  const res = await principal.post('/api/delegations', {
    deputyLoginId,
    validFrom: now.toISOString(),
    validTo: new Date(now.getTime() + 2 * DAY).toISOString(),
    reason: '不在のため',
  });
  if (res.statusCode !== 201) throw new Error(`delegation: ${res.body}`);
  return res.data.delegation.id as string;
}

async function oral(client: Client, applicantLoginId: string, over: Record<string, unknown>) {
  return client.post('/api/requests/oral', {
    typeCode: 'aic4_use_right',
    applicantLoginId,
    fields: fieldsFor('aic4_use_right', over),
  });
}

describe('APP-5 written application after an oral approval', () => {
  it('must carry the approved fields: another content is refused (paperwork_mismatch), audited, nothing changes', async () => {
    const accepted = await oral(o.c('gad'), 'head1', { applicationCode: 'PW01' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const id = accepted.data.request.id as string;
    const before = await snapshot(id);
    const changed = fieldsFor('aic4_use_right', { applicationCode: 'PW01', accessScope: '更新・削除を含む全権限' });
    const res = await o.c('head1').post(`/api/requests/${id}/paperwork`, { fields: changed });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('paperwork_mismatch');
    expect(await snapshot(id)).toEqual(before);
    const denied = await denials(t, id);
    expect(denied.at(-1)?.actor).toBe(o.u('head1').id);
    expect(denied.at(-1)?.entry.reason).toBe('paperwork_mismatch');

    // The same fields in another key order are the same application.
    const approved = fieldsFor('aic4_use_right', { applicationCode: 'PW01' });
    const reordered = Object.fromEntries(Object.entries(approved).reverse());
    const filed = await o.c('head1').post(`/api/requests/${id}/paperwork`, { fields: reordered });
    expect(filed.statusCode, filed.body).toBe(200);
    const row = await t.ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.fields).toEqual(before.fields);
    expect(row.paperwork_done_at).not.toBeNull();
  });
});

describe('APP-5 / ORG-3 oral acceptance', () => {
  it('a deputy cannot accept an oral application of the person they act for (sod_violation, audited)', async () => {
    // 総務部長 applies for a member of his unit; the 所属長 of 総務部 is his deputy (代決).
    const delegation = await delegate(o.c('gad'), 'headsoumu');
    try {
      const before = await requestCount();
      const res = await oral(o.c('headSoumu'), 'gad', { beneficiaryLoginId: 'soumustaff', applicationCode: 'DEP01' });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('sod_violation');
      expect(await requestCount()).toBe(before);
      const denied = await denialsBy(o.u('headSoumu').id);
      expect(denied.at(-1)?.target).toBe('oral');
      expect(denied.at(-1)?.entry.reason).toBe('sod:applicant');
    } finally {
      await o.c('gad').delete(`/api/delegations/${delegation}`);
    }
  });

  it('a disabled applicant is refused on the oral path, though still assigned to a unit; nothing is created', async () => {
    // (A retired one has no assignment from the retirement date and was refused already.)
    const disabled = await createUser(t, { loginId: 'gone-disabled', unitCode: 'ST1', posts: [{ post: 'unit_head', unitCode: 'ST1' }] });
    await org.disableUser(t.ctx, OPERATOR, disabled.id, '試験');
    const before = await requestCount();
    const res = await oral(o.c('gad'), 'gone-disabled', { applicationCode: 'GONE01' });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
    expect(await requestCount()).toBe(before);
  });

  it('a period already over is refused (period_ended); nothing is created or queued', async () => {
    const before = await requestCount();
    const res = await oral(o.c('gad'), 'head1', { effectiveOn: '2026-03-01', validTo: '2026-03-31', applicationCode: 'OLD01' });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('period_ended');
    expect(await requestCount()).toBe(before);
  });
});

describe('APP-5 paperwork owed only while the approval stands', () => {
  it('a cancelled oral approval is neither overdue, reported nor reminded', async () => {
    const accepted = await oral(o.c('gad'), 'head1', { applicationCode: 'CAN01' });
    const id = accepted.data.request.id as string;
    expect((await o.c('gad').post(`/api/requests/${id}/cancel`, { reason: '誤り' })).data.request.state).toBe('cancelled');
    t.clock.advance(8 * DAY);
    await relogAll(t, o);
    const report = await o.c('auditor').get('/api/requests/reports/overdue');
    expect(report.data.overduePaperwork.map((p: any) => p.id)).not.toContain(id);
    const mine = await o.c('head1').get('/api/requests');
    expect(mine.data.requests.find((r: any) => r.id === id).emergency.paperworkOverdue).toBe(false);
    const inbox = await o.c('gad').get('/api/requests/inbox');
    expect(inbox.data.paperwork.map((p: any) => p.id)).not.toContain(id);
    await sweepRequests(t.ctx, SYSTEM);
    const reminders = await t.ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'request.paperwork.reminder')
      .where('target_id', '=', id)
      .execute();
    expect(reminders).toHaveLength(0);
  });
});

describe('CON-3 change and abolition of a bring-in permit', () => {
  async function permitted(over: Record<string, unknown> = {}) {
    const id = await submitted(o.c('contractor'), 'isk2_bring_in', over);
    const res = await o.c('head1').post(`/api/requests/${id}/approve`, {});
    if (res.statusCode !== 200) throw new Error(`approve: ${res.body}`);
    const shown = await o.c('contractor').get(`/api/requests/${id}`);
    return { id, number: shown.data.permit.number as string };
  }

  async function permitOf(requestId: string) {
    return t.ctx.db.selectFrom('request_permits').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
  }

  it('another unit cannot quote (and so end) a permit; an unknown number is refused; nothing changes', async () => {
    const p1 = await permitted({ modelAndSerial: 'UNIT-1' });
    const before = await requestCount();
    const foreign = await o.c('outsider').post('/api/requests', {
      typeCode: 'isk2_bring_in',
      fields: fieldsFor('isk2_bring_in', { kind: 'abolition', permitNumber: p1.number }),
    });
    expect(foreign.statusCode).toBe(400);
    expect(errorCode(foreign)).toBe('validation_failed');
    const unknown = await o.c('contractor').post('/api/requests', {
      typeCode: 'isk2_bring_in',
      fields: fieldsFor('isk2_bring_in', { kind: 'change', permitNumber: '第9999号' }),
    });
    expect(errorCode(unknown)).toBe('validation_failed');
    expect(await requestCount()).toBe(before);
    expect((await permitOf(p1.id)).revoked_at).toBeNull();

    // A draft made before the permit ended is refused at submission.
    const draft = await o.c('contractor').post('/api/requests', {
      typeCode: 'isk2_bring_in',
      fields: fieldsFor('isk2_bring_in', { kind: 'abolition', permitNumber: p1.number }),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await o.c('head1').post(`/api/requests/${p1.id}/cancel`, { reason: '契約解除' })).statusCode).toBe(200);
    const draftId = draft.data.request.id as string;
    const beforeSubmit = await snapshot(draftId);
    const sub = await o.c('contractor').post(`/api/requests/${draftId}/submit`);
    expect(errorCode(sub)).toBe('validation_failed');
    expect(await snapshot(draftId)).toEqual(beforeSubmit);
  });

  it('the permit fixed at submission is revoked by id; its number is in the audit details', async () => {
    const p2 = await permitted({ modelAndSerial: 'UNIT-2' });
    const change = await submitted(o.c('contractor'), 'isk2_bring_in', {
      kind: 'change',
      permitNumber: p2.number,
      modelAndSerial: 'UNIT-2B',
    });
    const approved = await o.c('head1').post(`/api/requests/${change}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await permitOf(p2.id)).revoked_at).not.toBeNull();
    expect((await permitOf(change)).revoked_at).toBeNull();
    const effect = await t.ctx.db
      .selectFrom('audit_events')
      .select('canonical')
      .where('action', '=', 'request.effect')
      .where('target_id', '=', change)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(effect.canonical).details.revokedPermitNumber).toBe(p2.number);
  });

  it('a change whose permit was cancelled while it waited is not approved (invalid_state); nothing changes', async () => {
    const p3 = await permitted({ modelAndSerial: 'UNIT-3' });
    const change = await submitted(o.c('contractor'), 'isk2_bring_in', { kind: 'change', permitNumber: p3.number });
    expect((await o.c('head1').post(`/api/requests/${p3.id}/cancel`, { reason: '契約解除' })).statusCode).toBe(200);
    const before = await snapshot(change);
    const res = await o.c('head1').post(`/api/requests/${change}/approve`, {});
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('invalid_state');
    expect(await snapshot(change)).toEqual(before);
  });
});

describe('ORG-3 取消 (cancel) is separated from the applicant and the beneficiary', () => {
  it('neither the applicant holding the final post nor their deputy may cancel; another holder may', async () => {
    // A second 総務部長 decides the request 総務部長 made; then 総務部長 and his deputy try to cancel it.
    const gadB = await createUser(t, { loginId: 'gadb', unitCode: 'ST1', roles: ['general_affairs_director'] });
    const gadBClient = await onboard(t, gadB);
    const delegation = await delegate(o.c('gad'), 'headseian');
    try {
      const id = await submitted(o.c('gad'), 'aic4_use_right', { beneficiaryLoginId: 'soumustaff', applicationCode: 'CXL01' });
      expect((await o.c('headSoumu').post(`/api/requests/${id}/approve`, {})).statusCode).toBe(200);
      expect((await gadBClient.post(`/api/requests/${id}/approve`, {})).data.request.state).toBe('approved');
      const before = await snapshot(id);

      const self = await o.c('gad').post(`/api/requests/${id}/cancel`, { reason: '自己取消' });
      expect(self.statusCode).toBe(403);
      expect(errorCode(self)).toBe('sod_violation');
      expect(await snapshot(id)).toEqual(before);
      expect((await denials(t, id)).at(-1)).toMatchObject({
        actor: o.u('gad').id,
        entry: { reason: 'forbidden_by:separation-of-duties' },
      });

      const deputy = await o.c('headSeian').post(`/api/requests/${id}/cancel`, { reason: '代決で取消' });
      expect(deputy.statusCode).toBe(403);
      expect(errorCode(deputy)).toBe('sod_violation');
      expect(await snapshot(id)).toEqual(before);
      expect((await denials(t, id)).at(-1)).toMatchObject({ actor: o.u('headSeian').id, entry: { reason: 'sod:applicant' } });

      expect((await gadBClient.post(`/api/requests/${id}/cancel`, { reason: '取消' })).data.request.state).toBe('cancelled');
    } finally {
      await o.c('gad').delete(`/api/delegations/${delegation}`);
      await org.setRoles(t.ctx, OPERATOR, gadB.id, []);
    }
  });
});

describe('ORG-3 review of flagged decisions', () => {
  it('the holder a deputy decided for cannot review that decision (sod_violation, audited)', async () => {
    // 所属長 decides the first stage, then the システム管理者 stage as his deputy "when unavoidable".
    const delegation = await delegate(o.c('sysadmin'), 'head1');
    try {
      const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: '代決の審査' });
      expect((await o.c('head1').post(`/api/requests/${id}/approve`, {})).statusCode).toBe(200);
      const flaggedRes = await o.c('head1').post(`/api/requests/${id}/approve`, { overrideReason: '管理者不在のため' });
      expect(flaggedRes.statusCode, flaggedRes.body).toBe(200);
      const decision = await t.ctx.db
        .selectFrom('request_decisions')
        .selectAll()
        .where('request_id', '=', id)
        .where('flagged', '=', true)
        .executeTakeFirstOrThrow();
      expect(decision.on_behalf_of_id).toBe(o.u('sysadmin').id);

      const res = await o.c('sysadmin').post(`/api/requests/flagged-decisions/${decision.id}/review`, { comment: '確認' });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('sod_violation');
      const reviews = () =>
        t.ctx.db.selectFrom('request_decision_reviews').select('reviewer_id').where('decision_id', '=', decision.id).execute();
      expect(await reviews()).toHaveLength(0);
      expect((await denialsBy(o.u('sysadmin').id)).at(-1)?.entry.reason).toBe('sod:self_review');
      expect((await o.c('auditor').post(`/api/requests/flagged-decisions/${decision.id}/review`, { comment: '確認' })).statusCode).toBe(
        204,
      );
      expect(await reviews()).toHaveLength(1);
    } finally {
      await o.c('sysadmin').delete(`/api/delegations/${delegation}`);
    }
  });
});

describe('代決: revoking someone else’s delegation', () => {
  it('answers not_found, changes nothing, and the attempt is audited as a denial', async () => {
    const id = await delegate(o.c('gad'), 'soumustaff');
    try {
      const res = await o.c('staff1').delete(`/api/delegations/${id}`);
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe('not_found');
      const row = await t.ctx.db.selectFrom('request_delegations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.revoked_at).toBeNull();
      const denied = await denialsBy(o.u('staff1').id);
      expect(denied.at(-1)).toMatchObject({ target: id, entry: { reason: 'delegation_not_own' } });
      // An id that does not exist is just not found.
      const none = await o.c('staff1').delete('/api/delegations/00000000-0000-4000-8000-000000000000');
      expect(errorCode(none)).toBe('not_found');
    } finally {
      await o.c('gad').delete(`/api/delegations/${id}`);
    }
  });
});

/** A ZIP archive (stored entries) with the given entry names, as an OOXML file is packaged. */
function zipOf(names: readonly string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const data = Buffer.from('<x/>');
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('SEC-3 attachments: type, extension and content agree', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  it('refuses text that is not UTF-8 or has NUL, a ZIP that is not the document, and a foreign extension', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: '添付' });
    const count = async () => (await t.ctx.db.selectFrom('request_attachments').select('id').where('request_id', '=', id).execute()).length;
    const refused: [string, string, Buffer][] = [
      ['memo.txt', 'text/plain', Buffer.from('abc\u0000def')],
      ['memo.txt', 'text/plain', Buffer.from([0x61, 0xff, 0xfe, 0x62])],
      ['list.csv', 'text/csv', Buffer.from([0x82, 0xa0, 0x2c, 0x31])], // Shift_JIS, not UTF-8
      ['doc.docx', DOCX, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('anything')])],
      ['doc.docx', DOCX, zipOf(['[Content_Types].xml', 'payload.exe'])],
      ['book.xlsx', XLSX, zipOf(['[Content_Types].xml', 'word/document.xml'])],
      ['image.html', 'image/png', PNG],
      ['image.png.exe', 'image/png', PNG],
      ['noextension', 'image/png', PNG],
      ['memo.html', 'text/plain', Buffer.from('<script>alert(1)</script>')],
    ];
    for (const [filename, contentType, data] of refused) {
      const res = await o
        .c('staff1')
        .post(`/api/requests/${id}/attachments`, { filename, contentType, dataBase64: data.toString('base64') });
      expect(res.statusCode, `${filename} ${contentType}`).toBe(415);
      expect(errorCode(res)).toBe('unsupported_media_type');
    }
    expect(await count()).toBe(0);

    const accepted: [string, string, Buffer][] = [
      ['報告.TXT', 'text/plain', Buffer.from('日本語の報告\n')],
      ['一覧.csv', 'text/csv', Buffer.from('番号,件数\n1,2\n')],
      ['文書.docx', DOCX, zipOf(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])],
      ['表.xlsx', XLSX, zipOf(['[Content_Types].xml', 'xl/workbook.xml'])],
      ['写真.jpeg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00])],
    ];
    for (const [filename, contentType, data] of accepted) {
      const res = await o
        .c('staff1')
        .post(`/api/requests/${id}/attachments`, { filename, contentType, dataBase64: data.toString('base64') });
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(201);
    }
    expect(await count()).toBe(accepted.length);
  });

  it('serves a file under a name whose extension matches its content type', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: '添付の名前' });
    // A row stored before the extension rule (or by another path) with a misleading name.
    const stored = await t.ctx.db
      .insertInto('request_attachments')
      .values({
        request_id: id,
        round: 1,
        stage_id: null,
        uploaded_by: o.u('staff1').id,
        filename: 'invoice.html',
        content_type: 'text/plain',
        size: 5,
        sha256: '0'.repeat(64),
        data: Buffer.from('hello'),
        created_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await o.c('head1').get(`/api/requests/${id}/attachments/${stored.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain('filename="request.txt"');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('invoice.html.txt')}`);

    const png = await o.c('staff1').post(`/api/requests/${id}/attachments`, {
      filename: '図面.png',
      contentType: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    const served = await o.c('head1').get(`/api/requests/${id}/attachments/${png.data.attachment.id}`);
    expect(String(served.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('図面.png')}`);
  });
});

describe('CON-2 lend records under the row lock', () => {
  it('a cancellation that commits between the check and the lock is seen: invalid_state, no record', async () => {
    const id = await submitted(o.c('contractor'), 'isk1_take_out', { information: '競合' });
    expect((await o.c('head1').post(`/api/requests/${id}/approve`, {})).statusCode).toBe(200);
    // The next transaction of the service is preceded by a committed cancellation of the request.
    const real = t.ctx.db;
    t.ctx.db = new Proxy(real, {
      get(target, prop) {
        if (prop === 'transaction') {
          return () => {
            const builder = target.transaction();
            return {
              execute: async (fn: Parameters<typeof builder.execute>[0]) => {
                t.ctx.db = real;
                await real.updateTable('requests').set({ state: 'cancelled' }).where('id', '=', id).execute();
                return builder.execute(fn);
              },
            };
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    try {
      const res = await o.c('head1').post(`/api/requests/${id}/lend`, { event: 'lent' });
      expect(res.statusCode).toBe(422);
      expect(errorCode(res)).toBe('invalid_state');
    } finally {
      t.ctx.db = real;
    }
    const lines = await t.ctx.db.selectFrom('request_lend_records').select('id').where('request_id', '=', id).execute();
    expect(lines).toHaveLength(0);
  });
});

describe('CON-3 / APP-3 periods that have ended', () => {
  it('the permits table refuses a permit that ends before it starts', async () => {
    const id = await submitted(o.c('staff1'), 'aic6_input_processing', { inputMaterial: 'CHECK' });
    await expect(
      t.ctx.db
        .insertInto('request_permits')
        .values({
          request_id: id,
          number: 'CHECK-1',
          year: 2026,
          seq: 9999,
          valid_from: '2026-05-01',
          valid_to: '2026-04-30',
          issued_at: t.clock.now(),
        })
        .execute(),
    ).rejects.toThrow(/check constraint|violates/i);
  });

  it('is refused at submission (period_ended); the draft stays a draft', async () => {
    await relogAll(t, o);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(t.clock.now());
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(t.clock.now().getTime() - DAY));
    const created = await o.c('contractor').post('/api/requests', {
      typeCode: 'isk2_bring_in',
      fields: fieldsFor('isk2_bring_in', { periodFrom: '2026-03-01', periodTo: yesterday, modelAndSerial: 'LATE-1' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.data.request.id as string;
    const before = await snapshot(id);
    const res = await o.c('contractor').post(`/api/requests/${id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('period_ended');
    expect(await snapshot(id)).toEqual(before);
    // Ending today is still in force.
    const lastDay = await submitted(o.c('contractor'), 'isk2_bring_in', {
      periodFrom: '2026-03-01',
      periodTo: today,
      modelAndSerial: 'LATE-2',
    });
    expect((await o.c('head1').post(`/api/requests/${lastDay}/approve`, {})).statusCode).toBe(200);
  });

  it('is refused at the final approval when the period ended while waiting; no permit, nothing queued', async () => {
    await relogAll(t, o);
    const now = t.clock.now();
    const soon = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(now.getTime() + DAY));
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
    const bringIn = await submitted(o.c('contractor'), 'isk2_bring_in', { periodFrom: from, periodTo: soon, modelAndSerial: 'WAIT-1' });
    const useRight = await submitted(o.c('staff1'), 'aic4_use_right', { effectiveOn: from, validTo: soon, applicationCode: 'WAIT01' });
    expect((await o.c('head1').post(`/api/requests/${useRight}/approve`, {})).statusCode).toBe(200);
    t.clock.advance(3 * DAY);
    await relogAll(t, o);
    for (const [id, who] of [
      [bringIn, 'head1'],
      [useRight, 'gad'],
    ] as const) {
      const before = await snapshot(id);
      const res = await o.c(who).post(`/api/requests/${id}/approve`, {});
      expect(res.statusCode, res.body).toBe(422);
      expect(errorCode(res)).toBe('period_ended');
      expect(await snapshot(id)).toEqual(before);
    }
    expect(await rowCount(t, 'request_permits', bringIn)).toBe(0);
    expect(await rowCount(t, 'request_effects_pending', useRight)).toBe(0);
  });
});
