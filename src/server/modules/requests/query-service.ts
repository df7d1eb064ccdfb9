import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { tokyoDate } from '../../shared/clock.js';
import type { Actor, UserActor } from '../identity/actor.js';
import { currentRound, loadAuthorized, openStagesOf, type RequestBundle } from './access.js';
import { fieldLabels } from './fields/index.js';
import {
  iso,
  NameBook,
  type PersonRef,
  paperworkOwed,
  presentRoute,
  presentSummaries,
  presentSummary,
  type RequestSummary,
  typeInfo,
} from './presenters.js';
import * as records from './records-repo.js';
import * as registers from './registers-repo.js';
import * as repo from './repo.js';
import * as routeRepo from './route-repo.js';
import { candidatesFor } from './route-resolution.js';
import { sodViolation } from './separation-of-duties.js';
import { REQUEST_TYPES, requestType } from './types/index.js';

export interface ListQuery {
  type?: string | undefined;
  state?: string | undefined;
  limit: number;
  offset: number;
}

/** What the actor may do next on the request (the UI shows the buttons; the server decides again). */
function actionsFor(actor: Actor, b: RequestBundle, deciderIds: readonly string[], finalIds: readonly string[]) {
  const r = b.request;
  const me = actor.kind === 'user' ? actor.userId : null;
  const applicant = me === r.applicant_id;
  const party = me !== null && (applicant || me === r.beneficiary_id);
  return {
    edit: applicant && (r.state === 'draft' || r.state === 'returned'),
    submit: applicant && r.state === 'draft',
    resubmit: applicant && r.state === 'returned',
    withdraw: applicant && ['draft', 'submitted', 'returned'].includes(r.state),
    decide: me !== null && !party && r.state === 'submitted' && deciderIds.includes(me),
    cancel:
      me !== null &&
      (r.state === 'approved' || r.state === 'expired') &&
      (finalIds.includes(me) || (actor.kind === 'user' && actor.roles.includes('system_admin'))),
    filePaperwork: applicant && r.emergency && r.paperwork_done_at === null,
  };
}

/** One request with its route (who it waits for), history, comments, attachments and what it left behind. */
export async function show(ctx: ServiceContext, actor: Actor, idOrNumber: string) {
  const { bundle, resource } = await loadAuthorized(ctx, actor, idOrNumber, 'request.read');
  const r = bundle.request;
  const now = ctx.clock.now();
  const date = tokyoDate(now);
  const decided = new Set(bundle.decisions.map((d) => d.stage_id));
  const candidates = new Map<string, PersonRef[]>();
  for (const s of currentRound(bundle)) {
    if (decided.has(s.id) || !['draft', 'submitted', 'returned'].includes(r.state)) continue;
    candidates.set(
      s.id,
      (await candidatesFor(ctx.db, s, date)).map((p) => ({ id: p.id, loginId: p.login_id, name: p.name })),
    );
  }
  const [history, comments, attachments, lend, permit, service, effects] = await Promise.all([
    repo.historyOf(ctx.db, r.id),
    records.commentsOf(ctx.db, r.id),
    records.attachmentsOf(ctx.db, r.id),
    records.lendRecordsOf(ctx.db, r.id),
    registers.permitOf(ctx.db, r.id),
    registers.serviceOfRequest(ctx.db, r.id),
    registers.effectsOf(ctx.db, r.id),
  ]);
  const names = await NameBook.load(
    ctx.db,
    [r.applicant_id, r.beneficiary_id, ...bundle.decisions.flatMap((d) => [d.decider_id, d.on_behalf_of_id]), service?.manager_id ?? null],
    [r.applicant_unit_id, ...bundle.stages.map((s) => s.unit_id)],
  );
  const type = requestType(r.type_code);
  return {
    request: {
      ...presentSummary(r, names, now, bundle),
      fields: r.fields,
      fieldLabels: fieldLabels[r.type_code as keyof typeof fieldLabels] ?? {},
      requirements: type?.requirements ?? [],
      sodOverrideAllowed: type?.sodOverride ?? false,
      emergencyAllowed: type?.emergency ?? false,
    },
    route: presentRoute(bundle, names, candidates),
    history: history.map((h) => ({
      at: iso(h.at),
      action: h.action,
      from: h.from_state,
      to: h.to_state,
      round: h.round,
      actor: h.actor_login_id ? { loginId: h.actor_login_id, name: h.actor_name } : null,
      onBehalfOf: h.on_behalf_of_login_id ? { loginId: h.on_behalf_of_login_id, name: h.on_behalf_of_name } : null,
      details: h.details,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      round: c.round,
      stageId: c.stage_id,
      body: c.body,
      author: { loginId: c.author_login_id, name: c.author_name },
      createdAt: iso(c.created_at),
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      round: a.round,
      stageId: a.stage_id,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      sha256: a.sha256,
      uploadedBy: { loginId: a.uploaded_by_login_id, name: a.uploaded_by_name },
      createdAt: iso(a.created_at),
    })),
    lendRecords: lend.map((l) => ({
      id: l.id,
      event: l.event,
      at: iso(l.at),
      note: l.note,
      actor: { loginId: l.actor_login_id, name: l.actor_name },
    })),
    permit: permit
      ? {
          number: permit.number,
          validFrom: permit.valid_from,
          validTo: permit.valid_to,
          issuedAt: iso(permit.issued_at),
          revokedAt: iso(permit.revoked_at),
        }
      : null,
    externalService: service
      ? {
          id: service.id,
          name: service.name,
          state: service.state,
          manager: names.person(service.manager_id),
          endedAt: iso(service.ended_at),
          deletionConfirmedAt: iso(service.deletion_confirmed_at),
        }
      : null,
    effects: effects.map((e) => ({ id: e.id, effect: e.effect, createdAt: iso(e.created_at), processedAt: iso(e.processed_at) })),
    actions: actionsFor(actor, bundle, resource.deciderIds, resource.finalDeciderIds),
  };
}

