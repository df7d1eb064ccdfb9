import { Link } from 'react-router-dom';
import { Alert } from '../components/Alert.js';
import { DetailItem, DetailList } from '../components/DetailList.js';
import { PageTitle } from '../components/PageTitle.js';
import { Section } from '../components/Section.js';
import { formatDateTime } from '../lib/dates.js';
import { postLabel, roleLabel } from '../lib/labels.js';
import { useI18n } from '../lib/locale.js';
import { canUseAuditLog, hasRole, useSession } from '../lib/session.js';
import { useVocabulary } from '../lib/vocabulary.js';

export function HomePage() {
  const { t, locale } = useI18n();
  const { state } = useSession();
  const { vocabulary } = useVocabulary();
  const user = state.user;
  if (!user) return null;

  const posts = user.posts.map((p) => postLabel(vocabulary, p.post, locale));
  const roles = user.roles.map((r) => roleLabel(vocabulary, r, locale));
  const noSecondFactor = state.mfaEnrolled !== null && !state.mfaEnrolled.totp && state.mfaEnrolled.webauthn === 0;

  return (
    <div>
      <PageTitle>{t('home.title')}</PageTitle>
      <p className="mb-8 text-std-20N-150">{t('home.greeting', { name: user.name })}</p>
      {noSecondFactor ? (
        <Alert tone="info" className="mb-8">
          {t('home.mfaSuggestion')} <Link to="/mfa/setup">{t('home.mfaSetupLink')}</Link>
        </Alert>
      ) : null}
      <Section title={t('home.profile')}>
        <DetailList>
          <DetailItem term={t('home.loginId')}>{user.loginId}</DetailItem>
          <DetailItem term={t('home.unit')}>{user.unit ? user.unit.name : t('common.none')}</DetailItem>
          <DetailItem term={t('home.posts')}>{posts.length > 0 ? posts.join('、') : t('common.none')}</DetailItem>
          <DetailItem term={t('home.roles')}>{roles.length > 0 ? roles.join('、') : t('common.none')}</DetailItem>
        </DetailList>
      </Section>
      {state.session ? (
        <Section title={t('home.session')}>
          <DetailList>
            <DetailItem term={t('home.sessionStarted')}>{formatDateTime(state.session.createdAt, locale)}</DetailItem>
            <DetailItem term={t('home.sessionExpires')}>{formatDateTime(state.session.expiresAt, locale)}</DetailItem>
            <DetailItem term={t('home.idleTimeout')}>
              {t('home.idleTimeoutValue', { minutes: state.session.idleTimeoutMinutes })}
            </DetailItem>
          </DetailList>
          {user.privileged ? <p className="mt-4 text-std-16N-170">{t('home.privilegedNote')}</p> : null}
        </Section>
      ) : null}
      <Section title={t('home.menu')}>
        <ul className="grid gap-4 md:grid-cols-2">
          <li className="rounded-8 border border-solid-gray-420 p-4">
            <Link to="/requests" className="text-std-18B-160">
              {t('nav.requests')}
            </Link>
            <p className="mt-1 text-std-16N-170 text-solid-gray-800">{t('home.requestsDescription')}</p>
          </li>
          <li className="rounded-8 border border-solid-gray-420 p-4">
            <Link to="/account" className="text-std-18B-160">
              {t('nav.account')}
            </Link>
            <p className="mt-1 text-std-16N-170 text-solid-gray-800">{t('home.accountDescription')}</p>
          </li>
          {hasRole(state, 'system_admin') ? (
            <li className="rounded-8 border border-solid-gray-420 p-4">
              <Link to="/admin" className="text-std-18B-160">
                {t('nav.admin')}
              </Link>
              <p className="mt-1 text-std-16N-170 text-solid-gray-800">{t('home.adminDescription')}</p>
            </li>
          ) : null}
          {canUseAuditLog(state) ? (
            <li className="rounded-8 border border-solid-gray-420 p-4">
              <Link to="/audit" className="text-std-18B-160">
                {t('nav.audit')}
              </Link>
              <p className="mt-1 text-std-16N-170 text-solid-gray-800">{t('home.auditDescription')}</p>
            </li>
          ) : null}
        </ul>
      </Section>
    </div>
  );
}
