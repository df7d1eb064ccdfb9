import { userStatusKey } from '../lib/labels.js';
import { useI18n } from '../lib/locale.js';
import type { UserStatus } from '../lib/types.js';

const STYLES: Readonly<Record<UserStatus, string>> = {
  active: 'border-success-2 bg-green-50 text-green-1000',
  locked: 'border-warning-orange-2 bg-orange-50 text-orange-1100',
  disabled: 'border-error-2 bg-red-50 text-red-1100',
  retired: 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800',
};

/** An account's state in words (never colour alone). */
export function StatusBadge({ status }: { status: UserStatus }) {
  const { t } = useI18n();
  return (
    <span className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 whitespace-nowrap ${STYLES[status] ?? STYLES.retired}`}>
      {t(userStatusKey(status))}
    </span>
  );
}

/** A small neutral label (e.g. 現在, 特権). */
export function Tag({ children }: { children: string }) {
  return (
    <span className="inline-block rounded-4 border border-blue-900 bg-blue-50 px-2 py-0.5 text-dns-14B-130 whitespace-nowrap text-blue-1000">
      {children}
    </span>
  );
}
