import { Section } from '../../../components/Section.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { historyActionKey, personLabel, requestStateKey } from '../../../lib/request-labels.js';
import type { HistoryLine } from '../../../lib/request-types.js';

/** 履歴: every transition, oldest first, with 和暦 time, who (and for whom, 代決) and the state change. */
export function HistorySection({ history }: { history: HistoryLine[] }) {
  const { t, locale } = useI18n();
  const stateName = (state: string | null) => {
    const key = state ? requestStateKey(state) : null;
    return key ? t(key) : (state ?? '');
  };
  return (
    <Section title={t('req.detail.history')}>
      {history.length === 0 ? (
        <p>{t('req.history.empty')}</p>
      ) : (
        <ol className="border-l-4 border-solid-gray-420 pl-6">
          {history.map((line, index) => {
            const key = historyActionKey(line.action);
            const permit = typeof line.details?.permitNumber === 'string' ? line.details.permitNumber : null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: history lines are append-only; the position is their identity here.
              <li key={index} className="relative mb-4 last:mb-0">
                <span aria-hidden="true" className="absolute top-2 -left-[2.05rem] size-4 rounded-full border-2 border-blue-900 bg-white" />
                <p className="text-std-16B-170">
                  {key ? t(key) : line.action}
                  {line.from !== line.to && line.to ? (
                    <span className="ml-2 font-normal text-solid-gray-800">
                      {t('req.history.change', { from: line.from ? stateName(line.from) : '—', to: stateName(line.to) })}
                    </span>
                  ) : null}
                </p>
                <p className="text-std-16N-170">
                  <time dateTime={line.at}>{formatDateTime(line.at, locale)}</time>
                  {line.actor ? `　${personLabel(line.actor)}` : ''}
                  {line.onBehalfOf ? t('req.history.byProxy', { name: personLabel(line.onBehalfOf) }) : ''}
                </p>
                {permit ? <p className="text-std-16N-170">{t('req.history.permit', { number: permit })}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
