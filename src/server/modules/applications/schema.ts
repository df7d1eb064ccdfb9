import { z } from 'zod';
import { applicationCode } from '../requests/fields/common.js';
import type { ApplicationDefinition } from './demo-applications.js';
import type { RecordSetCode } from './record-sets.js';

/** Edge schemas of the applications module (APP-1, APP-2, APP-11, APP-12). */

export const codeParams = z.strictObject({ code: applicationCode });
export const effectIdParams = z.strictObject({ id: z.uuid() });

const RECORD_SET_CODES = ['licence', 'vehicle', 'lost_property'] as const satisfies readonly RecordSetCode[];

const label = z.strictObject({ ja: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) });
const shortText = z.string().trim().min(1).max(100);

/** Keys the particulars may not use: recordSet and criteria are stored beside them in the same jsonb. */
const RESERVED_PARTICULARS = new Set(['recordSet', 'criteria']);

/**
 * The technical settings the system manager gives when registering an application a 様式1/様式2
 * approved (APP-2). Code and name are not here: they come from the approved request.
 */
export const settingsSchema = z.strictObject({
  recordSet: z.enum(RECORD_SET_CODES),
  personalInformation: z.boolean(),
  classification: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  maxPeople: z.number().int().min(1).max(1000),
  outputCheck: z.enum(['unit_head', 'pre_delivery']),
  particulars: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), z.string().trim().max(2000))
    .refine((p) => Object.keys(p).length <= 30, 'at most 30 particulars')
    .refine((p) => Object.keys(p).every((k) => !RESERVED_PARTICULARS.has(k)), 'recordSet and criteria are not particulars'),
  accessCriteria: z.strictObject({
    posts: z.array(shortText).max(50),
    unitCodes: z.array(shortText).max(500),
    employmentTypes: z.array(shortText).max(10),
    scopes: z.array(shortText).min(1).max(20),
  }),
  purposeCodes: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
        ja: shortText,
        en: shortText,
        caseNumberRequired: z.boolean(),
      }),
    )
    .min(1)
    .max(50)
    .refine((list) => new Set(list.map((p) => p.code)).size === list.length, 'purpose codes must be unique'),
  criteria: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/),
        kind: z.enum(['name', 'date', 'key']),
        label,
      }),
    )
    .min(1)
    .max(10)
    .refine((list) => new Set(list.map((c) => c.name)).size === list.length, 'criterion names must be unique'),
});

export type ApplicationSettings = Omit<ApplicationDefinition, 'code' | 'name'>;

// The edge schema and the definition type must describe the same thing.
const _settingsMatch: (s: z.infer<typeof settingsSchema>) => ApplicationSettings = (s) => s;
void _settingsMatch;

/** An abolition needs no settings; a development or change does (checked in the service). */
export const registerBodySchema = settingsSchema.nullish();

/** 20 MiB of file (APP-11 input material); base64 makes it 4/3 as long, plus the JSON around it. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_BODY_LIMIT = Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024;

export const importBodySchema = z.strictObject({
  recordSet: z.enum(RECORD_SET_CODES),
  format: z.enum(['csv', 'json']),
  encoding: z.enum(['utf-8', 'cp932']).default('utf-8'),
  content: z
    .string()
    .min(1)
    .max(IMPORT_BODY_LIMIT)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'content: base64'),
});

export type ImportBody = z.infer<typeof importBodySchema>;
