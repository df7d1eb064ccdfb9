import { DetailItem, DetailList } from '../../../components/DetailList.js';
import { Section } from '../../../components/Section.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { formatCalendarDate, formatDateTime } from '../../../lib/dates.js';
import { employmentTypeKey } from '../../../lib/labels.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail } from '../../../lib/types.js';

export function BasicInfoSection({ user, unitName }: { user: AdminUserDetail['user']; unitName: string | null }) {
  const { t, locale } = useI18n();
  return (
    <Section title={t('userDetail.basic')}>
      <DetailList>
        <DetailItem term={t('user.loginId')}>
          <span className="font-mono">{user.loginId}</span>
        </DetailItem>
        <DetailItem term={t('user.name')}>{user.name}</DetailItem>
        <DetailItem term={t('user.nameKana')}>{user.nameKana ?? ''}</DetailItem>
        <DetailItem term={t('user.employmentType')}>{t(employmentTypeKey(user.employmentType))}</DetailItem>
        <DetailItem term={t('user.unit')}>{unitName ?? t('common.none')}</DetailItem>
        <DetailItem term={t('user.status')}>
          <StatusBadge status={user.status} />
          {user.mustChangePassword ? <span className="ml-3">{t('userDetail.mustChangePassword')}</span> : null}
        </DetailItem>
        {user.lockedUntil ? <DetailItem term={t('userDetail.lockedUntil')}>{formatDateTime(user.lockedUntil, locale)}</DetailItem> : null}
        {user.disabledAt ? (
          <DetailItem term={t('userDetail.disabledAt')}>
            {formatDateTime(user.disabledAt, locale)}
            {user.disabledReason ? <span className="block">{t('userDetail.reason', { reason: user.disabledReason })}</span> : null}
          </DetailItem>
        ) : null}
        {user.retiredOn ? <DetailItem term={t('userDetail.retiredOn')}>{formatCalendarDate(user.retiredOn, locale)}</DetailItem> : null}
        <DetailItem term={t('userDetail.locale')}>{user.locale === 'en' ? 'English' : user.locale === 'ja' ? '日本語' : ''}</DetailItem>
      </DetailList>
    </Section>
  );
}
