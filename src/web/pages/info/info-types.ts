/**
 * Shapes of the information-management API (docs/information-management.md) as this UI reads them.
 * Fields the server may leave out are optional, so a page shows what it gets.
 */

export interface LocalText {
  ja: string;
  en: string;
}

export type ApplicationState = 'development' | 'active' | 'abolished';
export type OutputCheckMode = 'unit_head' | 'pre_delivery';

export interface PurposeCode {
  code: string;
  ja: string;
  en: string;
  caseNumberRequired: boolean;
}

export interface CriterionSpec {
  name: string;
  kind: 'name' | 'date' | 'key';
  label: LocalText;
}

export interface ApplicationSummary {
  code: string;
  name: string;
  state: ApplicationState;
  personalInformation: boolean;
  classification: number;
  maxPeople: number;
  outputCheck: OutputCheckMode;
  purposeCodes: PurposeCode[];
  criteria?: CriterionSpec[];
  recordSet?: string | null;
  version?: number;
}

export interface AccessCriteria {
  posts?: string[];
  unitCodes?: string[];
  employmentTypes?: string[];
  scopes?: string[];
}

export interface ApplicationVersion {
  version: number;
  changedAt: string;
  /** Login ID of the one who registered the version. */
  changedBy: string | null;
  requestNumber: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  particulars: Record<string, unknown>;
  accessCriteria: AccessCriteria;
  versions: ApplicationVersion[];
  businessUnit?: { code: string; name: string } | string | null;
  abolishedOn?: string | null;
}

/** The effects a 様式1/2/3/6/7 approval queued for the system manager (request_effects_pending). */
export interface PendingEffect {
  id: string;
  effect: string;
  typeCode?: string;
  requestId?: string;
  requestNumber?: string;
  createdAt: string;
  request?: { id: string; number: string; state?: string };
  applicant?: { loginId: string; name: string; unit?: { code: string; name: string } | null };
  fields?: Record<string, unknown> | null;
}

export interface ImportRowError {
  row: number;
  field: string | null;
  message: string;
}

/** Answer of POST /api/effects/:id/import/validate (and of a successful import). */
export interface ImportReport {
  ok: boolean;
  rowCount: number;
  /** How many errors there were; at most a few hundred are listed. */
  errorCount: number;
  errors: ImportRowError[];
}

export interface PersonRef {
  id?: string;
  loginId?: string;
  name?: string;
}

/** A use right: GET /api/rights/mine gives the flat form with usable/reason, the unit views holder/application/unit. */
export interface UseRight {
  id: string;
  applicationCode?: string;
  applicationName?: string;
  application?: { code: string; name: string };
  holder?: PersonRef;
  unit?: { code: string; name?: string } | null;
  kind: 'regular' | 'dispatch' | 'emergency';
  accessScope?: string;
  dispatchName?: string | null;
  validFrom: string;
  validTo?: string | null;
  grantRequestNumber?: string | null;
  registeredAt?: string;
  endedAt?: string | null;
  endReason?: string | null;
  lastQueriedAt?: string | null;
  usable?: boolean;
  reason?: string | null;
}

export interface PendingRight {
  effectId: string;
  effect: string;
  request: { id: string; number: string };
  beneficiary: PersonRef | null;
  applicationCode: string | null;
  accessScope?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  dispatchName?: string | null;
  emergency?: boolean;
  queuedAt: string;
}

export interface Contract {
  id: string;
  user?: PersonRef;
  contractName: string;
  applicationCodes: string[];
  validFrom: string;
  validTo: string;
  endedAt?: string | null;
}

/** One line of GET /api/access-records: one inquiry, or one record an inquiry returned. */
export interface AccessRecord {
  inquiryId: string;
  auditSeq: string;
  queriedAt: string;
  recordId: string | null;
  querier: { loginId: string; name: string; unitCode: string | null; unitName: string | null };
  application: { code: string; name: string };
  purpose: { code: string; text: string; caseNumber: string | null };
  resultCount: number;
}

export type ManualEventKind = 'deliver' | 'receive' | 'copy' | 'return' | 'store' | 'dispose';

export interface Manual {
  id: string;
  number: string;
  applicationCode: string;
  title: string;
  applicationName?: string;
  unitCode: string;
  unitName?: string;
  copies: number;
  state: 'held' | 'disposed';
  registeredAt: string;
  lastEventAt: string;
}

/** Lists come as a bare array or wrapped under a name; either way this gives the rows. */
export function rowsOf<T>(answer: unknown, ...names: string[]): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (typeof answer === 'object' && answer !== null) {
    for (const name of [...names, 'items', 'rows']) {
      const value = (answer as Record<string, unknown>)[name];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}
