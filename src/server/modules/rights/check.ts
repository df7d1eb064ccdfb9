import type { UseRightEndReason, UseRightRow } from '../../db/schema-information.js';
import type { UserActor } from '../identity/actor.js';
import { type Db, hasContractCovering, type RightFacts, rightFactsFor } from './repo.js';

/** Why a person may not query an application now (the inquiry answers 403 no_use_right with it). */
export type UnusableReason = 'none' | 'not_yet_valid' | 'expired' | 'dispatch_ended' | 'transferred' | 'retired' | 'contract_scope';

export type UsableRight = { ok: true; right: UseRightRow } | { ok: false; reason: UnusableReason };

/** An ended right still says why it ended, so a refusal names the cause and not just "none". */
const REASON_OF_END: Record<UseRightEndReason, UnusableReason> = {
  removed: 'none',
  cancelled: 'none',
  abolished: 'none',
  transfer: 'transferred',
  retirement: 'retired',
  // While stopped the account check answers first; once re-enabled, the right needs a new grant.
  disabled: 'none',
  dispatch_end: 'dispatch_ended',
  expired: 'expired',
  contract_end: 'contract_scope',
};

export interface HolderNow {
  /** The holder's assignment today (UserActor.assignmentId). */
  assignmentId: string | null;
  unitId: string | null;
}

/**
 * The rules of one right on one day, as a pure function so the sweep, the "my rights" list and the
 * inquiry check agree. `contractElsewhere` answers APP-6 for a contractor whose right names no
 * contract: whether some other contract in force covers the application.
 */
export function evaluateRight(facts: RightFacts, holder: HolderNow, today: string, contractElsewhere: boolean): UnusableReason | null {
  const r = facts.right;
  // ID-11: a retired or stopped account uses nothing, whatever the sweep has written so far.
  if (facts.disabled || (facts.retiredOn !== null && facts.retiredOn <= today)) return 'retired';
  if (r.ended_at !== null) return REASON_OF_END[r.end_reason ?? 'removed'];
  if (facts.applicationState !== 'active') return 'none';
  if (r.valid_from > today) return 'not_yet_valid';
  // valid_to is the last day of use (利用期限, 派遣期間の終了), inclusive.
  if (r.valid_to !== null && r.valid_to < today) return r.kind === 'dispatch' ? 'dispatch_ended' : 'expired';
  // APP-3: a regular or emergency right belongs to the assignment it was granted for; a transfer
  // ends it the day the new assignment starts, before any sweep runs.
  if (r.kind !== 'dispatch') {
    const sameAssignment = r.assignment_id !== null ? r.assignment_id === holder.assignmentId : r.unit_id === holder.unitId;
    if (!sameAssignment) return 'transferred';
  }
  // APP-4: a dispatch right is used at the host unit for the dispatch period, whatever the home unit.
  if (facts.employmentType === 'contractor' && !contractCovers(facts, today, contractElsewhere)) return 'contract_scope';
  return null;
}

/** APP-6: a contractor queries only inside a contract in force that names the application. */
function contractCovers(facts: RightFacts, today: string, contractElsewhere: boolean): boolean {
  const c = facts.contract;
  if (c === null) return contractElsewhere;
  return !c.ended && c.validFrom <= today && today <= c.validTo && c.applicationCodes.includes(facts.applicationCode);
}

/** Whether the APP-6 fallback query is needed at all (a contractor whose right names no contract). */
function needsContractLookup(facts: readonly RightFacts[]): boolean {
  return facts.some((f) => f.employmentType === 'contractor' && f.contract === null && f.right.ended_at === null);
}

/**
 * APP-3 … APP-6, ID-11: the right under which `actor` may query `applicationId` on `today`
 * (YYYY-MM-DD, Tokyo), or why not. Runs on every inquiry: one indexed read of the person's rights for
 * the application (with holder, application and contract by key), plus a contract probe only for
 * contractors whose right names no contract. It decides from the facts, never from what the sweep
 * has already ended, so a transfer or retirement refuses from its first day.
 */
export async function findUsableRight(db: Db, actor: UserActor, applicationId: string, today: string): Promise<UsableRight> {
  return usableRightAmong(db, actor, applicationId, await rightFactsFor(db, actor.userId, applicationId), today);
}

/**
 * findUsableRight's judgement over facts already read — the inquiry reads them in the statement
 * that finds its application (inquiries/repo applicationWithRights), a round trip fewer per query.
 * `read` holds the person's rights for the application in rights/repo openNewestFirst order; a
 * right of anyone else or of another application in it is never counted (APP-3).
 */
export async function usableRightAmong(
  db: Db,
  actor: UserActor,
  applicationId: string,
  read: readonly RightFacts[],
  today: string,
): Promise<UsableRight> {
  const facts = read.filter((f) => f.right.user_id === actor.userId && f.right.application_id === applicationId);
  const first = facts[0];
  if (!first) return { ok: false, reason: 'none' };
  const contractElsewhere = needsContractLookup(facts) ? await hasContractCovering(db, actor.userId, first.applicationCode, today) : false;
  const holder = { assignmentId: actor.assignmentId, unitId: actor.unit?.id ?? null };
  let firstReason: UnusableReason | null = null;
  for (const f of facts) {
    const reason = evaluateRight(f, holder, today, contractElsewhere);
    if (reason === null) return { ok: true, right: f.right };
    firstReason ??= reason;
  }
  return { ok: false, reason: firstReason ?? 'none' };
}
