import type { ColumnType, Generated, Selectable } from 'kysely';
import type { InformationTables } from './schema-information.js';

/** Timestamps come back from both drivers as Date; we write Date or ISO strings. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns are read as 'YYYY-MM-DD' strings (type parser set in database.ts). */
export type DateOnly = ColumnType<string, string, string>;
/** A timestamp with a database default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  name_en: string | null;
  kind: string;
  parent_id: string | null;
  created_at: GeneratedTimestamp;
  abolished_on: DateOnly | null;
}

export interface UsersTable {
  id: Generated<string>;
  login_id: string;
  name: string;
  name_kana: string | null;
  employment_type: string;
  locale: Generated<string>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: boolean;
  failed_attempts: Generated<number>;
  /** ISO times of failures inside the lockout window (ID-5), oldest first. */
  recent_failures: ColumnType<string[], string | undefined, string>;
  locked_until: Timestamp | null;
  lock_requires_admin: Generated<boolean>;
  disabled_at: Timestamp | null;
  disabled_reason: string | null;
  retired_on: DateOnly | null;
  created_at: GeneratedTimestamp;
}

export interface UserAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  unit_id: string;
  kind: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
}

export interface PostAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  unit_id: string;
  post: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
}

export interface RoleAssignmentsTable {
  user_id: string;
  role: string;
  granted_at: GeneratedTimestamp;
  granted_by: string | null;
}

export interface PasswordHistoryTable {
  id: Generated<string>;
  user_id: string;
  password_hash: string;
  created_at: GeneratedTimestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  state: string;
  privileged: boolean;
  assignment_id: string | null;
  mfa_method: string | null;
  mfa_credential_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  absolute_expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
}

export interface TotpCredentialsTable {
  user_id: string;
  secret: string;
  confirmed_at: Timestamp | null;
  last_used_step: string | null;
  created_at: GeneratedTimestamp;
}

export interface WebauthnCredentialsTable {
  id: Generated<string>;
  user_id: string;
  credential_id: string;
  public_key: string;
  counter: string;
  transports: string | null;
  label: string;
  created_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
}

export interface WebauthnChallengesTable {
  session_id: string;
  purpose: string;
  challenge: string;
  created_at: Timestamp;
}

export interface NoticeAcknowledgementsTable {
  id: Generated<string>;
  user_id: string;
  notice_version: string;
  acknowledged_at: Timestamp;
  ip: string | null;
}

