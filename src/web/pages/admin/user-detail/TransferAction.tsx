import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { ConfirmDialog } from '../../../components/Dialog.js';
import { SelectField, TextField } from '../../../components/Field.js';
import { api, seg } from '../../../lib/api.js';
import { formatCalendarDate, todayInTokyo } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail, Unit } from '../../../lib/types.js';
import { unitOptions } from '../../../lib/units.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 配置換え: from 発令日 the person belongs to the new unit; old posts end, sessions end. */
export function TransferAction({
  user,
  units,
  onChanged,
}: {
  user: AdminUserDetail['user'];
  units: readonly Unit[];
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const action = useConfirmedAction();
  const [unitCode, setUnitCode] = useState('');
  const [date, setDate] = useState(todayInTokyo());
  const [errors, setErrors] = useState<{ unit?: string; date?: string }>({});
  const [done, setDone] = useState(false);
  const unitName = units.find((u) => u.code === unitCode)?.name ?? unitCode;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const next = {
      unit: unitCode ? undefined : t('validation.select'),
      date: ISO_DATE.test(date) ? undefined : t('validation.date'),
    };
    setErrors(next);
    if (!next.unit && !next.date) action.ask();
  };

  const transfer = () =>
    action.run(async () => {
      await api.post(`/api/admin/users/${seg(user.id)}/transfer`, { unitCode, effectiveDate: date });
      setDone(true);
      onChanged();
    });

  return (
    <div>
      <h3 className="mb-4 text-std-20B-150">{t('actions.transfer')}</h3>
      {done ? (
        <Alert tone="success" className="mb-4">
          {t('actions.transferDone')}
        </Alert>
      ) : null}
      <form noValidate onSubmit={submit}>
        <SelectField
          label={t('actions.newUnit')}
          placeholder={t('common.pleaseSelect')}
          required
          options={unitOptions(units)}
          value={unitCode}
          onChange={(event) => setUnitCode(event.target.value)}
          error={errors.unit}
        />
        <TextField
          label={t('actions.effectiveDate')}
          type="date"
          required
          width="max-w-xs"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={errors.date}
        />
        <Button type="submit" variant="secondary">
          {t('actions.transferSubmit')}
        </Button>
      </form>
      <ConfirmDialog
        open={action.open}
        title={t('actions.transferConfirmTitle')}
        confirmLabel={t('actions.transferSubmit')}
        busy={action.busy}
        error={action.error}
        onConfirm={() => void transfer()}
        onClose={action.close}
      >
        {t('actions.transferConfirmBody', { name: user.name, unit: unitName, date: formatCalendarDate(date, locale) })}
      </ConfirmDialog>
    </div>
  );
}
