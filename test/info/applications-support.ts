import { DEMO_APPLICATIONS } from '../../src/server/modules/applications/demo-applications.js';
import type { ApplicationSettings } from '../../src/server/modules/applications/schema.js';
import type { RequestTypeCode } from '../../src/server/modules/requests/contract.js';
import { type Org, submitted } from '../requests/support.js';
import type { TestApp } from '../support/test-app.js';

/** The approval routes of 様式1, 様式2 and 様式6 (test/requests/routes-by-type.test.ts), driven through the API. */
const ROUTES: Partial<Record<RequestTypeCode, { applicant: string; approvers: string[] }>> = {
  aic1_app_development: { applicant: 'staff1', approvers: ['head1', 'sysadmin', 'gad'] },
  aic2_app_change: { applicant: 'head1', approvers: ['sysadmin', 'gad'] },
  aic6_input_processing: { applicant: 'staff1', approvers: ['head1', 'sysadmin'] },
};

export const ORG_PEOPLE = ['staff1', 'staff2', 'head1', 'sysadmin', 'gad'] as const;

/** Files the request as its applicant and approves it stage by stage; returns the request id. */
export async function approved(o: Org, code: RequestTypeCode, over: Record<string, unknown> = {}): Promise<string> {
  const route = ROUTES[code];
  if (!route) throw new Error(`no route for ${code}`);
  const id = await submitted(o.c(route.applicant), code, over);
  for (const by of route.approvers) {
    const res = await o.c(by).post(`/api/requests/${id}/approve`, {});
    if (res.statusCode !== 200) throw new Error(`approve ${code} by ${by}: ${res.body}`);
  }
  return id;
}

/** The queued effect of a request (the one of that kind). */
export async function effectOf(t: TestApp, requestId: string, effect?: string): Promise<string> {
  let q = t.ctx.db.selectFrom('request_effects_pending').select('id').where('request_id', '=', requestId);
  if (effect) q = q.where('effect', '=', effect);
  const row = await q.executeTakeFirstOrThrow();
  return row.id;
}

/** The technical settings of a demo application, as the system manager would enter them. */
export function settingsOf(code: 'LIC' | 'VEH' | 'LOST', over: Partial<ApplicationSettings> = {}): ApplicationSettings {
  const def = DEMO_APPLICATIONS.find((d) => d.code === code);
  if (!def) throw new Error(code);
  const { code: _c, name: _n, ...settings } = def;
  return { ...settings, ...over };
}

export async function auditActions(t: TestApp, action: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['canonical', 'actor_user_id', 'target_id'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ actor: r.actor_user_id, target: r.target_id, entry: JSON.parse(r.canonical) as Record<string, unknown> }));
}
