import { useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { ConfirmDialog } from '../../../components/Dialog.js';
import { Section } from '../../../components/Section.js';
import { Tag } from '../../../components/StatusBadge.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { api, seg } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { browserName } from '../../../lib/labels.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail } from '../../../lib/types.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';

type UserSession = AdminUserDetail['sessions'][number];

/** ID-10, ID-12: where the person is logged in; an administrator can end a session at once. */
export function UserSessionsSection({ sessions, onChanged }: { sessions: readonly UserSession[]; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const action = useConfirmedAction();
  const [target, setTarget] = useState<UserSession | null>(null);
  const [ended, setEnded] = useState(false);

  const end = () =>
    action.run(async () => {
      if (!target) return;
      await api.delete(`/api/admin/sessions/${seg(target.id)}`);
      setEnded(true);
      onChanged();
    });

  const columns: Column<UserSession>[] = [
    {
      key: 'created',
      header: t('sessions.started'),
      cell: (s) => (
        <>
          {formatDateTime(s.createdAt, locale)} {s.privileged ? <Tag>{t('sessions.privileged')}</Tag> : null}
        </>
      ),
    },
    { key: 'last', header: t('sessions.lastSeen'), cell: (s) => formatDateTime(s.lastSeenAt, locale) },
    { key: 'ip', header: t('sessions.source'), cell: (s) => s.ip ?? '' },
    { key: 'browser', header: t('sessions.browser'), cell: (s) => browserName(s.userAgent) },
    {
      key: 'end',
      header: t('common.actions'),
      cell: (s) => (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setTarget(s);
            setEnded(false);
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
    <Section title={t('account.sessions')}>
      {ended ? (
        <Alert tone="success" className="mb-4">
          {t('sessions.ended')}
        </Alert>
      ) : null}
      <DataTable
        caption={t('account.sessions')}
        hideCaption
        columns={columns}
        rows={sessions}
        rowKey={(s) => s.id}
        empty={t('sessions.empty')}
      />
      <ConfirmDialog
        open={action.open}
        title={t('sessions.confirmTitle')}
        confirmLabel={t('sessions.end')}
        danger
        busy={action.busy}
        error={action.error}
        onConfirm={() => void end()}
        onClose={action.close}
      >
        {t('sessions.confirmAdminBody')}
      </ConfirmDialog>
    </Section>
  );
}
