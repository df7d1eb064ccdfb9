import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Button, buttonClass } from '../../components/Button.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { StatusBadge, Tag } from '../../components/StatusBadge.js';
import { type Column, DataTable } from '../../components/Table.js';
import { employmentTypeKey } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import type { AdminUserSummary, Unit } from '../../lib/types.js';
import { unitOptions } from '../../lib/units.js';
import { useApiData } from '../../lib/use-api-data.js';

const PAGE_SIZE = 50;

/** 職員一覧: search by ID, name or kana, filter by unit; the search is kept in the address. */
export function UsersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unit = params.get('unit') ?? '';
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  const [draftQ, setDraftQ] = useState(q);
  const [draftUnit, setDraftUnit] = useState(unit);

  const units = useApiData<{ units: Unit[] }>('/api/admin/units');
  const users = useApiData<{ users: AdminUserSummary[] }>('/api/admin/users', {
    q,
    unit,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  });
  const rows = users.data?.users ?? [];

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftQ.trim()) next.set('q', draftQ.trim());
    if (draftUnit) next.set('unit', draftUnit);
    setParams(next);
  };

  const pageLink = (target: number) => {
    const next = new URLSearchParams(params);
    if (target > 0) next.set('page', String(target));
    else next.delete('page');
    return `?${next.toString()}`;
  };

  const columns: Column<AdminUserSummary>[] = [
    {
      key: 'loginId',
      header: t('user.loginId'),
      cell: (u) => (
        <Link to={`/admin/users/${encodeURIComponent(u.id)}`} className="font-mono">
          {u.loginId}
        </Link>
      ),
    },
    {
      key: 'name',
      header: t('user.name'),
      cell: (u) => (
        <>
          {u.name}
          {u.nameKana ? <span className="block text-dns-14N-130 text-solid-gray-700">{u.nameKana}</span> : null}
        </>
      ),
    },
    { key: 'unit', header: t('user.unit'), cell: (u) => u.unit?.name ?? '' },
    { key: 'employment', header: t('user.employmentType'), cell: (u) => t(employmentTypeKey(u.employmentType)) },
    {
      key: 'status',
      header: t('user.status'),
      cell: (u) => (
        <span className="flex flex-wrap gap-1">
          <StatusBadge status={u.status} />
          {u.mustChangePassword ? <Tag>{t('user.temporaryPassword')}</Tag> : null}
        </span>
      ),
    },
  ];

  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle>{t('admin.users')}</PageTitle>
        <Link to="/admin/users/new" className={`plain-link ${buttonClass('primary')}`}>
          {t('user.new')}
        </Link>
      </div>
      <search className="mb-8 block rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4">
        <form noValidate onSubmit={search} className="flex flex-wrap items-end gap-x-6">
          <TextField
            label={t('user.searchText')}
            type="search"
            value={draftQ}
            onChange={(event) => setDraftQ(event.target.value)}
            width="w-72"
            className="mb-4"
          />
          <SelectField
            label={t('user.unitFilter')}
            placeholder={t('user.allUnits')}
            options={unitOptions(units.data?.units ?? [])}
            value={draftUnit}
            onChange={(event) => setDraftUnit(event.target.value)}
            width="w-72"
            className="mb-4"
          />
          <Button type="submit" className="mb-4">
            {t('user.search')}
          </Button>
        </form>
      </search>
      {users.error ? <Alert className="mb-4">{users.error}</Alert> : null}
      {users.loading && !users.data ? (
        <Loading />
      ) : (
        <DataTable caption={t('user.listCaption')} columns={columns} rows={rows} rowKey={(u) => u.id} empty={t('user.empty')} />
      )}
      {page > 0 || rows.length === PAGE_SIZE ? (
        <nav aria-label={t('pager.label')} className="mt-6 flex gap-6">
          {page > 0 ? <Link to={pageLink(page - 1)}>{t('pager.previous')}</Link> : null}
          {rows.length === PAGE_SIZE ? <Link to={pageLink(page + 1)}>{t('pager.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
