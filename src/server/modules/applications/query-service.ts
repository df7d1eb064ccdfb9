import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../identity/actor.js';
import { presentListItem, splitParticulars } from './presenters.js';
import * as repo from './repo.js';

/** APP-1: the registry of applications (適用業務) every member of staff may consult. */
export async function listApplications(ctx: ServiceContext, actor: Actor) {
  await authorize(ctx, actor, 'application.read', { type: 'System' });
  const rows = await repo.listApplications(ctx.db);
  return { applications: rows.map(presentListItem) };
}

/** APP-1, APP-2: one application with its AIC 第4 particulars, access criteria and every version. */
export async function showApplication(ctx: ServiceContext, actor: Actor, code: string) {
  await authorize(ctx, actor, 'application.read', { type: 'System' });
  const row = await repo.findApplicationByCode(ctx.db, code);
  if (!row) throw new AppError('not_found');
  const [unit, versions] = await Promise.all([repo.findBusinessUnit(ctx.db, row.business_unit_id), repo.listVersions(ctx.db, row.id)]);
  return {
    application: {
      ...presentListItem(row),
      particulars: splitParticulars(row).particulars,
      accessCriteria: row.access_criteria,
      businessUnit: unit ? { code: unit.code, name: unit.name } : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      versions: versions.map((v) => ({
        version: v.version,
        changedAt: v.changed_at.toISOString(),
        changedBy: v.changed_by_login_id,
        requestNumber: v.request_number,
        snapshot: v.snapshot,
      })),
    },
  };
}
