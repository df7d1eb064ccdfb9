import type { z } from 'zod';
import type { RequestTypeCode } from '../contract.js';
import * as aic1 from './aic1_app_development.js';
import * as aic2 from './aic2_app_change.js';
import * as aic3 from './aic3_registrar.js';
import * as aic4 from './aic4_use_right.js';
import * as aic5 from './aic5_dispatch_use_right.js';
import * as aic6 from './aic6_input_processing.js';
import * as aic7 from './aic7_temporary_output.js';
import type { Label } from './common.js';
import * as edo from './edo_exception.js';
import * as ext from './external_service.js';
import * as isk1 from './isk1_take_out.js';
import * as isk2 from './isk2_bring_in.js';

export type { Label } from './common.js';

/** Each request type's validated fields (what the applicant fills in); unknown keys are rejected. */
export const fieldSchemas: Record<RequestTypeCode, z.ZodTypeAny> = {
  aic1_app_development: aic1.fields,
  aic2_app_change: aic2.fields,
  aic3_registrar: aic3.fields,
  aic4_use_right: aic4.fields,
  aic5_dispatch_use_right: aic5.fields,
  aic6_input_processing: aic6.fields,
  aic7_temporary_output: aic7.fields,
  isk1_take_out: isk1.fields,
  isk2_bring_in: isk2.fields,
  edo_exception: edo.fields,
  external_service: ext.fields,
};

/** Field labels as the form prints them (ja) and the English UI shows them. */
export const fieldLabels: Record<RequestTypeCode, Record<string, Label>> = {
  aic1_app_development: aic1.labels,
  aic2_app_change: aic2.labels,
  aic3_registrar: aic3.labels,
  aic4_use_right: aic4.labels,
  aic5_dispatch_use_right: aic5.labels,
  aic6_input_processing: aic6.labels,
  aic7_temporary_output: aic7.labels,
  isk1_take_out: isk1.labels,
  isk2_bring_in: isk2.labels,
  edo_exception: edo.labels,
  external_service: ext.labels,
};

/** The official name and form number of each type. */
export const typeNames: Record<RequestTypeCode, { ja: string; en: string; form: string }> = {
  aic1_app_development: { ja: '適用業務開発承認申請書', en: 'Application development approval', form: '様式第1' },
  aic2_app_change: { ja: '適用業務変更・廃止承認申請書', en: 'Application change / abolition approval', form: '様式第2' },
  aic3_registrar: { ja: '登録担当者登録依頼書', en: 'Registration staff designation', form: '様式第3' },
  aic4_use_right: { ja: '業務利用権付与申請書', en: 'Business use right', form: '様式第4' },
  aic5_dispatch_use_right: { ja: '業務利用権付与申請書（派遣用）', en: 'Business use right (dispatch)', form: '様式第5' },
  aic6_input_processing: { ja: '入力処理申請書', en: 'Input processing request', form: '様式第6' },
  aic7_temporary_output: { ja: '臨時出力申請書', en: 'Temporary output request', form: '様式第7' },
  isk1_take_out: { ja: '情報持ち出し許可申請書', en: 'Taking information out', form: '別記様式第1号' },
  isk2_bring_in: { ja: '情報機器等持込申請書', en: 'Bringing in information equipment', form: '別記様式第2号' },
  edo_exception: { ja: '例外措置申請書', en: 'Exception (例外措置)', form: '例外措置申請書' },
  external_service: { ja: '外部サービス利用申請書', en: 'External service use', form: '外部サービス利用申請書' },
};

/** ISK 別記様式第3号, issued from an approved isk2_bring_in (CON-3). */
export const permitName = { ja: '情報機器等持込許可証', en: 'Information equipment permit', form: '別記様式第3号' } as const;
