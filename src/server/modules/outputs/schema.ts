import { z } from 'zod';
import { LONE_SURROGATE } from '../../shared/unicode.js';
import { isoDateSchema, loginIdSchema } from '../org/schema.js';
import { DELIVERY_MEANS, EVENT_KINDS } from './rules.js';

/** Bodies and parameters of /api/inquiries/:id/export|print, /api/outputs…, /api/manuals… (zod at the edge). */

const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** One line of text: trimmed, no control characters (it goes into a CSV and a printed ledger). */
function line(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed')
    .refine((s) => !LONE_SURROGATE.test(s), 'not valid Unicode text');
}

export const idParams = z.object({ id: z.uuid() });
export const eventIdParams = z.object({ eventId: z.uuid() });

export const exportSchema = z
  .strictObject({
    /** APP-9, OUT-1: defaults to the purpose stated for the inquiry. */
    purpose: line(500).optional(),
    quantity: z.number().int().min(1).max(100).optional(),
  })
  .default({});

export const eventSchema = z.strictObject({
  kind: z.enum(EVENT_KINDS),
  quantity: z.number().int().min(1).max(10_000).optional(),
  recipient: line(200).optional(),
  means: z.enum(DELIVERY_MEANS).optional(),
  /** Disposal method: 裁断, 溶解, 焼却, 消去 … */
  method: line(100).optional(),
  /** OUT-5: 総務部長's approval number, for delivery by post. */
  approval: line(100).optional(),
  /** OUT-5: the leak countermeasure, for delivery by file server, e-mail or fax. */
  countermeasure: line(500).optional(),
  /** OUT-6: the locked cabinet it is stored in. */
  place: line(200).optional(),
  note: line(1000).optional(),
});

export const confirmSchema = z.strictObject({ note: line(1000).optional() }).default({});

export const listQuerySchema = z.strictObject({
  unitCode: z.string().min(1).max(32).optional(),
  state: z.enum(['held', 'delivered', 'returned', 'disposed']).optional(),
  unconfirmed: z.enum(['true', 'false']).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const temporaryOutputSchema = z.strictObject({
  quantity: z.number().int().min(1).max(10_000),
  summary: line(1000),
});

export const manualCreateSchema = z.strictObject({
  applicationCode: z.string().min(1).max(32),
  title: line(200),
  copies: z.number().int().min(1).max(1000),
});

export const manualEventSchema = z.strictObject({
  kind: z.enum(['deliver', 'receive', 'copy', 'return', 'store', 'dispose']),
  recipientLoginId: loginIdSchema.optional(),
  quantity: z.number().int().min(1).max(1000).optional(),
  place: line(200).optional(),
  method: line(100).optional(),
  note: line(1000).optional(),
});
export type ManualEventInput = z.infer<typeof manualEventSchema>;
