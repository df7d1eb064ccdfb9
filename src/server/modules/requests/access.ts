import type { RequestResource } from '../../authz/authorizer.js';
import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { RequestDecisionRow, RequestRow, RequestStageRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import type { Actor } from '../identity/actor.js';
import * as repo from './repo.js';
import { decidersOf } from './route-resolution.js';

/** A request with its route (all rounds) and decisions: what access checks and presenters read. */
export interface RequestBundle {
  request: RequestRow;
  stages: RequestStageRow[];
  decisions: RequestDecisionRow[];
}

export async function loadBundle(db: repo.Db, request: RequestRow): Promise<RequestBundle> {
  const [stages, decisions] = await Promise.all([repo.stagesOf(db, request.id), repo.decisionsOf(db, request.id)]);
  return { request, stages, decisions };
}

/** Undecided stages at the current position of a submitted request. */
export function openStagesOf(b: RequestBundle): RequestStageRow[] {
  const { request } = b;
  if (request.state !== 'submitted' || request.current_position === null) return [];
  const decided = new Set(b.decisions.map((d) => d.stage_id));
  return b.stages.filter((s) => s.round === request.round && s.position === request.current_position && !decided.has(s.id));
}

export function currentRound(b: RequestBundle): RequestStageRow[] {
  return b.stages.filter((s) => s.round === b.request.round);
}

/** Who stands where in relation to the request, resolved from the organisation now (Cedar entity data). */
export async function requestResource(ctx: ServiceContext, b: RequestBundle): Promise<RequestResource> {
  const now = ctx.clock.now();
  const date = tokyoDate(now);
  const route = currentRound(b);
  const participants = await decidersOf(ctx.db, route, date, now);
  for (const d of b.decisions) {
    participants.add(d.decider_id);
    if (d.on_behalf_of_id) participants.add(d.on_behalf_of_id);
  }
  const open = openStagesOf(b);
  const deciders = open.length > 0 ? await decidersOf(ctx.db, open, date, now) : new Set<string>();
  const finals = route.filter((s) => s.final);
  const finalDeciders = finals.length > 0 ? await decidersOf(ctx.db, finals, date, now) : new Set<string>();
  return {
    type: 'Request',
    id: b.request.id,
    applicantId: b.request.applicant_id,
    beneficiaryIds: b.request.beneficiary_id ? [b.request.beneficiary_id] : [],
    participantIds: [...participants],
    deciderIds: [...deciders],
    finalDeciderIds: [...finalDeciders],
  };
}

export async function findOr404(db: repo.Db, idOrNumber: string): Promise<RequestRow> {
  const request = await repo.findRequest(db, idOrNumber);
  if (!request) throw new AppError('not_found');
  return request;
}

/** Loads a request and checks the action on it through Cedar (a denial is audited and answered 403). */
export async function loadAuthorized(
  ctx: ServiceContext,
  actor: Actor,
  idOrNumber: string,
  action: 'request.read' | 'request.edit' | 'request.decide' | 'request.cancel',
): Promise<{ bundle: RequestBundle; resource: RequestResource }> {
  const request = await findOr404(ctx.db, idOrNumber);
  const bundle = await loadBundle(ctx.db, request);
  const resource = await requestResource(ctx, bundle);
  await authorize(ctx, actor, action, resource);
  return { bundle, resource };
}
