import { useI18n } from '../lib/locale.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" className="py-4 text-std-16N-170 text-solid-gray-700">
      {label ?? t('common.loading')}
    </p>
  );
}
