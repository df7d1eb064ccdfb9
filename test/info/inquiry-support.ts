import type { TestApp } from '../support/test-app.js';

/** Helpers shared by the inquiry and access-record tests (APP-7 … APP-10, AUD-1). */

export interface ParsedEntry {
  seq: number;
  action: string;
  outcome: string;
  reason?: string;
  actor: { userId?: string; loginId?: string; unitCode?: string };
  target?: { type: string; id: string };
  purpose?: { code: string; text: string };
  criteria?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

/** The audit entries of one action, oldest first, as written into the log (canonical JSON). */
export async function auditEntries(t: TestApp, action: string): Promise<ParsedEntry[]> {
  await t.ctx.audit.drain();
  const rows = await t.ctx.db.selectFrom('audit_events').select(['canonical']).where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.canonical) as ParsedEntry);
}

export async function lastEntry(t: TestApp, action: string, loginId?: string): Promise<ParsedEntry | undefined> {
  const all = await auditEntries(t, action);
  return all.filter((e) => loginId === undefined || e.actor.loginId === loginId).at(-1);
}

export async function inquiryCount(t: TestApp): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('inquiries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const PURPOSE = { code: 'traffic_enforcement', text: '交通違反の取締りにおける免許確認' };

export function query(criteria: Record<string, string>, over: Record<string, unknown> = {}) {
  return { applicationCode: 'LIC', purpose: PURPOSE, criteria, ...over };
}
