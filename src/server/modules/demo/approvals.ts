import type { ServiceContext } from '../../context.js';
import { tokyoDate } from '../../shared/clock.js';
import { DEMO_APPLICATIONS } from '../applications/demo-applications.js';
import { registerApplicationEffect } from '../applications/effect-service.js';
import type { SystemActor, UserActor } from '../identity/actor.js';
import { buildActor } from '../identity/session-service.js';
import { findUserById, findUserByLogin } from '../org/repo.js';
import { loadBundle, openStagesOf } from '../requests/access.js';
import { decide } from '../requests/decision-service.js';
import { createDraft, submit } from '../requests/draft-service.js';
import { effectsOf } from '../requests/registers-repo.js';
import * as requestRepo from '../requests/repo.js';
import { candidatesFor } from '../requests/route-resolution.js';
import { registerUseRightEffect } from '../rights/registration-service.js';

/**
 * The demo's applications and use rights come into being the only way the policy allows (AIC 第2,
 * 第5; APP-2, APP-3): a 様式1 filed by the business unit's head and approved along its route, then
 * registered by the system manager; a 様式4 per user and application filed by the user's unit head,
 * approved by 総務部長 and registered. Every step goes through the request and registration services,
 * so the demo's audit log and request register look like the real thing.
 */

/** Who files the 様式1 of each demo application: the head of the business unit that runs it. */
const APPLICANT_OF: Readonly<Record<string, string>> = {
  LIC: 'demo-menkyo-kacho',
  VEH: 'demo-menkyo-kacho',
  LOST: 'demo-chuo-shocho',
};

/**
 * Demo users who hold rights, and the head of their unit who applies. demo-menkyo-shokuin may query
 * licences; demo-higashi-kotsu is an ordinary staff member WITHOUT the licence right (only vehicles),
 * so a refused query (no_use_right) can be shown; demo-chuo-junsa holds all three.
 */
export const DEMO_RIGHTS: readonly { loginId: string; applicant: string; codes: readonly string[] }[] = [
  { loginId: 'demo-menkyo-shokuin', applicant: 'demo-menkyo-kacho', codes: ['LIC'] },
  { loginId: 'demo-chuo-junsa', applicant: 'demo-chuo-chiiki-kacho', codes: ['LIC', 'VEH', 'LOST'] },
  { loginId: 'demo-higashi-kotsu', applicant: 'demo-higashi-kotsu-kacho', codes: ['VEH'] },
];

const SYSTEM_MANAGER = 'demo-admin';
const DEMO_SESSION = { id: 'demo-seed', ip: null };

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The demo people as actors, as the services would see them signed in (resolved once each). */
class DemoActors {
  private readonly cache = new Map<string, UserActor>();
  constructor(private readonly ctx: ServiceContext) {}

  async get(loginId: string): Promise<UserActor> {
    const cached = this.cache.get(loginId);
    if (cached) return cached;
    const user = await findUserByLogin(this.ctx.db, loginId);
    if (!user) throw new Error(`demo user ${loginId} is missing`);
    const actor = await buildActor(this.ctx, user, DEMO_SESSION, null);
    this.cache.set(loginId, actor);
    return actor;
  }

  async byId(userId: string): Promise<UserActor> {
    const user = await findUserById(this.ctx.db, userId);
    if (!user) throw new Error(`demo user ${userId} is missing`);
    return this.get(user.login_id);
  }
}

