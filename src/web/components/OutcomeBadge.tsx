import { outcomeKey } from '../lib/labels.js';
import { useI18n } from '../lib/locale.js';

const STYLES: Readonly<Record<string, string>> = {
  success: 'border-success-2 bg-green-50 text-green-1000',
  denied: 'border-error-2 bg-red-50 text-red-1100',
  failure: 'border-warning-orange-2 bg-orange-50 text-orange-1100',
};

/** The outcome of an audited operation in words (never colour alone): 成功 / 拒否 / 失敗. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useI18n();
  const key = outcomeKey(outcome);
  return (
    <span
      className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 whitespace-nowrap ${STYLES[outcome] ?? 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800'}`}
    >
      {key ? t(key) : outcome}
    </span>
  );
}
