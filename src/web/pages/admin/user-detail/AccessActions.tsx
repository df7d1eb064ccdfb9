import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { ConfirmDialog } from '../../../components/Dialog.js';
import { TextAreaField } from '../../../components/Field.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail } from '../../../lib/types.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';

/** ロック解除 (ID-5), 利用停止 with a reason (ID-12) and 利用再開. */
export function AccessActions({ user, onChanged }: { user: AdminUserDetail['user']; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const disable = useConfirmedAction();
  const enable = useConfirmedAction();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState(false);
  const disabled = user.disabledAt !== null || user.status === 'disabled';

  const unlock = async () => {
    setMessage(null);
    setError(null);
    setUnlocking(true);
    try {
      await api.post(`/api/admin/users/${seg(user.id)}/unlock`);
      setMessage(t('actions.unlockDone'));
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setUnlocking(false);
    }
  };

  const askDisable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    const text = reason.trim();
    if (text === '' || text.length > 500) {
      setReasonError(text === '' ? t('actions.disableReasonRequired') : t('validation.max', { max: 500 }));
      return;
    }
    setReasonError(undefined);
    disable.ask();
  };

  const runDisable = () =>
    disable.run(async () => {
      await api.post(`/api/admin/users/${seg(user.id)}/disable`, { reason: reason.trim() });
      setReason('');
      setMessage(t('actions.disableDone'));
      onChanged();
    });

  const runEnable = () =>
    enable.run(async () => {
      await api.post(`/api/admin/users/${seg(user.id)}/enable`);
      setMessage(t('actions.enableDone'));
      onChanged();
    });

  return (
    <div className="space-y-10">
      {message ? <Alert tone="success">{message}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      {user.status === 'locked' || user.lockedUntil ? (
        <div>
          <h3 className="mb-4 text-std-20B-150">{t('actions.unlock')}</h3>
          <p className="mb-4 text-std-16N-170">{t('actions.unlockLead')}</p>
          <Button variant="secondary" onClick={() => void unlock()} disabled={unlocking}>
            {t('actions.unlockSubmit')}
          </Button>
        </div>
      ) : null}
      {disabled ? (
        <div>
          <h3 className="mb-4 text-std-20B-150">{t('actions.enable')}</h3>
          <p className="mb-4 text-std-16N-170">{t('actions.enableLead')}</p>
          <Button variant="secondary" onClick={enable.ask}>
            {t('actions.enableSubmit')}
          </Button>
        </div>
      ) : (
        <div>
          <h3 className="mb-4 text-std-20B-150">{t('actions.disable')}</h3>
          <form noValidate onSubmit={askDisable}>
            <TextAreaField
              label={t('actions.disableReason')}
              hint={t('actions.disableReasonHint')}
              required
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={reasonError}
            />
            <Button type="submit" variant="danger">
              {t('actions.disableSubmit')}
            </Button>
          </form>
        </div>
      )}
      <ConfirmDialog
        open={disable.open}
        title={t('actions.disableConfirmTitle')}
        confirmLabel={t('actions.disableSubmit')}
        danger
        busy={disable.busy}
        error={disable.error}
        onConfirm={() => void runDisable()}
        onClose={disable.close}
      >
        {t('actions.disableConfirmBody', { name: user.name })}
      </ConfirmDialog>
      <ConfirmDialog
        open={enable.open}
        title={t('actions.enableConfirmTitle')}
        confirmLabel={t('actions.enableSubmit')}
        busy={enable.busy}
        error={enable.error}
        onConfirm={() => void runEnable()}
        onClose={enable.close}
      >
        {t('actions.enableConfirmBody', { name: user.name })}
      </ConfirmDialog>
    </div>
  );
}
