import { useId } from 'react';
import { DetailItem, DetailList } from '../../components/DetailList.js';
import { formatCalendarDate } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { HEADING_FIELD, RECORD_FIELDS, type RecordField } from './record-fields.js';
import type { InquiryRecord } from './types.js';

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(textOf).join('・');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** 生年月日 is read in both calendars: 昭和60年4月1日（1985-04-01）. */
function FieldValue({ field, value }: { field: RecordField; value: unknown }) {
  const { locale } = useI18n();
  const text = textOf(value);
  if (field.kind === 'birth' && typeof value === 'string') {
    return (
      <>
        {formatCalendarDate(value, 'ja')}（<time dateTime={value}>{value}</time>）
      </>
    );
  }
  if (field.kind === 'date' && typeof value === 'string') return <time dateTime={value}>{formatCalendarDate(value, locale)}</time>;
  return <>{text}</>;
}

/** One returned record: its key fields, its record ID (for 照会記録 look-ups), and a warning if its digest does not match (APP-12). */
export function RecordCard({ record, index }: { record: InquiryRecord; index: number }) {
  const { t } = useI18n();
  const headingId = useId();
  const fields = RECORD_FIELDS[record.recordSet];
  const headingField = HEADING_FIELD[record.recordSet];
  const heading = headingField ? textOf(record.data[headingField]) : '';
  const shown = fields
    ? fields.filter((f) => record.data[f.name] !== undefined && record.data[f.name] !== null)
    : Object.keys(record.data).map((name): RecordField => ({ name, label: 'inq.f.other', kind: 'text' }));
  return (
    <article aria-labelledby={headingId} className="mb-6 rounded-8 border border-solid-gray-420 p-4" data-record-id={record.id}>
      <h3 id={headingId} className="mb-2 text-std-20B-150">
        {t('inq.result.heading', { index: index + 1, title: heading || record.id })}
      </h3>
      {record.integrity === 'mismatch' ? (
        <p role="alert" className="mb-2 text-std-16B-170 text-error-2">
          {t('inq.result.mismatch')}
        </p>
      ) : null}
      <DetailList>
        {shown.map((field) => (
          <DetailItem key={field.name} term={fields ? t(field.label) : field.name}>
            <FieldValue field={field} value={record.data[field.name]} />
          </DetailItem>
        ))}
        <DetailItem term={t('inq.result.recordId')}>
          <code className="break-all">{record.id}</code>
        </DetailItem>
      </DetailList>
    </article>
  );
}
