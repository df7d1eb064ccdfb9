import { z } from 'zod';
import { EMPLOYMENT_TYPES, UNIT_KINDS } from './catalog.js';

export const unitCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'unit code: 1–32 letters, digits, - or _');
export const loginIdSchema = z.string().regex(/^[A-Za-z0-9._-]{3,32}$/, 'login ID: 3–32 letters, digits, . _ -');
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar date',
  );
const nameSchema = z.string().trim().min(1).max(100);

export const createUnitSchema = z.object({
  code: unitCodeSchema,
  name: nameSchema,
  nameEn: z.string().trim().max(100).optional(),
  kind: z.enum(UNIT_KINDS),
  parentCode: unitCodeSchema.optional(),
});

export const updateUnitSchema = z.object({
  name: nameSchema.optional(),
  nameEn: z.string().trim().max(100).nullable().optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  parentCode: unitCodeSchema.nullable().optional(),
});

/** Roles and posts may be given as codes or Japanese labels; the service resolves them. */
export const createUserSchema = z.object({
  loginId: loginIdSchema,
  name: nameSchema,
  nameKana: z.string().trim().max(100).optional(),
  employmentType: z.enum(EMPLOYMENT_TYPES).default('regular'),
  unitCode: unitCodeSchema.optional(),
  roles: z.array(z.string().min(1).max(40)).max(10).default([]),
  posts: z
    .array(z.object({ post: z.string().min(1).max(40), unitCode: unitCodeSchema.optional() }))
    .max(10)
    .default([]),
});

export const transferSchema = z.object({ unitCode: unitCodeSchema, effectiveDate: isoDateSchema });
export const retireSchema = z.object({ effectiveDate: isoDateSchema });
export const disableSchema = z.object({ reason: z.string().trim().min(1).max(500) });
export const rolesSchema = z.object({ roles: z.array(z.string().min(1).max(40)).max(10) });
export const addPostSchema = z.object({
  post: z.string().min(1).max(40),
  unitCode: unitCodeSchema.optional(),
  validFrom: isoDateSchema.optional(),
});
export const listUsersQuerySchema = z.object({
  unit: unitCodeSchema.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type CreateUnitInput = z.infer<typeof createUnitSchema>;
export type UpdateUnitInput = z.infer<typeof updateUnitSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;