export interface SettingsTable {
  key: string;
  value: unknown;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface AuditEventsTable {
  /** Position in the Merkle log, gap-free, given by the appender (bigint as string). */
  seq: ColumnType<string, string, never>;
  occurred_at: Timestamp;
  action: string;
  actor_user_id: string | null;
  actor_unit_code: string | null;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  canonical: string;
}

export interface AuditLogHeadTable {
  id: number;
  size: ColumnType<string, string, string>;
  frontier: Uint8Array;
  root: Uint8Array;
  updated_at: Timestamp;
}

export interface AuditTilesTable {
  level: number;
  idx: ColumnType<string, string, string>;
  hashes: Uint8Array;
}

export interface AuditPurgesTable {
  first_seq: string;
  last_seq: string;
  cutoff: Timestamp;
  purged_at: Timestamp;
}

export interface AuditCheckpointsTable {
  size: ColumnType<string, string, never>;
  root: Uint8Array;
  note: string;
  signed_at: Timestamp;
}

export interface RequestCountersTable {
  kind: string;
  year: number;
  last_value: number;
}

export interface RequestsTable {
  id: Generated<string>;
  number: string;
  type_code: string;
  state: string;
  applicant_id: string;
  applicant_unit_id: string;
  beneficiary_id: string | null;
  fields: ColumnType<Record<string, unknown>, string, string>;
  round: Generated<number>;
  current_position: number | null;
  stage_entered_at: Timestamp | null;
  stage_due_at: Timestamp | null;
  last_reminded_at: Timestamp | null;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  emergency: Generated<boolean>;
  oral_at: Timestamp | null;
  paperwork_due_at: Timestamp | null;
  paperwork_done_at: Timestamp | null;
  effect_applied_at: Timestamp | null;
  valid_to: DateOnly | null;
  /** CON-3: the bring-in request whose permit a change or abolition ends. */
  supersedes_request_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestStagesTable {
  id: Generated<string>;
  request_id: string;
  round: number;
  position: number;
  seq: number;
  kind: 'approve' | 'concur';
  label_ja: string;
  label_en: string;
  rule_kind: 'post' | 'role';
  post: string | null;
  unit_id: string | null;
  role: string | null;
  final: boolean;
  due_days: number;
}

export interface RequestDecisionsTable {
  id: Generated<string>;
  seq: Generated<string>;
  request_id: string;
  stage_id: string;
  round: number;
  decision: 'approved' | 'concurred' | 'rejected' | 'returned';
  decider_id: string;
  decider_post: string;
  on_behalf_of_id: string | null;
  comment: string | null;
  override_reason: string | null;
  flagged: boolean;
  emergency: boolean;
  decided_at: Timestamp;
}

export interface RequestDecisionReviewsTable {
  id: Generated<string>;
  decision_id: string;
  reviewer_id: string;
  comment: string;
  reviewed_at: Timestamp;
}

export interface RequestHistoryTable {
  id: Generated<string>;
  seq: Generated<string>;
  request_id: string;
  at: Timestamp;
  actor_id: string | null;
  on_behalf_of_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  round: number;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface RequestCommentsTable {
  id: Generated<string>;
  seq: Generated<string>;
  request_id: string;
  round: number;
  stage_id: string | null;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface RequestAttachmentsTable {
  id: Generated<string>;
  seq: Generated<string>;
  request_id: string;
  round: number;
  stage_id: string | null;
  uploaded_by: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  created_at: Timestamp;
}

export interface RequestDelegationsTable {
  id: Generated<string>;
  principal_id: string;
  deputy_id: string;
  valid_from: Timestamp;
  valid_to: Timestamp;
  reason: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface RequestPermitsTable {
  id: Generated<string>;
  request_id: string;
  number: string;
  year: number;
  seq: number;
  valid_from: DateOnly;
  valid_to: DateOnly;
  issued_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface RequestLendRecordsTable {
  id: Generated<string>;
  seq: Generated<string>;
  request_id: string;
  event: 'lent' | 'returned' | 'confirmed';
  at: Timestamp;
  actor_id: string;
  note: string | null;
}

export interface ExternalServicesTable {
  id: Generated<string>;
  request_id: string;
  name: string;
  kind: string;
  max_confidentiality: number;
  manager_id: string;
  unit_id: string;
  approved_at: Timestamp;
  state: Generated<'in_use' | 'ended' | 'cancelled'>;
  ended_at: Timestamp | null;
  ended_by: string | null;
  deletion_confirmed_at: Timestamp | null;
  deletion_confirmed_by: string | null;
  end_note: string | null;
}

export interface RequestEffectsPendingTable {
  id: Generated<string>;
  request_id: string;
  type_code: string;
  effect: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  processed_at: Timestamp | null;
  processed_by: string | null;
  outcome: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

/** Foundation, audit and approvals here; the information-management tables in schema-information.ts. */
export interface Database extends InformationTables {
  units: UnitsTable;
  users: UsersTable;
  user_assignments: UserAssignmentsTable;
  post_assignments: PostAssignmentsTable;
  role_assignments: RoleAssignmentsTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  totp_credentials: TotpCredentialsTable;
  webauthn_credentials: WebauthnCredentialsTable;
  webauthn_challenges: WebauthnChallengesTable;
  notice_acknowledgements: NoticeAcknowledgementsTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  audit_log_head: AuditLogHeadTable;
  audit_tiles: AuditTilesTable;
  /** Complete tiles and the growing edge (fragments joined): what readers use. */
  audit_tiles_all: AuditTilesTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_purges: AuditPurgesTable;
  request_counters: RequestCountersTable;
  requests: RequestsTable;
  request_stages: RequestStagesTable;
  request_decisions: RequestDecisionsTable;
  request_decision_reviews: RequestDecisionReviewsTable;
  request_history: RequestHistoryTable;
  request_comments: RequestCommentsTable;
  request_attachments: RequestAttachmentsTable;
  request_delegations: RequestDelegationsTable;
  request_permits: RequestPermitsTable;
  request_lend_records: RequestLendRecordsTable;
  external_services: ExternalServicesTable;
  request_effects_pending: RequestEffectsPendingTable;
}

export type UserRow = Selectable<UsersTable>;
export type UnitRow = Selectable<UnitsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type RequestRow = Selectable<RequestsTable>;
export type RequestStageRow = Selectable<RequestStagesTable>;
export type RequestDecisionRow = Selectable<RequestDecisionsTable>;
