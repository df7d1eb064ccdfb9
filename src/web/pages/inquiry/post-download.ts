import { type Locale, translate } from '../../i18n/index.js';
import { ApiError, api } from '../../lib/api.js';

/** The RFC 6266 `filename*` (UTF-8, e.g. the output number) when given, else the ASCII `filename`. */
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
 * POSTs and saves the answer as a file: an export is a state change (it writes the 出力資料管理簿
 * entry, OUT-2), so it is a POST with the session's CSRF token, and the body is cp932 bytes that
 * must reach the disk untouched. The token is read from GET /api/auth/session (it lives in the api
 * module's memory only).
 */
export async function postDownload(path: string, locale: Locale, fallbackName: string): Promise<{ filename: string; headers: Headers }> {
  const { csrfToken } = await api.get<{ csrfToken: string }>('/api/auth/session', { quiet: true });
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        'Accept-Language': locale,
        'x-csrf-token': csrfToken,
        Accept: 'text/csv, application/json',
        'Content-Type': 'application/json',
      },
      body: '{}',
      credentials: 'same-origin',
      cache: 'no-store',
    });
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
  const disposition = response.headers.get('content-disposition');
  const filename = filenameOf(disposition, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { filename, headers: response.headers };
}