/** Requests I applied for or that are for me (paperwork still owed is flagged, APP-5). */
export async function listMine(ctx: ServiceContext, actor: UserActor, q: ListQuery) {
  const rows = await repo.listRequests(ctx.db, {
    typeCode: q.type,
    state: q.state,
    personId: actor.userId,
    limit: q.limit,
    offset: q.offset,
  });
  return { requests: await presentSummaries(ctx.db, rows, ctx.clock.now()) };
}

/** Every request, per type and state, for システム管理者, 総務部長 and 監査 (GOV-1 (3): kept and reviewed). */
export async function listAll(ctx: ServiceContext, actor: Actor, q: ListQuery) {
  await authorize(ctx, actor, 'request.admin', { type: 'System' });
  const rows = await repo.listRequests(ctx.db, { typeCode: q.type, state: q.state, limit: q.limit, offset: q.offset });
  return { requests: await presentSummaries(ctx.db, rows, ctx.clock.now()) };
}

export interface InboxItem {
  request: RequestSummary;
  stage: { id: string; kind: string; label: { ja: string; en: string } };
  onBehalfOf: PersonRef | null;
}

/**
 * My pending decisions: stages at the current position that I hold in person or as a deputy (代決),
 * minus those separation of duties keeps from me (ORG-3); with counts and overdue flags. Oral
 * approvals I gave whose written application is still owed are listed too (APP-5).
 */
