import { z } from 'zod';
import { LONE_SURROGATE } from '../../../shared/unicode.js';
import { isoDateSchema, loginIdSchema, unitCodeSchema } from '../../org/schema.js';

/**
 * Building blocks for the request types' fields. Every value ends up printed on an official form
 * (様式) and kept as a record (GOV-1 (3)), so text is bounded, trimmed and free of control
 * characters and lone surrogates that a PDF or a printout could not show.
 */

/** Control characters (C0, DEL, C1) except tab and line feed in free text: invisible on paper, and NUL breaks PDF strings. */
const CONTROL_MULTILINE = /(?![\t\n])\p{Cc}/u;
const CONTROL_ONE_LINE = /\p{Cc}/u;

function text(max: number, multiline: boolean) {
  const control = multiline ? CONTROL_MULTILINE : CONTROL_ONE_LINE;
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !control.test(s), multiline ? 'control characters are not allowed' : 'must be a single line')
    .refine((s) => !LONE_SURROGATE.test(s), 'not valid Unicode text');
}

/** A single line of Japanese text, e.g. a name or a place (max in characters, UTF-16 units). */
export const line = (max: number) => text(max, false);
/** Free text printed in a wrapping cell; line breaks are kept. */
export const paragraph = (max: number) => text(max, true);

/** `YYYY-MM-DD`, a calendar day in Japan. */
export const isoDate = isoDateSchema;
export const loginId = loginIdSchema;
export const unitCode = unitCodeSchema;
/** 適用業務コード (AIC): the code the application is registered under. */
export const applicationCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'application code: 1–32 letters, digits, - or _');
/** 許可番号 printed on ISK 別記様式第3 and quoted on change/abolition applications. */
export const permitNumber = line(40);

/** 用済み後の措置 for input/output material (AIC 第7-2, 第8-2): returned or destroyed. */
export const AFTER_USE = ['return', 'dispose'] as const;

export interface Label {
  ja: string;
  en: string;
}

/** A period is in order when either end is open or from ≤ to (`YYYY-MM-DD` compares as text). */
export function periodInOrder(from: string | undefined, to: string | undefined): boolean {
  return from === undefined || to === undefined || from <= to;
}
