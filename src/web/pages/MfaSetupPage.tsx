import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert } from '../components/Alert.js';
import { PageTitle } from '../components/PageTitle.js';
import { Section } from '../components/Section.js';
import { SecurityKeyRegistration } from '../components/SecurityKeyRegistration.js';
import { TotpEnrolment } from '../components/TotpEnrolment.js';
import type { FlashState } from '../lib/flash.js';
import { nextPath } from '../lib/gates.js';
import { useI18n } from '../lib/locale.js';
import { useSession } from '../lib/session.js';

/** Enrolment of a second factor: required for some people (ID-8), optional for the rest. */
export function MfaSetupPage() {
  const { t } = useI18n();
  const { state, refresh } = useSession();
  const navigate = useNavigate();
  const required = state.gates.mfaEnrollmentRequired;
  const [enrolled, setEnrolled] = useState(false);

  const afterEnrolment = async () => {
    const next = await refresh().catch(() => state);
    if (required) {
      const flash: FlashState = { flash: 'mfa.enrolled' };
      navigate(nextPath(next.gates, '/'), { replace: true, state: flash });
    } else {
      setEnrolled(true);
    }
  };

  return (
    <div className="max-w-3xl">
      <PageTitle>{t('mfaSetup.title')}</PageTitle>
      {required ? (
        <Alert tone="warning" className="mb-6" title={t('mfaSetup.requiredTitle')}>
          {t('mfaSetup.requiredBody')}
        </Alert>
      ) : null}
      {enrolled ? (
        <Alert tone="success" className="mb-6">
          {t('mfa.enrolled')} <Link to="/account#mfa">{t('mfaSetup.backToAccount')}</Link>
        </Alert>
      ) : null}
      <p className="mb-8 text-std-16N-170">{t('mfaSetup.lead')}</p>
      <Section title={t('mfaSetup.totpTitle')}>
        <p className="mb-4 text-std-16N-170">{t('mfaSetup.totpLead')}</p>
        <TotpEnrolment onEnrolled={() => void afterEnrolment()} />
      </Section>
      <Section title={t('mfaSetup.keyTitle')}>
        <p className="mb-4 text-std-16N-170">{t('mfaSetup.keyLead')}</p>
        <SecurityKeyRegistration onRegistered={() => void afterEnrolment()} />
      </Section>
      {!required ? (
        <p>
          <Link to="/account">{t('mfaSetup.backToAccount')}</Link>
        </p>
      ) : null}
    </div>
  );
}
