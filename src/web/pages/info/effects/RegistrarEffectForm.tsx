import { useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import type { PendingEffect } from '../info-types.js';
import { fieldsOf, fieldText } from './effect-kinds.js';

/** 様式3 の効果 (APP-3, AIC 第5-1): the designated 登録担当者 is registered for the unit, or released. */
export function RegistrarEffectForm({ effect, onDone }: { effect: PendingEffect; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const release = effect.effect === 'registrar_release';
  const loginId = fieldText(fieldsOf(effect), 'beneficiaryLoginId');

  const register = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/effects/${seg(effect.id)}/registrar`);
      onDone(t(release ? 'info.registrar.released' : 'info.registrar.registered', { loginId }));
    } catch (cause) {
      setError(errorMessage(cause, locale));
      setBusy(false);
    }
  };

  return (
    <div>
      <p className="mb-6 text-std-16N-170">{t(release ? 'info.registrar.releaseLead' : 'info.registrar.designateLead', { loginId })}</p>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <Button disabled={busy} onClick={() => void register()}>
        {t(release ? 'info.registrar.release' : 'info.registrar.register')}
      </Button>
    </div>
  );
}
