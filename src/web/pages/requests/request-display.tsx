import { Link } from 'react-router-dom';
import { seg } from '../../lib/api.js';
import { useI18n } from '../../lib/locale.js';
import { requestStateKey, typeTitle } from '../../lib/request-labels.js';
import type { RequestSummary } from '../../lib/request-types.js';

const STATE_STYLES: Readonly<Record<string, string>> = {
  draft: 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800',
  submitted: 'border-blue-900 bg-blue-50 text-blue-1000',
  returned: 'border-warning-orange-2 bg-orange-50 text-orange-1100',
  approved: 'border-success-2 bg-green-50 text-green-1000',
  rejected: 'border-error-2 bg-red-50 text-red-1100',
  withdrawn: 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800',
  expired: 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800',
  cancelled: 'border-error-2 bg-red-50 text-red-1100',
};

/** The state of a request in words (下書き, 申請中 …), never colour alone. */
export function RequestStateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  const key = requestStateKey(state);
  return (
    <span
      className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 whitespace-nowrap ${STATE_STYLES[state] ?? STATE_STYLES.draft}`}
    >
      {key ? t(key) : state}
    </span>
  );
}

/** A warning sign with its word (期限超過): the icon is decoration, the text carries the meaning. */
export function WarningMark({ label }: { label: string }) {
  return (
    <span className="inline-flex items-start gap-1 rounded-4 border border-error-2 bg-red-50 px-2 py-0.5 text-dns-14B-130 text-red-1100">
      <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0 fill-current">
        <path d="M8 1 15 14H1L8 1Zm-.8 5v4h1.6V6H7.2Zm0 5v1.6h1.6V11H7.2Z" />
      </svg>
      {label}
    </span>
  );
}

/** The marks a list row needs: overdue decision, overdue written application. */
export function RequestFlags({ request }: { request: RequestSummary }) {
  const { t } = useI18n();
  if (!request.overdue && !request.emergency?.paperworkOverdue) return null;
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {request.overdue ? <WarningMark label={t('req.overdue')} /> : null}
      {request.emergency?.paperworkOverdue ? <WarningMark label={t('req.paperworkOverdue')} /> : null}
    </span>
  );
}

/** 申請番号 as a link to the request page. */
export function RequestNumberLink({ request }: { request: RequestSummary }) {
  const { t } = useI18n();
  return (
    <Link
      to={`/requests/${seg(request.id)}`}
      className="font-mono whitespace-nowrap"
      aria-label={t('req.open', { number: request.number })}
    >
      {request.number}
    </Link>
  );
}

export function RequestTypeText({ request }: { request: RequestSummary }) {
  const { locale } = useI18n();
  return <>{typeTitle(request.type, locale)}</>;
}
