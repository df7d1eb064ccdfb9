import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { useI18n } from '../../lib/locale.js';
import type { Unit } from '../../lib/types.js';
import { buildUnitTree } from '../../lib/units.js';
import { useApiData } from '../../lib/use-api-data.js';
import { UnitForm } from './UnitForm.js';
import { UnitTree } from './UnitTree.js';

export function UnitsPage() {
  const { t } = useI18n();
  const units = useApiData<{ units: Unit[] }>('/api/admin/units');
  const list = units.data?.units ?? [];

  return (
    <div>
      <PageTitle>{t('admin.units')}</PageTitle>
      <Section title={t('unit.listTitle')}>
        {units.error ? <Alert className="mb-4">{units.error}</Alert> : null}
        {units.loading && !units.data ? (
          <Loading />
        ) : list.length === 0 ? (
          <p className="text-std-16N-170">{t('unit.empty')}</p>
        ) : (
          <UnitTree nodes={buildUnitTree(list)} />
        )}
      </Section>
      <Section title={t('unit.addTitle')}>
        <UnitForm units={list} onCreated={units.reload} />
      </Section>
    </div>
  );
}
