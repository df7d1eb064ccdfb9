import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { Actor } from '../identity/actor.js';
import * as repo from './repo.js';

/**
 * The request types whose approved effects システム管理者 / 総務部長 process (APP-2, APP-11,
 * 様式3 registrars, 様式7 temporary output). Use-right effects (様式4, 様式5) go to the unit's
 * 登録担当者 through the rights module instead.
 */
const ADMIN_TYPES = [
  'aic1_app_development',
  'aic2_app_change',
  'aic3_registrar',
  'aic6_input_processing',
  'aic7_temporary_output',
] as const;

/** GET /api/effects: open effects of approved (or cancelled) requests waiting for processing. */
export async function listOpenEffects(ctx: ServiceContext, actor: Actor) {
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  const rows = await repo.listOpenEffects(ctx.db, ADMIN_TYPES);
  return {
    effects: rows.map((r) => ({
      id: r.id,
      effect: r.effect,
      typeCode: r.type_code,
      createdAt: r.created_at.toISOString(),
      request: { id: r.request_id, number: r.request_number, state: r.request_state },
      applicant: { loginId: r.applicant_login_id, name: r.applicant_name, unit: { code: r.unit_code, name: r.unit_name } },
      fields: r.payload.fields ?? null,
    })),
  };
}
