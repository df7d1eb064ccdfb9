import type { LocalizedText, UnitRef } from './types.js';

/** Shapes of the answers of /api/requests…, /api/delegations and /api/external-services (docs/api.md "Requests"). */

export const REQUEST_STATES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'expired', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export interface Person {
  id: string;
  loginId: string;
  name: string;
}

export interface NamedActor {
  loginId: string;
  name: string | null;
}

export interface StageRef {
  id: string;
  kind: 'approve' | 'concur';
  label: LocalizedText;
}

export interface RequestSummary {
  id: string;
  number: string;
  type: { code: string; name: LocalizedText; form: string | null };
  title: string;
  state: RequestState;
  applicant: Person | null;
  applicantUnit: UnitRef | null;
  beneficiary: Person | null;
  round: number;
  currentStages: StageRef[];
  dueAt: string | null;
  overdue: boolean;
  emergency: { oralAt: string | null; paperworkDueAt: string | null; paperworkDoneAt: string | null; paperworkOverdue: boolean } | null;
  validTo: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
}

/** A field's JSON Schema as far as the form generator reads it. */
export interface FieldJsonSchema {
  type?: string | string[];
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  anyOf?: FieldJsonSchema[];
}

export interface ObjectJsonSchema {
  properties?: Record<string, FieldJsonSchema>;
  required?: string[];
}

export interface RequestTypeInfo {
  code: string;
  name: LocalizedText;
  form: string | null;
  requirements: string[];
  fieldLabels: Record<string, LocalizedText>;
  emergencyAllowed: boolean;
  sodOverrideAllowed: boolean;
  fieldSchema: ObjectJsonSchema;
  optionLabels: Record<string, Record<string, LocalizedText>>;
}

export interface Decision {
  id: string;
  decision: 'approved' | 'concurred' | 'rejected' | 'returned';
  decider: Person | null;
  deciderPost: string | null;
  onBehalfOf: Person | null;
  comment: string | null;
  overrideReason: string | null;
  flagged: boolean;
  emergency: boolean;
  decidedAt: string;
}

export interface RouteStage {
  id: string;
  position: number;
  kind: 'approve' | 'concur';
  label: LocalizedText;
  final: boolean;
  rule: { kind: 'post' | 'role'; post: string | null; unit: UnitRef | null; role: string | null };
  dueDays: number;
  candidates: Person[];
  decision: Decision | null;
}

export interface HistoryLine {
  at: string;
  action: string;
  from: string | null;
  to: string | null;
  round: number;
  actor: NamedActor | null;
  onBehalfOf: NamedActor | null;
  details: Record<string, unknown> | null;
}

export interface RequestComment {
  id: string;
  round: number;
  stageId: string | null;
  body: string;
  author: NamedActor;
  createdAt: string;
}

export interface RequestAttachment {
  id: string;
  round: number;
  stageId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: NamedActor;
  createdAt: string;
}

export type LendEvent = 'lent' | 'returned' | 'confirmed';

export interface LendRecord {
  id: string;
  event: LendEvent;
  at: string;
  note: string | null;
  actor: NamedActor;
}

export interface RequestActions {
  edit: boolean;
  submit: boolean;
  resubmit: boolean;
  withdraw: boolean;
  decide: boolean;
  cancel: boolean;
  filePaperwork: boolean;
}

export interface RequestDetail {
  request: RequestSummary & {
    fields: Record<string, unknown>;
    fieldLabels: Record<string, LocalizedText>;
    requirements: string[];
    sodOverrideAllowed: boolean;
    emergencyAllowed: boolean;
  };
  route: { round: number; stages: RouteStage[] }[];
  history: HistoryLine[];
  comments: RequestComment[];
  attachments: RequestAttachment[];
  lendRecords: LendRecord[];
  permit: { number: string; validFrom: string; validTo: string; issuedAt: string; revokedAt: string | null } | null;
  externalService: {
    id: string;
    name: string;
    state: string;
    manager: Person | null;
    endedAt: string | null;
    deletionConfirmedAt: string | null;
  } | null;
  actions: RequestActions;
}

export interface InboxCounts {
  pending: number;
  overdue: number;
  paperworkOverdue: number;
}

export interface InboxAnswer {
  counts: InboxCounts;
  items: { request: RequestSummary; stage: StageRef; onBehalfOf: Person | null }[];
  paperwork: RequestSummary[];
}

export interface Delegation {
  id: string;
  principal: Person;
  deputy: Person;
  validFrom: string;
  validTo: string;
  reason: string;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

export interface ExternalService {
  id: string;
  requestId: string;
  requestNumber: string;
  name: string;
  kind: 'sns' | 'cloud' | 'other';
  maxConfidentiality: 1 | 2 | 3;
  manager: Person | null;
  unit: UnitRef | null;
  approvedAt: string;
  state: 'in_use' | 'ended' | 'cancelled';
  endedAt: string | null;
  deletionConfirmedAt: string | null;
  endNote: string | null;
}
