import { useId, useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { errorMessage, type QueryValue } from '../../lib/api.js';
import { downloadFile } from '../../lib/download.js';
import { useI18n } from '../../lib/locale.js';

/** A cp932 CSV of what the page shows (Excel on Japanese Windows opens it as it is). */
export function CsvDownload({
  path,
  query,
  filename,
  disabled,
}: {
  path: string;
  query: Readonly<Record<string, QueryValue>>;
  filename: string;
  disabled?: boolean;
}) {
  const { t, locale } = useI18n();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    setRows(null);
    try {
      const file = await downloadFile(path, query, locale, filename);
      setRows(file.headers.get('x-sekimori-rows') ?? '');
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
          {t('info.csv')}
        </Button>
        <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
          {t('info.csvHint')}
        </p>
      </div>
      <div aria-live="polite">
        {busy ? <p className="mt-2">{t('info.working')}</p> : null}
        {rows !== null ? (
          <Alert tone="success" className="mt-4">
            {rows ? t('info.csvDoneRows', { rows }) : t('info.csvDone')}
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mt-4">{error}</Alert> : null}
    </div>
  );
}
