import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert } from '../components/Alert.js';
import { Button } from '../components/Button.js';
import { CheckboxField } from '../components/Field.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { api, errorMessage } from '../lib/api.js';
import { formatDateTime } from '../lib/dates.js';
import type { FlashState } from '../lib/flash.js';
import { nextPath } from '../lib/gates.js';
import { useI18n } from '../lib/locale.js';
import { useSession } from '../lib/session.js';
import type { Notice } from '../lib/types.js';
import { useApiData } from '../lib/use-api-data.js';

/** ID-13: the monitoring notice, acknowledged before first use and after every new version. */
export function NoticePage() {
  const { t, locale } = useI18n();
  const { refresh, state } = useSession();
  const navigate = useNavigate();
  const notice = useApiData<Notice>('/api/me/notice');
  const [checked, setChecked] = useState(false);
  const [checkError, setCheckError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (notice.loading && !notice.data) return <Loading />;
  if (!notice.data) {
    return (
      <>
        <PageTitle>{t('notice.title')}</PageTitle>
        <Alert>{notice.error ?? t('error.generic')}</Alert>
      </>
    );
  }
  const { title, paragraphs, acknowledgedAt } = notice.data;

  const acknowledge = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!checked) {
      setCheckError(t('notice.checkRequired'));
      return;
    }
    setCheckError(undefined);
    setError(null);
    setBusy(true);
    try {
      await api.post('/api/me/notice-acknowledgement');
    } catch (cause) {
      setError(errorMessage(cause, locale));
      setBusy(false);
      return;
    }
    const next = await refresh().catch(() => state);
    const flash: FlashState = { flash: 'notice.acknowledged' };
    navigate(nextPath(next.gates, '/'), { replace: true, state: flash });
  };

  return (
    <div className="max-w-3xl">
      <PageTitle>{title[locale]}</PageTitle>
      <div className="mb-8 space-y-4 rounded-8 border-2 border-blue-900 bg-blue-50 p-6 text-std-17N-170">
        {paragraphs[locale].map((text) => (
          <p key={text}>{text}</p>
        ))}
      </div>
      {acknowledgedAt && !state.gates.noticeAcknowledgementRequired ? (
        <>
          <Alert tone="success" className="mb-6">
            {t('notice.alreadyAcknowledged', { at: formatDateTime(acknowledgedAt, locale) })}
          </Alert>
          <Link to="/">{t('notice.toHome')}</Link>
        </>
      ) : (
        <form noValidate onSubmit={(event) => void acknowledge(event)}>
          {error ? <Alert className="mb-4">{error}</Alert> : null}
          <CheckboxField
            label={t('notice.confirmCheckbox')}
            checked={checked}
            onChange={(event) => setChecked(event.target.checked)}
            error={checkError}
            className="mb-6"
          />
          <Button type="submit" disabled={busy}>
            {t('notice.submit')}
          </Button>
        </form>
      )}
    </div>
  );
}
