/**
 * Note (forms helper, issue 4): added the optional `RequestDocument.fieldDisplay` — names for codes in
 * the fields (unit codes, login IDs) so the forms print 中村警察署 rather than nakamura-ps. Optional,
 * so the engine may fill it in when it can; without it the code is printed.
 *
 * The contract between the approval engine (service, repo, routes, route resolution, effects) and
 * the official forms (fields/ and forms/): the request type codes, and what a form is rendered from.
 * Both sides build against these names; change them only together.
 */

/** Request types delivered by issue 4 (AIC 様式1–7, ISK 様式1–2 (→ 様式3 permit), EDO exception, external service). */
export const REQUEST_TYPE_CODES = [
  'aic1_app_development', // AIC 様式1 適用業務開発承認申請書 (APP-2)
  'aic2_app_change', // AIC 様式2 適用業務変更・廃止承認申請書 (APP-2)
  'aic3_registrar', // AIC 様式3 登録担当者登録依頼書 (APP-3)
  'aic4_use_right', // AIC 様式4 業務利用権付与申請書 — grant and removal (APP-3, APP-5)
  'aic5_dispatch_use_right', // AIC 様式5 業務利用権付与申請書（派遣用）, host unit concurrence (APP-4)
  'aic6_input_processing', // AIC 様式6 入力処理申請書 (APP-11)
  'aic7_temporary_output', // AIC 様式7 臨時出力申請書, business unit concurrence (APP-11)
  'isk1_take_out', // ISK 別記様式第1 情報持ち出し許可申請書, with lend/return record (CON-2)
  'isk2_bring_in', // ISK 別記様式第2 情報機器等持込申請書 → 別記様式第3 持込許可証 (CON-3)
  'edo_exception', // EDO 10.4 例外措置申請 (with the emergency after-the-fact report) (GOV-1)
  'external_service', // 外部サービス利用申請 → register with a named manager (GOV-2)
] as const;

export type RequestTypeCode = (typeof REQUEST_TYPE_CODES)[number];

/** 下書き, 申請中, 差戻し, 承認, 却下, 取下げ, 期限切れ, 取消 */
export const REQUEST_STATES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'expired', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** One decision in the route, as the form prints it in place of a stamp (印). */
export interface FormDecision {
  /** Stage label as printed, e.g. 所属長, 合議（派遣先所属長）, 総務部長. */
  stage: string;
  decision: 'approved' | 'concurred' | 'rejected' | 'returned';
  /** Who decided (name and post), and, under delegation (代決), whose decision it was. */
  deciderName: string;
  deciderPost: string;
  onBehalfOfName?: string;
  decidedAt: Date;
  comment?: string;
  /** An "unavoidable" SoD override (ORG-3) is printed with its reason. */
  overrideReason?: string;
}

/** Everything a form PDF is rendered from. Fields are the type's validated fields (fields/<code>.ts). */
export interface RequestDocument {
  typeCode: RequestTypeCode;
  /** e.g. R2026-000123 */
  requestNumber: string;
  state: RequestState;
  fields: Record<string, unknown>;
  applicant: { name: string; loginId: string; unitName: string; postName?: string };
  /** The person the request benefits, when not the applicant (e.g. the user receiving a use right). */
  beneficiary?: { name: string; loginId: string; unitName: string };
  submittedAt?: Date;
  /** Emergency path (APP-5): oral application accepted, written application due by this date. */
  emergency?: { oralAt: Date; paperworkDueAt: Date; paperworkDoneAt?: Date };
  decisions: FormDecision[];
  /** Effect results that the form shows, e.g. ISK 様式3's permit number and period. */
  permit?: { number: string; validFrom: Date; validTo: Date };
  /** ISK 様式1: lend/return record lines. */
  lendRecord?: { lentAt?: Date; returnedAt?: Date; confirmedBy?: string }[];
  /** Display names for codes in `fields`, keyed by field name, e.g. { hostUnitCode: '中村警察署', managerLoginId: '田中 花子' }. */
  fieldDisplay?: Record<string, string>;
  /** Organisation name printed in the header (settings). */
  organisationName: string;
}
