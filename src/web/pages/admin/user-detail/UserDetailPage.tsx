import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { seg } from '../../../lib/api.js';
import { todayInTokyo } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail, Unit } from '../../../lib/types.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { AccountActions } from './AccountActions.js';
import { AssignmentsSection } from './AssignmentsSection.js';
import { BasicInfoSection } from './BasicInfoSection.js';
import { PostsSection } from './PostsSection.js';
import { RolesSection } from './RolesSection.js';
import { UserSessionsSection } from './UserSessionsSection.js';

/** One member of staff: who, where, what they may do, where they are logged in, and account actions. */
export function UserDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const detail = useApiData<AdminUserDetail>(`/api/admin/users/${seg(id)}`);
  const units = useApiData<{ units: Unit[] }>('/api/admin/units');

  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) {
    return (
      <div>
        <PageTitle>{t('userDetail.title')}</PageTitle>
        <Alert className="mb-6">{detail.error ?? t('error.generic')}</Alert>
        <Link to="/admin/users">{t('user.backToList')}</Link>
      </div>
    );
  }

  const data = detail.data;
  const unitList = units.data?.units ?? [];
  const today = todayInTokyo();
  const current = data.assignments.find((a) => a.validFrom <= today && (a.validTo === null || a.validTo >= today));

  return (
    <div>
      <p className="mb-2">
        <Link to="/admin/users">{t('user.backToList')}</Link>
      </p>
      <PageTitle title={t('userDetail.pageTitle', { name: data.user.name })}>
        {data.user.name}
        <span className="ml-3 text-std-20N-150 text-solid-gray-700">{t('userDetail.title')}</span>
      </PageTitle>
      <BasicInfoSection user={data.user} unitName={current?.unitName ?? null} />
      <AssignmentsSection assignments={data.assignments} />
      <PostsSection
        userId={data.user.id}
        posts={data.posts}
        units={unitList}
        currentUnitCode={current?.unitCode ?? ''}
        onChanged={detail.reload}
      />
      <RolesSection userId={data.user.id} roles={data.roles} onChanged={detail.reload} />
      <UserSessionsSection sessions={data.sessions} onChanged={detail.reload} />
      <AccountActions user={data.user} units={unitList} onChanged={detail.reload} />
    </div>
  );
}
