import { type Locale, translate } from '../i18n/index.js';
import { ApiError, api, type QueryValue } from './api.js';

export interface DownloadedFile {
  filename: string;
  headers: Headers;
}

function queryString(query: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The RFC 6266 `filename*` (UTF-8, e.g. an output number in kanji) when given, else the ASCII `filename`. */
function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // a malformed name: fall through to the plain one
    }
  }
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

/**
 * Fetches a file and hands it to the browser as a download. An error answer comes back as ApiError
 * in the API's one error shape, so the page can say what went wrong instead of saving an error as a
 * file. The body is saved as bytes, untouched (cp932 CSV stays cp932).
 */
async function fetchToFile(url: string, init: RequestInit, locale: Locale, fallbackName: string): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError('network_error', translate(locale, 'error.network'), 0);
  }
  if (!response.ok) {
    let code = 'http_error';
    let message = translate(locale, 'error.http', { status: response.status });
    try {
      const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code === 'string') code = body.error.code;
      if (typeof body.error?.message === 'string' && body.error.message !== '') message = body.error.message;
    } catch {
      // not JSON: keep the generic message
    }
    throw new ApiError(code, message, response.status);
  }
  const blob = await response.blob();
  const filename = filenameOf(response.headers.get('content-disposition'), fallbackName);
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the object URL goes.
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  return { filename, headers: response.headers };
}

/** GETs a file (the session cookie goes along). */
export async function downloadFile(
  path: string,
  query: Readonly<Record<string, QueryValue>>,
  locale: Locale,
  fallbackName: string,
): Promise<DownloadedFile> {
  return fetchToFile(`${path}${queryString(query)}`, { headers: { 'Accept-Language': locale } }, locale, fallbackName);
}

/**
 * POSTs and saves the answer as a file: an export is a state change (it writes the 出力資料管理簿
 * entry, OUT-2), so it is a POST with the session's CSRF token. The token is read from
 * GET /api/auth/session (it lives in the api module's memory only).
 */
export async function postDownloadFile(path: string, locale: Locale, fallbackName: string): Promise<DownloadedFile> {
  const { csrfToken } = await api.get<{ csrfToken: string }>('/api/auth/session', { quiet: true });
  return fetchToFile(
    path,
    {
      method: 'POST',
      headers: {
        'Accept-Language': locale,
        'x-csrf-token': csrfToken,
        Accept: 'text/csv, application/json',
        'Content-Type': 'application/json',
      },
      body: '{}',
    },
    locale,
    fallbackName,
  );
}
