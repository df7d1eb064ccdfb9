import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { SelectField, TextField } from '../../components/Field.js';
import { api, errorMessage } from '../../lib/api.js';
import { unitKindKey } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../lib/types.js';
import { unitOptions } from '../../lib/units.js';

/** Adds a unit (POST /api/admin/units). */
export function UnitForm({ units, onCreated }: { units: readonly Unit[]; onCreated: (unit: Unit) => void }) {
  const { t, locale } = useI18n();
  const [serverError, setServerError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const schema = useMemo(
    () =>
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9_-]{1,32}$/, t('unit.codeFormat')),
        name: z
          .string()
          .trim()
          .min(1, t('validation.required'))
          .max(100, t('validation.max', { max: 100 })),
        nameEn: z
          .string()
          .trim()
          .max(100, t('validation.max', { max: 100 })),
        kind: z.enum(UNIT_KINDS, t('validation.select')),
        parentCode: z.string(),
      }),
    [t],
  );
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(schema),
    defaultValues: { code: '', name: '', nameEn: '', kind: 'division' as UnitKind, parentCode: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    setCreated(null);
    try {
      const answer = await api.post<{ unit: Unit }>('/api/admin/units', {
        code: values.code,
        name: values.name,
        nameEn: values.nameEn || undefined,
        kind: values.kind,
        parentCode: values.parentCode || undefined,
      });
      setCreated(answer.unit.name);
      reset({ code: '', name: '', nameEn: '', kind: values.kind, parentCode: values.parentCode });
      onCreated(answer.unit);
    } catch (error) {
      setServerError(errorMessage(error, locale));
    }
  });

  return (
    <form noValidate onSubmit={onSubmit}>
      {serverError ? <Alert className="mb-4">{serverError}</Alert> : null}
      {created ? (
        <Alert tone="success" className="mb-4">
          {t('unit.created', { name: created })}
        </Alert>
      ) : null}
      <TextField
        label={t('unit.code')}
        hint={t('unit.codeHint')}
        required
        width="max-w-xs"
        autoComplete="off"
        error={errors.code?.message}
        {...register('code')}
      />
      <TextField label={t('unit.name')} required autoComplete="off" error={errors.name?.message} {...register('name')} />
      <TextField label={t('unit.nameEn')} autoComplete="off" lang="en" error={errors.nameEn?.message} {...register('nameEn')} />
      <SelectField
        label={t('unit.kind')}
        required
        width="max-w-xs"
        options={UNIT_KINDS.map((kind) => ({ value: kind, label: t(unitKindKey(kind)) }))}
        error={errors.kind?.message}
        {...register('kind')}
      />
      <SelectField
        label={t('unit.parent')}
        placeholder={t('unit.noParent')}
        options={unitOptions(units)}
        error={errors.parentCode?.message}
        {...register('parentCode')}
      />
      <Button type="submit" disabled={isSubmitting}>
        {t('unit.add')}
      </Button>
    </form>
  );
}
