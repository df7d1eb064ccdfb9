import { z } from 'zod';
import { foldKey, foldName, isKanaName } from '../../shared/name-folding.js';
import { type CriterionSpec, DEMO_APPLICATIONS } from '../applications/demo-applications.js';

/**
 * The criteria of a query (APP-7), checked against the application's own criteria spec and folded
 * the way the stored search columns were, so 髙橋/高橋, ﾀﾅｶ/タナカ/たなか and １２３/123 meet.
 */

const criterionSpec = z.object({
  name: z.string(),
  kind: z.enum(['name', 'date', 'key']),
  label: z.object({ ja: z.string(), en: z.string() }),
});
const particularsCriteria = z.object({ criteria: z.array(criterionSpec).min(1) });

/** The criteria an application accepts: from its particulars, else the demo definition of its code. */
export function criteriaSpecOf(code: string, particulars: unknown): CriterionSpec[] {
  const parsed = particularsCriteria.safeParse(particulars);
  if (parsed.success) return parsed.data.criteria;
  return DEMO_APPLICATIONS.find((d) => d.code === code)?.criteria ?? [];
}

/** What the search compares, already folded. */
export interface FoldedCriteria {
  name?: { key: string; kana: boolean };
  birthDate?: string;
  key?: string;
}

export type CriteriaCheck = { ok: true; folded: FoldedCriteria; given: Record<string, string> } | { ok: false; reason: string };

function calendarDate(input: string): string | null {
  // Full-width digits and the hyphens a Japanese IME gives fold to ASCII first.
  const s = input
    .normalize('NFKC')
    .trim()
    .replace(/[‐－−ー/]/g, '-');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

/**
 * Criteria as the user gave them (blank ones dropped) and folded. Unknown names and unreadable
 * values are refusals of their own (400); no criterion at all is `empty`.
 */
export function foldCriteria(spec: CriterionSpec[], raw: Record<string, string>): CriteriaCheck {
  const given: Record<string, string> = {};
  const folded: FoldedCriteria = {};
  for (const [name, value] of Object.entries(raw)) {
    const criterion = spec.find((c) => c.name === name);
    if (!criterion) return { ok: false, reason: `unknown_criterion:${name}` };
    if (value.trim() === '') continue;
    given[name] = value;
    if (criterion.kind === 'name') {
      const key = foldName(value);
      if (key === '') return { ok: false, reason: `invalid_criterion:${name}` };
      folded.name = { key, kana: isKanaName(key) };
    } else if (criterion.kind === 'date') {
      const date = calendarDate(value);
      if (!date) return { ok: false, reason: `invalid_criterion:${name}` };
      folded.birthDate = date;
    } else {
      const key = foldKey(value);
      if (key === '') return { ok: false, reason: `invalid_criterion:${name}` };
      folded.key = key;
    }
  }
  if (Object.keys(given).length === 0) return { ok: false, reason: 'no_criteria' };
  return { ok: true, folded, given };
}
