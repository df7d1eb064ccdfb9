import { DetailItem, DetailList } from '../../../components/DetailList.js';
import { Section } from '../../../components/Section.js';
import { useI18n } from '../../../lib/locale.js';
import { personLabel } from '../../../lib/request-labels.js';
import type { RequestDetail } from '../../../lib/request-types.js';
import { ServiceStateText } from '../ExternalServicesPage.js';

/** GOV-2: the register line an approved 外部サービス利用申請 left behind. */
export function ExternalServiceSection({ service }: { service: NonNullable<RequestDetail['externalService']> }) {
  const { t } = useI18n();
  return (
    <Section title={t('req.detail.externalService')}>
      <DetailList>
        <DetailItem term={t('req.service.name')}>{service.name}</DetailItem>
        <DetailItem term={t('req.service.manager')}>{personLabel(service.manager)}</DetailItem>
        <DetailItem term={t('req.service.state')}>
          <ServiceStateText state={service.state} />
        </DetailItem>
      </DetailList>
    </Section>
  );
}
