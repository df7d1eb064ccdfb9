import { useId, useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { errorMessage } from '../../lib/api.js';
import { downloadFile } from '../../lib/download.js';
import { useI18n } from '../../lib/locale.js';

interface CsvResult {
  rows: string;
  unencodable: number;
}

/** CSV (cp932) of a request list: GET /api/requests/export.csv?scope=mine|inbox|all&type&state. */
export function RequestCsvButton({ scope, type, state }: { scope: 'mine' | 'inbox' | 'all'; type?: string; state?: string }) {
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
      const file = await downloadFile('/api/requests/export.csv', { scope, type, state }, locale, `sekimori-requests-${scope}.csv`);
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
        <Button variant="secondary" onClick={() => void download()} disabled={busy} aria-describedby={hintId}>
          {t('req.csv')}
        </Button>
        <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
          {t('req.csvHint')}
        </p>
      </div>
      <div aria-live="polite">
        {busy ? <p className="mt-2 text-std-16N-170">{t('req.csvWorking')}</p> : null}
        {result ? (
          <Alert tone={result.unencodable > 0 ? 'warning' : 'success'} className="mt-4">
            <p>{t('req.csvDone', { rows: result.rows })}</p>
            {result.unencodable > 0 ? <p>{t('req.csvUnencodable', { count: result.unencodable })}</p> : null}
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mt-4">{error}</Alert> : null}
    </div>
  );
}
