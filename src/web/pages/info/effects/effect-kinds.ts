import type { MessageKey } from '../../../i18n/index.js';
import type { PendingEffect } from '../info-types.js';

/** The effects queued by approvals (src/server/modules/requests/effects.ts QUEUED) and their names. */
export const EFFECT_KEYS: Readonly<Record<string, MessageKey>> = {
  application_development: 'info.effect.kind.application_development',
  application_change: 'info.effect.kind.application_change',
  application_abolition: 'info.effect.kind.application_abolition',
  registrar_designate: 'info.effect.kind.registrar_designate',
  registrar_release: 'info.effect.kind.registrar_release',
  input_processing: 'info.effect.kind.input_processing',
  temporary_output: 'info.effect.kind.temporary_output',
  use_right_grant: 'info.effect.kind.use_right_grant',
  use_right_remove: 'info.effect.kind.use_right_remove',
  dispatch_use_right_grant: 'info.effect.kind.dispatch_use_right_grant',
  dispatch_use_right_remove: 'info.effect.kind.dispatch_use_right_remove',
  cancel: 'info.effect.kind.cancel',
};

export type EffectForm = 'application' | 'registrar' | 'import' | 'temporary_output' | 'cancel' | 'none';

/** Which form processes an effect (APP-2 様式1/2, APP-3 様式3, APP-11 様式6/7). */
export function formOf(effect: string): EffectForm {
  if (effect.startsWith('application_')) return 'application';
  if (effect.startsWith('registrar_')) return 'registrar';
  if (effect === 'input_processing') return 'import';
  if (effect === 'temporary_output') return 'temporary_output';
  if (effect === 'cancel') return 'cancel';
  return 'none';
}

export function fieldsOf(effect: PendingEffect): Record<string, unknown> {
  return effect.fields ?? {};
}

export function requestNumberOf(effect: PendingEffect): string {
  return effect.request?.number ?? '';
}

/** A string field of the approved form, or ''. */
export function fieldText(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}
