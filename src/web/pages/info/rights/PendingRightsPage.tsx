import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { useSession } from '../../../lib/session.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { EFFECT_KEYS } from '../effects/effect-kinds.js';
import { registrarUnitCodes } from '../info-access.js';
import { PersonLabel } from '../info-display.js';
import { type PendingRight, rowsOf } from '../info-types.js';
import { UnitPicker } from '../UnitPicker.js';

/** 登録待ち (APP-3, APP-4): the unit's 登録担当者 registers the rights that 様式4/5 approvals granted or removed. */
export function PendingRightsPage() {
  const { t, locale } = useI18n();
  const { state } = useSession();
  const [params, setParams] = useSearchParams();
  const choices = registrarUnitCodes(state);
  const unit = params.get('unit') ?? choices[0] ?? '';
  const list = useApiData<unknown>(unit ? '/api/rights/pending' : null, { unit });
  const rows = rowsOf<PendingRight>(list.data, 'items');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (choices.length === 0)
    return (
      <div>
        <PageTitle>{t('info.right.pendingTitle')}</PageTitle>
        <Alert>{t('info.forbidden.registrar')}</Alert>
      </div>
    );

  const register = async (row: PendingRight) => {
    setBusyId(row.effectId);
    setError(null);
    setMessage(null);
    try {
      await api.post(`/api/rights/pending/${seg(row.effectId)}/register`);
      setMessage(t('info.right.registered', { number: row.request.number }));
      list.reload();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusyId(null);
    }
  };

  const columns: Column<PendingRight>[] = [
    { key: 'request', header: t('info.effect.request'), cell: (r) => r.request.number },
    {
      key: 'kind',
      header: t('info.effect.kind'),
      cell: (r) => {
        const key = EFFECT_KEYS[r.effect];
        return key ? t(key) : r.effect;
      },
    },
    { key: 'user', header: t('info.right.user'), cell: (r) => <PersonLabel person={r.beneficiary} /> },
    { key: 'app', header: t('info.right.application'), cell: (r) => <span className="font-mono">{r.applicationCode ?? ''}</span> },
    { key: 'at', header: t('info.effect.approvedAt'), cell: (r) => formatDateTime(r.queuedAt, locale) },
    {
      key: 'action',
      header: t('info.actions'),
      cell: (r) => (
        <Button
          size="sm"
          disabled={busyId !== null}
          onClick={() => void register(r)}
          aria-label={t('info.right.registerFor', { number: r.request.number })}
        >
          {t('info.right.register')}
        </Button>
      ),
    },
  ];

  return (
    <div>
      <PageTitle>{t('info.right.pendingTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.right.pendingLead')}</p>
      {choices.length > 1 ? (
        <UnitPicker value={unit} choices={choices} anyUnit={false} onChange={(next) => setParams({ unit: next })} />
      ) : null}
      <div aria-live="polite">
        {message ? (
          <Alert tone="success" className="mb-4">
            {message}
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('info.right.pendingCaption', { unit })}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.effectId}
          empty={t('info.right.pendingEmpty')}
        />
      )}
    </div>
  );
}
