import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { DetailItem, DetailList } from '../../components/DetailList.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { Section } from '../../components/Section.js';
import { SecurityKeyRegistration } from '../../components/SecurityKeyRegistration.js';
import { type Column, DataTable } from '../../components/Table.js';
import { api, seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { useSession } from '../../lib/session.js';
import type { SecurityKey } from '../../lib/types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useConfirmedAction } from '../../lib/use-confirmed-action.js';

/** ID-8: which second factors the person has; add an authenticator app or security keys, remove keys. */
export function MfaSection() {
  const { t, locale } = useI18n();
  const { state, refresh, endLocally } = useSession();
  const keys = useApiData<{ credentials: SecurityKey[] }>('/api/me/mfa/webauthn');
  const action = useConfirmedAction();
  const [target, setTarget] = useState<SecurityKey | null>(null);
  const [removed, setRemoved] = useState(false);

  // The counts on the session may be older than this page.
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  const afterChange = () => {
    keys.reload();
    refresh().catch(() => undefined);
  };

  const remove = () =>
    action.run(async () => {
      if (!target) return;
      await api.delete(`/api/me/mfa/webauthn/${seg(target.id)}`);
      // Sessions begun with the removed key end with it: this one too, if it was.
      const next = await refresh().catch(() => null);
      if (next?.status === 'anonymous') {
        endLocally('credentialRevoked');
        return;
      }
      setRemoved(true);
      keys.reload();
    });

  const enrolled = state.mfaEnrolled;
  const columns: Column<SecurityKey>[] = [
    { key: 'label', header: t('securityKey.label'), cell: (k) => k.label },
    { key: 'created', header: t('securityKey.createdAt'), cell: (k) => formatDateTime(k.createdAt, locale) },
    {
      key: 'remove',
      header: t('common.actions'),
      cell: (k) => (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setTarget(k);
            setRemoved(false);
            action.ask();
          }}
        >
          {t('securityKey.remove')}
          <span className="sr-only">（{k.label}）</span>
        </Button>
      ),
    },
  ];

  return (
    <Section id="mfa" title={t('account.mfa')}>
      <p className="mb-4 text-std-16N-170">{t('mfaStatus.lead')}</p>
      <DetailList>
        <DetailItem term={t('mfaStatus.totp')}>
          {enrolled ? (enrolled.totp ? t('mfaStatus.enrolled') : t('mfaStatus.notEnrolled')) : '—'}{' '}
          <Link to="/mfa/setup" className="ml-4">
            {enrolled?.totp ? t('mfaStatus.totpRenew') : t('mfaStatus.totpSetup')}
          </Link>
        </DetailItem>
        <DetailItem term={t('mfaStatus.keys')}>{enrolled ? t('mfaStatus.keyCount', { count: enrolled.webauthn }) : '—'}</DetailItem>
      </DetailList>

      <h3 className="mt-8 mb-4 text-std-20B-150">{t('mfaStatus.keyList')}</h3>
      {removed ? (
        <Alert tone="success" className="mb-4">
          {t('securityKey.removed')}
        </Alert>
      ) : null}
      {keys.error ? <Alert className="mb-4">{keys.error}</Alert> : null}
      <DataTable
        caption={t('mfaStatus.keyList')}
        hideCaption
        columns={columns}
        rows={keys.data?.credentials ?? []}
        rowKey={(k) => k.id}
        empty={keys.loading ? t('common.loading') : t('securityKey.empty')}
      />

      <h3 className="mt-8 mb-4 text-std-20B-150">{t('mfaStatus.addKey')}</h3>
      <SecurityKeyRegistration onRegistered={afterChange} />

      <ConfirmDialog
        open={action.open}
        title={t('securityKey.confirmRemoveTitle')}
        confirmLabel={t('securityKey.remove')}
        danger
        busy={action.busy}
        error={action.error}
        onConfirm={() => void remove()}
        onClose={action.close}
      >
        {t('securityKey.confirmRemoveBody', { label: target?.label ?? '' })}
      </ConfirmDialog>
    </Section>
  );
}
