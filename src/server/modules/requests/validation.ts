import type { UserRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { assignmentOn, findUserByLogin } from '../org/repo.js';
import { activePermitOfUnit } from './registers-repo.js';
import type { Db } from './repo.js';
import type { RequestType } from './types/index.js';

/** The type's own schema decides what the fields are (the forms print exactly these). */
export function validateFields(type: RequestType, raw: unknown): Record<string, unknown> {
  const parsed = type.schema.safeParse(raw);
  if (!parsed.success) {
    const paths = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(fields)'))].slice(0, 10).join(', ');
    throw new AppError('validation_failed', { ja: `入力内容に誤りがあります（${paths}）。`, en: `The input is not valid (${paths}).` });
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * The person the request is for. Use-right and registrar forms are for a member of the applying
 * unit (AIC 第5-1(4), 第5-2(1)(2)): someone of another unit is refused.
 */
export async function resolveBeneficiary(
  db: Db,
  type: RequestType,
  fields: Record<string, unknown>,
  applicantUnitId: string,
  date: string,
): Promise<UserRow | null> {
  const login = type.beneficiaryLoginId(fields);
  if (!login) return null;
  const user = await findUserByLogin(db, login);
  if (!user || user.disabled_at !== null) {
    throw new AppError('validation_failed', { ja: `職員 ${login} は登録されていません。`, en: `User ${login} does not exist.` });
  }
  if (type.beneficiaryInApplicantUnit) {
    const assignment = await assignmentOn(db, user.id, date);
    if (assignment?.unit_id !== applicantUnitId) {
      throw new AppError('validation_failed', {
        ja: `職員 ${login} は申請する所属の職員ではありません。`,
        en: `User ${login} is not a member of the applying unit.`,
      });
    }
  }
  return user;
}

/** Named people other than the beneficiary must exist too (e.g. the external service's manager, GOV-2). */
export async function checkNamedPeople(db: Db, fields: Record<string, unknown>): Promise<void> {
  const manager = fields.managerLoginId;
  if (typeof manager === 'string') {
    const user = await findUserByLogin(db, manager);
    if (!user || user.disabled_at !== null) {
      throw new AppError('validation_failed', { ja: `職員 ${manager} は登録されていません。`, en: `User ${manager} does not exist.` });
    }
  }
}

/**
 * A request whose period ended before `today` (YYYY-MM-DD, Asia/Tokyo) is neither submitted nor
 * approved: it would issue an inverted permit (CON-3) or queue a right already lapsed (APP-3, APP-5).
 * Only an after-the-fact report (EDO 10.4(2)) may describe a period that is over.
 */
export function requirePeriodNotEnded(type: RequestType, fields: Record<string, unknown>, today: string): void {
  const end = type.validTo(fields);
  if (end === undefined || end >= today || type.afterTheFact(fields)) return;
  throw new AppError('period_ended', {
    ja: `申請の期間は ${end} に終わっています（本日 ${today}）。期間を直して申請してください。`,
    en: `The period of the application ended on ${end} (today is ${today}). Correct the period and apply again.`,
  });
}

/**
 * CON-3 (ISK 第8): a change or abolition of a bring-in quotes the 許可番号 of a permit in force that
 * was issued to the same unit; the id of the request that issued it is returned (what approval ends).
 * Other types and new applications quote nothing (null). The same answer for "no such number" and
 * "another unit's permit": a number says nothing about permits elsewhere.
 */
export async function quotedPermitRequest(
  db: Db,
  type: RequestType,
  fields: Record<string, unknown>,
  applicantUnitId: string,
  today: string,
): Promise<string | null> {
  if (type.code !== 'isk2_bring_in' || fields.kind === 'new' || typeof fields.permitNumber !== 'string') return null;
  const permit = await activePermitOfUnit(db, fields.permitNumber, applicantUnitId, today);
  if (!permit) {
    throw new AppError('validation_failed', {
      ja: `許可番号 ${fields.permitNumber} の有効な持込許可証は、申請する所属にありません（permitNumber）。`,
      en: `No permit ${fields.permitNumber} is in force for the applying unit (permitNumber).`,
    });
  }
  return permit.request_id;
}
