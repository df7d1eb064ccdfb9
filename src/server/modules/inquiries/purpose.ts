import { z } from 'zod';

/**
 * APP-8 (AIC 第8-2): a personal-information query states why — one of the application's purpose
 * codes, a free text, and the case number where the code demands one (犯罪捜査). The purpose goes
 * into the audit entry and the query log, and is what a unit head checks the look-up against.
 */

const purposeCodeSchema = z.object({
  code: z.string(),
  ja: z.string(),
  en: z.string(),
  caseNumberRequired: z.boolean().default(false),
});
const purposeCodesSchema = z.array(purposeCodeSchema);

export interface StatedPurpose {
  code: string;
  text: string;
  caseNumber?: string | undefined;
}

export type PurposeCheck = { ok: true; purpose: { code: string; text: string; caseNumber: string | null } } | { ok: false; reason: string };

export function checkPurpose(personalInformation: boolean, purposeCodes: unknown, stated: StatedPurpose): PurposeCheck {
  const code = stated.code.trim();
  const text = stated.text.trim();
  const caseNumber = stated.caseNumber?.normalize('NFKC').trim() || null;
  // A non-personal application still records what was given, but does not insist on it.
  if (!personalInformation) return { ok: true, purpose: { code: code || 'none', text, caseNumber } };
  const codes = purposeCodesSchema.safeParse(purposeCodes);
  const known = codes.success ? codes.data.find((c) => c.code === code) : undefined;
  if (!known) return { ok: false, reason: code === '' ? 'purpose_missing' : 'purpose_code_unknown' };
  if (text === '') return { ok: false, reason: 'purpose_text_missing' };
  if (known.caseNumberRequired && caseNumber === null) return { ok: false, reason: 'case_number_missing' };
  return { ok: true, purpose: { code, text, caseNumber } };
}
