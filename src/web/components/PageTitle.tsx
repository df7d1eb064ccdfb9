import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../lib/locale.js';

/** The page's one h1; also names the browser tab (「ホーム｜関守」). */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useI18n();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text}｜${t('app.name')}` : t('app.name');
  }, [text, t]);
  return <h1 className="mb-6 text-std-32B-150 text-solid-gray-900">{children}</h1>;
}
