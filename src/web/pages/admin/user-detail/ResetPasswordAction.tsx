import { useState } from 'react';
import { Button } from '../../../components/Button.js';
import { ConfirmDialog } from '../../../components/Dialog.js';
import { TemporaryPasswordBox } from '../../../components/TemporaryPasswordBox.js';
import { api, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail } from '../../../lib/types.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';

/** パスワード再発行 (ID-3): a new temporary password, shown once; the person's sessions end. */
export function ResetPasswordAction({ user, onChanged }: { user: AdminUserDetail['user']; onChanged: () => void }) {
  const { t } = useI18n();
  const action = useConfirmedAction();
  const [password, setPassword] = useState<string | null>(null);

  const reset = () =>
    action.run(async () => {
      const answer = await api.post<{ temporaryPassword: string }>(`/api/admin/users/${seg(user.id)}/reset-password`);
      setPassword(answer.temporaryPassword);
      onChanged();
    });

  return (
    <div>
      <h3 className="mb-4 text-std-20B-150">{t('actions.resetPassword')}</h3>
      {password ? <TemporaryPasswordBox password={password} loginId={user.loginId} /> : null}
      <p className="mb-4 text-std-16N-170">{t('actions.resetPasswordLead')}</p>
      <Button
        variant="secondary"
        onClick={() => {
          setPassword(null);
          action.ask();
        }}
      >
        {t('actions.resetPasswordSubmit')}
      </Button>
      <ConfirmDialog
        open={action.open}
        title={t('actions.resetPasswordConfirmTitle')}
        confirmLabel={t('actions.resetPasswordSubmit')}
        danger
        busy={action.busy}
        error={action.error}
        onConfirm={() => void reset()}
        onClose={action.close}
      >
        {t('actions.resetPasswordConfirmBody', { name: user.name })}
      </ConfirmDialog>
    </div>
  );
}
