import { createHash, randomUUID } from 'node:crypto';
import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { ApplicationRow } from '../../db/schema-information.js';
import { AppError } from '../../http/errors.js';
import type { JsonValue } from '../audit/canonical-json.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { findEffectWithRequest, lockEffectWithRequest, markEffectProcessed } from '../requests/registers-repo.js';
import { auditRefusals } from './effect-audit.js';
import { decode, type ImportRow, parseImport, type RowError } from './import-parse.js';
import { splitParticulars } from './presenters.js';
import { recordDigest, searchColumns } from './record-sets.js';
import * as repo from './repo.js';
import { IMPORT_MAX_BYTES, type ImportBody } from './schema.js';

/**
 * 様式6 入力処理 (APP-11) with input checks (APP-12): the records of an approved input-processing
 * request are validated row by row; one bad row refuses the whole file and nothing is written,
 * otherwise every row, the import record (with the SHA-256 of the bytes received), the effect
 * marked processed and the audit entry commit in one transaction.
 */

function invalid(ja: string, en: string): AppError {
  return new AppError('import_invalid', { ja, en });
}

async function targetOf(db: repo.Db, effectId: string, recordSet: string): Promise<ApplicationRow> {
  const e = await findEffectWithRequest(db, effectId);
  if (!e) throw new AppError('not_found');
  if (e.effect !== 'input_processing')
    throw new AppError('invalid_state', { ja: '入力処理申請の処理ではありません。', en: 'This is not an input-processing effect.' });
  if (e.processed_at !== null)
    throw new AppError('conflict', { ja: 'この入力処理は既に済んでいます。', en: 'This input was already processed.' });
  if (e.request_state !== 'approved')
    throw new AppError('invalid_state', { ja: '申請は承認された状態ではありません。', en: 'The request is no longer approved.' });
  const code = typeof e.fields.applicationCode === 'string' ? e.fields.applicationCode : '';
  const app = await repo.findApplicationByCode(db, code);
  if (app?.state !== 'active')
    throw new AppError('invalid_state', {
      ja: `適用業務 ${code} は運用中ではありません。`,
      en: `Application ${code} is not in operation.`,
    });
  const expected = splitParticulars(app).recordSet;
  if (expected !== recordSet)
    throw invalid(
      `レコードセット ${recordSet} は適用業務 ${app.code} のものではありません（${expected ?? '未設定'}）。`,
      `Record set ${recordSet} is not the one of application ${app.code} (${expected ?? 'none'}).`,
    );
  return app;
}

interface Checked {
  app: ApplicationRow;
  sha256: string;
  rows: ImportRow[];
  errors: RowError[];
  errorCount: number;
}

async function check(ctx: ServiceContext, effectId: string, body: ImportBody): Promise<Checked> {
  const app = await targetOf(ctx.db, effectId, body.recordSet);
  const bytes = Buffer.from(body.content, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) throw new AppError('payload_too_large');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const recordSet = body.recordSet;
  const parsed = parseImport(recordSet, body.format, decode(bytes, body.encoding));
  return parsed.ok
    ? { app, sha256, rows: parsed.rows, errors: [], errorCount: 0 }
    : { app, sha256, rows: [], errors: parsed.errors, errorCount: parsed.errorCount };
}

/** POST /api/effects/:id/import/validate: the per-row report, nothing written (200 either way). */
export async function validateImport(ctx: ServiceContext, actor: Actor, effectId: string, body: ImportBody) {
  await authorize(ctx, actor, 'records.import', { type: 'System' });
  const c = await auditRefusals(ctx, actor, 'records.import_validate', effectId, () => check(ctx, effectId, body));
  return { ok: c.errorCount === 0, rowCount: c.rows.length, errorCount: c.errorCount, errors: c.errors, sha256: c.sha256 };
}

function summary(errors: RowError[], count: number): { ja: string; en: string } {
  const first = errors
    .slice(0, 5)
    .map((e) => `${e.row}${e.field ? ` ${e.field.slice(0, 40)}` : ''}: ${e.message.slice(0, 120)}`)
    .join(' / ');
  return {
    ja: `入力資料に誤りが ${count} 件あります。何も登録していません（行 ${first}）。`,
    en: `The input has ${count} error(s); nothing was imported (row ${first}).`,
  };
}

/** POST /api/effects/:id/import: all rows or none (APP-11, APP-12). */
export async function importRecords(ctx: ServiceContext, actor: Actor, effectId: string, body: ImportBody) {
  await authorize(ctx, actor, 'records.import', { type: 'System' });
  return auditRefusals(ctx, actor, 'records.import', effectId, async () => {
    const c = await check(ctx, effectId, body);
    if (c.errorCount > 0) {
      const s = summary(c.errors, c.errorCount);
      throw invalid(s.ja, s.en);
    }
    return ctx.db.transaction().execute(async (tx) => {
      // Checked again under the effect's lock: a concurrent import of the same effect waits here and
      // then finds it processed.
      const e = await lockEffectWithRequest(tx, effectId);
      if (!e || e.processed_at !== null)
        throw new AppError('conflict', { ja: 'この入力処理は既に済んでいます。', en: 'This input was already processed.' });
      const app = await repo.findApplicationByCode(tx, c.app.code, { lock: true });
      if (!app || app.id !== c.app.id || app.state !== 'active')
        throw new AppError('invalid_state', { ja: '適用業務は運用中ではありません。', en: 'The application is not in operation.' });
      const at = ctx.clock.now();
      const by = actor.kind === 'user' ? actor.userId : null;
      const imported = await repo.insertImport(tx, {
        application_id: app.id,
        request_id: e.request_id,
        record_set: body.recordSet,
        format: body.format,
        encoding: body.encoding,
        row_count: c.rows.length,
        source_sha256: c.sha256,
        imported_by: by,
        imported_at: at,
      });
      await repo.insertRecords(
        tx,
        c.rows.map((r) => {
          const id = randomUUID();
          return {
            id,
            application_id: app.id,
            record_set: body.recordSet,
            subject_id: r.subjectId,
            ...searchColumns(body.recordSet, r.data),
            data: JSON.stringify(r.data),
            digest: recordDigest(id, body.recordSet, r.subjectId, r.data as JsonValue),
            import_id: imported.id,
            created_at: at,
          };
        }),
      );
      const outcome = { action: 'import', importId: imported.id, rowCount: c.rows.length, sha256: c.sha256 };
      await markEffectProcessed(tx, e.id, { at, by, outcome });
      await ctx.audit.record(
        {
          action: 'records.imported',
          actor: auditActor(actor),
          target: { type: 'application', id: app.id, label: app.code },
          outcome: 'success',
          details: {
            effectId: e.id,
            requestNumber: e.request_number,
            importId: imported.id,
            recordSet: body.recordSet,
            format: body.format,
            encoding: body.encoding,
            rowCount: c.rows.length,
            sha256: c.sha256,
          },
        },
        { tx },
      );
      return { importId: imported.id, applicationCode: app.code, recordSet: body.recordSet, rowCount: c.rows.length, sha256: c.sha256 };
    });
  });
}
