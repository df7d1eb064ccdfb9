import type { z } from 'zod';
import type { PostCode, RoleCode } from '../../org/catalog.js';
import type { RequestTypeCode } from '../contract.js';

export interface Label {
  ja: string;
  en: string;
}

/** Where a stage's unit comes from: the applicant's unit, or a unit named in the fields (e.g. 派遣先). */
export type StageUnit = { from: 'applicant' } | { from: 'field'; code: string };

export type StageRule = { kind: 'post'; post: PostCode; unit: StageUnit } | { kind: 'role'; role: RoleCode };

/** One stage of an approval route as a type declares it. */
export interface StageSpec {
  kind: 'approve' | 'concur';
  label: Label;
  rule: StageRule;
  /** Days the stage may take before it shows as overdue (reminder, inbox flag, report). */
  dueDays: number;
  /**
   * The stage is left out when the applicant holds the post: the policies have the 所属長 apply in
   * person (AIC 第5-2(1)); a staff member's draft goes to the 所属長 first.
   */
  skipIfApplicantHolds?: boolean;
  /** Decided at the same time as the stage before it (parallel 合議). */
  parallelWithPrevious?: boolean;
}

/** What the engine needs to know of a type; fields arrive already validated by the type's schema. */
export interface RequestType {
  code: RequestTypeCode;
  requirements: readonly string[];
  schema: z.ZodTypeAny;
  /** Login ID of the person the request benefits, when not the applicant (use rights, registrars). */
  beneficiaryLoginId(fields: unknown): string | undefined;
  /** The beneficiary must belong to the applicant's unit (AIC 第5-2(1): 所属の職員). */
  beneficiaryInApplicantUnit: boolean;
  route(fields: unknown): StageSpec[];
  /** ORG-3: a person deciding two stages of one request may be let through "when unavoidable", with a reason. */
  sodOverride: boolean;
  /** APP-5 / EDO 10.4(2): may be approved on an oral application, with the written one due afterwards. */
  emergency: boolean;
  /** A one-line summary for lists and CSV. */
  title(fields: unknown): string;
  /** The last day the approved request is in force; after it the request shows as 期限切れ. */
  validTo(fields: unknown): string | undefined;
  /**
   * An after-the-fact report (EDO 10.4(2)) whose period may already be over: it records what was
   * done and grants nothing, so it is not refused as `period_ended`.
   */
  afterTheFact(fields: unknown): boolean;
}

export interface TypeSpec<F> {
  code: RequestTypeCode;
  requirements: readonly string[];
  schema: z.ZodType<F>;
  beneficiaryLoginId?: (fields: F) => string | undefined;
  beneficiaryInApplicantUnit?: boolean;
  route: (fields: F) => StageSpec[];
  sodOverride?: boolean;
  emergency?: boolean;
  title: (fields: F) => string;
  validTo?: (fields: F) => string | undefined;
  afterTheFact?: (fields: F) => boolean;
}

/**
 * Binds a type's functions to its field type. The engine stores fields only after the type's own
 * schema accepted them, so handing them back to the type as its field type is sound.
 */
export function defineType<F>(spec: TypeSpec<F>): RequestType {
  const typed = (fields: unknown) => fields as F;
  return {
    code: spec.code,
    requirements: spec.requirements,
    schema: spec.schema,
    beneficiaryLoginId: (f) => spec.beneficiaryLoginId?.(typed(f)),
    beneficiaryInApplicantUnit: spec.beneficiaryInApplicantUnit ?? false,
    route: (f) => spec.route(typed(f)),
    sodOverride: spec.sodOverride ?? false,
    emergency: spec.emergency ?? false,
    title: (f) => spec.title(typed(f)),
    validTo: (f) => spec.validTo?.(typed(f)),
    afterTheFact: (f) => spec.afterTheFact?.(typed(f)) ?? false,
  };
}

// Stages shared by several types.

export const UNIT_HEAD_OF_APPLICANT: StageSpec = {
  kind: 'approve',
  label: { ja: '所属長', en: 'Head of unit' },
  rule: { kind: 'post', post: 'unit_head', unit: { from: 'applicant' } },
  dueDays: 3,
  skipIfApplicantHolds: true,
};

export const GENERAL_AFFAIRS_DIRECTOR: StageSpec = {
  kind: 'approve',
  label: { ja: '総務部長', en: 'Director of General Affairs' },
  rule: { kind: 'role', role: 'general_affairs_director' },
  dueDays: 5,
};

export const SYSTEM_ADMINISTRATOR: StageSpec = {
  kind: 'approve',
  label: { ja: 'システム管理者', en: 'System administrator' },
  rule: { kind: 'role', role: 'system_admin' },
  dueDays: 5,
};

export const SYSTEM_ADMINISTRATOR_CONCURRENCE: StageSpec = {
  ...SYSTEM_ADMINISTRATOR,
  kind: 'concur',
  label: { ja: '合議（システム管理者）', en: 'Concurrence (system administrator)' },
};
