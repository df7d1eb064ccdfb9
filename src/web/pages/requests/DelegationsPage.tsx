import { type FormEvent, useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { TextAreaField, TextField } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { Tag } from '../../components/StatusBadge.js';
import { type Column, DataTable } from '../../components/Table.js';
import { api, errorMessage, seg } from '../../lib/api.js';
import { formatDateTime, todayInTokyo } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { personLabel } from '../../lib/request-labels.js';
import type { Delegation } from '../../lib/request-types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useConfirmedAction } from '../../lib/use-confirmed-action.js';

/** 代決: deputies I named (revocable) and the people I stand in for; naming a deputy for a period. */
export function DelegationsPage() {
  const { t } = useI18n();
  const list = useApiData<{ given: Delegation[]; received: Delegation[] }>('/api/delegations');
  const [notice, setNotice] = useState<string | null>(null);

  const changed = (message: string) => {
    setNotice(message);
    list.reload();
  };

  return (
    <div>
      <PageTitle>{t('req.delegations.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('req.del.lead')}</p>
      <div aria-live="polite">
        {notice ? (
          <Alert tone="success" className="mb-6">
            {notice}
          </Alert>
        ) : null}
      </div>
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <Section title={t('req.del.given')}>
            <DelegationTable rows={list.data.given} caption={t('req.del.given')} onRevoked={() => changed(t('req.del.revokedDone'))} />
          </Section>
          <Section title={t('req.del.received')}>
            <DelegationTable rows={list.data.received} caption={t('req.del.received')} />
          </Section>
        </>
      ) : null}
      <Section title={t('req.del.create')}>
        <DelegationForm onCreated={() => changed(t('req.del.created'))} />
      </Section>
    </div>
  );
}

function DelegationStatus({ delegation }: { delegation: Delegation }) {
  const { t } = useI18n();
  if (delegation.revokedAt) return <>{t('req.del.revoked')}</>;
  return delegation.active ? <Tag>{t('req.del.active')}</Tag> : t('req.del.inactive');
}

function DelegationTable({ rows, caption, onRevoked }: { rows: Delegation[]; caption: string; onRevoked?: () => void }) {
  const { t, locale } = useI18n();
  const columns: Column<Delegation>[] = [
    { key: 'principal', header: t('req.del.principal'), cell: (d) => personLabel(d.principal) },
    { key: 'deputy', header: t('req.del.deputy'), cell: (d) => personLabel(d.deputy) },
    {
      key: 'period',
      header: t('req.del.period'),
      cell: (d) => t('req.del.periodValue', { from: formatDateTime(d.validFrom, locale), to: formatDateTime(d.validTo, locale) }),
      className: 'min-w-48',
    },
    { key: 'reason', header: t('req.del.reason'), cell: (d) => d.reason },
    { key: 'status', header: t('req.del.status'), cell: (d) => <DelegationStatus delegation={d} /> },
  ];
  if (onRevoked) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (d) => (d.revokedAt ? null : <RevokeButton delegation={d} onRevoked={onRevoked} />),
    });
  }
  return (
    <div className="overflow-x-auto">
      <DataTable caption={caption} hideCaption columns={columns} rows={rows} rowKey={(d) => d.id} empty={t('req.del.empty')} />
    </div>
  );
}

function RevokeButton({ delegation, onRevoked }: { delegation: Delegation; onRevoked: () => void }) {
  const { t } = useI18n();
  const action = useConfirmedAction();
  const name = personLabel(delegation.deputy);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={action.ask} aria-label={`${t('req.del.revoke')}（${name}）`}>
        {t('req.del.revoke')}
      </Button>
      <ConfirmDialog
        open={action.open}
        title={t('req.del.revokeTitle')}
        confirmLabel={t('req.del.revoke')}
        danger
        busy={action.busy}
        error={action.error}
        onConfirm={() =>
          void action.run(async () => {
            await api.delete(`/api/delegations/${seg(delegation.id)}`);
            onRevoked();
          })
        }
        onClose={action.close}
      >
        {t('req.del.revokeBody', { name })}
      </ConfirmDialog>
    </>
  );
}

interface DelegationDraft {
  deputyLoginId: string;
  from: string;
  to: string;
  reason: string;
}

type DraftErrors = Partial<Record<keyof DelegationDraft, string>>;

/** Whole days in Japan: from 0:00 of the first to the end of the last day. */
function periodOf(draft: DelegationDraft) {
  return { validFrom: `${draft.from}T00:00:00+09:00`, validTo: `${draft.to}T23:59:59+09:00` };
}

function DelegationForm({ onCreated }: { onCreated: () => void }) {
  const { t, locale } = useI18n();
  const today = todayInTokyo();
  const [draft, setDraft] = useState<DelegationDraft>({ deputyLoginId: '', from: today, to: today, reason: '' });
  const [errors, setErrors] = useState<DraftErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof DelegationDraft) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: event.target.value }));

  const check = (): DraftErrors => {
    const found: DraftErrors = {};
    if (!/^[A-Za-z0-9._-]{3,32}$/.test(draft.deputyLoginId.trim())) found.deputyLoginId = t('validation.required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.from)) found.from = t('validation.date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.to)) found.to = t('validation.date');
    else if (draft.to < draft.from) found.to = t('req.del.periodOrder');
    if (!draft.reason.trim()) found.reason = t('validation.required');
    else if (draft.reason.trim().length > 1000) found.reason = t('validation.max', { max: 1000 });
    return found;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api.post('/api/delegations', { deputyLoginId: draft.deputyLoginId.trim(), reason: draft.reason.trim(), ...periodOf(draft) });
      setDraft({ deputyLoginId: '', from: today, to: today, reason: '' });
      onCreated();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <TextField
        label={t('req.del.deputyLoginId')}
        required
        width="max-w-sm"
        autoComplete="off"
        spellCheck={false}
        value={draft.deputyLoginId}
        onChange={set('deputyLoginId')}
        error={errors.deputyLoginId}
      />
      <div className="grid gap-x-6 md:grid-cols-2">
        <TextField
          label={t('req.del.from')}
          type="date"
          required
          hint={t('req.del.periodHint')}
          value={draft.from}
          onChange={set('from')}
          error={errors.from}
          width="max-w-xs"
        />
        <TextField label={t('req.del.to')} type="date" required value={draft.to} onChange={set('to')} error={errors.to} width="max-w-xs" />
      </div>
      <TextAreaField label={t('req.del.reason')} required value={draft.reason} onChange={set('reason')} error={errors.reason} rows={2} />
      <Button type="submit" disabled={busy}>
        {t('req.del.submit')}
      </Button>
    </form>
  );
}
