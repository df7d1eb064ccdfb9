import { useId, useState } from 'react';
import type { MessageKey } from '../i18n/index.js';
import { errorMessage, type QueryValue } from '../lib/api.js';
import { downloadFile } from '../lib/download.js';
import { useI18n } from '../lib/locale.js';
import { Alert } from './Alert.js';
import { Button } from './Button.js';

interface CsvResult {
  rows: string;
  unencodable: number;
}

/**
 * A cp932 CSV of what the page shows (Excel on Japanese Windows opens it as it is): the server's
 * row count, and a warning when characters Shift_JIS cannot hold were replaced.
 */
export function CsvDownloadButton({
  path,
  query,
  filename,
  hint,
  disabled,
}: {
  path: string;
  query: Readonly<Record<string, QueryValue>>;
  filename: string;
  hint: MessageKey;
  disabled?: boolean;
}) {
  const { t, locale } = useI18n();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CsvResult | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const file = await downloadFile(path, query, locale, filename);
      setResult({
        rows: file.headers.get('x-sekimori-rows') ?? '',
        unencodable: Number(file.headers.get('x-sekimori-unencodable') ?? '0') || 0,
      });
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mb-6">
      <div className="flex flex-wrap items-center gap-4">
        <Button variant="secondary" onClick={() => void download()} disabled={busy || disabled} aria-describedby={hintId}>
          {t('csv.button')}
        </Button>
        <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
          {t(hint)}
        </p>
      </div>
      <div aria-live="polite">
        {busy ? <p className="mt-2 text-std-16N-170">{t('csv.working')}</p> : null}
        {result ? (
          <Alert tone={result.unencodable > 0 ? 'warning' : 'success'} className="mt-4">
            <p>{t('csv.done', { rows: result.rows })}</p>
            {result.unencodable > 0 ? <p>{t('csv.unencodable', { count: result.unencodable })}</p> : null}
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mt-4">{error}</Alert> : null}
    </div>
  );
}
