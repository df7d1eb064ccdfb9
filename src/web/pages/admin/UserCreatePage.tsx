import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { CheckboxField, FieldGroup, SelectField, TextField } from '../../components/Field.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TemporaryPasswordBox } from '../../components/TemporaryPasswordBox.js';
import { api, errorMessage } from '../../lib/api.js';
import { employmentTypeKey } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import { EMPLOYMENT_TYPES, type Unit } from '../../lib/types.js';
import { unitOptions } from '../../lib/units.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useVocabulary } from '../../lib/vocabulary.js';

interface Created {
  id: string;
  loginId: string;
  name: string;
  temporaryPassword: string;
}

/** 新規登録: the answer's temporary password is shown once, then only a reset makes a new one. */
export function UserCreatePage() {
  const { t, locale } = useI18n();
  const { vocabulary } = useVocabulary();
  const units = useApiData<{ units: Unit[] }>('/api/admin/units');
  const [serverError, setServerError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const schema = useMemo(
    () =>
      z
        .object({
          loginId: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9._-]{3,32}$/, t('user.loginIdFormat')),
          name: z
            .string()
            .trim()
            .min(1, t('validation.required'))
            .max(100, t('validation.max', { max: 100 })),
          nameKana: z
            .string()
            .trim()
            .max(100, t('validation.max', { max: 100 })),
          employmentType: z.enum(EMPLOYMENT_TYPES, t('validation.select')),
          unitCode: z.string(),
          roles: z.array(z.string()),
          post: z.string(),
        })
        .refine((v) => v.post === '' || v.unitCode !== '', { path: ['unitCode'], message: t('user.unitForPost') }),
    [t],
  );
  const defaults = {
    loginId: '',
    name: '',
    nameKana: '',
    employmentType: 'regular' as const,
    unitCode: '',
    roles: [] as string[],
    post: '',
  };
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(schema), defaultValues: defaults });

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const answer = await api.post<{ user: { id: string; loginId: string; name: string }; temporaryPassword: string }>(
        '/api/admin/users',
        {
          loginId: values.loginId,
          name: values.name,
          nameKana: values.nameKana || undefined,
          employmentType: values.employmentType,
          unitCode: values.unitCode || undefined,
          roles: values.roles,
          posts: values.post ? [{ post: values.post, unitCode: values.unitCode || undefined }] : [],
        },
      );
      setCreated({ ...answer.user, temporaryPassword: answer.temporaryPassword });
      reset(defaults);
    } catch (error) {
      setServerError(errorMessage(error, locale));
    }
  });

  if (created) {
    return (
      <div className="max-w-3xl">
        <PageTitle>{t('user.createdTitle')}</PageTitle>
        <Alert tone="success" className="mb-6">
          {t('user.created', { name: created.name, loginId: created.loginId })}
        </Alert>
        <TemporaryPasswordBox password={created.temporaryPassword} loginId={created.loginId} />
        <ul className="flex flex-wrap gap-6">
          <li>
            <Link to={`/admin/users/${encodeURIComponent(created.id)}`}>{t('user.showDetail')}</Link>
          </li>
          <li>
            <button type="button" className="text-blue-1000 underline hover:text-blue-1200" onClick={() => setCreated(null)}>
              {t('user.createAnother')}
            </button>
          </li>
          <li>
            <Link to="/admin/users">{t('user.backToList')}</Link>
          </li>
        </ul>
      </div>
    );
  }

  return (
    <div className="max-w-3xl">
      <PageTitle>{t('user.newTitle')}</PageTitle>
      {serverError ? <Alert className="mb-6">{serverError}</Alert> : null}
      <form noValidate onSubmit={onSubmit}>
        <TextField
          label={t('user.loginId')}
          hint={t('user.loginIdHint')}
          required
          width="max-w-xs"
          autoComplete="off"
          spellCheck={false}
          error={errors.loginId?.message}
          {...register('loginId')}
        />
        <TextField label={t('user.name')} required autoComplete="off" error={errors.name?.message} {...register('name')} />
        <TextField label={t('user.nameKana')} autoComplete="off" error={errors.nameKana?.message} {...register('nameKana')} />
        <SelectField
          label={t('user.employmentType')}
          required
          width="max-w-sm"
          options={EMPLOYMENT_TYPES.map((type) => ({ value: type, label: t(employmentTypeKey(type)) }))}
          error={errors.employmentType?.message}
          {...register('employmentType')}
        />
        <SelectField
          label={t('user.unit')}
          placeholder={t('common.notSelected')}
          options={unitOptions(units.data?.units ?? [])}
          error={errors.unitCode?.message}
          {...register('unitCode')}
        />
        <FieldGroup legend={t('user.roles')} hint={t('user.rolesHint')}>
          {(vocabulary?.roles ?? []).map((role) => (
            <CheckboxField
              key={role.code}
              value={role.code}
              label={role.privileged ? `${role.label[locale]}（${t('user.privileged')}）` : role.label[locale]}
              {...register('roles')}
            />
          ))}
        </FieldGroup>
        <SelectField
          label={t('user.post')}
          hint={t('user.postHint')}
          placeholder={t('common.none')}
          width="max-w-md"
          options={(vocabulary?.posts ?? []).map((p) => ({ value: p.code, label: p.label[locale] }))}
          error={errors.post?.message}
          {...register('post')}
        />
        <div className="flex flex-wrap gap-4">
          <Button type="submit" disabled={isSubmitting}>
            {t('user.register')}
          </Button>
          <Link to="/admin/users" className="self-center">
            {t('user.backToList')}
          </Link>
        </div>
      </form>
    </div>
  );
}
