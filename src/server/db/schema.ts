import type { ColumnType, Generated, Selectable } from 'kysely';

/** Timestamps come back from both drivers as Date; we write Date or ISO strings. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns are read as 'YYYY-MM-DD' strings (type parser set in database.ts). */
type DateOnly = ColumnType<string, string, string>;
/** A timestamp with a database default. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface Database {
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
}

export type UserRow = Selectable<UsersTable>;
export type UnitRow = Selectable<UnitsTable>;
export type SessionRow = Selectable<SessionsTable>;
