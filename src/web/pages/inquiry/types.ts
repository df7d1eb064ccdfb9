/**
 * Shapes of the information-management answers the 照会 and 出力資料管理簿 pages read
 * (docs/information-management.md). Kept here, not in lib/types.ts, because only these pages use them.
 */

export interface LocalizedLabel {
  ja: string;
  en: string;
}

export interface PurposeCode {
  code: string;
  ja: string;
  en: string;
  caseNumberRequired: boolean;
}

export interface CriterionSpec {
  name: string;
  kind: 'name' | 'date' | 'key';
  label: LocalizedLabel;
}

export interface ApplicationSummary {
  code: string;
  name: string;
  state: 'development' | 'active' | 'abolished';
  personalInformation: boolean;
  purposeCodes: PurposeCode[];
  criteria: CriterionSpec[];
  maxPeople?: number;
  outputCheck?: 'unit_head' | 'pre_delivery';
}

/** One of my use rights (GET /api/rights/mine); only the application code matters to the form. */
export interface MyRight {
  application?: { code: string; name?: string };
  applicationCode?: string;
  kind?: string;
  validTo?: string | null;
  usable?: boolean;
}

export interface Watermark {
  name: string;
  loginId: string;
  unit: string | null;
  at: string;
  atJa?: string;
  terminal: string | null;
  text: string;
}

export interface InquiryRecord {
  id: string;
  recordSet: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  integrity: 'ok' | 'mismatch';
}

export interface InquiryAnswer {
  inquiryId: string;
  applicationCode: string;
  queriedAt: string;
  watermark: Watermark;
  count: number;
  results: InquiryRecord[];
}

export interface PrintAnswer {
  number: string;
  materialId?: string;
  watermark: Watermark;
  records?: InquiryRecord[];
}

export const OUTPUT_EVENT_KINDS = ['create', 'receive', 'copy', 'deliver', 'return', 'store', 'dispose'] as const;
export type OutputEventKind = (typeof OUTPUT_EVENT_KINDS)[number];
/** What a person may record after 作成 (作成 itself is written by the export or print). */
export const RECORDABLE_EVENT_KINDS = ['receive', 'copy', 'deliver', 'return', 'store', 'dispose'] as const;
export type RecordableEventKind = (typeof RECORDABLE_EVENT_KINDS)[number];

export type OutputState = 'held' | 'delivered' | 'returned' | 'disposed';

export interface PersonRef {
  loginId?: string | null;
  name: string | null;
}

/** A material as GET /api/outputs/:id and the list present it (outputs/presenters.ts). */
export interface OutputMaterial {
  id: string;
  number: string;
  kind: string;
  basis: string;
  applicationCode: string;
  applicationName: string;
  unitCode: string;
  unitName: string;
  inquiryId: string | null;
  purpose: string;
  summary: string;
  quantity: number;
  checkMode: 'unit_head' | 'pre_delivery';
  state: OutputState;
  createdBy: PersonRef | null;
  createdAt: string;
  lastEventAt: string;
}

/** A list row: the material with its count of unconfirmed handlings and whether one is overdue (OUT-3). */
export interface OutputSummary extends OutputMaterial {
  unconfirmedEvents: number;
  overdue: boolean;
}

export interface OutputListAnswer {
  overdueDays: number;
  outputs: OutputSummary[];
}

export interface OutputConfirmation {
  by: PersonRef;
  at: string;
  mode?: string;
  note?: string | null;
}

export interface OutputEvent {
  id: string;
  seq: number;
  kind: OutputEventKind;
  at: string;
  handler: PersonRef | null;
  quantity: number | null;
  recipient: string | null;
  means: string | null;
  method: string | null;
  approval?: string | null;
  countermeasure?: string | null;
  place?: string | null;
  note: string | null;
  confirmation: OutputConfirmation | null;
}

export interface OutputDetailAnswer {
  output: OutputMaterial;
  events: OutputEvent[];
}

/** GET /api/outputs/overdue: per unit, the handlings waiting for confirmation too long. */
export interface OverdueAnswer {
  overdueDays: number;
  units: { unitCode: string; unitName: string; events: number; materials: number; oldestAt: string }[];
}
