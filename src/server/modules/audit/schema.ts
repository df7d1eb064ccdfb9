import { z } from 'zod';
import { unitCodeSchema } from '../org/schema.js';

/**
 * Query strings of the audit log's search and export (AUD-4). Times: `YYYY-MM-DD` is a calendar day
 * in Japan (from = its first instant, to = its last); a date-time without an offset is Japan time
 * too; one with `Z` or `±hh:mm` is taken as written.
 */

const TOKYO_OFFSET = '+09:00';
const DAY_MS = 86_400_000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** True when the fields name a real calendar day and time (Date.parse would roll 02-30 over). */
function realDate(y: string, mo: string, d: string, h = '00', mi = '00', s = '00'): boolean {
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return (
    probe.getUTCFullYear() === Number(y) &&
    probe.getUTCMonth() === Number(mo) - 1 &&
    probe.getUTCDate() === Number(d) &&
    probe.getUTCHours() === Number(h) &&
    probe.getUTCMinutes() === Number(mi) &&
    probe.getUTCSeconds() === Number(s)
  );
}

/**
 * The instant a `from` (`edge: 'start'`) or `to` (`edge: 'end'`) bound stands for, or null when the
 * text is not a date. A day's end is the first instant of the next day (exclusive); a date-time's
 * end is the date-time itself, plus one millisecond (so `to` is inclusive).
 */
export function boundInstant(text: string, edge: 'start' | 'end'): Date | null {
  const day = DATE_ONLY.exec(text);
  if (day) {
    const [, y = '', mo = '', d = ''] = day;
    if (!realDate(y, mo, d)) return null;
    const start = new Date(`${y}-${mo}-${d}T00:00:00.000${TOKYO_OFFSET}`);
    return edge === 'start' ? start : new Date(start.getTime() + DAY_MS);
  }
  const dt = DATE_TIME.exec(text);
  if (!dt) return null;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '00', frac = '', zone] = dt;
  if (!realDate(y, mo, d, h, mi, s)) return null;
  if (zone && zone !== 'Z' && !/^[+-](0\d|1[0-4]):[0-5]\d$/.test(zone)) return null;
  const ms = frac ? frac.slice(1).padEnd(3, '0') : '000';
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone ?? TOKYO_OFFSET}`);
  if (Number.isNaN(at.getTime())) return null;
  return edge === 'start' ? at : new Date(at.getTime() + 1);
}

const instantSchema = z
  .string()
  .max(40)
  .refine((s) => boundInstant(s, 'start') !== null, 'a date (YYYY-MM-DD) or an ISO 8601 date-time');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function looksLikeUuid(value: string): boolean {
  return UUID.test(value);
}

/** A sequence number as digits (bigint; kept as a string, below 10^18 so PostgreSQL never overflows). */
export const seqSchema = z.string().regex(/^\d{1,18}$/, 'a sequence number');

export const OUTCOMES = ['success', 'denied', 'failure'] as const;

const filterFields = z.object({
  /** A login ID or a user id (uuid). */
  user: z
    .string()
    .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'a login ID or a user id')
    .optional(),
  unit: unitCodeSchema.optional(),
  /** `auth.` = every action under auth; `auth.login` = that action and those under it. */
  action: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'an action code or its prefix (e.g. auth.)')
    .optional(),
  target: z.string().min(1).max(200).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  /** Entries before (older than) this sequence number: the paging cursor. */
  before: seqSchema.optional(),
});

function periodInOrder(q: { from?: string | undefined; to?: string | undefined }): boolean {
  if (!q.from || !q.to) return true;
  const from = boundInstant(q.from, 'start');
  const to = boundInstant(q.to, 'end');
  return from === null || to === null || from.getTime() < to.getTime();
}

const PERIOD_ORDER = { message: 'from must be before to', path: ['to'] };

/** Filters of the CSV export. */
export const entryFilterSchema = filterFields.refine(periodInOrder, PERIOD_ORDER);

/** Filters plus the page size of the search. */
export const searchQuerySchema = filterFields
  .extend({ limit: z.coerce.number().int().min(1).max(500).default(100) })
  .refine(periodInOrder, PERIOD_ORDER);

export const entryParamsSchema = z.object({ seq: seqSchema });

export type EntryFilter = z.infer<typeof entryFilterSchema>;
export type SearchQuery = z.infer<typeof searchQuerySchema>;
