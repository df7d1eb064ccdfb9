import { type FormEvent, useEffect, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { ConfirmDialog } from '../../../components/Dialog.js';
import { CheckboxField, FieldGroup } from '../../../components/Field.js';
import { Section } from '../../../components/Section.js';
import { api, seg } from '../../../lib/api.js';
import { roleLabel } from '../../../lib/labels.js';
import { useI18n } from '../../../lib/locale.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';
import { useVocabulary } from '../../../lib/vocabulary.js';

/** 役割 (ID-7): organisation-wide roles; changing them ends the person's sessions. */
export function RolesSection({ userId, roles, onChanged }: { userId: string; roles: readonly string[]; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { vocabulary } = useVocabulary();
  const action = useConfirmedAction();
  const [selected, setSelected] = useState<string[]>([...roles]);
  const [saved, setSaved] = useState(false);
  const rolesKey = roles.join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: rolesKey stands for the roles array.
  useEffect(() => {
    setSelected([...roles]);
  }, [rolesKey]);

  const toggle = (code: string, on: boolean) => setSelected((current) => (on ? [...current, code] : current.filter((c) => c !== code)));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    action.ask();
  };

  const save = () =>
    action.run(async () => {
      await api.put(`/api/admin/users/${seg(userId)}/roles`, { roles: selected });
      setSaved(true);
      onChanged();
    });

  const codes = new Set([...(vocabulary?.roles ?? []).map((r) => r.code), ...roles]);
  return (
    <Section title={t('userDetail.roles')}>
      {saved ? (
        <Alert tone="success" className="mb-4">
          {t('roles.saved')}
        </Alert>
      ) : null}
      <form noValidate onSubmit={submit}>
        <FieldGroup legend={t('user.roles')} hint={t('roles.hint')}>
          {[...codes].map((code) => (
            <CheckboxField
              key={code}
              label={roleLabel(vocabulary, code, locale)}
              checked={selected.includes(code)}
              onChange={(event) => toggle(code, event.target.checked)}
            />
          ))}
        </FieldGroup>
        <Button type="submit" variant="secondary">
          {t('roles.save')}
        </Button>
      </form>
      <ConfirmDialog
        open={action.open}
        title={t('roles.confirmTitle')}
        confirmLabel={t('roles.save')}
        busy={action.busy}
        error={action.error}
        onConfirm={() => void save()}
        onClose={action.close}
      >
        <p>{t('roles.confirmBody')}</p>
        <p className="mt-2">
          {selected.length > 0 ? selected.map((code) => roleLabel(vocabulary, code, locale)).join('、') : t('common.none')}
        </p>
      </ConfirmDialog>
    </Section>
  );
}
