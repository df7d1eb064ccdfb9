import type { RequestStageRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { findUnitByCode } from '../org/repo.js';
import type { Db, NewStage } from './repo.js';
import type { Person } from './route-repo.js';
import * as routeRepo from './route-repo.js';
import type { RequestType } from './types/index.js';

export type ResolvedStage = Omit<NewStage, 'request_id' | 'round'>;

/** The rule part of a stage, as stored and as matched against the organisation. */
export type StageRuleRow = Pick<RequestStageRow, 'rule_kind' | 'post' | 'unit_id' | 'role'>;

/**
 * Resolves a type's route for one application from the organisation on `date` (APP-2 … APP-4,
 * APP-11, CON-2, CON-3, GOV-1, GOV-2): units named by the fields must exist, a stage the applicant
 * holds in person is left out (the 所属長 applying), the same post twice collapses to one stage, and
 * every stage must have somebody to decide it today — a route nobody can finish is refused at once.
 */
export async function resolveRoute(
  db: Db,
  type: RequestType,
  fields: unknown,
  applicant: { id: string; unitId: string },
  date: string,
): Promise<ResolvedStage[]> {
  const specs = type.route(fields);
  const out: ResolvedStage[] = [];
  let position = -1;
  for (const spec of specs) {
    let unitId: string | null = null;
    if (spec.rule.kind === 'post') {
      if (spec.rule.unit.from === 'applicant') unitId = applicant.unitId;
      else {
        const code = spec.rule.unit.code;
        const unit = await findUnitByCode(db, code);
        if (!unit)
          throw new AppError('validation_failed', { ja: `所属コード ${code} は登録されていません。`, en: `Unit ${code} does not exist.` });
        unitId = unit.id;
      }
      const post = spec.rule.post;
      if (spec.skipIfApplicantHolds && (await routeRepo.holdsPost(db, applicant.id, post, unitId, date))) continue;
      if (out.some((s) => s.rule_kind === 'post' && s.post === post && s.unit_id === unitId)) continue;
    }
    if (!(spec.parallelWithPrevious && out.length > 0)) position += 1;
    out.push({
      position,
      seq: out.length,
      kind: spec.kind,
      label_ja: spec.label.ja,
      label_en: spec.label.en,
      rule_kind: spec.rule.kind,
      post: spec.rule.kind === 'post' ? spec.rule.post : null,
      unit_id: unitId,
      role: spec.rule.kind === 'role' ? spec.rule.role : null,
      final: false,
      due_days: spec.dueDays,
    });
  }
  const last = out.at(-1);
  if (!last) throw new AppError('invalid_state', { ja: '決裁経路を決められません。', en: 'No approval route could be resolved.' });
  for (const stage of out) {
    stage.final = stage.position === last.position && stage.kind === 'approve';
    if ((await candidatesFor(db, stage, date)).length === 0) {
      throw new AppError('invalid_state', {
        ja: `決裁経路の「${stage.label_ja}」に該当する職員がいません。`,
        en: `Nobody holds "${stage.label_en}" in the approval route.`,
      });
    }
  }
  return out;
}

/** Who holds a stage's post or role on a day (the people the stage waits for). */
export async function candidatesFor(db: Db, stage: StageRuleRow, date: string): Promise<Person[]> {
  if (stage.rule_kind === 'post' && stage.post && stage.unit_id) return routeRepo.postHolders(db, stage.post, stage.unit_id, date);
  if (stage.rule_kind === 'role' && stage.role) return routeRepo.roleHolders(db, stage.role, date);
  return [];
}

/** Holders of the stages plus their deputies in force at `at` (代決). */
export async function decidersOf(db: Db, stages: readonly StageRuleRow[], date: string, at: Date): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const stage of stages) for (const p of await candidatesFor(db, stage, date)) ids.add(p.id);
  for (const d of await routeRepo.activeDelegations(db, at, { principalIds: [...ids] })) ids.add(d.deputy_id);
  return ids;
}

export interface Capacity {
  /** Set when the actor decides as deputy (代決) of the holder. */
  onBehalfOf: string | null;
}

/** In what capacity `userId` may decide a stage now: in person, as a holder's deputy, or not at all. */
export async function capacityFor(db: Db, userId: string, stage: StageRuleRow, date: string, at: Date): Promise<Capacity | null> {
  const holders = await candidatesFor(db, stage, date);
  if (holders.some((h) => h.id === userId)) return { onBehalfOf: null };
  const delegations = await routeRepo.activeDelegations(db, at, { deputyId: userId, principalIds: holders.map((h) => h.id) });
  const first = delegations[0];
  return first ? { onBehalfOf: first.principal_id } : null;
}

/**
 * Every capacity in which `userId` may decide a stage now: in person, and as deputy of each holder
 * who named them (代決). ORG-3 checks need all of them, not the first (see `cancel`).
 */
export async function capacitiesFor(db: Db, userId: string, stage: StageRuleRow, date: string, at: Date): Promise<Capacity[]> {
  const holders = await candidatesFor(db, stage, date);
  const out: Capacity[] = holders.some((h) => h.id === userId) ? [{ onBehalfOf: null }] : [];
  const delegations = await routeRepo.activeDelegations(db, at, { deputyId: userId, principalIds: holders.map((h) => h.id) });
  for (const d of delegations) out.push({ onBehalfOf: d.principal_id });
  return out;
}
