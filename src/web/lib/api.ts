import { type Locale, translate } from '../i18n/index.js';

/** An answer of the API in its one error shape `{"error":{"code","message"}}`, or a transport failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Codes after which the screen has to change: the session is gone, or a gate must be passed first. */
export const SESSION_LOST_CODES = ['unauthenticated', 'session_expired'] as const;
export const GATE_CODES = [
  'mfa_required',
  'password_change_required',
  'mfa_enrollment_required',
  'notice_acknowledgement_required',
] as const;

export type SessionEventCode = (typeof SESSION_LOST_CODES)[number] | (typeof GATE_CODES)[number];
type SessionListener = (code: SessionEventCode) => void;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const listeners = new Set<SessionListener>();

/** Kept in memory only: a reload asks the server again (GET /api/me). */
let csrfToken: string | null = null;
let currentLocale: Locale = 'ja';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

export function setApiLocale(locale: Locale): void {
  currentLocale = locale;
}

/** Called when an answer says the session ended or a gate is pending. Returns the unsubscribe function. */
export function onSessionEvent(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export type QueryValue = string | number | undefined | null;

export interface RequestOptions {
  body?: unknown;
  query?: Readonly<Record<string, QueryValue>>;
  signal?: AbortSignal;
  /** Do not tell the session about 401/403 gate answers (used by the session itself). */
  quiet?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function errorFrom(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    if (typeof code === 'string') {
      const text = typeof message === 'string' && message !== '' ? message : translate(currentLocale, 'error.generic');
      return new ApiError(code, text, status);
    }
  }
  return new ApiError('http_error', translate(currentLocale, 'error.http', { status }), status);
}

function notify(error: ApiError): void {
  const code = error.code;
  const known = [...SESSION_LOST_CODES, ...GATE_CODES] as readonly string[];
  if (!known.includes(code)) return;
  if ((SESSION_LOST_CODES as readonly string[]).includes(code) && error.status !== 401) return;
  for (const listener of listeners) listener(code as SessionEventCode);
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (UNSAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network_error', translate(currentLocale, 'error.network'), 0);
  }

  const text = response.status === 204 ? '' : await response.text();
  let parsed: unknown;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  // Login, MFA and GET /api/me answers carry the token; so may any other answer.
  if (isRecord(parsed) && typeof parsed.csrfToken === 'string') csrfToken = parsed.csrfToken;

  if (!response.ok) {
    const error = errorFrom(response.status, parsed);
    if (!options.quiet) notify(error);
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T = void>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T = void>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T = void>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** A message to show for anything thrown by an API call. */
export function errorMessage(error: unknown, locale: Locale): string {
  if (isApiError(error)) return error.message;
  return translate(locale, 'error.generic');
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Path segment encoding for ids and codes placed in URLs. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
