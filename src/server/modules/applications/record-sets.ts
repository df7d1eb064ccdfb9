import { createHash } from 'node:crypto';
import { z } from 'zod';
import { foldKey, foldName } from '../../shared/name-folding.js';
import { LONE_SURROGATE } from '../../shared/unicode.js';
import { canonicalJson, type JsonValue } from '../audit/canonical-json.js';
import { isoDateSchema } from '../org/schema.js';

/**
 * The typed record sets of the applications (APP-1 datasets, APP-12 input validation). Every record
 * of every application lives in app_records; what a record may contain is defined here, once, and
 * checked on every import row and every seeded row. The search columns are derived here too, with
 * the same folding the inquiries apply to criteria, so a stored key and a typed name always meet.
 */

/** APP-12 "forbidden strings": control characters, lone surrogates, and a leading = + - @ that a spreadsheet would run as a formula. */
const CONTROL = /\p{Cc}/u;
const FORMULA_START = /^[=+\-@]/;

function text(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed')
    .refine((s) => !LONE_SURROGATE.test(s), 'not valid Unicode text')
    .refine((s) => !FORMULA_START.test(s), 'must not start with = + - or @');
}

/** Kana reading: hiragana or katakana (full or half width), spaces and the long-vowel mark. */
const kana = text(100).refine((s) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー\s\u3000･ﾞﾟ]+$/u.test(s), 'the reading must be kana');
const date = isoDateSchema;
/** Dates of birth and events are in the past and not before 1900 (APP-12 range check). */
const pastDate = date.refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'date out of range');

export const licence = z.strictObject({
  name: text(60),
  nameKana: kana,
  birthDate: pastDate,
  address: text(200),
  /** 免許証番号: 12 digits. */
  licenceNumber: z.string().regex(/^\d{12}$/, 'licence number: 12 digits'),
  licenceClasses: z
    .array(z.enum(['大型', '中型', '準中型', '普通', '大特', '大自二', '普自二', '小特', '原付', '大型二種', '中型二種', '普通二種']))
    .min(1)
    .max(12),
  issuedOn: date,
  validUntil: date,
  conditions: text(100).optional(),
  status: z.enum(['有効', '失効', '停止', '取消']),
});

export const vehicle = z.strictObject({
  /** 自動車登録番号, e.g. 品川 330 さ 12-34. */
  plateNumber: text(30),
  ownerName: text(60),
  ownerKana: kana,
  ownerBirthDate: pastDate.optional(),
  ownerAddress: text(200),
  make: text(40),
  model: text(40),
  colour: text(20),
  /** 車台番号 */
  chassisNumber: z.string().regex(/^[A-Z0-9-]{5,20}$/, 'chassis number: 5–20 capitals, digits or -'),
  registeredOn: date,
  inspectionValidUntil: date,
});

export const lostProperty = z.strictObject({
  /** 受理番号 */
  reportNumber: z.string().regex(/^[A-Z0-9-]{4,24}$/, 'report number: 4–24 capitals, digits or -'),
  kind: z.enum(['遺失届', '拾得届']),
  reporterName: text(60),
  reporterKana: kana,
  reporterBirthDate: pastDate.optional(),
  reporterAddress: text(200),
  item: text(100),
  description: text(500).optional(),
  place: text(200),
  occurredOn: pastDate,
  reportedOn: pastDate,
  status: z.enum(['受理', '返還済', '保管中', '処分済']),
});

export type RecordSetCode = 'licence' | 'vehicle' | 'lost_property';

export interface SearchColumns {
  name_key: string | null;
  kana_key: string | null;
  birth_date: string | null;
  key_text: string | null;
}

interface RecordSetDefinition<T extends z.ZodType> {
  code: RecordSetCode;
  label: { ja: string; en: string };
  schema: T;
  search: (data: z.infer<T>) => SearchColumns;
}

function define<T extends z.ZodType>(d: RecordSetDefinition<T>): RecordSetDefinition<z.ZodType> {
  return d as unknown as RecordSetDefinition<z.ZodType>;
}

export const RECORD_SETS: Readonly<Record<RecordSetCode, RecordSetDefinition<z.ZodType>>> = {
  licence: define({
    code: 'licence',
    label: { ja: '運転免許', en: 'Driving licences' },
    schema: licence,
    search: (d) => ({
      name_key: foldName(d.name),
      kana_key: foldName(d.nameKana),
      birth_date: d.birthDate,
      key_text: foldKey(d.licenceNumber),
    }),
  }),
  vehicle: define({
    code: 'vehicle',
    label: { ja: '自動車登録', en: 'Vehicle registrations' },
    schema: vehicle,
    search: (d) => ({
      name_key: foldName(d.ownerName),
      kana_key: foldName(d.ownerKana),
      birth_date: d.ownerBirthDate ?? null,
      key_text: foldKey(d.plateNumber),
    }),
  }),
  lost_property: define({
    code: 'lost_property',
    label: { ja: '遺失物・拾得物', en: 'Lost and found property' },
    schema: lostProperty,
    search: (d) => ({
      name_key: foldName(d.reporterName),
      kana_key: foldName(d.reporterKana),
      birth_date: d.reporterBirthDate ?? null,
      key_text: foldKey(d.reportNumber),
    }),
  }),
};

export function isRecordSetCode(value: string): value is RecordSetCode {
  return Object.hasOwn(RECORD_SETS, value);
}

/**
 * APP-12: the digest kept with a record — SHA-256 over the canonical JSON (RFC 8785) of the record's
 * identity and content. Recomputed when the record is read; a difference means the row was changed
 * outside the application.
 */
export function recordDigest(id: string, recordSet: string, subjectId: string | null, data: JsonValue): string {
  const bytes = canonicalJson({ id, recordSet, subjectId, data });
  return createHash('sha256').update(bytes).digest('hex');
}

/** Search columns of a validated record. */
export function searchColumns(recordSet: RecordSetCode, data: unknown): SearchColumns {
  return RECORD_SETS[recordSet].search(data);
}
