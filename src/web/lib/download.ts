import { type Locale, translate } from '../i18n/index.js';
import { ApiError, type QueryValue } from './api.js';

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

/** The ASCII file name of a Content-Disposition header, or the fallback. */
function filenameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="([^"]+)"/.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

/**
 * GETs a file (the session cookie goes along) and hands it to the browser as a download. An error
 * answer comes back as ApiError in the API's one error shape, so the page can say what went wrong
 * instead of saving an error as a file.
 */
export async function downloadFile(
  path: string,
  query: Readonly<Record<string, QueryValue>>,
  locale: Locale,
  fallbackName: string,
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(`${path}${queryString(query)}`, {
      headers: { 'Accept-Language': locale },
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
  const filename = filenameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the object URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { filename, headers: response.headers };
}
