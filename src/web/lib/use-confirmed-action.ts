import { useCallback, useState } from 'react';
import { errorMessage } from './api.js';
import { useI18n } from './locale.js';

export interface ConfirmedAction {
  open: boolean;
  busy: boolean;
  error: string | null;
  ask: () => void;
  close: () => void;
  /** Runs the call; closes the dialog when it succeeds, keeps it open with the error otherwise. */
  run: (call: () => Promise<void>) => Promise<boolean>;
}

/** State of one action that is confirmed in a dialog before it is sent. */
export function useConfirmedAction(): ConfirmedAction {
  const { locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ask = useCallback(() => {
    setError(null);
    setOpen(true);
  }, []);

  const close = useCallback(() => {
    setOpen(false);
    setBusy(false);
  }, []);

  const run = useCallback(
    async (call: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await call();
        setOpen(false);
        return true;
      } catch (cause) {
        setError(errorMessage(cause, locale));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [locale],
  );

  return { open, busy, error, ask, close, run };
}
