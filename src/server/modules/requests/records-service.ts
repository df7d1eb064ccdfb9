import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { refuse } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { loadAuthorized, openStagesOf } from './access.js';
import { iso } from './presenters.js';
import * as records from './records-repo.js';
import * as repo from './repo.js';

/** Comments and attachments per step, and the ISK 様式1 lend/return record (CON-2). */

const CLOSED = new Set(['withdrawn', 'rejected', 'cancelled', 'expired']);

/**
 * Small files kept in the database: size limit, and an allowlist of content types, each with the
 * file-name extensions it may carry and a check of the bytes (SEC-3): a PDF, PNG or JPEG by its
 * signature, a .docx/.xlsx by the ZIP entries an OOXML file of that kind has, text as valid UTF-8
 * without NUL. The first extension is the one a download is served with.
 */
export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
const ZIP_LOCAL = Buffer.from('PK\x03\x04', 'latin1');
const ooxml = (part: string) => (b: Buffer) => {
  if (!b.subarray(0, 4).equals(ZIP_LOCAL)) return false;
  const names = zipEntryNames(b);
  return names.has('[Content_Types].xml') && names.has(part);
};
const utf8Text = (b: Buffer) => !b.includes(0) && isUtf8(b);
const ALLOWED: Record<string, { extensions: readonly string[]; content: (b: Buffer) => boolean }> = {
  'application/pdf': { extensions: ['.pdf'], content: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/png': {
    extensions: ['.png'],
    content: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], content: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['.docx'],
    content: ooxml('word/document.xml'),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['.xlsx'], content: ooxml('xl/workbook.xml') },
  'text/plain': { extensions: ['.txt'], content: utf8Text },
  'text/csv': { extensions: ['.csv'], content: utf8Text },
};
export const ATTACHMENT_TYPES = Object.keys(ALLOWED);

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot).toLowerCase();
}

/** The name a stored file is served under: its own when the extension fits the type, else the type's extension appended. */
export function servedFilename(filename: string, contentType: string): string {
  const allowed = ALLOWED[contentType];
  if (!allowed) return `${filename}.bin`;
  return allowed.extensions.includes(extensionOf(filename)) ? filename : `${filename}${allowed.extensions[0]}`;
}

/**
 * Names of the entries of a ZIP archive from its central directory; none when the structure is not
 * a well-formed single-disk ZIP (end-of-central-directory record within the last 64 KiB + 22 bytes).
 */
function zipEntryNames(b: Buffer): Set<string> {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i -= 1) {
    if (b.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return new Set();
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const names = new Set<string>();
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > end || b.readUInt32LE(at) !== CENTRAL) return new Set();
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const commentLength = b.readUInt16LE(at + 32);
    if (at + 46 + nameLength > end) return new Set();
    names.add(b.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

async function stageOfActor(ctx: ServiceContext, actor: UserActor, id: string) {
  const { bundle, resource } = await loadAuthorized(ctx, actor, id, 'request.read');
  if (CLOSED.has(bundle.request.state)) {
    throw new AppError('invalid_state', { ja: 'この申請は終了しています。', en: 'This request is closed.' });
  }
  const stageId = resource.deciderIds.includes(actor.userId) ? (openStagesOf(bundle)[0]?.id ?? null) : null;
  return { request: bundle.request, stageId };
}

export async function addComment(ctx: ServiceContext, actor: UserActor, id: string, input: { body: string }) {
  const { request, stageId } = await stageOfActor(ctx, actor, id);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const inserted = await records.insertComment(tx, {
      request_id: request.id,
      round: request.round,
      stage_id: stageId,
      author_id: actor.userId,
      body: input.body,
      created_at: now,
    });
    await ctx.audit.record(
      {
        action: 'request.comment',
        actor: auditActor(actor),
        target: { type: 'request', id: request.id, label: request.number },
        outcome: 'success',
        details: { commentId: inserted.id, stageId, length: input.body.length },
      },
      { tx },
    );
    return inserted;
  });
  return { id: row.id, round: request.round, stageId, body: input.body, createdAt: iso(row.created_at) };
}

export interface AttachmentInput {
  filename: string;
  contentType: string;
  dataBase64: string;
}

