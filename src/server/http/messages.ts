import type { ErrorCode } from './errors.js';

export type Locale = 'ja' | 'en';

/** Error messages shown to staff. Japanese first (the UI language), English on request. */
const MESSAGES: Record<ErrorCode, { ja: string; en: string }> = {
  validation_failed: { ja: '入力内容に誤りがあります。', en: 'The input is not valid.' },
  invalid_json: { ja: '送信されたデータを読み取れません。', en: 'The request body is not valid JSON.' },
  invalid_credentials: {
    ja: 'ユーザIDまたはパスワードが正しくないか、アカウントがロックされています。',
    en: 'The user ID or password is incorrect, or the account is locked.',
  },
  unauthenticated: { ja: 'ログインしてください。', en: 'Please log in.' },
  session_expired: {
    ja: 'セッションの有効期限が切れました。再度ログインしてください。',
    en: 'Your session has ended. Please log in again.',
  },
  mfa_required: { ja: '多要素認証を完了してください。', en: 'Complete multi-factor authentication.' },
  invalid_mfa_code: { ja: '認証コードが正しくありません。', en: 'The authentication code is not valid.' },
  forbidden: { ja: 'この操作を行う権限がありません。', en: 'You are not permitted to do this.' },
  csrf_invalid: {
    ja: '不正な要求として拒否しました。画面を再読み込みしてください。',
    en: 'The request was refused (missing or invalid CSRF token). Reload the page.',
  },
  password_change_required: {
    ja: '仮パスワードを変更するまで、他の操作はできません。',
    en: 'Change your temporary password before doing anything else.',
  },
  notice_acknowledgement_required: {
    ja: '利用上の注意（アクセス記録の取得について）を確認してください。',
    en: 'Acknowledge the monitoring notice first.',
  },
  mfa_enrollment_required: {
    ja: 'この利用者には多要素認証の登録が必要です。',
    en: 'Multi-factor authentication must be enrolled for this user.',
  },
  self_modification_forbidden: {
    ja: '自分自身の権限やアカウント状態は変更できません。',
    en: 'You cannot change your own privileges or account state.',
  },
  sod_violation: {
    ja: '職務分離の規定により、この申請を決裁できません（申請者・対象者は決裁できず、同じ人が二つの段階を決裁することはできません）。',
    en: 'Separation of duties: you cannot decide this request (the applicant and the beneficiary never decide, and one person decides one stage).',
  },
  not_found: { ja: '対象が見つかりません。', en: 'Not found.' },
  method_not_allowed: { ja: 'この操作は許可されていません。', en: 'Method not allowed.' },
  conflict: { ja: '既に登録されているか、他の変更と競合しました。', en: 'Already exists or conflicts with another change.' },
  last_administrator: {
    ja: '最後のシステム管理者の権限は外せません。',
    en: 'The last system administrator cannot be removed.',
  },
  payload_too_large: { ja: '送信データが大きすぎます。', en: 'The request is too large.' },
  unsupported_media_type: { ja: '送信形式が正しくありません。', en: 'Unsupported content type.' },
  weak_password: { ja: 'パスワードが規則を満たしていません。', en: 'The password does not meet the policy.' },
  invalid_state: { ja: '現在の状態ではこの操作はできません。', en: 'This is not possible in the current state.' },
  no_use_right: {
    ja: 'この適用業務の業務利用権がないため、照会できません。必要な場合は所属長に業務利用権の付与を申請してもらってください。',
    en: 'You hold no use right for this application. Ask your unit head to apply for one if you need it.',
  },
  purpose_required: {
    ja: '個人情報の照会には照会目的（目的区分と具体的な目的、必要な場合は事件番号）の入力が必要です。',
    en: 'A personal-information query needs its purpose: a purpose code, the purpose in words and, where required, a case number.',
  },
  query_too_broad: {
    ja: '該当者が多すぎるため表示できません。氏名・生年月日などの条件を追加して絞り込んでください。',
    en: 'Too many people match. Narrow the query (full name, date of birth).',
  },
  import_invalid: {
    ja: '取り込むデータに誤りがあります。行ごとの誤りを確認してください。何も取り込まれていません。',
    en: 'The data to import has errors (see each row). Nothing was imported.',
  },
  paperwork_mismatch: {
    ja: '書面の申請の内容が、口頭で承認された内容と一致しません。承認された内容のとおりに提出してください。',
    en: 'The written application does not match what was approved orally. File it exactly as approved.',
  },
  period_ended: {
    ja: '申請の期間が既に終わっているため、この操作はできません。',
    en: 'The period of the application has already ended.',
  },
  rate_limited: {
    ja: '短時間に要求が多すぎます。しばらく待ってから再度お試しください。',
    en: 'Too many requests. Wait a moment and try again.',
  },
  internal_error: {
    ja: 'システムで問題が発生しました。管理者に連絡してください。',
    en: 'Something went wrong. Contact the administrator.',
  },
  audit_unavailable: {
    ja: 'アクセス記録を保存できないため、処理を中止しました。',
    en: 'The audit record could not be written, so the operation was not carried out.',
  },
  service_unavailable: { ja: 'ただいま利用できません。', en: 'Service unavailable.' },
};

export function messageFor(code: ErrorCode, locale: Locale): string {
  return MESSAGES[code][locale];
}

export function pickLocale(acceptLanguage: string | undefined, preferred?: string | null): Locale {
  if (preferred === 'en' || preferred === 'ja') return preferred;
  if (!acceptLanguage) return 'ja';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}
