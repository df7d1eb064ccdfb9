import { z } from 'zod';
import type { RequestDecisionRow, RequestRow, RequestStageRow } from '../../db/schema.js';
import { openStagesOf, type RequestBundle } from './access.js';
import type { RequestTypeCode } from './contract.js';
import * as aic2 from './fields/aic2_app_change.js';
import * as aic3 from './fields/aic3_registrar.js';
import * as aic4 from './fields/aic4_use_right.js';
import * as aic6 from './fields/aic6_input_processing.js';
import * as aic7 from './fields/aic7_temporary_output.js';
import * as ext from './fields/external_service.js';
import { fieldSchemas, type Label, typeNames } from './fields/index.js';
import * as isk2 from './fields/isk2_bring_in.js';
import * as repo from './repo.js';
import { requestType } from './types/index.js';

export interface PersonRef {
  id: string;
  loginId: string;
  name: string;
}

export interface UnitRef {
  code: string;
  name: string;
}

/** Names of the people and units a page of requests mentions, fetched once. */
export class NameBook {
  private constructor(
    private readonly people: Map<string, PersonRef>,
    private readonly units: Map<string, UnitRef>,
  ) {}

  static async load(db: repo.Db, personIds: Iterable<string | null>, unitIds: Iterable<string | null>): Promise<NameBook> {
    const pIds = [...new Set([...personIds].filter((x): x is string => x !== null))];
    const uIds = [...new Set([...unitIds].filter((x): x is string => x !== null))];
    const [people, units] = await Promise.all([repo.peopleByIds(db, pIds), repo.unitsByIds(db, uIds)]);
    return new NameBook(
      new Map(people.map((p) => [p.id, { id: p.id, loginId: p.login_id, name: p.name }])),
      new Map(units.map((u) => [u.id, { code: u.code, name: u.name }])),
    );
  }

  person(id: string | null): PersonRef | null {
    if (!id) return null;
    return this.people.get(id) ?? { id, loginId: '', name: '' };
  }

  unit(id: string | null): UnitRef | null {
    if (!id) return null;
    return this.units.get(id) ?? null;
  }
}

export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function typeInfo(code: string) {
  const name = typeNames[code as RequestTypeCode];
  return { code, name: name ? { ja: name.ja, en: name.en } : { ja: code, en: code }, form: name?.form ?? null };
}

export function titleOf(r: RequestRow): string {
  const type = requestType(r.type_code);
  try {
    return type ? type.title(r.fields) : r.number;
  } catch {
    return r.number;
  }
}

/** APP-5: the written application of an oral approval is owed while the approval stands (not once cancelled). */
export function paperworkOwed(r: RequestRow): boolean {
  return r.emergency && r.paperwork_done_at === null && (repo.PAPERWORK_OWED_STATES as readonly string[]).includes(r.state);
}

export function paperworkOverdue(r: RequestRow, now: Date): boolean {
  return paperworkOwed(r) && r.paperwork_due_at !== null && r.paperwork_due_at < now;
}

export function stageOverdue(r: RequestRow, now: Date): boolean {
  return r.state === 'submitted' && r.stage_due_at !== null && r.stage_due_at < now;
}

/** One line of a list: what the request is, where it stands, and whether anything is late. */
export function presentSummary(
  r: RequestRow,
  names: NameBook,
  now: Date,
  route: { stages: RequestStageRow[]; decisions: RequestDecisionRow[] },
) {
  const open = openStagesOf({ request: r, stages: route.stages, decisions: route.decisions });
  return {
    id: r.id,
    number: r.number,
    type: typeInfo(r.type_code),
    title: titleOf(r),
    state: r.state,
    applicant: names.person(r.applicant_id),
    applicantUnit: names.unit(r.applicant_unit_id),
    beneficiary: names.person(r.beneficiary_id),
    round: r.round,
    currentStages: open.map((s) => ({ id: s.id, kind: s.kind, label: { ja: s.label_ja, en: s.label_en } })),
    dueAt: r.state === 'submitted' ? iso(r.stage_due_at) : null,
    overdue: stageOverdue(r, now),
    emergency: r.emergency
      ? {
          oralAt: iso(r.oral_at),
          paperworkDueAt: iso(r.paperwork_due_at),
          paperworkDoneAt: iso(r.paperwork_done_at),
          paperworkOverdue: paperworkOverdue(r, now),
        }
      : null,
    validTo: r.valid_to,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
  };
}

