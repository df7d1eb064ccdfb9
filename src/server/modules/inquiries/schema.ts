import { z } from 'zod';
import { isoDateSchema, loginIdSchema, unitCodeSchema } from '../org/schema.js';

/**
 * Bodies and query strings of /api/inquiries and /api/access-records (zod at the edge). The edge
 * checks shape and size only: whether a purpose or a criterion is acceptable depends on the
 * application, and such a refusal must be audited (APP-7, APP-8), so the service decides it.
 */

const CONTROL = /\p{Cc}/u;
const plain = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed');

export const applicationCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'application code: 1–32 letters, digits, - or _');

/** A missing purpose is a refusal of its own (422 purpose_required), not a malformed request. */
const purposeSchema = z
  .object({
    code: plain(64).default(''),
    text: plain(500).default(''),
    caseNumber: plain(64).optional(),
  })
  .default({ code: '', text: '' });

export const inquiryBodySchema = z.object({
  applicationCode: applicationCodeSchema,
  purpose: purposeSchema,
  criteria: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'criterion name'), plain(200)).default({}),
});
export type InquiryBody = z.infer<typeof inquiryBodySchema>;

export const uuidSchema = z.uuid();

const instant = z.iso.datetime({ offset: true }).or(isoDateSchema);

/** Either one person or record, or a period narrowed by querier, unit or application (APP-8, AUD-4). */
export const accessRecordsQuerySchema = z.object({
  subjectId: z.uuid().optional(),
  recordId: z.uuid().optional(),
  userLoginId: loginIdSchema.optional(),
  unitCode: unitCodeSchema.optional(),
  applicationCode: applicationCodeSchema.optional(),
  /** Inclusive; a bare date is its start in Japan time. */
  from: instant.optional(),
  /** Exclusive; a bare date means the whole of that day in Japan time. */
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Paging: the `next` cursor of the previous page — the audit seq, and the record on by-person views. */
  cursor: z
    .string()
    .regex(/^[0-9]{1,20}(\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/, 'cursor')
    .optional(),
});
export type AccessRecordsQuery = z.infer<typeof accessRecordsQuerySchema>;
