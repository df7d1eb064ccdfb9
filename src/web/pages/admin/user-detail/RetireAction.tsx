import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { ConfirmDialog } from '../../../components/Dialog.js';
import { TextField } from '../../../components/Field.js';
import { api, seg } from '../../../lib/api.js';
import { formatCalendarDate, todayInTokyo } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail } from '../../../lib/types.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';

/** 退職: from the date the ID can no longer log in. */
export function RetireAction({ user, onChanged }: { user: AdminUserDetail['user']; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const action = useConfirmedAction();
  const [date, setDate] = useState(todayInTokyo());
  const [dateError, setDateError] = useState<string | undefined>();
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setDateError(t('validation.date'));
      return;
    }
    setDateError(undefined);
    action.ask();
  };

  const retire = () =>
    action.run(async () => {
      await api.post(`/api/admin/users/${seg(user.id)}/retire`, { effectiveDate: date });
      setDone(true);
      onChanged();
    });

  return (
    <div>
      <h3 className="mb-4 text-std-20B-150">{t('actions.retire')}</h3>
      {done ? (
        <Alert tone="success" className="mb-4">
          {t('actions.retireDone')}
        </Alert>
      ) : null}
      {user.retiredOn ? (
        <p className="mb-4 text-std-16N-170">{t('actions.retiredOn', { date: formatCalendarDate(user.retiredOn, locale) })}</p>
      ) : null}
      <form noValidate onSubmit={submit}>
        <TextField
          label={t('actions.retireDate')}
          type="date"
          required
          width="max-w-xs"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={dateError}
        />
        <Button type="submit" variant="danger">
          {t('actions.retireSubmit')}
        </Button>
      </form>
      <ConfirmDialog
        open={action.open}
        title={t('actions.retireConfirmTitle')}
        confirmLabel={t('actions.retireSubmit')}
        danger
        busy={action.busy}
        error={action.error}
        onConfirm={() => void retire()}
        onClose={action.close}
      >
        {t('actions.retireConfirmBody', { name: user.name, date: formatCalendarDate(date, locale) })}
      </ConfirmDialog>
    </div>
  );
}
