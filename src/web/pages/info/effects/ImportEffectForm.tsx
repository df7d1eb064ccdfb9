import { type ChangeEvent, useId, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { SelectField } from '../../../components/Field.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import type { ApplicationDetail, ImportReport, ImportRowError, PendingEffect } from '../info-types.js';
import { fieldsOf, fieldText } from './effect-kinds.js';

const RECORD_SETS = ['licence', 'vehicle', 'lost_property'] as const;
/** The server refuses larger bodies; say so before reading a file that would fail. */
const MAX_BYTES = 20 * 1024 * 1024;

type Format = 'csv' | 'json';
type Encoding = 'utf-8' | 'cp932';

interface Picked {
  name: string;
  size: number;
  content: string;
}

/** Base64 of the file's bytes, sent as they are so the server decodes cp932 itself (APP-12). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function reportOk(report: ImportReport): boolean {
  return report.ok && report.errorCount === 0;
}

/**
 * 様式6 の効果 (APP-11, APP-12): the input material is checked row by row against the application's
 * record set (「検証」 writes nothing), then imported in one transaction (「取り込む」).
 */
export function ImportEffectForm({ effect, onDone }: { effect: PendingEffect; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const fileId = useId();
  const code = fieldText(fieldsOf(effect), 'applicationCode');
  const app = useApiData<{ application: ApplicationDetail }>(code ? `/api/applications/${seg(code)}` : null);
  const [recordSet, setRecordSet] = useState('');
  const [format, setFormat] = useState<Format>('csv');
  const [encoding, setEncoding] = useState<Encoding>('utf-8');
  const [file, setFile] = useState<Picked | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenSet = recordSet || app.data?.application.recordSet || '';

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setReport(null);
    setError(null);
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setFileError(t('info.import.tooLarge'));
      return;
    }
    if (/\.json$/i.test(chosen.name)) setFormat('json');
    else if (/\.csv$/i.test(chosen.name)) setFormat('csv');
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    setFile({ name: chosen.name, size: chosen.size, content: toBase64(bytes) });
  };

  const body = () => ({ recordSet: chosenSet, format, encoding: format === 'json' ? 'utf-8' : encoding, content: file?.content ?? '' });

  const run = async (step: 'validate' | 'import') => {
    if (!file) {
      setFileError(t('info.import.fileRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (step === 'import') {
        const answer = await api.post<{ import: { rowCount: number } }>(`/api/effects/${seg(effect.id)}/import`, body());
        onDone(t('info.import.done', { count: answer.import.rowCount }));
        return;
      }
      setReport(await api.post<ImportReport>(`/api/effects/${seg(effect.id)}/import/validate`, body()));
    } catch (cause) {
      setError(errorMessage(cause, locale));
      setReport(null);
    } finally {
      setBusy(false);
    }
  };

  const columns: Column<ImportRowError>[] = [
    { key: 'row', header: t('info.import.row'), cell: (r) => r.row },
    { key: 'field', header: t('info.import.field'), cell: (r) => <span className="font-mono">{r.field ?? ''}</span> },
    { key: 'message', header: t('info.import.message'), cell: (r) => r.message },
  ];
  const errors = report?.errors ?? [];
  const errorCount = report?.errorCount ?? 0;
  const ok = report ? reportOk(report) : false;

  return (
    <div>
      <p className="mb-6 text-std-16N-170">{t('info.import.lead')}</p>
      <SelectField
        label={t('info.app.recordSet')}
        value={chosenSet}
        onChange={(e) => {
          setRecordSet(e.target.value);
          setReport(null);
        }}
        options={RECORD_SETS.map((c) => ({ value: c, label: t(`info.recordSet.${c}`) }))}
        placeholder={t('info.select')}
        required
        width="max-w-md"
      />
      <div className="mb-6">
        <label htmlFor={fileId} className="block text-std-17B-170">
          {t('info.import.file')}
        </label>
        <p id={`${fileId}-hint`} className="mt-1 text-std-16N-170 text-solid-gray-700">
          {t('info.import.fileHint')}
        </p>
        <input
          id={fileId}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-describedby={`${fileId}-hint`}
          aria-invalid={fileError ? true : undefined}
          onChange={(e) => void pick(e)}
          className="mt-2 block text-std-16N-170"
        />
        {fileError ? (
          <p role="alert" className="mt-1 text-std-16B-170 text-error-2">
            {fileError}
          </p>
        ) : null}
      </div>
      <SelectField
        label={t('info.import.format')}
        value={format}
        onChange={(e) => {
          setFormat(e.target.value as Format);
          setReport(null);
        }}
        options={[
          { value: 'csv', label: 'CSV' },
          { value: 'json', label: 'JSON' },
        ]}
        width="max-w-xs"
      />
      {format === 'csv' ? (
        <SelectField
          label={t('info.import.encoding')}
          value={encoding}
          onChange={(e) => {
            setEncoding(e.target.value as Encoding);
            setReport(null);
          }}
          options={[
            { value: 'utf-8', label: 'UTF-8' },
            { value: 'cp932', label: t('info.import.cp932') },
          ]}
          width="max-w-xs"
        />
      ) : null}
      <div className="mb-6 flex flex-wrap gap-4">
        <Button variant="secondary" disabled={busy || !chosenSet} onClick={() => void run('validate')}>
          {t('info.import.validate')}
        </Button>
        <Button disabled={busy || !chosenSet || !ok} onClick={() => void run('import')} aria-describedby={`${fileId}-import-hint`}>
          {t('info.import.import')}
        </Button>
      </div>
      <p id={`${fileId}-import-hint`} className="mb-6 text-std-16N-170 text-solid-gray-700">
        {t('info.import.importHint')}
      </p>
      <div aria-live="polite">
        {busy ? <p className="mb-4">{t('info.working')}</p> : null}
        {report && ok ? (
          <Alert tone="success" className="mb-4">
            {t('info.import.valid', { count: report.rowCount })}
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      {report && !ok ? (
        <>
          <Alert className="mb-4">{t('info.import.invalid', { count: errorCount })}</Alert>
          <DataTable
            caption={t('info.import.reportCaption')}
            columns={columns}
            rows={errors}
            rowKey={(r) => `${r.row}:${r.field ?? ''}:${r.message}`}
            empty={t('info.import.noErrors')}
          />
        </>
      ) : null}
    </div>
  );
}