export async function addAttachment(ctx: ServiceContext, actor: UserActor, id: string, input: AttachmentInput) {
  const contentType = input.contentType.toLowerCase();
  const allowed = Object.hasOwn(ALLOWED, contentType) ? ALLOWED[contentType] : undefined;
  if (!allowed) throw new AppError('unsupported_media_type');
  if (!allowed.extensions.includes(extensionOf(input.filename))) {
    throw new AppError('unsupported_media_type', {
      ja: `ファイル名の拡張子が種類と一致しません（${allowed.extensions.join('、')} のいずれか）。`,
      en: `The file name's extension does not match its type (one of ${allowed.extensions.join(', ')}).`,
    });
  }
  const data = Buffer.from(input.dataBase64, 'base64');
  if (data.length === 0) throw new AppError('validation_failed', { ja: 'ファイルが空です。', en: 'The file is empty.' });
  if (data.length > ATTACHMENT_MAX_BYTES) throw new AppError('payload_too_large');
  if (!allowed.content(data)) {
    throw new AppError('unsupported_media_type', {
      ja: 'ファイルの内容が種類と一致しません。',
      en: 'The file content does not match its type.',
    });
  }
  const { request, stageId } = await stageOfActor(ctx, actor, id);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const inserted = await records.insertAttachment(tx, {
      request_id: request.id,
      round: request.round,
      stage_id: stageId,
      uploaded_by: actor.userId,
      filename: input.filename,
      content_type: contentType,
      size: data.length,
      sha256,
      data,
      created_at: now,
    });
    await ctx.audit.record(
      {
        action: 'request.attachment.add',
        actor: auditActor(actor),
        target: { type: 'request', id: request.id, label: request.number },
        outcome: 'success',
        details: { attachmentId: inserted.id, filename: input.filename, contentType, size: data.length, sha256 },
      },
      { tx },
    );
    return inserted;
  });
  return { id: row.id, filename: input.filename, contentType, size: data.length, sha256, stageId, createdAt: iso(row.created_at) };
}

export async function downloadAttachment(ctx: ServiceContext, actor: UserActor, id: string, attachmentId: string) {
  const { bundle } = await loadAuthorized(ctx, actor, id, 'request.read');
  const file = await records.attachmentData(ctx.db, bundle.request.id, attachmentId);
  if (!file) throw new AppError('not_found');
  await ctx.audit.record({
    action: 'request.attachment.download',
    actor: auditActor(actor),
    target: { type: 'request', id: bundle.request.id, label: bundle.request.number },
    outcome: 'success',
    details: { attachmentId, sha256: file.sha256 },
  });
  return { filename: servedFilename(file.filename, file.content_type), contentType: file.content_type, data: Buffer.from(file.data) };
}

function notLendable(): AppError {
  return new AppError('invalid_state', {
    ja: '貸与・返却を記録できる申請ではありません。',
    en: 'Lending is recorded only on an approved take-out permit.',
  });
}

const NEXT_EVENT: Record<string, 'lent' | 'returned' | 'confirmed'> = {
  none: 'lent',
  lent: 'returned',
  returned: 'confirmed',
  confirmed: 'lent',
};

/**
 * CON-2 (ISK 別記様式第1号): the police side records lending (貸与取扱者) and confirms the return
 * (受領取扱者); the contractor who applied records the return. Events follow in that order.
 */
export async function recordLend(
  ctx: ServiceContext,
  actor: UserActor,
  id: string,
  input: { event: 'lent' | 'returned' | 'confirmed'; note?: string | undefined },
) {
  const { bundle, resource } = await loadAuthorized(ctx, actor, id, 'request.read');
  const request = bundle.request;
  if (request.type_code !== 'isk1_take_out' || request.state !== 'approved') {
    throw notLendable();
  }
  const police = resource.participantIds.includes(actor.userId) || resource.finalDeciderIds.includes(actor.userId);
  const allowed = input.event === 'returned' ? actor.userId === request.applicant_id : police && actor.userId !== request.applicant_id;
  if (!allowed) await refuse(ctx, actor, resource, 'request.read', `lend_${input.event}_not_permitted`, 'forbidden');
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockRequest(tx, request.id);
    if (!locked) throw new AppError('not_found');
    // CON-2: a cancellation (取消) or expiry may have committed since the check above.
    if (locked.state !== 'approved') {
      throw notLendable();
    }
    const lines = await records.lendRecordsOf(tx, request.id);
    const last = lines.at(-1)?.event ?? 'none';
    if (NEXT_EVENT[last] !== input.event) {
      throw new AppError('invalid_state', {
        ja: `次に記録できるのは「${NEXT_EVENT[last]}」です。`,
        en: `The next record must be "${NEXT_EVENT[last]}".`,
      });
    }
    const now = ctx.clock.now();
    await records.insertLendRecord(tx, {
      request_id: request.id,
      event: input.event,
      at: now,
      actor_id: actor.userId,
      note: input.note ?? null,
    });
    await repo.insertHistory(tx, {
      request_id: request.id,
      at: now,
      actor_id: actor.userId,
      action: `lend.${input.event}`,
      from_state: request.state,
      to_state: request.state,
      round: request.round,
      details: { note: input.note ?? null },
    });
    await ctx.audit.record(
      {
        action: `request.lend.${input.event}`,
        actor: auditActor(actor),
        target: { type: 'request', id: request.id, label: request.number },
        outcome: 'success',
      },
      { tx },
    );
  });
  const lines = await records.lendRecordsOf(ctx.db, request.id);
  return {
    lendRecords: lines.map((l) => ({
      id: l.id,
      event: l.event,
      at: iso(l.at),
      note: l.note,
      actor: { loginId: l.actor_login_id, name: l.actor_name },
    })),
  };
}
