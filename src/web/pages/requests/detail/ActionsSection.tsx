import { Link } from 'react-router-dom';
import { Button, type ButtonVariant, buttonClass } from '../../../components/Button.js';
import { Section } from '../../../components/Section.js';
import { api, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import type { RequestDetail } from '../../../lib/request-types.js';
import { useConfirmedAction } from '../../../lib/use-confirmed-action.js';
import { ActionDialog, type ActionInput, type ActionText } from './ActionDialog.js';

interface ActionSpec {
  id: string;
  label: string;
  variant: ButtonVariant;
  body?: string;
  text: ActionText;
  allowOverride?: boolean;
  send: (input: ActionInput) => Promise<void>;
}

/**
 * 操作: the buttons the API's `actions` allow (the server checks again): 申請・再申請・取下げ,
 * 承認／合議・却下・差戻し with a comment (required for the latter two), 取消, 書面提出; and editing.
 */
export function ActionsSection({ detail, onDone }: { detail: RequestDetail; onDone: (label: string) => void }) {
  const { t } = useI18n();
  const { request, actions } = detail;
  const path = `/api/requests/${seg(request.id)}`;
  const post = (verb: string, body?: unknown) => api.post(`${path}/${verb}`, body);
  const optionalComment: ActionText = { need: 'optional', label: t('req.action.comment'), hint: t('req.action.commentOptional') };
  const requiredComment: ActionText = { need: 'required', label: t('req.action.comment'), hint: t('req.action.commentRequired') };
  const concurOnly = request.currentStages.length > 0 && request.currentStages.every((s) => s.kind === 'concur');
  const specs: ActionSpec[] = [];

  if (actions.submit)
    specs.push({
      id: 'submit',
      label: t('req.action.submit'),
      variant: 'primary',
      body: t('req.action.submitBody'),
      text: { need: 'none' },
      send: () => post('submit'),
    });
  if (actions.resubmit)
    specs.push({
      id: 'resubmit',
      label: t('req.action.resubmit'),
      variant: 'primary',
      body: t('req.action.resubmitBody'),
      text: { need: 'none' },
      send: () => post('resubmit'),
    });
  if (actions.decide) {
    const verb = concurOnly ? 'concur' : 'approve';
    specs.push({
      id: verb,
      label: t(concurOnly ? 'req.action.concur' : 'req.action.approve'),
      variant: 'primary',
      text: optionalComment,
      allowOverride: request.sodOverrideAllowed,
      send: ({ text, overrideReason }) => post(verb, { comment: text || undefined, overrideReason: overrideReason || undefined }),
    });
    specs.push({
      id: 'return',
      label: t('req.action.return'),
      variant: 'secondary',
      text: requiredComment,
      send: ({ text }) => post('return', { comment: text }),
    });
    specs.push({
      id: 'reject',
      label: t('req.action.reject'),
      variant: 'danger',
      text: requiredComment,
      send: ({ text }) => post('reject', { comment: text }),
    });
  }
  if (actions.filePaperwork)
    specs.push({
      id: 'paperwork',
      label: t('req.action.paperwork'),
      variant: 'primary',
      body: t('req.action.paperworkBody'),
      text: { need: 'none' },
      send: () => post('paperwork', {}),
    });
  if (actions.withdraw)
    specs.push({
      id: 'withdraw',
      label: t('req.action.withdraw'),
      variant: 'secondary',
      text: { need: 'optional', label: t('req.action.reason'), hint: t('req.action.reasonOptional') },
      send: ({ text }) => post('withdraw', text ? { reason: text } : {}),
    });
  if (actions.cancel)
    specs.push({
      id: 'cancel',
      label: t('req.action.cancel'),
      variant: 'danger',
      text: { need: 'required', label: t('req.action.reason') },
      send: ({ text }) => post('cancel', { reason: text }),
    });

  return (
    <Section title={t('req.detail.actions')}>
      {specs.length === 0 && !actions.edit ? <p>{t('req.detail.noActions')}</p> : null}
      <div className="flex flex-wrap gap-4">
        {actions.edit ? (
          <Link to={`/requests/${seg(request.id)}/edit`} className={buttonClass('secondary')}>
            {t('req.action.edit')}
          </Link>
        ) : null}
        {specs.map((spec) => (
          <ActionButton key={spec.id} spec={spec} onDone={() => onDone(spec.label)} />
        ))}
      </div>
    </Section>
  );
}

function ActionButton({ spec, onDone }: { spec: ActionSpec; onDone: () => void }) {
  const action = useConfirmedAction();
  return (
    <>
      <Button variant={spec.variant} onClick={action.ask}>
        {spec.label}
      </Button>
      <ActionDialog
        action={action}
        title={spec.label}
        body={spec.body}
        confirmLabel={spec.label}
        danger={spec.variant === 'danger'}
        text={spec.text}
        allowOverride={spec.allowOverride}
        onConfirm={async (input) => {
          await spec.send(input);
          onDone();
        }}
      />
    </>
  );
}
