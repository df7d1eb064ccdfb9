import type { ApplicationSummary, MyRight } from './types.js';

/** Lists may come bare or wrapped ({applications: […]}); the pages accept both. */
export function listOf<T>(answer: unknown, key: string): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (typeof answer === 'object' && answer !== null) {
    const inner = (answer as Record<string, unknown>)[key];
    if (Array.isArray(inner)) return inner as T[];
  }
  return [];
}

export function applicationsOf(answer: unknown): ApplicationSummary[] {
  return listOf<ApplicationSummary>(answer, 'applications').map((a) => ({
    ...a,
    purposeCodes: a.purposeCodes ?? [],
    criteria: a.criteria ?? [],
  }));
}

/** Codes of the applications I hold a usable right for today (a right not yet valid or lapsed does not count). */
export function rightCodesOf(answer: unknown): Set<string> {
  const codes = new Set<string>();
  for (const right of listOf<MyRight>(answer, 'rights')) {
    if (right.usable === false) continue;
    const code = right.application?.code ?? right.applicationCode;
    if (code) codes.add(code);
  }
  return codes;
}
