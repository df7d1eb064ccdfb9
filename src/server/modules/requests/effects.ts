import type { RequestRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { findUserByLogin } from '../org/repo.js';
import type { RequestTypeCode } from './contract.js';
import type { Fields as ServiceFields } from './fields/external_service.js';
import type { Fields as BringInFields } from './fields/isk2_bring_in.js';
import { nextPermitNumber } from './numbers.js';
import * as registers from './registers-repo.js';
import * as repo from './repo.js';

/** Effects handed to the later information-management module, one per request (unique in the queue). */
const QUEUED: Partial<Record<RequestTypeCode, (f: Record<string, unknown>) => string>> = {
  aic1_app_development: () => 'application_development',
  aic2_app_change: (f) => (f.kind === 'abolition' ? 'application_abolition' : 'application_change'),
  aic3_registrar: (f) => (f.action === 'release' ? 'registrar_release' : 'registrar_designate'),
  aic4_use_right: (f) => (f.action === 'remove' ? 'use_right_remove' : 'use_right_grant'),
  aic5_dispatch_use_right: (f) => (f.action === 'remove' ? 'dispatch_use_right_remove' : 'dispatch_use_right_grant'),
  aic6_input_processing: () => 'input_processing',
  aic7_temporary_output: () => 'temporary_output',
};

const CONFIDENTIALITY: Record<ServiceFields['handlingLevel'], number> = { 機密性1: 1, 機密性2: 2, 機密性3: 3 };

export interface EffectResult {
  permitNumber?: string;
  /** CON-3: the permit a change or abolition ended. */
  revokedPermitNumber?: string;
  externalServiceId?: string;
  queued?: string;
}

/**
 * Runs the effect of a final approval. Called only inside the approving transaction, after the
 * request row was locked and found undecided, so it runs exactly once; the unique keys of permits,
 * register rows and queue rows would refuse a second run even so.
 */
export async function applyEffect(db: repo.Db, request: RequestRow, at: Date): Promise<EffectResult> {
  const code = request.type_code as RequestTypeCode;
  const fields = request.fields;
  const queued = QUEUED[code];
  if (queued) {
    const effect = queued(fields);
    await registers.queueEffect(db, {
      request_id: request.id,
      type_code: code,
      effect,
      payload: { requestNumber: request.number, applicantId: request.applicant_id, beneficiaryId: request.beneficiary_id, fields },
      created_at: at,
    });
    return { queued: effect };
  }
  if (code === 'isk2_bring_in') return bringIn(db, request, fields as BringInFields, at);
  if (code === 'external_service') return registerService(db, request, fields as ServiceFields, at);
  // isk1_take_out: the approval itself is the permission; lend and return are recorded on it (CON-2).
  // edo_exception: the approved application is the record the security head keeps (GOV-1 (3)).
  return {};
}

/**
 * CON-3: a new or changed bring-in gets a 持込許可証 number and period; a change or abolition ends the
 * old permit — the one fixed at submission (same unit, in force then), by its request id, never by the
 * quoted number alone. If that permit is no longer in force (cancelled meanwhile) nothing is approved.
 */
async function bringIn(db: repo.Db, request: RequestRow, f: BringInFields, at: Date): Promise<EffectResult> {
  const result: EffectResult = {};
  if (f.kind !== 'new') {
    const supersedes = await repo.supersedesOf(db, request.id);
    const revoked = supersedes ? await registers.revokePermit(db, { requestId: supersedes, number: f.permitNumber }, at) : [];
    const number = revoked[0];
    if (number === undefined) {
      throw new AppError('invalid_state', {
        ja: `許可番号 ${f.permitNumber ?? ''} の持込許可証は既に効力がありません。`,
        en: `Permit ${f.permitNumber ?? ''} is no longer in force.`,
      });
    }
    result.revokedPermitNumber = number;
  }
  if (f.kind === 'abolition') return result;
  const permit = await nextPermitNumber(db, at);
  // Dates compare as text (YYYY-MM-DD); a permit never starts before the day it is issued. The
  // period has not ended (checked at submission and again at approval), so from ≤ to.
  const today = tokyoDate(at);
  const from = [f.periodFrom, today].sort().at(-1) ?? today;
  await registers.insertPermit(db, {
    request_id: request.id,
    number: permit.number,
    year: permit.year,
    seq: permit.seq,
    valid_from: from,
    valid_to: f.periodTo,
    issued_at: at,
  });
  return { ...result, permitNumber: permit.number };
}

/** GOV-2 (EDO 11.2(4)③): the approved service is recorded with its named service manager. */
async function registerService(db: repo.Db, request: RequestRow, f: ServiceFields, at: Date): Promise<EffectResult> {
  const manager = await findUserByLogin(db, f.managerLoginId);
  if (!manager)
    throw new AppError('validation_failed', { ja: '外部サービス管理者が見つかりません。', en: 'The service manager does not exist.' });
  const row = await registers.insertExternalService(db, {
    request_id: request.id,
    name: f.serviceName,
    kind: f.serviceKind,
    max_confidentiality: CONFIDENTIALITY[f.handlingLevel],
    manager_id: manager.id,
    unit_id: request.applicant_unit_id,
    approved_at: at,
  });
  return { externalServiceId: row.id };
}

/** 取消: what an approval left behind is withdrawn (permit revoked, service struck, queue told). */
export async function cancelEffect(db: repo.Db, request: RequestRow, at: Date): Promise<EffectResult> {
  const [revoked] = await registers.revokePermit(db, { requestId: request.id }, at);
  await registers.cancelServiceOfRequest(db, request.id, at);
  if (QUEUED[request.type_code as RequestTypeCode]) {
    await registers.queueEffect(db, {
      request_id: request.id,
      type_code: request.type_code,
      effect: 'cancel',
      payload: { requestNumber: request.number },
      created_at: at,
    });
  }
  return revoked === undefined ? {} : { revokedPermitNumber: revoked };
}
