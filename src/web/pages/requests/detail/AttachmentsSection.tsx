import { type FormEvent, useRef, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { TextField } from '../../../components/Field.js';
import { Section } from '../../../components/Section.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { personLabel } from '../../../lib/request-labels.js';
import type { RequestAttachment } from '../../../lib/request-types.js';

const MAX_BYTES = 2 * 1024 * 1024;

/** The file as standard base64 (what POST /attachments takes). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** 添付ファイル: the list with download links, and a small upload (≤ 2 MiB; the server checks the bytes). */
export function AttachmentsSection({
  requestId,
  attachments,
  onChanged,
}: {
  requestId: string;
  attachments: RequestAttachment[];
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setUploaded(null);
    setError(null);
    const file = input.current?.files?.[0];
    if (!file) return setFieldError(t('req.att.choose'));
    if (file.size > MAX_BYTES) return setFieldError(t('req.att.tooLarge'));
    setFieldError(undefined);
    setBusy(true);
    try {
      await api.post(`/api/requests/${seg(requestId)}/attachments`, {
        filename: file.name,
        contentType: file.type || 'application/octet-stream',
        dataBase64: await base64Of(file),
      });
      setUploaded(file.name);
      if (input.current) input.current.value = '';
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  const columns: Column<RequestAttachment>[] = [
    {
      key: 'name',
      header: t('req.att.name'),
      cell: (a) => (
        <a href={`/api/requests/${seg(requestId)}/attachments/${seg(a.id)}`} download={a.filename} className="break-all">
          {a.filename}
        </a>
      ),
    },
    { key: 'size', header: t('req.att.size'), cell: (a) => t('req.att.bytes', { size: a.size.toLocaleString(locale) }) },
    { key: 'by', header: t('req.att.by'), cell: (a) => personLabel(a.uploadedBy) },
    { key: 'at', header: t('req.att.at'), cell: (a) => formatDateTime(a.createdAt, locale), className: 'min-w-40' },
  ];

  return (
    <Section title={t('req.detail.attachments')}>
      <div className="mb-6 overflow-x-auto">
        <DataTable
          caption={t('req.att.caption')}
          hideCaption
          columns={columns}
          rows={attachments}
          rowKey={(a) => a.id}
          empty={t('req.att.empty')}
        />
      </div>
      {uploaded ? (
        <Alert tone="success" className="mb-4">
          {t('req.att.uploaded', { name: uploaded })}
        </Alert>
      ) : null}
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <form noValidate onSubmit={(event) => void upload(event)}>
        <TextField ref={input} type="file" label={t('req.att.file')} hint={t('req.att.hint')} error={fieldError} />
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('req.att.upload')}
        </Button>
      </form>
    </Section>
  );
}
