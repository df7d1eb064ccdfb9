/** Shapes of the HTTP API answers (docs/api.md). */

export interface LocalizedText {
  ja: string;
  en: string;
}

export type MfaMethod = 'totp' | 'webauthn';

export interface UnitRef {
  code: string;
  name: string;
}

export interface SessionUser {
  id: string;
  loginId: string;
  name: string;
  locale: string | null;
  unit: UnitRef | null;
  roles: string[];
  posts: { post: string; unitCode: string }[];
  privileged: boolean;
}

export interface LoginAnswer {
  user: SessionUser;
  csrfToken: string;
  passwordChangeRequired: boolean;
  mfaRequired: boolean;
  mfaMethods?: MfaMethod[];
  mfaEnrollmentRequired: boolean;
  noticeAcknowledgementRequired: boolean;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
  idleTimeoutMinutes: number;
}

export interface MeAnswer {
  user: SessionUser;
  csrfToken: string;
  passwordChangeRequired: boolean;
  mfaEnrollmentRequired: boolean;
  noticeAcknowledgementRequired: boolean;
  mfaEnrolled: { totp: boolean; webauthn: number };
  session: SessionInfo;
}

export interface Vocabulary {
  organizationType: 'police' | 'local_government';
  organizationName: string;
  roles: { code: string; label: LocalizedText; privileged: boolean }[];
  posts: { code: string; label: LocalizedText }[];
}

export interface PasswordPolicy {
  minLength: number;
  historyDepth: number;
}

export interface Notice {
  version: string;
  title: LocalizedText;
  paragraphs: { ja: string[]; en: string[] };
  acknowledgedAt: string | null;
}

export interface MySession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
  privileged: boolean;
}

export interface AuthEvent {
  seq: number | string;
  at: string;
  action: string;
  outcome: string;
  reason: string | null;
  sourceAddress: string | null;
  userAgent: string | null;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export interface SecurityKey {
  id: string;
  label: string;
  createdAt: string;
}

export const UNIT_KINDS = ['headquarters', 'department', 'division', 'station', 'section', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  parentCode: string | null;
}

export const EMPLOYMENT_TYPES = ['regular', 'non_regular', 'contractor'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const USER_STATUSES = ['active', 'locked', 'disabled', 'retired'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface AdminUserSummary {
  id: string;
  loginId: string;
  name: string;
  nameKana: string | null;
  employmentType: EmploymentType;
  unit: UnitRef | null;
  status: UserStatus;
  mustChangePassword: boolean;
}

export interface AdminUserDetail {
  user: {
    id: string;
    loginId: string;
    name: string;
    nameKana: string | null;
    employmentType: EmploymentType;
    locale: string | null;
    status: UserStatus;
    mustChangePassword: boolean;
    lockedUntil: string | null;
    disabledAt: string | null;
    disabledReason: string | null;
    retiredOn: string | null;
  };
  assignments: { id: string; unitCode: string; unitName: string; validFrom: string; validTo: string | null }[];
  posts: {
    id: string;
    post: string;
    unitCode: string | null;
    unitName: string | null;
    validFrom: string;
    validTo: string | null;
  }[];
  roles: string[];
  sessions: {
    id: string;
    createdAt: string;
    lastSeenAt: string;
    ip: string | null;
    userAgent: string | null;
    privileged: boolean;
  }[];
}

export interface Settings {
  organizationType: 'police' | 'local_government';
  organizationName: string;
  idleTimeoutMinutes: number;
  privilegedSessionMaxMinutes: number;
  sessionMaxHours: number;
  passwordMaxAgeDays: number;
  privilegedPasswordMaxAgeDays: number;
  mfaRequiredRoles: string[];
  mfaRequiredUnitCodes: string[];
}

/** GET /api/audit/entries — one record of the audit log in summary. */
export interface AuditEntrySummary {
  seq: string;
  occurredAt: string;
  action: string;
  outcome: string;
  actor: { type?: string | null; userId: string | null; loginId: string | null; unitCode: string | null };
  target: { type: string; id: string; label: string | null } | null;
  reason: string | null;
}

export interface AuditSearchAnswer {
  entries: AuditEntrySummary[];
  nextBefore: string | null;
}

/** The inclusion proof of an entry, when the server has one (RFC 9162, with its signed checkpoint). */
export interface AuditInclusionProof {
  treeSize?: number | string;
  proof?: string[];
  /** The signed note the proof leads to; null while no checkpoint covers the entry (proof against the head). */
  checkpoint?: string | null;
}

/** GET /api/audit/entries/:seq */
export interface AuditEntryDetail {
  entry: AuditEntrySummary;
  canonical: string;
  leafHash: string;
  proof?: AuditInclusionProof | null;
}
