import { useRef, useState } from 'react';
import { useI18n } from '../lib/locale.js';
import { Button } from './Button.js';

/**
 * A temporary password, shown once. It is kept only in this component's state: leaving the page
 * (or being logged off) discards it.
 */
export function TemporaryPasswordBox({ password, loginId }: { password: string; loginId?: string }) {
  const { t } = useI18n();
  const valueRef = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setStatus(t('tempPassword.copied'));
    } catch {
      const element = valueRef.current;
      if (element) window.getSelection()?.selectAllChildren(element);
      setStatus(t('tempPassword.selected'));
    }
  };

  return (
    <div className="mb-6 rounded-8 border-4 border-warning-orange-2 bg-orange-50 p-4 text-solid-gray-900">
      <h2 className="text-std-20B-150 text-orange-1100">{t('tempPassword.title')}</h2>
      {loginId ? (
        <p className="mt-2 text-std-16N-170">
          {t('tempPassword.loginId')}: <span className="font-mono text-mono-16B-150">{loginId}</span>
        </p>
      ) : null}
      <p className="mt-2 flex flex-wrap items-center gap-4">
        <code
          ref={valueRef}
          className="rounded-4 border border-solid-gray-600 bg-white px-3 py-2 font-mono text-mono-17B-150 break-all select-all"
        >
          {password}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {t('tempPassword.copy')}
        </Button>
      </p>
      <p role="status" className="mt-2 min-h-[1.7em] text-std-16N-170">
        {status}
      </p>
      <ul className="mt-2 list-disc pl-6 text-std-16N-170">
        <li>{t('tempPassword.noteOnce')}</li>
        <li>{t('tempPassword.noteHandover')}</li>
        <li>{t('tempPassword.noteChange')}</li>
      </ul>
    </div>
  );
}
