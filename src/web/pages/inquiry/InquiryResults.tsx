import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Section } from '../../components/Section.js';
import { api, errorMessage, seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { postDownloadFile } from '../../lib/download.js';
import { useI18n } from '../../lib/locale.js';
import { PrintView } from './PrintView.js';
import { RecordCard } from './RecordCard.js';
import type { InquiryAnswer, PrintAnswer, Watermark } from './types.js';
import { useScreenHide } from './use-screen-hide.js';
import { WatermarkArea, type WatermarkInfo } from './Watermark.js';

interface Registered {
  kind: 'export' | 'print';
  number: string;
  id: string | null;
}

function watermarkInfo(watermark: Watermark, atText: string): WatermarkInfo {
  return { name: watermark.name, loginId: watermark.loginId, unit: watermark.unit, atText, terminal: watermark.terminal };
}

/**
 * The answer of one 照会: the records under the watermark (APP-9), hidden on idle, on Escape or by
 * the button (APP-10), and the two ways out of the screen — CSV and print — each registered in the
 * 出力資料管理簿 by the server before anything leaves (OUT-2). Results live only in this component's
 * state: nothing is written to storage, and leaving the page drops them.
 */
export function InquiryResults({ answer }: { answer: InquiryAnswer }) {
  const { t, locale } = useI18n();
  const { hidden, hide, show } = useScreenHide(true);
  const [busy, setBusy] = useState<'export' | 'print' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const [printJob, setPrintJob] = useState<PrintAnswer | null>(null);
  const coverRef = useRef<HTMLHeadingElement>(null);

  const at = answer.watermark.atJa && locale === 'ja' ? answer.watermark.atJa : formatDateTime(answer.watermark.at, locale, true);
  const info = watermarkInfo(answer.watermark, at);

  useEffect(() => {
    if (hidden) coverRef.current?.focus();
  }, [hidden]);

  const exportCsv = async () => {
    setBusy('export');
    setError(null);
    setRegistered(null);
    try {
      const file = await postDownloadFile(`/api/inquiries/${seg(answer.inquiryId)}/export`, locale, `inquiry-${answer.inquiryId}.csv`);
      const number = decodeURIComponent(file.headers.get('x-output-number') ?? '');
      setRegistered({ kind: 'export', number, id: null });
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(null);
    }
  };

  const print = async () => {
    setBusy('print');
    setError(null);
    setRegistered(null);
    try {
      const job = await api.post<PrintAnswer>(`/api/inquiries/${seg(answer.inquiryId)}/print`, {});
      setRegistered({ kind: 'print', number: job.number, id: job.materialId ?? null });
      setPrintJob(job);
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(null);
    }
  };

  const printDone = useCallback(() => setPrintJob(null), []);

  const printWatermark = printJob
    ? watermarkInfo(
        printJob.watermark,
        printJob.watermark.atJa && locale === 'ja' ? printJob.watermark.atJa : formatDateTime(printJob.watermark.at, locale, true),
      )
    : null;

  return (
    <Section
      title={t('inq.result.title', { count: answer.count })}
      actions={
        hidden ? null : (
          <>
            <Button variant="secondary" size="sm" onClick={hide} aria-keyshortcuts="Escape">
              {t('inq.hide.button')}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => void exportCsv()} disabled={busy !== null}>
              {t('inq.export.button')}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => void print()} disabled={busy !== null}>
              {t('inq.print.button')}
            </Button>
          </>
        )
      }
    >
      <div aria-live="polite">
        {busy ? <p className="mb-4 text-std-16N-170">{t(busy === 'export' ? 'inq.export.working' : 'inq.print.working')}</p> : null}
        {registered ? (
          <Alert tone="success" className="mb-4">
            <p>{t(registered.kind === 'export' ? 'inq.export.done' : 'inq.print.done', { number: registered.number })}</p>
            <p>
              <Link to={registered.id ? `/outputs/${seg(registered.id)}` : '/outputs'}>
                {t('inq.registered.link', { number: registered.number })}
              </Link>
            </p>
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <p className="mb-4 text-std-16N-170 text-solid-gray-700 print:hidden">{t('inq.hide.hint')}</p>
      {hidden ? (
        <div className="rounded-8 border-2 border-solid-gray-600 bg-solid-gray-50 p-8 text-center" data-testid="results-cover">
          <h3 ref={coverRef} tabIndex={-1} className="mb-4 text-std-20B-150">
            {t('inq.hide.covered')}
          </h3>
          <Button onClick={show}>{t('inq.hide.show')}</Button>
        </div>
      ) : (
        <div className="print:hidden" data-testid="inquiry-results">
          <WatermarkArea
            info={info}
            caption={t('inq.watermark.caption', {
              text: `${info.name}（${info.loginId}）${info.unit ? ` ${info.unit}` : ''} ${at}${info.terminal ? ` ${info.terminal}` : ''}`,
            })}
          >
            {answer.results.length === 0 ? (
              <p className="py-6 text-std-16N-170">{t('inq.result.none')}</p>
            ) : (
              answer.results.map((record, index) => <RecordCard key={record.id} record={record} index={index} />)
            )}
          </WatermarkArea>
        </div>
      )}
      <p className="hidden print:block">{t('inq.print.useButton')}</p>
      {printJob && printWatermark ? (
        <PrintView number={printJob.number} watermark={printWatermark} records={printJob.records ?? answer.results} onDone={printDone} />
      ) : null}
    </Section>
  );
}
