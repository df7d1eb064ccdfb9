import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { ApplicationRow } from '../../db/schema-information.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { fields as aic1Fields } from '../requests/fields/aic1_app_development.js';
import { fields as aic2Fields } from '../requests/fields/aic2_app_change.js';
import { lockEffectWithRequest, markEffectProcessed } from '../requests/registers-repo.js';
import { auditRefusals } from './effect-audit.js';
import { snapshotOf, storedParticulars } from './presenters.js';
import * as repo from './repo.js';
import type { ApplicationSettings } from './schema.js';

/**
 * APP-2: an application is registered, changed and abolished only as the effect of an approved
 * 様式1 / 様式2, processed by システム管理者 or 総務部長. Each processing is one transaction: the
 * application, its version snapshot (append-only), the effect marked processed and the audit entry
 * commit together, or none does.
 */

type LockedEffect = NonNullable<Awaited<ReturnType<typeof lockEffectWithRequest>>>;

/** What the approved request asks for, read from its validated fields. */
type Intent =
  | { kind: 'develop'; code: string; name: string }
  | { kind: 'change'; code: string; name: string }
  | { kind: 'abolish'; code: string };

const APPLICATION_EFFECTS = new Set(['application_development', 'application_change', 'application_abolition']);

function invalid(ja: string, en: string): AppError {
  return new AppError('invalid_state', { ja, en });
}

function intentOf(e: LockedEffect): Intent {
  if (e.type_code === 'aic1_app_development') {
    const f = aic1Fields.safeParse(e.fields);
    if (!f.success) throw invalid('申請の内容を読み取れません。', 'The request fields cannot be read.');
    // AIC 第2-2(3): a large change is applied for on 様式1 and changes the application it names;
    // the code stays (rights, contracts and query records refer to it), the name is the new one.
    if (f.data.largeChange && f.data.changedApplicationCode)
      return { kind: 'change', code: f.data.changedApplicationCode, name: f.data.applicationName };
    return { kind: 'develop', code: f.data.applicationCode, name: f.data.applicationName };
  }
  const f = aic2Fields.safeParse(e.fields);
  if (!f.success) throw invalid('申請の内容を読み取れません。', 'The request fields cannot be read.');
  return f.data.kind === 'abolition'
    ? { kind: 'abolish', code: f.data.applicationCode }
    : { kind: 'change', code: f.data.applicationCode, name: f.data.applicationName };
}

function settingsColumns(name: string, s: ApplicationSettings, at: Date) {
  return {
    name,
    personal_information: s.personalInformation,
    classification: s.classification,
    particulars: storedParticulars(s),
    access_criteria: s.accessCriteria,
    purpose_codes: s.purposeCodes,
    max_people: s.maxPeople,
    output_check: s.outputCheck,
    at,
  };
}

async function activeApplication(tx: repo.Db, code: string): Promise<ApplicationRow> {
  const app = await repo.findApplicationByCode(tx, code, { lock: true });
  if (!app) throw invalid(`適用業務 ${code} は登録されていません。`, `Application ${code} is not registered.`);
  if (app.state !== 'active') throw invalid(`適用業務 ${code} は廃止されています。`, `Application ${code} is abolished.`);
  return app;
}

function requireSettings(settings: ApplicationSettings | undefined): ApplicationSettings {
  if (!settings)
    throw new AppError('validation_failed', {
      ja: '適用業務の設定（レコードセット、照会項目、目的コード等）を入力してください。',
      en: 'The application settings (record set, criteria, purpose codes…) are required.',
    });
  return settings;
}

const AUDIT_ACTION = { develop: 'application.registered', change: 'application.changed', abolish: 'application.abolished' } as const;

/**
 * Processes an application_development / application_change / application_abolition effect.
 * Development → a new active application, version 1; change → the next version with the new
 * settings; abolition → state abolished and every open use right of it ended (reason `abolished`).
 * `settings` is ignored for an abolition. A second processing of the same effect → 409 conflict.
 */
