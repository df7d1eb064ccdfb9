import type { Db } from './repo.js';

/** Comments, attachments and ISK 様式1 lend records: append-only lines attached to a request. */

export async function insertComment(
  db: Db,
  c: { request_id: string; round: number; stage_id: string | null; author_id: string; body: string; created_at: Date },
) {
  return db.insertInto('request_comments').values(c).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

export async function commentsOf(db: Db, requestId: string) {
  return db
    .selectFrom('request_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.round', 'c.stage_id', 'c.body', 'c.created_at', 'u.login_id as author_login_id', 'u.name as author_name'])
    .where('c.request_id', '=', requestId)
    .orderBy('c.seq')
    .execute();
}

export async function insertAttachment(
  db: Db,
  a: {
    request_id: string;
    round: number;
    stage_id: string | null;
    uploaded_by: string;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    data: Uint8Array;
    created_at: Date;
  },
) {
  return db.insertInto('request_attachments').values(a).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

export async function attachmentsOf(db: Db, requestId: string) {
  return db
    .selectFrom('request_attachments as a')
    .innerJoin('users as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.round',
      'a.stage_id',
      'a.filename',
      'a.content_type',
      'a.size',
      'a.sha256',
      'a.created_at',
      'u.login_id as uploaded_by_login_id',
      'u.name as uploaded_by_name',
    ])
    .where('a.request_id', '=', requestId)
    .orderBy('a.seq')
    .execute();
}

export async function attachmentData(db: Db, requestId: string, attachmentId: string) {
  return db
    .selectFrom('request_attachments')
    .select(['filename', 'content_type', 'size', 'sha256', 'data'])
    .where('request_id', '=', requestId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

export async function insertLendRecord(
  db: Db,
  r: { request_id: string; event: 'lent' | 'returned' | 'confirmed'; at: Date; actor_id: string; note: string | null },
) {
  await db.insertInto('request_lend_records').values(r).execute();
}

export async function lendRecordsOf(db: Db, requestId: string) {
  return db
    .selectFrom('request_lend_records as l')
    .innerJoin('users as u', 'u.id', 'l.actor_id')
    .select(['l.id', 'l.event', 'l.at', 'l.note', 'u.login_id as actor_login_id', 'u.name as actor_name'])
    .where('l.request_id', '=', requestId)
    .orderBy('l.seq')
    .execute();
}
