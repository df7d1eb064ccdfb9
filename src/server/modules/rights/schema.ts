import { z } from 'zod';
import { isoDateSchema, loginIdSchema, unitCodeSchema } from '../org/schema.js';
import { applicationCode, line } from '../requests/fields/common.js';

/** Parameters and bodies of /api/rights…, /api/effects/:id/registrar and /api/contracts (zod at the edge). */

export const unitQuery = z.object({ unit: unitCodeSchema });
export const unitListQuery = z.object({
  unit: unitCodeSchema,
  includeEnded: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export const unusedQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(90) });
export const effectParams = z.object({ effectId: z.uuid() });
export const idParams = z.object({ id: z.uuid() });

export const contractSchema = z
  .strictObject({
    userLoginId: loginIdSchema,
    contractName: line(200),
    applicationCodes: z.array(applicationCode).min(1).max(50),
    validFrom: isoDateSchema,
    validTo: isoDateSchema,
  })
  .refine((v) => v.validFrom <= v.validTo, { path: ['validTo'], message: 'the contract ends before it starts' });