export async function registerApplicationEffect(
  ctx: ServiceContext,
  actor: Actor,
  effectId: string,
  settings: ApplicationSettings | undefined,
): Promise<{ applicationId: string; code: string; version: number }> {
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  return auditRefusals(ctx, actor, 'application.effect', effectId, () =>
    ctx.db.transaction().execute(async (tx) => {
      const e = await lockEffectWithRequest(tx, effectId);
      if (!e) throw new AppError('not_found');
      if (e.processed_at !== null)
        throw new AppError('conflict', { ja: 'この処理は既に済んでいます。', en: 'This effect was already processed.' });
      if (!APPLICATION_EFFECTS.has(e.effect)) throw invalid('適用業務の登録処理ではありません。', 'This is not an application effect.');
      if (e.request_state !== 'approved') throw invalid('申請は承認された状態ではありません。', 'The request is no longer approved.');
      const intent = intentOf(e);
      const at = ctx.clock.now();
      const by = actor.kind === 'user' ? actor.userId : null;
      let app: ApplicationRow;
      let endedRights = 0;
      if (intent.kind === 'develop') {
        const s = requireSettings(settings);
        if (await repo.findApplicationByCode(tx, intent.code))
          throw new AppError('conflict', {
            ja: `適用業務コード ${intent.code} は既に使われています。`,
            en: `Code ${intent.code} is taken.`,
          });
        app = await repo.insertApplication(tx, {
          ...settingsColumns(intent.name, s, at),
          code: intent.code,
          // The business unit is the applicant's: its head applies for the development (AIC 第2-1).
          business_unit_id: e.applicant_unit_id,
          request_id: e.request_id,
        });
      } else if (intent.kind === 'change') {
        const s = requireSettings(settings);
        const current = await activeApplication(tx, intent.code);
        app = await repo.updateSettings(tx, current.id, { ...settingsColumns(intent.name, s, at), version: current.version + 1 });
      } else {
        const current = await activeApplication(tx, intent.code);
        app = await repo.markAbolished(tx, current.id, current.version + 1, tokyoDate(at), at);
        endedRights = await repo.endRightsOfApplication(tx, app.id, { at, by, requestId: e.request_id });
      }
      await repo.insertVersion(tx, {
        application_id: app.id,
        version: app.version,
        snapshot: snapshotOf(app, e.request_number),
        request_id: e.request_id,
        changed_by: by,
        at,
      });
      const outcome = { action: intent.kind, applicationId: app.id, code: app.code, version: app.version, endedRights };
      await markEffectProcessed(tx, e.id, { at, by, outcome });
      await ctx.audit.record(
        {
          action: AUDIT_ACTION[intent.kind],
          actor: auditActor(actor),
          target: { type: 'application', id: app.id, label: app.code },
          outcome: 'success',
          details: { effectId: e.id, requestNumber: e.request_number, version: app.version, endedRights },
        },
        { tx },
      );
      return { applicationId: app.id, code: app.code, version: app.version };
    }),
  );
}

type CancelOutcome = {
  action: 'cancel';
  /** Effects of the request that were still open and are closed unprocessed. */
  skippedEffects: string[];
  abolishedApplication?: string;
  /** Registered from the request but already in use (changed, records, rights or queries): kept. */
  keptApplication?: string;
};

/** Request types whose cancellation (取消) this module processes. */
const CANCELLABLE = new Set(['aic1_app_development', 'aic2_app_change', 'aic6_input_processing', 'aic7_temporary_output']);

/**
 * APP-5 取消 of an approved 様式1 / 様式2 / 様式6 / 様式7 (an output already made stays in the ledger). Any effect of the request still open is closed
 * unprocessed. An application registered from a cancelled 様式1 is abolished only when nothing was
 * built on it yet (no change since, no records, no use rights, no query records); otherwise it
 * stays and the outcome says why, for a 様式2 abolition to decide. A change, an abolition or an
 * import already made is not undone: undoing would rewrite what staff relied on (query records,
 * ended rights); the outcome names what stays.
 */
export async function processCancelEffect(ctx: ServiceContext, actor: Actor, effectId: string): Promise<{ outcome: CancelOutcome }> {
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  return auditRefusals(ctx, actor, 'application.cancel_effect', effectId, () =>
    ctx.db.transaction().execute(async (tx) => {
      const e = await lockEffectWithRequest(tx, effectId);
      if (!e) throw new AppError('not_found');
      if (e.processed_at !== null)
        throw new AppError('conflict', { ja: 'この処理は既に済んでいます。', en: 'This effect was already processed.' });
      if (e.effect !== 'cancel' || !CANCELLABLE.has(e.type_code))
        throw invalid('適用業務・入力処理の取消ではありません。', 'This is not the cancellation of an application or input request.');
      const at = ctx.clock.now();
      const by = actor.kind === 'user' ? actor.userId : null;
      const skipped = await repo.lockOpenEffectsOfRequest(tx, e.request_id, e.id);
      for (const s of skipped) await markEffectProcessed(tx, s.id, { at, by, outcome: { action: 'skipped', reason: 'request_cancelled' } });

      const outcome: CancelOutcome = { action: 'cancel', skippedEffects: skipped.map((s) => s.effect) };
      const code = typeof e.fields.applicationCode === 'string' ? e.fields.applicationCode : null;
      const app = code && e.type_code === 'aic1_app_development' ? await repo.findApplicationByCode(tx, code, { lock: true }) : undefined;
      if (app && app.request_id === e.request_id && app.state === 'active') {
        if (app.version === 1 && !(await repo.hasDependents(tx, app.id))) {
          const abolished = await repo.markAbolished(tx, app.id, app.version + 1, tokyoDate(at), at);
          await repo.insertVersion(tx, {
            application_id: app.id,
            version: abolished.version,
            snapshot: snapshotOf(abolished, e.request_number),
            request_id: e.request_id,
            changed_by: by,
            at,
          });
          outcome.abolishedApplication = app.code;
          await ctx.audit.record(
            {
              action: 'application.abolished',
              actor: auditActor(actor),
              target: { type: 'application', id: app.id, label: app.code },
              outcome: 'success',
              reason: 'request_cancelled',
              details: { effectId: e.id, requestNumber: e.request_number, version: abolished.version, endedRights: 0 },
            },
            { tx },
          );
        } else {
          outcome.keptApplication = app.code;
        }
      }
      await markEffectProcessed(tx, e.id, { at, by, outcome });
      await ctx.audit.record(
        {
          action: 'effect.cancel_processed',
          actor: auditActor(actor),
          target: { type: 'request', id: e.request_id, label: e.request_number },
          outcome: 'success',
          details: { effectId: e.id, typeCode: e.type_code, ...outcome },
        },
        { tx },
      );
      return { outcome };
    }),
  );
}
