import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { MessageKey } from '../i18n/index.js';
import { flashFrom } from '../lib/flash.js';
import { useI18n } from '../lib/locale.js';
import { Alert } from './Alert.js';

/**
 * Shows the one-time message a page passed along with the navigation (e.g. パスワードを変更しました).
 * It is taken out of the history entry at once, so a reload or "back" does not show it again.
 */
export function FlashMessage() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [shown, setShown] = useState<{ key: MessageKey; path: string } | null>(null);

  useEffect(() => {
    const key = flashFrom(location.state);
    if (key) {
      setShown({ key, path: location.pathname });
      navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: null });
    } else {
      setShown((current) => (current && current.path !== location.pathname ? null : current));
    }
  }, [location, navigate]);

  if (!shown) return null;
  return (
    <Alert tone="success" className="mb-6">
      {t(shown.key)}
    </Alert>
  );
}
