import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { DetailItem, DetailList } from '../../../components/DetailList.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { Section } from '../../../components/Section.js';
import { type Column, DataTable } from '../../../components/Table.js';
import type { MessageKey } from '../../../i18n/index.js';
import { seg } from '../../../lib/api.js';
import { formatCalendarDate, formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { ApplicationStateBadge, ClassificationLabel, OutputCheckLabel, PersonLabel, UnitLabel, YesNo } from '../info-display.js';
import type { ApplicationDetail, ApplicationVersion, PurposeCode } from '../info-types.js';

/** The AIC 第4 particulars of an application, in the order of the policy (第4 (1)–(11)). */
const PARTICULARS: readonly [string, MessageKey][] = [
  ['purpose', 'info.app.p.purpose'],
  ['operatingStructure', 'info.app.p.operatingStructure'],
  ['datasets', 'info.app.p.datasets'],
  ['registrationProcedure', 'info.app.p.registrationProcedure'],
  ['queryProcedure', 'info.app.p.queryProcedure'],
  ['accessCriteria', 'info.app.p.accessCriteria'],
  ['ioMaterialHandling', 'info.app.p.ioMaterialHandling'],
  ['queryRecordCheck', 'info.app.p.queryRecordCheck'],
  ['outsourcing', 'info.app.p.outsourcing'],
  ['manuals', 'info.app.p.manuals'],
  ['terminals', 'info.app.p.terminals'],
];

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('、');
  return JSON.stringify(value);
}

/** 適用業務の詳細 (APP-1, APP-2): particulars, technical settings, purpose codes and version history. */
export function ApplicationDetailPage() {
  const { code = '' } = useParams();
  const { t, locale } = useI18n();
  const detail = useApiData<{ application: ApplicationDetail }>(`/api/applications/${seg(code)}`);
  const app = detail.data?.application;

  if (detail.error)
    return (
      <div>
        <PageTitle>{t('info.app.detailTitle')}</PageTitle>
        <Alert className="mb-4">{detail.error}</Alert>
        <Link to="/info">{t('info.app.backToList')}</Link>
      </div>
    );
  if (!app) return <Loading />;

  const known = new Set(PARTICULARS.map(([key]) => key));
  const extra = Object.entries(app.particulars ?? {}).filter(([key]) => !known.has(key));
  const criteria = app.accessCriteria ?? {};

  const purposeColumns: Column<PurposeCode>[] = [
    { key: 'code', header: t('info.purpose.code'), cell: (p) => <span className="font-mono">{p.code}</span> },
    { key: 'label', header: t('info.purpose.label'), cell: (p) => (locale === 'ja' ? p.ja : p.en || p.ja) },
    { key: 'case', header: t('info.purpose.caseNumberRequired'), cell: (p) => <YesNo value={p.caseNumberRequired} /> },
  ];
  const versionColumns: Column<ApplicationVersion>[] = [
    { key: 'version', header: t('info.version.number'), cell: (v) => v.version },
    { key: 'at', header: t('info.version.changedAt'), cell: (v) => formatDateTime(v.changedAt, locale) },
    {
      key: 'by',
      header: t('info.version.changedBy'),
      cell: (v) => <PersonLabel person={v.changedBy} />,
    },
    {
      key: 'request',
      header: t('info.version.request'),
      cell: (v) => v.requestNumber ?? t('info.version.noRequest'),
    },
  ];

  return (
    <div>
      <PageTitle title={`${app.name}（${app.code}）`}>
        {app.name} <span className="font-mono text-std-24B-150 text-solid-gray-700">{app.code}</span>
      </PageTitle>
      <p className="mb-6">
        <Link to="/info">{t('info.app.backToList')}</Link>
      </p>

      <Section title={t('info.app.settings')}>
        <DetailList>
          <DetailItem term={t('info.app.state')}>
            <ApplicationStateBadge state={app.state} />
            {app.abolishedOn ? (
              <span className="ml-2">{t('info.app.abolishedOn', { date: formatCalendarDate(app.abolishedOn, locale) })}</span>
            ) : null}
          </DetailItem>
          {app.businessUnit ? (
            <DetailItem term={t('info.app.businessUnit')}>
              <UnitLabel unit={app.businessUnit} />
            </DetailItem>
          ) : null}
          <DetailItem term={t('info.app.personalInformation')}>
            <YesNo value={app.personalInformation} />
          </DetailItem>
          <DetailItem term={t('info.app.classification')}>
            <ClassificationLabel level={app.classification} />
          </DetailItem>
          <DetailItem term={t('info.app.maxPeople')}>{t('info.app.people', { count: app.maxPeople })}</DetailItem>
          <DetailItem term={t('info.app.outputCheck')}>
            <OutputCheckLabel mode={app.outputCheck} />
          </DetailItem>
          {app.recordSet ? (
            <DetailItem term={t('info.app.recordSet')}>
              <span className="font-mono">{app.recordSet}</span>
            </DetailItem>
          ) : null}
          {app.version !== undefined ? <DetailItem term={t('info.app.version')}>{app.version}</DetailItem> : null}
        </DetailList>
      </Section>

      <Section title={t('info.app.particulars')}>
        <DetailList>
          {PARTICULARS.map(([key, label]) => (
            <DetailItem key={key} term={t(label)}>
              <span className="whitespace-pre-line">{textOf(app.particulars?.[key]) || t('info.notSet')}</span>
            </DetailItem>
          ))}
          {extra.map(([key, value]) => (
            <DetailItem key={key} term={key}>
              <span className="whitespace-pre-line">{textOf(value)}</span>
            </DetailItem>
          ))}
        </DetailList>
      </Section>

      <Section title={t('info.app.accessCriteria')}>
        <DetailList>
          <DetailItem term={t('info.criteria.posts')}>{textOf(criteria.posts) || t('info.criteria.any')}</DetailItem>
          <DetailItem term={t('info.criteria.unitCodes')}>{textOf(criteria.unitCodes) || t('info.criteria.any')}</DetailItem>
          <DetailItem term={t('info.criteria.employmentTypes')}>{textOf(criteria.employmentTypes) || t('info.criteria.any')}</DetailItem>
          <DetailItem term={t('info.criteria.scopes')}>{textOf(criteria.scopes) || t('info.notSet')}</DetailItem>
        </DetailList>
      </Section>

      <Section title={t('info.app.purposeCodes')}>
        <DataTable
          caption={t('info.app.purposeCodes')}
          hideCaption
          columns={purposeColumns}
          rows={app.purposeCodes ?? []}
          rowKey={(p) => p.code}
          empty={t('info.purpose.empty')}
        />
      </Section>

      <Section title={t('info.app.versions')}>
        <DataTable
          caption={t('info.app.versions')}
          hideCaption
          columns={versionColumns}
          rows={app.versions ?? []}
          rowKey={(v) => String(v.version)}
          empty={t('info.version.empty')}
        />
      </Section>
    </div>
  );
}
