import { Section } from '../../../components/Section.js';
import { Tag } from '../../../components/StatusBadge.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { decisionKey, localized, personLabel } from '../../../lib/request-labels.js';
import type { Decision, RequestDetail, RouteStage } from '../../../lib/request-types.js';
import { WarningMark } from '../request-display.js';

const DECISION_STYLES: Readonly<Record<string, string>> = {
  approved: 'border-success-2 bg-green-50 text-green-1000',
  concurred: 'border-success-2 bg-green-50 text-green-1000',
  rejected: 'border-error-2 bg-red-50 text-red-1100',
  returned: 'border-warning-orange-2 bg-orange-50 text-orange-1100',
};

/** 決裁経路: each round's stages in order, who may decide each, and who decided (代決 with both names). */
export function RouteSection({ route }: { route: RequestDetail['route'] }) {
  const { t } = useI18n();
  if (route.length === 0) return null;
  return (
    <Section title={t('req.detail.route')}>
      {[...route].reverse().map((round) => (
        <RoundTable key={round.round} round={round.round} stages={round.stages} />
      ))}
    </Section>
  );
}

function RoundTable({ round, stages }: { round: number; stages: RouteStage[] }) {
  const { t, locale } = useI18n();
  const columns: Column<RouteStage>[] = [
    { key: 'position', header: t('req.route.position'), cell: (s) => s.position + 1 },
    {
      key: 'stage',
      header: t('req.route.stage'),
      cell: (s) => (
        <>
          <span className="block text-std-16B-170">{localized(s.label, locale)}</span>
          <span className="flex flex-wrap gap-1">
            <Tag>{t(s.kind === 'concur' ? 'req.route.kind.concur' : 'req.route.kind.approve')}</Tag>
            {s.final ? <Tag>{t('req.route.final')}</Tag> : null}
          </span>
          <span className="block text-dns-14N-130 text-solid-gray-700">
            {[s.rule.unit?.name, t('req.route.dueDays', { days: s.dueDays })].filter(Boolean).join('・')}
          </span>
        </>
      ),
      className: 'min-w-44',
    },
    {
      key: 'who',
      header: t('req.route.who'),
      cell: (s) =>
        s.decision ? null : s.candidates.length > 0 ? (
          <ul>
            {s.candidates.map((p) => (
              <li key={p.id}>{personLabel(p)}</li>
            ))}
          </ul>
        ) : (
          t('req.route.noCandidates')
        ),
    },
    {
      key: 'result',
      header: t('req.route.result'),
      cell: (s) =>
        s.decision ? <DecisionText decision={s.decision} /> : <span className="text-solid-gray-700">{t('req.route.pending')}</span>,
      className: 'min-w-56',
    },
  ];
  return (
    <div className="mb-6 overflow-x-auto">
      <DataTable
        caption={t('req.route.caption', { round })}
        columns={columns}
        rows={stages}
        rowKey={(s) => s.id}
        empty={t('req.route.pending')}
      />
    </div>
  );
}

function DecisionText({ decision }: { decision: Decision }) {
  const { t, locale } = useI18n();
  const key = decisionKey(decision.decision);
  return (
    <div className="space-y-1">
      <span
        className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 ${DECISION_STYLES[decision.decision] ?? DECISION_STYLES.returned}`}
      >
        {key ? t(key) : decision.decision}
      </span>
      <p>
        {personLabel(decision.decider)}
        {decision.deciderPost ? `・${decision.deciderPost}` : ''}
      </p>
      {decision.onBehalfOf ? (
        <p className="text-std-16B-170">
          {t('req.route.byProxy', { deputy: personLabel(decision.decider), principal: personLabel(decision.onBehalfOf) })}
        </p>
      ) : null}
      <p className="text-dns-14N-130 text-solid-gray-700">{formatDateTime(decision.decidedAt, locale)}</p>
      {decision.flagged || decision.overrideReason ? (
        <p>
          <WarningMark label={t('req.route.flagged', { reason: decision.overrideReason ?? '' })} />
        </p>
      ) : null}
      {decision.emergency ? <p>{t('req.route.emergency')}</p> : null}
      {decision.comment ? <p className="whitespace-pre-line">「{decision.comment}」</p> : null}
    </div>
  );
}
