import type { RequestDecisionRow, RequestRow } from '../../db/schema.js';

/**
 * ORG-3 (EDO 4(8)): separation of duties in approvals.
 * - `applicant` / `beneficiary`: whoever applied, or benefits, never decides — in person or through a
 *   deputy (代決) deciding in their name. Never overridable. (Cedar's `separation-of-duties` forbids the
 *   direct case too; this check also covers the person a deputy decides for.)
 * - `two_stages`: one person decides one stage of a round. Types whose policy allows it may let this
 *   through "when unavoidable", with a written reason; such decisions are flagged for review.
 */
export type SodViolation = 'applicant' | 'beneficiary' | 'two_stages';

export function sodViolation(
  request: Pick<RequestRow, 'applicant_id' | 'beneficiary_id' | 'round'>,
  decisions: readonly Pick<RequestDecisionRow, 'round' | 'decision' | 'decider_id' | 'on_behalf_of_id'>[],
  deciderId: string,
  onBehalfOf: string | null,
): SodViolation | null {
  const persons = onBehalfOf ? [deciderId, onBehalfOf] : [deciderId];
  if (persons.includes(request.applicant_id)) return 'applicant';
  if (request.beneficiary_id && persons.includes(request.beneficiary_id)) return 'beneficiary';
  const decided = new Set<string>();
  for (const d of decisions) {
    if (d.round !== request.round || (d.decision !== 'approved' && d.decision !== 'concurred')) continue;
    decided.add(d.decider_id);
    if (d.on_behalf_of_id) decided.add(d.on_behalf_of_id);
  }
  return persons.some((p) => decided.has(p)) ? 'two_stages' : null;
}

/** Only the two-stages rule can be let through, only where the type allows, and only with a reason. */
export function overridable(violation: SodViolation, typeAllows: boolean, reason: string | undefined): boolean {
  return violation === 'two_stages' && typeAllows && reason !== undefined && reason.trim().length > 0;
}
