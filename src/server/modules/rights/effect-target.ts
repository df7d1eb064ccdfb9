import { AppError } from '../../http/errors.js';
import { type Fields as RegistrarFields, fields as registrarFields } from '../requests/fields/aic3_registrar.js';
import { type Fields as UseRightFields, fields as useRightFields } from '../requests/fields/aic4_use_right.js';
import { type Fields as DispatchFields, fields as dispatchFields } from '../requests/fields/aic5_dispatch_use_right.js';
import type { EffectRow } from './repo.js';

/** What a queued use-right effect asks for, with the fields of its request validated again. */
export type UseRightEffect =
  | { form: 'aic4'; action: 'grant' | 'remove' | 'cancel'; fields: UseRightFields; unitCode: string }
  | { form: 'aic5'; action: 'grant' | 'remove' | 'cancel'; fields: DispatchFields; unitCode: string };

const USE_RIGHT_EFFECTS: Record<string, 'grant' | 'remove'> = {
  use_right_grant: 'grant',
  use_right_remove: 'remove',
  dispatch_use_right_grant: 'grant',
  dispatch_use_right_remove: 'remove',
};

/**
 * Reads a queue row as a use-right effect. The fields are taken from the request row (the payload
 * copy of a cancel carries none) and parsed with the form's own schema: data from the database is
 * still checked before it becomes a right. The unit is whose 登録担当者 registers it: the applicant
 * unit for 様式4 (the beneficiary belongs to it), the host unit for 様式5 (APP-3, APP-4).
 */
export function parseUseRightEffect(e: EffectRow): UseRightEffect {
  const action = e.effect === 'cancel' ? 'cancel' : USE_RIGHT_EFFECTS[e.effect];
  if (action === undefined) throw new AppError('not_found');
  if (e.type_code === 'aic4_use_right') {
    const parsed = useRightFields.safeParse(e.request_fields);
    if (!parsed.success) throw corrupt();
    return { form: 'aic4', action, fields: parsed.data, unitCode: e.applicant_unit_code };
  }
  if (e.type_code === 'aic5_dispatch_use_right') {
    const parsed = dispatchFields.safeParse(e.request_fields);
    if (!parsed.success) throw corrupt();
    return { form: 'aic5', action, fields: parsed.data, unitCode: parsed.data.hostUnitCode };
  }
  throw new AppError('not_found');
}

/** A 様式3 effect: designate or release a 登録担当者 (APP-3, AIC 第5-1). */
export function parseRegistrarEffect(e: EffectRow): { action: 'designate' | 'release' | 'cancel'; fields: RegistrarFields } {
  if (e.type_code !== 'aic3_registrar') throw new AppError('not_found');
  const action =
    e.effect === 'registrar_designate'
      ? 'designate'
      : e.effect === 'registrar_release'
        ? 'release'
        : e.effect === 'cancel'
          ? 'cancel'
          : null;
  if (action === null) throw new AppError('not_found');
  const parsed = registrarFields.safeParse(e.request_fields);
  if (!parsed.success) throw corrupt();
  return { action, fields: parsed.data };
}

function corrupt(): AppError {
  return new AppError('invalid_state', {
    ja: '申請の記載内容を読み取れません。',
    en: 'The fields of the approved request cannot be read.',
  });
}
