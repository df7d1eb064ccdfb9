import { z } from 'zod';
import { loginIdSchema } from '../org/schema.js';
import { REQUEST_STATES, REQUEST_TYPE_CODES } from './contract.js';

/** Request bodies and parameters of /api/requests…, /api/delegations, /api/external-services (zod at the edge). */

export const requestIdParams = z.object({
  id: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|R\d{4}-\d{6})$/, 'request id or number'),
});
export const uuidParams = z.object({ id: z.uuid() });
export const attachmentParams = requestIdParams.extend({ attachmentId: z.uuid() });

/** The type's own schema (fields/<code>.ts) checks the fields in the service. */
const fieldsSchema = z.record(z.string().max(100), z.unknown());
const comment = z.string().trim().min(1).max(2000);
const reason = z.string().trim().min(1).max(1000);

export const createRequestSchema = z.object({ typeCode: z.enum(REQUEST_TYPE_CODES), fields: fieldsSchema });
export const updateRequestSchema = z.object({ fields: fieldsSchema });
export const withdrawSchema = z.object({ reason: reason.optional() }).default({});
export const approveSchema = z
  .object({
    comment: comment.optional(),
    /** ORG-3 "unavoidable" override, only where the type allows it. */
    overrideReason: reason.optional(),
    stageId: z.uuid().optional(),
  })
  .default({});
export const rejectSchema = z.object({ comment, stageId: z.uuid().optional() });
export const cancelSchema = z.object({ reason });
export const paperworkSchema = z.object({ fields: fieldsSchema.optional() }).default({});
export const oralSchema = z.object({
  typeCode: z.enum(REQUEST_TYPE_CODES),
  applicantLoginId: loginIdSchema,
  fields: fieldsSchema,
  comment: comment.optional(),
});
export const commentSchema = z.object({ body: comment });
export const attachmentSchema = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\p{Cc}]+$/u, 'a file name without path or control characters'),
  contentType: z.string().min(1).max(100),
  /** Standard base64 of the file (at most 2 MiB once decoded). */
  dataBase64: z
    .string()
    .min(1)
    .max(3_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});
export const lendSchema = z.object({ event: z.enum(['lent', 'returned', 'confirmed']), note: z.string().trim().max(500).optional() });
export const reviewSchema = z.object({ comment });

export const listQuerySchema = z.object({
  type: z.enum(REQUEST_TYPE_CODES).optional(),
  state: z.enum(REQUEST_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const csvQuerySchema = listQuerySchema.extend({
  scope: z.enum(['mine', 'inbox', 'all']).default('mine'),
  limit: z.coerce.number().int().min(1).max(10_000).default(10_000),
});

export const delegationSchema = z.object({
  deputyLoginId: loginIdSchema,
  validFrom: z.iso.datetime({ offset: true }),
  validTo: z.iso.datetime({ offset: true }),
  reason: reason,
});
export const serviceListQuerySchema = z.object({ state: z.enum(['in_use', 'ended', 'cancelled']).optional() });
export const serviceEndSchema = z.object({ note: z.string().trim().max(1000).optional() }).default({});
