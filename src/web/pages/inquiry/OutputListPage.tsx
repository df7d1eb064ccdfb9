import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { CheckboxField, TextField } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { errorMessage } from '../../lib/api.js';
import { downloadFile } from '../../lib/download.js';
import { useI18n } from '../../lib/locale.js';
import { hasRole, useSession } from '../../lib/session.js';
import { useApiData } from '../../lib/use-api-data.js';
import { OutputTable } from './OutputTable.js';
import type { OutputListAnswer } from './types.js';

interface Filters {
  unit: string;
  unconfirmed: boolean;
}

/** Those who see other units' ledgers choose the unit (OUT-3: 総務部長 can review any). */
const ALL_UNIT_ROLES = ['general_affairs_director', 'system_admin', 'auditor'];
/** Posts that keep a unit's ledger (org/catalog.ts UNIT_MANAGER_POSTS). */
export const UNIT_MANAGER_POSTS = ['unit_head', 'info_mgmt_chief', 'info_manager'];

/**
 * 個人情報出力資料管理簿 (OUT-2, OUT-3): my unit's entries (any unit for 総務部長), 未確認 and
 * 期限超過 marked, filters in the address, CSV (cp932) of the same selection.
 */
export function OutputListPage() {
  const { t, locale } = useI18n();
  const { state } = useSession();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    unit: params.get('unitCode') ?? '',
    unconfirmed: params.get('unconfirmed') === 'true',
  };
  const query = { unitCode: filters.unit, unconfirmed: filters.unconfirmed ? 'true' : '' };
  const list = useApiData<OutputListAnswer>('/api/outputs', query);
  const rows = list.data?.outputs ?? [];
  const choosesUnit =
    ALL_UNIT_ROLES.some((role) => hasRole(state, role)) || Boolean(state.user?.posts.some((p) => UNIT_MANAGER_POSTS.includes(p.post)));
  const [draft, setDraft] = useState(filters);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [csvBusy, setCsvBusy] = useState(false);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.unit.trim()) next.set('unitCode', draft.unit.trim());
    if (draft.unconfirmed) next.set('unconfirmed', 'true');
    setParams(next);
  };

  const csv = async () => {
    setCsvBusy(true);
    setCsvError(null);
    try {
      await downloadFile('/api/outputs.csv', query, locale, 'sekimori-outputs.csv');
    } catch (cause) {
      setCsvError(errorMessage(cause, locale));
    } finally {
      setCsvBusy(false);
    }
  };

  return (
    <div>
      <PageTitle>{t('outputs.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('out.list.lead')}</p>
      {list.data ? <p className="mb-6 text-std-16N-170">{t('out.list.overdueRule', { days: list.data.overdueDays })}</p> : null}
      <search className="mb-6 block rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4">
        <h2 className="mb-4 text-std-20B-150">{t('out.filters')}</h2>
        <form noValidate onSubmit={apply}>
          <div className="grid gap-x-6 md:grid-cols-2">
            {choosesUnit ? (
              <TextField
                label={t('out.filter.unit')}
                hint={t('out.filter.unitHint')}
                value={draft.unit}
                onChange={(e) => setDraft((d) => ({ ...d, unit: e.target.value }))}
                width="w-full"
              />
            ) : null}
          </div>
          <CheckboxField
            label={t('out.filter.unconfirmed')}
            checked={draft.unconfirmed}
            onChange={(e) => setDraft((d) => ({ ...d, unconfirmed: e.target.checked }))}
            className="mb-4"
          />
          <Button type="submit">{t('out.filter.apply')}</Button>
        </form>
      </search>
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <Button variant="secondary" onClick={() => void csv()} disabled={csvBusy}>
          {t('out.csv')}
        </Button>
        {csvError ? <Alert>{csvError}</Alert> : null}
      </div>
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? <Loading /> : <OutputTable caption={t('out.list.caption')} rows={rows} empty={t('out.list.empty')} />}
    </div>
  );
}
