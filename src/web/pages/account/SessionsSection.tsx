import { useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { Loading } from '../../components/Loading.js';
import { Section } from '../../components/Section.js';
import { Tag } from '../../components/StatusBadge.js';
import { type Column, DataTable } from '../../components/Table.js';
import { api, seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { browserName } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import { useSession } from '../../lib/session.js';
import type { MySession } from '../../lib/types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useConfirmedAction } from '../../lib/use-confirmed-action.js';

export function SessionsSection() {
  const { t, locale } = useI18n();
  const { endLocally } = useSession();
  const sessions = useApiData<{ sessions: MySession[] }>('/api/me/sessions');
  const action = useConfirmedAction();
  const [target, setTarget] = useState<MySession | null>(null);
  const [done, setDone] = useState(false);

  const end = () =>
    action.run(async () => {
      if (!target) return;
      await api.delete(`/api/me/sessions/${seg(target.id)}`);
      if (target.current) {
        endLocally('loggedOut');
        return;
      }
      setDone(true);
      sessions.reload();
    });

  const columns: Column<MySession>[] = [
    {
      key: 'created',
      header: t('sessions.started'),
      cell: (s) => (
        <>
          {formatDateTime(s.createdAt, locale)} {s.current ? <Tag>{t('sessions.current')}</Tag> : null}{' '}
          {s.privileged ? <Tag>{t('sessions.privileged')}</Tag> : null}
        </>
      ),
    },
    { key: 'last', header: t('sessions.lastSeen'), cell: (s) => formatDateTime(s.lastSeenAt, locale) },
    { key: 'ip', header: t('sessions.source'), cell: (s) => s.ip ?? '' },
    { key: 'browser', header: t('sessions.browser'), cell: (s) => <span title={s.userAgent ?? ''}>{browserName(s.userAgent)}</span> },
    {
      key: 'end',
      header: t('common.actions'),
      cell: (s) => (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setTarget(s);
            setDone(false);
            action.ask();
          }}
        >
          {t('sessions.end')}
          <span className="sr-only">{t('sessions.endContext', { at: formatDateTime(s.createdAt, locale) })}</span>
        </Button>
      ),
    },
  ];

  return (
    <Section id="sessions" title={t('account.sessions')}>
      <p className="mb-4 text-std-16N-170">{t('sessions.lead')}</p>
      {done ? (
        <Alert tone="success" className="mb-4">
          {t('sessions.ended')}
        </Alert>
      ) : null}
      {sessions.error ? <Alert className="mb-4">{sessions.error}</Alert> : null}
      {sessions.loading && !sessions.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('account.sessions')}
          hideCaption
          columns={columns}
          rows={sessions.data?.sessions ?? []}
          rowKey={(s) => s.id}
          empty={t('sessions.empty')}
        />
      )}
      <ConfirmDialog
        open={action.open}
        title={target?.current ? t('sessions.confirmCurrentTitle') : t('sessions.confirmTitle')}
        confirmLabel={t('sessions.end')}
        danger
        busy={action.busy}
        error={action.error}
        onConfirm={() => void end()}
        onClose={action.close}
      >
        {target?.current ? t('sessions.confirmCurrentBody') : t('sessions.confirmBody')}
      </ConfirmDialog>
    </Section>
  );
}