export type RequestSummary = ReturnType<typeof presentSummary>;

/** Summaries of many requests with two queries for their routes and one for names. */
export async function presentSummaries(db: repo.Db, rows: RequestRow[], now: Date): Promise<RequestSummary[]> {
  const ids = rows.map((r) => r.id);
  const [stages, decisions] = await Promise.all([repo.stagesForRequests(db, ids), repo.decisionsForRequests(db, ids)]);
  const names = await NameBook.load(
    db,
    rows.flatMap((r) => [r.applicant_id, r.beneficiary_id]),
    rows.map((r) => r.applicant_unit_id),
  );
  return rows.map((r) =>
    presentSummary(r, names, now, {
      stages: stages.filter((s) => s.request_id === r.id),
      decisions: decisions.filter((d) => d.request_id === r.id),
    }),
  );
}

export function presentDecision(d: RequestDecisionRow, names: NameBook) {
  return {
    id: d.id,
    decision: d.decision,
    decider: names.person(d.decider_id),
    deciderPost: d.decider_post,
    onBehalfOf: names.person(d.on_behalf_of_id),
    comment: d.comment,
    overrideReason: d.override_reason,
    flagged: d.flagged,
    emergency: d.emergency,
    decidedAt: iso(d.decided_at),
  };
}

/** The route by rounds, each stage with its rule, the people it waits for, and its decision. */
export function presentRoute(b: RequestBundle, names: NameBook, candidates: Map<string, PersonRef[]>) {
  const rounds = [...new Set(b.stages.map((s) => s.round))].sort((x, y) => x - y);
  return rounds.map((round) => ({
    round,
    stages: b.stages
      .filter((s) => s.round === round)
      .map((s) => {
        const decision = b.decisions.find((d) => d.stage_id === s.id);
        return {
          id: s.id,
          position: s.position,
          kind: s.kind,
          label: { ja: s.label_ja, en: s.label_en },
          final: s.final,
          rule: { kind: s.rule_kind, post: s.post, unit: names.unit(s.unit_id), role: s.role },
          dueDays: s.due_days,
          candidates: candidates.get(s.id) ?? [],
          decision: decision ? presentDecision(decision, names) : null,
        };
      }),
  }));
}

/** Words for the coded choices of the fields (select options in the UI); a choice without one is shown as its value. */
const OPTION_LABELS: Partial<Record<RequestTypeCode, Record<string, Record<string, Label>>>> = {
  aic2_app_change: { kind: aic2.kindLabels },
  aic3_registrar: { action: aic3.actionLabels },
  aic4_use_right: { action: aic4.actionLabels },
  aic5_dispatch_use_right: { action: aic4.actionLabels },
  aic6_input_processing: { afterUse: aic6.afterUseLabels },
  aic7_temporary_output: { outputMedium: aic7.mediumLabels, afterUse: aic6.afterUseLabels },
  external_service: { serviceKind: ext.serviceKindLabels },
  isk2_bring_in: { kind: isk2.kindLabels },
};

const fieldForms = new Map<string, { fieldSchema: unknown; optionLabels: Record<string, Record<string, Label>> }>();

/**
 * What the UI builds a type's form from: the fields' JSON Schema (as the applicant types them, i.e.
 * zod's input side) and the words for coded choices. The server still validates with zod itself.
 */
export function fieldForm(code: string) {
  const schema = fieldSchemas[code as RequestTypeCode];
  let form = fieldForms.get(code);
  if (!form) {
    form = {
      fieldSchema: schema ? z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) : {},
      optionLabels: OPTION_LABELS[code as RequestTypeCode] ?? {},
    };
    fieldForms.set(code, form);
  }
  return form;
}
