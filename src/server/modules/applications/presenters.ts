import type { ApplicationRow } from '../../db/schema-information.js';
import type { CriterionSpec, PurposeCode } from './demo-applications.js';
import type { RecordSetCode } from './record-sets.js';
import type { ApplicationSettings } from './schema.js';

/**
 * recordSet and criteria live beside the AIC 第4 particulars in the same jsonb column (as the
 * fixtures write them); here they are taken apart again.
 */
export function splitParticulars(row: Pick<ApplicationRow, 'particulars'>): {
  recordSet: RecordSetCode | null;
  criteria: CriterionSpec[];
  particulars: Record<string, unknown>;
} {
  const { recordSet, criteria, ...particulars } = row.particulars;
  return {
    recordSet: typeof recordSet === 'string' ? (recordSet as RecordSetCode) : null,
    criteria: Array.isArray(criteria) ? (criteria as CriterionSpec[]) : [],
    particulars,
  };
}

/** The jsonb the settings are stored as (the inverse of splitParticulars). */
export function storedParticulars(settings: ApplicationSettings): Record<string, unknown> {
  return { ...settings.particulars, recordSet: settings.recordSet, criteria: settings.criteria };
}

/** One item of GET /api/applications: what the inquiry form is generated from. */
export function presentListItem(row: ApplicationRow) {
  const { recordSet, criteria } = splitParticulars(row);
  return {
    code: row.code,
    name: row.name,
    state: row.state,
    version: row.version,
    recordSet,
    personalInformation: row.personal_information,
    classification: row.classification,
    maxPeople: row.max_people,
    outputCheck: row.output_check,
    purposeCodes: row.purpose_codes as PurposeCode[],
    criteria,
    abolishedOn: row.abolished_on,
  };
}

/** The snapshot kept in application_versions: everything that defines one version. */
export function snapshotOf(row: ApplicationRow, requestNumber: string): Record<string, unknown> {
  return {
    ...presentListItem(row),
    particulars: splitParticulars(row).particulars,
    accessCriteria: row.access_criteria,
    requestNumber,
  };
}
