import { useI18n } from '../lib/locale.js';
import { useChangeLocale } from '../lib/use-change-locale.js';

/** Switches between Japanese and English; the button is named in the language it switches to. */
export function LanguageToggle() {
  const { locale } = useI18n();
  const changeLocale = useChangeLocale();
  const next = locale === 'ja' ? 'en' : 'ja';

  return (
    <button
      type="button"
      lang={next}
      onClick={() => changeLocale(next)}
      className="inline-flex min-h-11 items-center gap-2 rounded-8 border border-solid-gray-600 bg-white px-3 py-1 text-oln-16N-100 text-solid-gray-900 hover:bg-solid-gray-50 hover:underline"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3Z" />
      </svg>
      {next === 'en' ? 'English' : '日本語'}
    </button>
  );
}
