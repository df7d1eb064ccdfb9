import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateOnly, Timestamp } from './schema.js';

/** jsonb read as a value, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;

// ── applications (適用業務, APP-1, APP-2) and their records (APP-12) ──────────────────────────

export interface ApplicationsTable {
  id: Generated<string>;
  code: string;
  name: string;
  state: 'development' | 'active' | 'abolished';
  personal_information: boolean;
  classification: number;
  business_unit_id: string | null;
  particulars: Json<Record<string, unknown>>;
  access_criteria: Json<Record<string, unknown>>;
  purpose_codes: Json<unknown[]>;
  max_people: number;
  output_check: 'unit_head' | 'pre_delivery';
  version: number;
  request_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  abolished_on: DateOnly | null;
}

export interface ApplicationVersionsTable {
  application_id: string;
  version: number;
  snapshot: Json<Record<string, unknown>>;
  request_id: string | null;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface RecordImportsTable {
  id: Generated<string>;
  application_id: string;
  request_id: string | null;
  record_set: string;
  format: 'csv' | 'json' | 'seed';
  encoding: string | null;
  row_count: number;
  source_sha256: string;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface AppRecordsTable {
  id: Generated<string>;
  application_id: string;
  record_set: string;
  subject_id: string | null;
  name_key: string | null;
  kana_key: string | null;
  birth_date: DateOnly | null;
  key_text: string | null;
  data: Json<Record<string, unknown>>;
  digest: string;
  import_id: string | null;
  created_at: Timestamp;
}

/** Distinct folded names per application, for near-match search (kept by a trigger). */
export interface AppRecordNamesTable {
  application_id: string;
  kind: 'name' | 'kana';
  key: string;
}

// ── use rights (業務利用権, APP-3 … APP-6) ─────────────────────────────────────────────────────

export interface ContractsTable {
  id: Generated<string>;
  user_id: string;
  contract_name: string;
  application_codes: string[];
  valid_from: DateOnly;
  valid_to: DateOnly;
  registered_by: string | null;
  registered_at: Timestamp;
  ended_at: Timestamp | null;
}

export type UseRightKind = 'regular' | 'dispatch' | 'emergency';
export type UseRightEndReason =
  | 'removed'
  | 'transfer'
  | 'retirement'
  | 'dispatch_end'
  | 'expired'
  | 'contract_end'
  | 'cancelled'
  | 'abolished'
  | 'disabled';

export interface UseRightsTable {
  id: Generated<string>;
  user_id: string;
  application_id: string;
  kind: UseRightKind;
  unit_id: string;
  assignment_id: string | null;
  contract_id: string | null;
  access_scope: string;
  dispatch_name: string | null;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  grant_request_id: string | null;
  paperwork_due_on: DateOnly | null;
  registered_by: string | null;
  registered_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: UseRightEndReason | null;
  end_request_id: string | null;
  ended_by: string | null;
}

// ── the query log (照会記録, APP-8) ───────────────────────────────────────────────────────────

export interface InquiriesTable {
  id: string;
  /** int8, read as text. */
  audit_seq: ColumnType<string, string, never>;
  user_id: string;
  unit_id: string | null;
  application_id: string;
  purpose_code: string;
  purpose_text: string;
  case_number: string | null;
  criteria: Json<Record<string, unknown>>;
  result_count: number;
  queried_at: Timestamp;
}

export interface InquiryResultsTable {
  record_id: string;
  inquiry_id: string;
  subject_id: string | null;
  queried_at: Timestamp;
}

// ── output ledger (OUT-1 … OUT-6) and manuals ledger (OUT-7) ─────────────────────────────────

export type OutputEventKind = 'create' | 'receive' | 'copy' | 'deliver' | 'return' | 'store' | 'dispose';

export interface OutputMaterialsTable {
  id: Generated<string>;
  number: string;
  application_id: string;
  unit_id: string;
  inquiry_id: string | null;
  request_id: string | null;
  copy_of: string | null;
  basis: 'application_purpose' | 'lawful_provision' | 'maintenance' | 'temporary_output';
  kind: 'print' | 'export' | 'temporary_output' | 'copy';
  purpose: string;
  summary: string;
  quantity: number;
  check_mode: 'unit_head' | 'pre_delivery';
  state: 'held' | 'delivered' | 'returned' | 'disposed';
  created_by: string;
  created_at: Timestamp;
  last_event_at: Timestamp;
}

export interface OutputEventsTable {
  id: Generated<string>;
  material_id: string;
  seq: number;
  kind: OutputEventKind;
  at: Timestamp;
  handler_id: string;
  quantity: number | null;
  recipient: string | null;
  means: string | null;
  method: string | null;
  note: string | null;
  approval: string | null;
  countermeasure: string | null;
  place: string | null;
}

export interface OutputConfirmationsTable {
  event_id: string;
  mode: 'unit_head' | 'pre_delivery';
  confirmed_by: string;
  confirmed_at: Timestamp;
  note: string | null;
}

export interface ManualsTable {
  id: Generated<string>;
  number: string;
  application_id: string;
  title: string;
  unit_id: string;
  copies: number;
  state: 'held' | 'disposed';
  registered_by: string;
  registered_at: Timestamp;
  last_event_at: Timestamp;
}

export interface ManualEventsTable {
  id: Generated<string>;
  manual_id: string;
  seq: number;
  kind: OutputEventKind;
  at: Timestamp;
  handler_id: string;
  recipient_id: string | null;
  quantity: number | null;
  place: string | null;
  method: string | null;
  note: string | null;
}

export interface InformationTables {
  applications: ApplicationsTable;
  application_versions: ApplicationVersionsTable;
  record_imports: RecordImportsTable;
  app_records: AppRecordsTable;
  app_record_names: AppRecordNamesTable;
  contracts: ContractsTable;
  use_rights: UseRightsTable;
  inquiries: InquiriesTable;
  inquiry_results: InquiryResultsTable;
  output_materials: OutputMaterialsTable;
  output_events: OutputEventsTable;
  output_confirmations: OutputConfirmationsTable;
  manuals: ManualsTable;
  manual_events: ManualEventsTable;
}

export type ApplicationRow = Selectable<ApplicationsTable>;
export type AppRecordRow = Selectable<AppRecordsTable>;
export type UseRightRow = Selectable<UseRightsTable>;
export type InquiryRow = Selectable<InquiriesTable>;
export type OutputMaterialRow = Selectable<OutputMaterialsTable>;
export type OutputEventRow = Selectable<OutputEventsTable>;
export type OutputConfirmationRow = Selectable<OutputConfirmationsTable>;
export type ManualRow = Selectable<ManualsTable>;
export type ManualEventRow = Selectable<ManualEventsTable>;
