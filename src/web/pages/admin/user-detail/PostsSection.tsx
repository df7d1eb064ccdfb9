import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { ConfirmDialog } from '../../../components/Dialog.js';
import { SelectField, TextField } from '../../../components/Field.js';
import { Section } from '../../../components/Section.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { formatCalendarDate, todayInTokyo } from '../../../lib/dates.js';
import { postLabel } from '../../../lib/labels.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail, Unit } from '../../../lib/types.js';
import { unitOptions } from '../../../lib/units.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';
import { useVocabulary } from '../../../lib/vocabulary.js';

type Post = AdminUserDetail['posts'][number];

interface PostsSectionProps {
  userId: string;
  posts: readonly Post[];
  units: readonly Unit[];
  currentUnitCode: string;
  onChanged: () => void;
}

/** 職 (ORG-2): posts held in a unit; add one, or end one. */
export function PostsSection({ userId, posts, units, currentUnitCode, onChanged }: PostsSectionProps) {
  const { t, locale } = useI18n();
  const { vocabulary } = useVocabulary();
  const endAction = useConfirmedAction();
  const [target, setTarget] = useState<Post | null>(null);
  const [post, setPost] = useState('');
  const [unitCode, setUnitCode] = useState(currentUnitCode);
  const [validFrom, setValidFrom] = useState(todayInTokyo());
  const [postError, setPostError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = todayInTokyo();

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    setError(null);
    if (!post) {
      setPostError(t('validation.select'));
      return;
    }
    setPostError(undefined);
    setBusy(true);
    try {
      await api.post(`/api/admin/users/${seg(userId)}/posts`, {
        post,
        unitCode: unitCode || undefined,
        validFrom: validFrom || undefined,
      });
      setPost('');
      setMessage(t('posts.added'));
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  const end = () =>
    endAction.run(async () => {
      if (!target) return;
      await api.delete(`/api/admin/users/${seg(userId)}/posts/${seg(target.id)}`);
      setMessage(t('posts.ended'));
      onChanged();
    });

  const columns: Column<Post>[] = [
    { key: 'post', header: t('user.post'), cell: (p) => postLabel(vocabulary, p.post, locale) },
    { key: 'unit', header: t('user.unit'), cell: (p) => p.unitName ?? p.unitCode ?? '' },
    { key: 'from', header: t('period.from'), cell: (p) => formatCalendarDate(p.validFrom, locale) },
    { key: 'to', header: t('period.to'), cell: (p) => (p.validTo ? formatCalendarDate(p.validTo, locale) : t('period.ongoing')) },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (p) =>
        p.validTo === null || p.validTo >= today ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setTarget(p);
              endAction.ask();
            }}
          >
            {t('posts.end')}
            <span className="sr-only">（{postLabel(vocabulary, p.post, locale)}）</span>
          </Button>
        ) : null,
    },
  ];

  return (
    <Section title={t('userDetail.posts')}>
      {message ? (
        <Alert tone="success" className="mb-4">
          {message}
        </Alert>
      ) : null}
      <DataTable caption={t('userDetail.posts')} hideCaption columns={columns} rows={posts} rowKey={(p) => p.id} empty={t('posts.empty')} />
      <h3 className="mt-8 mb-4 text-std-20B-150">{t('posts.addTitle')}</h3>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <form noValidate onSubmit={(event) => void add(event)}>
        <SelectField
          label={t('user.post')}
          placeholder={t('common.pleaseSelect')}
          required
          width="max-w-md"
          options={(vocabulary?.posts ?? []).map((p) => ({ value: p.code, label: p.label[locale] }))}
          value={post}
          onChange={(event) => setPost(event.target.value)}
          error={postError}
        />
        <SelectField
          label={t('posts.unit')}
          hint={t('posts.unitHint')}
          placeholder={t('common.notSelected')}
          options={unitOptions(units)}
          value={unitCode}
          onChange={(event) => setUnitCode(event.target.value)}
        />
        <TextField
          label={t('posts.validFrom')}
          type="date"
          width="max-w-xs"
          value={validFrom}
          onChange={(event) => setValidFrom(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('posts.add')}
        </Button>
      </form>
      <ConfirmDialog
        open={endAction.open}
        title={t('posts.confirmEndTitle')}
        confirmLabel={t('posts.end')}
        danger
        busy={endAction.busy}
        error={endAction.error}
        onConfirm={() => void end()}
        onClose={endAction.close}
      >
        {t('posts.confirmEndBody', { post: target ? postLabel(vocabulary, target.post, locale) : '' })}
      </ConfirmDialog>
    </Section>
  );
}