export async function inbox(ctx: ServiceContext, actor: UserActor) {
  const now = ctx.clock.now();
  const date = tokyoDate(now);
  const seats: { principal: string | null; roles: string[]; posts: { post: string; unitId: string }[] }[] = [
    {
      principal: null,
      roles: await routeRepo.rolesOfUser(ctx.db, actor.userId),
      posts: await routeRepo.postsOfUser(ctx.db, actor.userId, date),
    },
  ];
  for (const d of await routeRepo.activeDelegations(ctx.db, now, { deputyId: actor.userId })) {
    seats.push({
      principal: d.principal_id,
      roles: await routeRepo.rolesOfUser(ctx.db, d.principal_id),
      posts: await routeRepo.postsOfUser(ctx.db, d.principal_id, date),
    });
  }
  const found = new Map<string, { requestId: string; principal: string | null }>();
  for (const seat of seats) {
    for (const s of await repo.openStages(ctx.db, seat)) {
      if (!found.has(s.stage_id)) found.set(s.stage_id, { requestId: s.request_id, principal: seat.principal });
    }
  }
  const requestIds = [...new Set([...found.values()].map((f) => f.requestId))];
  const stageRows = await repo.stagesForRequests(ctx.db, requestIds);
  const rows = await repo.listRequests(ctx.db, { ids: requestIds, limit: 1000, offset: 0 });
  const decisions = await repo.decisionsForRequests(ctx.db, requestIds);
  const summaries = await presentSummaries(ctx.db, rows, now);
  const names = await NameBook.load(
    ctx.db,
    [...found.values()].map((f) => f.principal),
    [],
  );
  const items: InboxItem[] = [];
  for (const r of rows) {
    const summary = summaries.find((s) => s.id === r.id);
    const stages = stageRows.filter((s) => s.request_id === r.id && found.has(s.id));
    const bundle = {
      request: r,
      stages: stageRows.filter((s) => s.request_id === r.id),
      decisions: decisions.filter((d) => d.request_id === r.id),
    };
    const open = new Set(openStagesOf(bundle).map((s) => s.id));
    for (const stage of stages) {
      const seat = found.get(stage.id);
      if (!summary || !seat || !open.has(stage.id)) continue;
      const violation = sodViolation(r, bundle.decisions, actor.userId, seat.principal);
      if (violation === 'applicant' || violation === 'beneficiary') continue;
      items.push({
        request: summary,
        stage: { id: stage.id, kind: stage.kind, label: { ja: stage.label_ja, en: stage.label_en } },
        onBehalfOf: names.person(seat.principal),
      });
      break;
    }
  }
  const oral = await paperworkOwedTo(ctx, actor);
  return {
    counts: {
      pending: items.length,
      overdue: items.filter((i) => i.request.overdue).length,
      paperworkOverdue: oral.filter((o) => o.emergency?.paperworkOverdue).length,
    },
    items,
    paperwork: oral,
  };
}

/** Oral approvals this person gave whose written application is still owed. */
async function paperworkOwedTo(ctx: ServiceContext, actor: UserActor): Promise<RequestSummary[]> {
  const ids = await repo.oralRequestIdsDecidedBy(ctx.db, actor.userId);
  const rows = (await repo.listRequests(ctx.db, { ids, limit: 1000, offset: 0 })).filter(paperworkOwed);
  return presentSummaries(ctx.db, rows, ctx.clock.now());
}

/** Overdue stages and overdue paperwork across the organisation (the reminder report, APP-5). */
export async function overdueReport(ctx: ServiceContext, actor: Actor) {
  await authorize(ctx, actor, 'request.admin', { type: 'System' });
  const now = ctx.clock.now();
  const stages = await repo.overdueRequests(ctx.db, now);
  const paperwork = await repo.listRequests(ctx.db, { paperworkOverdueAt: now, limit: 1000, offset: 0 });
  return {
    at: now.toISOString(),
    overdueDecisions: await presentSummaries(ctx.db, stages, now),
    overduePaperwork: (await presentSummaries(ctx.db, paperwork, now)).filter((s) => s.emergency?.paperworkOverdue),
  };
}

/** ORG-3: decisions let through "when unavoidable", for review by 監査 / システム管理者. */
export async function flaggedDecisions(ctx: ServiceContext, actor: Actor) {
  await authorize(ctx, actor, 'request.review', { type: 'System' });
  const rows = await repo.flaggedDecisions(ctx.db, 500);
  return {
    decisions: rows.map((d) => ({
      id: d.id,
      requestId: d.request_id,
      requestNumber: d.number,
      typeCode: d.type_code,
      decision: d.decision,
      stage: d.decider_post,
      decider: { loginId: d.decider_login_id, name: d.decider_name },
      overrideReason: d.override_reason,
      decidedAt: iso(d.decided_at),
      reviews: Number(d.reviews ?? 0),
    })),
  };
}

/** The request types the engine knows, with their form names and field labels (for the UI's forms). */
export function typeCatalogue() {
  return {
    types: Object.values(REQUEST_TYPES).map((t) => ({
      ...typeInfo(t.code),
      requirements: t.requirements,
      fieldLabels: fieldLabels[t.code],
      emergencyAllowed: t.emergency,
      sodOverrideAllowed: t.sodOverride,
    })),
  };
}
