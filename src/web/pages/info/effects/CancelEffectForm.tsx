import { useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import type { PendingEffect } from '../info-types.js';

/** An approval that was cancelled: whatever it had queued is withdrawn (POST /api/effects/:id/cancellation). */
export function CancelEffectForm({ effect, onDone }: { effect: PendingEffect; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const process = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/effects/${seg(effect.id)}/cancellation`);
      onDone(t('info.effect.cancelProcessed'));
    } catch (cause) {
      setError(errorMessage(cause, locale));
      setBusy(false);
    }
  };
  return (
    <div>
      <p className="mb-6 text-std-16N-170">{t('info.effect.cancelLead')}</p>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <Button disabled={busy} onClick={() => void process()}>
        {t('info.effect.cancelProcess')}
      </Button>
    </div>
  );
}
