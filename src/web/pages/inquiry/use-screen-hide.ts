import { useCallback, useEffect, useRef, useState } from 'react';

/** APP-10: results disappear after this long without input at the terminal. */
export const RESULTS_IDLE_MS = 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * APP-10: hides the results after RESULTS_IDLE_MS without input, or at once on Escape (one key,
 * anywhere on the page) or the 「画面を隠す」 button. Showing them again needs a deliberate click.
 * `active` is false while there is nothing to hide, so no timer runs.
 */
export function useScreenHide(active: boolean, idleMs: number = RESULTS_IDLE_MS) {
  const [hidden, setHidden] = useState(false);
  const timer = useRef<number | null>(null);

  const hide = useCallback(() => setHidden(true), []);
  const show = useCallback(() => setHidden(false), []);

  useEffect(() => {
    if (!active || hidden) return;
    const restart = () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setHidden(true), idleMs);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setHidden(true);
        return;
      }
      restart();
    };
    restart();
    for (const name of ACTIVITY_EVENTS) if (name !== 'keydown') window.addEventListener(name, restart, { passive: true });
    window.addEventListener('keydown', onKey);
    // A page left in the background counts as unattended: hide at once.
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') setHidden(true);
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      for (const name of ACTIVITY_EVENTS) if (name !== 'keydown') window.removeEventListener(name, restart);
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [active, hidden, idleMs]);

  return { hidden, hide, show };
}
