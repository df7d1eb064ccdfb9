import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { Section } from '../../../components/Section.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { api, errorMessage } from '../../../lib/api.js';
import { formatCalendarDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { PersonLabel } from '../info-display.js';
import { type Contract, rowsOf } from '../info-types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Draft {
  userLoginId: string;
  contractName: string;
  applicationCodes: string;
  validFrom: string;
  validTo: string;
}

const EMPTY: Draft = { userLoginId: '', contractName: '', applicationCodes: '', validFrom: '', validTo: '' };

/**
 * 委託契約 (APP-5, ID-11): a contractor's use rights never outlast the contract and never reach beyond
 * the applications it names; システム管理者 records the contract here.
 */
export function ContractsPage() {
  const { t, locale } = useI18n();
  const list = useApiData<unknown>('/api/contracts');
  const rows = rowsOf<Contract>(list.data, 'contracts');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((prev) => ({ ...prev, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const codes = draft.applicationCodes
      .split(/[,、\s]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const next: typeof errors = {};
    if (!draft.userLoginId.trim()) next.userLoginId = t('info.required');
    if (!draft.contractName.trim()) next.contractName = t('info.required');
    if (codes.length === 0) next.applicationCodes = t('info.required');
    if (!DATE.test(draft.validFrom)) next.validFrom = t('info.dateInvalid');
    if (!DATE.test(draft.validTo)) next.validTo = t('info.dateInvalid');
    else if (DATE.test(draft.validFrom) && draft.validTo < draft.validFrom) next.validTo = t('info.periodInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await api.post('/api/contracts', {
        userLoginId: draft.userLoginId.trim(),
        contractName: draft.contractName.trim(),
        applicationCodes: codes,
        validFrom: draft.validFrom,
        validTo: draft.validTo,
      });
      setMessage(t('info.contract.registered', { name: draft.contractName.trim() }));
      setDraft(EMPTY);
      list.reload();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  const columns: Column<Contract>[] = [
    { key: 'user', header: t('info.right.user'), cell: (c) => <PersonLabel person={c.user} /> },
    { key: 'name', header: t('info.contract.name'), cell: (c) => c.contractName },
    {
      key: 'apps',
      header: t('info.contract.applications'),
      cell: (c) => <span className="font-mono">{c.applicationCodes.join('、')}</span>,
    },
    {
      key: 'period',
      header: t('info.right.period'),
      cell: (c) =>
        t('info.right.periodValue', { from: formatCalendarDate(c.validFrom, locale), to: formatCalendarDate(c.validTo, locale) }),
    },
    { key: 'state', header: t('info.contract.state'), cell: (c) => (c.endedAt ? t('info.contract.ended') : t('info.right.inForce')) },
  ];

  return (
    <div>
      <PageTitle>{t('info.contract.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.contract.lead')}</p>
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('info.contract.caption')}
          columns={columns}
          rows={rows}
          rowKey={(c) => c.id}
          empty={t('info.contract.empty')}
        />
      )}
      <Section title={t('info.contract.new')}>
        <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('info.contract.new')}>
          <TextField
            label={t('info.contract.userLoginId')}
            value={draft.userLoginId}
            onChange={(e) => set({ userLoginId: e.target.value })}
            error={errors.userLoginId}
            required
            width="max-w-sm"
            autoComplete="off"
          />
          <TextField
            label={t('info.contract.name')}
            value={draft.contractName}
            onChange={(e) => set({ contractName: e.target.value })}
            error={errors.contractName}
            required
          />
          <TextField
            label={t('info.contract.applications')}
            hint={t('info.contract.applicationsHint')}
            value={draft.applicationCodes}
            onChange={(e) => set({ applicationCodes: e.target.value })}
            error={errors.applicationCodes}
            required
            width="max-w-sm"
          />
          <TextField
            label={t('info.contract.validFrom')}
            type="date"
            value={draft.validFrom}
            onChange={(e) => set({ validFrom: e.target.value })}
            error={errors.validFrom}
            required
            width="max-w-xs"
          />
          <TextField
            label={t('info.contract.validTo')}
            type="date"
            value={draft.validTo}
            onChange={(e) => set({ validTo: e.target.value })}
            error={errors.validTo}
            required
            width="max-w-xs"
          />
          <div aria-live="polite">
            {message ? (
              <Alert tone="success" className="mb-4">
                {message}
              </Alert>
            ) : null}
          </div>
          {error ? <Alert className="mb-4">{error}</Alert> : null}
          <Button type="submit" disabled={busy}>
            {t('info.contract.register')}
          </Button>
        </form>
      </Section>
    </div>
  );
}
