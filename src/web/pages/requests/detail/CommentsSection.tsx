import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { TextAreaField } from '../../../components/Field.js';
import { Section } from '../../../components/Section.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { personLabel } from '../../../lib/request-labels.js';
import type { RequestComment } from '../../../lib/request-types.js';

/** コメント: what was said on the request, and a box to add to it (POST /comments). */
export function CommentsSection({
  requestId,
  comments,
  onChanged,
}: {
  requestId: string;
  comments: RequestComment[];
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPosted(false);
    setError(null);
    const text = body.trim();
    if (!text) return setFieldError(t('validation.required'));
    if (text.length > 2000) return setFieldError(t('validation.max', { max: 2000 }));
    setFieldError(undefined);
    setBusy(true);
    try {
      await api.post(`/api/requests/${seg(requestId)}/comments`, { body: text });
      setBody('');
      setPosted(true);
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('req.detail.comments')}>
      {comments.length === 0 ? (
        <p className="mb-6">{t('req.comments.empty')}</p>
      ) : (
        <ul className="mb-6 space-y-4">
          {comments.map((comment) => (
            <li key={comment.id} className="rounded-8 border border-solid-gray-420 p-4">
              <p className="text-std-16B-170">
                {personLabel(comment.author)}
                <time dateTime={comment.createdAt} className="ml-3 font-normal text-solid-gray-700">
                  {formatDateTime(comment.createdAt, locale)}
                </time>
              </p>
              <p className="mt-1 whitespace-pre-line">{comment.body}</p>
            </li>
          ))}
        </ul>
      )}
      {posted ? (
        <Alert tone="success" className="mb-4">
          {t('req.comments.posted')}
        </Alert>
      ) : null}
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextAreaField
          label={t('req.comments.body')}
          hint={t('req.comments.hint')}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          error={fieldError}
          rows={3}
        />
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('req.comments.post')}
        </Button>
      </form>
    </Section>
  );
}
