import type { Locale } from '../i18n/index.js';
import { api } from './api.js';
import { useI18n } from './locale.js';
import { useSession } from './session.js';

/** Changes the UI language; when logged in, also stores it with the account. */
export function useChangeLocale(): (locale: Locale) => void {
  const { chooseLocale, takeUnsyncedChoice } = useI18n();
  const { state } = useSession();
  return (locale: Locale) => {
    chooseLocale(locale);
    const gates = state.gates;
    if (state.status === 'signed-in' && !gates.mfaRequired && !gates.passwordChangeRequired) {
      api
        .patch('/api/me/preferences', { locale }, { quiet: true })
        .then(() => takeUnsyncedChoice())
        .catch(() => undefined);
    }
  };
}
