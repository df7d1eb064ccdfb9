import { useEffect } from 'react';
import { useI18n } from '../../lib/locale.js';
import { RecordCard } from './RecordCard.js';
import type { InquiryRecord } from './types.js';
import { WatermarkArea, type WatermarkInfo } from './Watermark.js';

const PRINT_ID = 'inquiry-print';

/**
 * The printout of a registered print (POST /api/inquiries/:id/print): only this part of the page is
 * printed, under the watermark and with the ledger number on top (APP-9, OUT-2). It is mounted once
 * the ledger entry exists and prints itself.
 */
export function PrintView({
  number,
  watermark,
  records,
  onDone,
}: {
  number: string;
  watermark: WatermarkInfo;
  records: readonly InquiryRecord[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  useEffect(() => {
    const after = () => onDone();
    window.addEventListener('afterprint', after);
    // Let the browser lay the view out before the print dialog takes the page.
    const frame = window.requestAnimationFrame(() => window.print());
    return () => {
      window.cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', after);
    };
  }, [onDone]);

  return (
    <div id={PRINT_ID} className="hidden print:block" data-output-number={number}>
      <style media="print">{`body * { visibility: hidden; } #${PRINT_ID}, #${PRINT_ID} * { visibility: visible; } #${PRINT_ID} { position: absolute; left: 0; top: 0; width: 100%; }`}</style>
      <p className="mb-2 text-std-17B-170">{t('inq.print.number', { number })}</p>
      <WatermarkArea
        info={watermark}
        caption={t('inq.watermark.caption', { text: `${watermark.name}（${watermark.loginId}）${watermark.atText}` })}
      >
        {records.map((record, index) => (
          <RecordCard key={record.id} record={record} index={index} />
        ))}
      </WatermarkArea>
    </div>
  );
}
