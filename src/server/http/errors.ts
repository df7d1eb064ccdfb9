import { type Locale, messageFor } from './messages.js';

/** Every error the API can answer with. The code is part of the contract; the status follows from it. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  session_expired: 401,
  mfa_required: 401,
  invalid_mfa_code: 401,
  forbidden: 403,
  csrf_invalid: 403,
  password_change_required: 403,
  notice_acknowledgement_required: 403,
  mfa_enrollment_required: 403,
  self_modification_forbidden: 403,
  sod_violation: 403,
  no_use_right: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  last_administrator: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  weak_password: 422,
  invalid_state: 422,
  paperwork_mismatch: 422,
  period_ended: 422,
  purpose_required: 422,
  query_too_broad: 422,
  import_invalid: 422,
  rate_limited: 429,
  internal_error: 500,
  audit_unavailable: 503,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one error type of the application. `detail` replaces the catalogue message when given. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: { ja: string; en: string } | undefined;

  constructor(code: ErrorCode, detail?: { ja: string; en: string }) {
    super(detail?.en ?? code);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  body(locale: Locale): { error: { code: ErrorCode; message: string } } {
    const message = this.detail ? this.detail[locale] : messageFor(this.code, locale);
    return { error: { code: this.code, message } };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
