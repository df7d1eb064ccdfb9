import { DetailItem, DetailList } from '../../../components/DetailList.js';
import { Section } from '../../../components/Section.js';
import { formatCalendarDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { localized } from '../../../lib/request-labels.js';
import type { RequestDetail, RequestTypeInfo } from '../../../lib/request-types.js';

/** 申請内容: every field of the form in the form's order, with its label; dates in 和暦, choices in words. */
export function FieldsSection({ request, type }: { request: RequestDetail['request']; type: RequestTypeInfo | undefined }) {
  const { t, locale } = useI18n();
  const names = Object.keys(request.fieldLabels);
  for (const name of Object.keys(request.fields)) if (!names.includes(name)) names.push(name);

  const show = (name: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return <span className="text-solid-gray-700">{t('req.notEntered')}</span>;
    if (typeof value === 'boolean') return t(value ? 'req.yes' : 'req.no');
    if (typeof value !== 'string') return JSON.stringify(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatCalendarDate(value, locale);
    const option = type?.optionLabels[name]?.[value];
    if (option) return localized(option, locale);
    return <span className="whitespace-pre-line">{value}</span>;
  };

  return (
    <Section title={t('req.detail.fields')}>
      <DetailList>
        {names.map((name) => (
          <DetailItem key={name} term={localized(request.fieldLabels[name], locale) || name}>
            {show(name, request.fields[name])}
          </DetailItem>
        ))}
      </DetailList>
    </Section>
  );
}