/** Files and submits a request, then has each stage decided by someone who holds it, to the end. */
async function fileAndApprove(
  ctx: ServiceContext,
  actors: DemoActors,
  applicant: string,
  typeCode: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const applicantActor = await actors.get(applicant);
  const draft = await createDraft(ctx, applicantActor, { typeCode, fields });
  await submit(ctx, applicantActor, draft.id, 'draft');
  const today = tokyoDate(ctx.clock.now());
  for (let step = 0; step < 10; step++) {
    const request = await requestRepo.findRequest(ctx.db, draft.id);
    if (request?.state !== 'submitted') break;
    const [stage] = openStagesOf(await loadBundle(ctx.db, request));
    if (!stage) break;
    const holders = await candidatesFor(ctx.db, stage, today);
    const decider = holders.find((h) => h.id !== request.applicant_id && h.id !== request.beneficiary_id);
    if (!decider) throw new Error(`nobody in the demo organisation can decide "${stage.label_ja}" of ${typeCode}`);
    await decide(ctx, await actors.byId(decider.id), request.id, { decision: 'approve', stageId: stage.id });
  }
  const final = await requestRepo.findRequest(ctx.db, draft.id);
  if (final?.state !== 'approved') throw new Error(`the demo ${typeCode} request was not approved (${final?.state})`);
  return final.id;
}

async function openEffect(ctx: ServiceContext, requestId: string, effect: string): Promise<string> {
  const found = (await effectsOf(ctx.db, requestId)).find((e) => e.effect === effect && e.processed_at === null);
  if (!found) throw new Error(`the approved request has no open ${effect} effect`);
  return found.id;
}

export interface DemoApplicationResult {
  code: string;
  name: string;
  applicationId: string;
  requestId: string;
  requestNumber: string;
}

/** APP-2: 様式1 per demo application → approved → registered active with the demo settings. */
export async function seedApplications(ctx: ServiceContext, actors = new DemoActors(ctx)): Promise<DemoApplicationResult[]> {
  const today = tokyoDate(ctx.clock.now());
  const out: DemoApplicationResult[] = [];
  for (const def of DEMO_APPLICATIONS) {
    const { code, name, ...settings } = def;
    const applicant = APPLICANT_OF[code];
    if (!applicant) throw new Error(`no demo applicant for ${code}`);
    const requestId = await fileAndApprove(ctx, actors, applicant, 'aic1_app_development', {
      applicationName: name,
      applicationCode: code,
      consultedOn: today,
      necessityAndEffect: `${def.particulars.purpose ?? name}を端末から迅速に行う（デモ用の架空の適用業務）。`,
      impactOnOtherWork: 'なし',
      resources: '業務主管課 2 名、各所属の業務端末',
      developmentFrom: today,
      developmentTo: addDays(today, 30),
      securityMeasures: '業務利用権者に限り照会させ、照会目的と照会記録を残す。',
      accessHoldersAndScope: def.particulars.accessCriteria ?? '業務上必要な職員、照会のみ',
      terminalPlacesAndCount: def.particulars.terminals ?? '各所属の業務端末',
    });
    const manager = await actors.get(SYSTEM_MANAGER);
    const registered = await registerApplicationEffect(ctx, manager, await openEffect(ctx, requestId, 'application_development'), settings);
    const request = await requestRepo.findRequest(ctx.db, requestId);
    out.push({ code, name, applicationId: registered.applicationId, requestId, requestNumber: request?.number ?? '' });
  }
  return out;
}

export interface DemoRightResult {
  loginId: string;
  applicationCode: string;
  requestId: string;
}

/** APP-3: 様式4 per user and application → approved by 総務部長 → registered. */
export async function seedUseRights(ctx: ServiceContext, registrar: SystemActor, actors = new DemoActors(ctx)): Promise<DemoRightResult[]> {
  const today = tokyoDate(ctx.clock.now());
  const out: DemoRightResult[] = [];
  for (const grant of DEMO_RIGHTS) {
    for (const code of grant.codes) {
      const requestId = await fileAndApprove(ctx, actors, grant.applicant, 'aic4_use_right', {
        action: 'grant',
        beneficiaryLoginId: grant.loginId,
        applicationCode: code,
        accessScope: '照会のみ',
        reason: 'デモ: 担当業務で照会が必要なため',
        effectiveOn: today,
      });
      await registerUseRightEffect(ctx, registrar, await openEffect(ctx, requestId, 'use_right_grant'));
      out.push({ loginId: grant.loginId, applicationCode: code, requestId });
    }
  }
  return out;
}

export function demoActors(ctx: ServiceContext): DemoActors {
  return new DemoActors(ctx);
}
