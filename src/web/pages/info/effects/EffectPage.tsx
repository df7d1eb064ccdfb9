import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { DetailItem, DetailList } from '../../../components/DetailList.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { Section } from '../../../components/Section.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { PersonLabel } from '../info-display.js';
import { type PendingEffect, rowsOf } from '../info-types.js';
import { ApplicationEffectForm } from './ApplicationEffectForm.js';
import { CancelEffectForm } from './CancelEffectForm.js';
import { EFFECT_KEYS, fieldsOf, formOf, requestNumberOf } from './effect-kinds.js';
import { ImportEffectForm } from './ImportEffectForm.js';
import { RegistrarEffectForm } from './RegistrarEffectForm.js';
import { TemporaryOutputEffectForm } from './TemporaryOutputEffectForm.js';

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One approved request's effect: the approved form, and the form that carries it out. */
export function EffectPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const list = useApiData<unknown>('/api/effects');
  const [done, setDone] = useState<string | null>(null);
  const effect = rowsOf<PendingEffect>(list.data, 'effects').find((e) => e.id === id);

  const title = t('info.effect.detailTitle');
  if (done)
    return (
      <div>
        <PageTitle>{title}</PageTitle>
        <Alert tone="success" className="mb-6">
          {done}
        </Alert>
        <Link to="/info/effects">{t('info.effect.backToList')}</Link>
      </div>
    );
  if (list.error || (list.data && !effect))
    return (
      <div>
        <PageTitle>{title}</PageTitle>
        <Alert className="mb-6">{list.error ?? t('info.effect.notFound')}</Alert>
        <Link to="/info/effects">{t('info.effect.backToList')}</Link>
      </div>
    );
  if (!effect) return <Loading />;

  const fields = fieldsOf(effect);
  const kindKey = EFFECT_KEYS[effect.effect];
  const form = formOf(effect.effect);
  return (
    <div>
      <PageTitle>{title}</PageTitle>
      <p className="mb-6">
        <Link to="/info/effects">{t('info.effect.backToList')}</Link>
      </p>
      <Section title={t('info.effect.approved')}>
        <DetailList>
          <DetailItem term={t('info.effect.request')}>{requestNumberOf(effect)}</DetailItem>
          <DetailItem term={t('info.effect.kind')}>{kindKey ? t(kindKey) : effect.effect}</DetailItem>
          {effect.applicant ? (
            <DetailItem term={t('info.effect.applicant')}>
              <PersonLabel person={effect.applicant} />
              {effect.applicant.unit ? <span className="ml-2">{effect.applicant.unit.name}</span> : null}
            </DetailItem>
          ) : null}
          <DetailItem term={t('info.effect.approvedAt')}>{formatDateTime(effect.createdAt, locale)}</DetailItem>
          {Object.entries(fields).map(([name, value]) => (
            <DetailItem key={name} term={name}>
              <span className="whitespace-pre-line">{valueText(value)}</span>
            </DetailItem>
          ))}
        </DetailList>
      </Section>
      <Section title={t('info.effect.process')}>
        {form === 'application' ? <ApplicationEffectForm effect={effect} onDone={setDone} /> : null}
        {form === 'registrar' ? <RegistrarEffectForm effect={effect} onDone={setDone} /> : null}
        {form === 'import' ? <ImportEffectForm effect={effect} onDone={setDone} /> : null}
        {form === 'temporary_output' ? <TemporaryOutputEffectForm effect={effect} onDone={setDone} /> : null}
        {form === 'cancel' ? <CancelEffectForm effect={effect} onDone={setDone} /> : null}
        {form === 'none' ? <Alert tone="info">{t('info.effect.nothingHere')}</Alert> : null}
      </Section>
    </div>
  );
}
