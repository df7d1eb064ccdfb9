import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { useI18n } from '../../lib/locale.js';
import { AuthHistorySection } from './AuthHistorySection.js';
import { LanguageSection } from './LanguageSection.js';
import { MfaSection } from './MfaSection.js';
import { SessionsSection } from './SessionsSection.js';

/** My account: sessions, authentication history, second factors, password, language. */
export function AccountPage() {
  const { t } = useI18n();
  const contents = [
    { id: 'sessions', label: t('account.sessions') },
    { id: 'history', label: t('account.history') },
    { id: 'mfa', label: t('account.mfa') },
    { id: 'password', label: t('account.password') },
    { id: 'language', label: t('account.language') },
  ];
  return (
    <div>
      <PageTitle>{t('account.title')}</PageTitle>
      <nav aria-label={t('account.contents')} className="mb-10 rounded-8 border border-solid-gray-420 p-4">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {contents.map((item) => (
            <li key={item.id}>
              <a href={`#${item.id}`}>{item.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SessionsSection />
      <AuthHistorySection />
      <MfaSection />
      <Section id="password" title={t('account.password')}>
        <p className="mb-4 text-std-16N-170">{t('account.passwordLead')}</p>
        <Link to="/password">{t('account.passwordLink')}</Link>
      </Section>
      <LanguageSection />
    </div>
  );
}
