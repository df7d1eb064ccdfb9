import iconv from 'iconv-lite';
import { z } from 'zod';
import { readCsv } from './csv-reader.js';
import { licence, lostProperty, RECORD_SETS, type RecordSetCode, vehicle } from './record-sets.js';

/**
 * 様式6 input files (APP-11) read and checked row by row against the record set (APP-12). Nothing
 * here writes: the result is either every row valid, or the list of what is wrong where.
 *
 * CSV: the first record is the header, naming the record set's fields (and optionally
 * `subjectId`); an empty cell leaves an optional field out; a list field (licenceClasses) holds its
 * items separated by `;` (e.g. `普通;中型`). Row numbers are those a spreadsheet shows: the header
 * is row 1, the first record row 2. JSON: an array of objects with the same field names (lists as
 * arrays); row n is the n-th element.
 */

export interface RowError {
  row: number;
  field: string | null;
  message: string;
}

export interface ImportRow {
  subjectId: string | null;
  data: Record<string, unknown>;
}

export type ParseResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: RowError[]; errorCount: number };

/** At most this many errors are reported (the count says how many there were). */
const MAX_REPORTED = 200;
export const MAX_ROWS = 200_000;

const SHAPES = { licence: licence.shape, vehicle: vehicle.shape, lost_property: lostProperty.shape } as const;

function unwrap(t: z.ZodType): z.ZodType {
  return t instanceof z.ZodOptional ? (t.unwrap() as z.ZodType) : t;
}

function fieldsOf(set: RecordSetCode): { all: string[]; required: string[]; lists: Set<string> } {
  const shape: Record<string, z.ZodType> = SHAPES[set];
  const all = Object.keys(shape);
  return {
    all,
    required: all.filter((k) => !(shape[k] instanceof z.ZodOptional)),
    lists: new Set(all.filter((k) => unwrap(shape[k] as z.ZodType) instanceof z.ZodArray)),
  };
}

const subjectIdSchema = z.uuid();
/** What a decoder leaves for bytes it could not read. */
const UNDECODABLE = '\ufffd';

class Report {
  readonly errors: RowError[] = [];
  count = 0;
  add(row: number, field: string | null, message: string) {
    this.count += 1;
    if (this.errors.length < MAX_REPORTED) this.errors.push({ row, field, message });
  }
  result(rows: ImportRow[]): ParseResult {
    return this.count === 0 ? { ok: true, rows } : { ok: false, errors: this.errors, errorCount: this.count };
  }
}

export function decode(bytes: Buffer, encoding: 'utf-8' | 'cp932'): string {
  const text = encoding === 'cp932' ? iconv.decode(bytes, 'cp932') : new TextDecoder('utf-8').decode(bytes);
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

function checkRow(set: RecordSetCode, row: number, raw: Record<string, unknown>, report: Report, out: ImportRow[]) {
  const { subjectId, ...data } = raw;
  let subject: string | null = null;
  if (subjectId !== undefined && subjectId !== null && subjectId !== '') {
    const parsed = subjectIdSchema.safeParse(subjectId);
    if (parsed.success) subject = parsed.data.toLowerCase();
    else report.add(row, 'subjectId', 'subjectId: not a UUID');
  }
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string' && v.includes(UNDECODABLE)) report.add(row, k, 'contains bytes the encoding cannot read');
  }
  const parsed = RECORD_SETS[set].schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const field = keys.length > 0 ? keys.join(',') : issue.path.length > 0 ? String(issue.path[0]) : null;
      report.add(row, field, issue.message);
    }
    return;
  }
  out.push({ subjectId: subject, data: parsed.data as Record<string, unknown> });
}

function tooMany(report: Report, count: number): boolean {
  if (count <= MAX_ROWS) return false;
  report.add(0, null, `too many rows (${count}); at most ${MAX_ROWS} per file`);
  return true;
}

export function parseCsv(set: RecordSetCode, text: string): ParseResult {
  const report = new Report();
  const read = readCsv(text);
  if (!read.ok) {
    report.add(read.record, null, read.message.en);
    return report.result([]);
  }
  const [header, ...records] = read.records;
  if (!header) {
    report.add(1, null, 'the file has no header row');
    return report.result([]);
  }
  const { all, required, lists } = fieldsOf(set);
  const known = new Set([...all, 'subjectId']);
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.has(name)) report.add(1, name, `unknown column; the columns are ${all.join(', ')}, subjectId`);
    else if (seen.has(name)) report.add(1, name, 'the column appears twice');
    seen.add(name);
  }
  for (const name of required) if (!seen.has(name)) report.add(1, name, 'required column missing');
  if (report.count > 0) return report.result([]);
  if (records.length === 0) report.add(2, null, 'the file has no data rows');
  if (tooMany(report, records.length)) return report.result([]);
  const rows: ImportRow[] = [];
  records.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== names.length) {
      report.add(row, null, `${cells.length} cells where the header has ${names.length}`);
      return;
    }
    const raw: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const cell = cells[i] ?? '';
      if (cell.trim() === '') return;
      raw[name] = lists.has(name)
        ? cell
            .split(/[;；]/)
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : cell;
    });
    checkRow(set, row, raw, report, rows);
  });
  return report.result(rows);
}

export function parseJson(set: RecordSetCode, text: string): ParseResult {
  const report = new Report();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    report.add(0, null, 'not valid JSON');
    return report.result([]);
  }
  if (!Array.isArray(value)) {
    report.add(0, null, 'the JSON must be an array of records');
    return report.result([]);
  }
  if (value.length === 0) report.add(0, null, 'the file has no records');
  if (tooMany(report, value.length)) return report.result([]);
  const rows: ImportRow[] = [];
  value.forEach((item: unknown, index) => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      report.add(row, null, 'each record must be an object');
      return;
    }
    checkRow(set, row, { ...(item as Record<string, unknown>) }, report, rows);
  });
  return report.result(rows);
}

export function parseImport(set: RecordSetCode, format: 'csv' | 'json', text: string): ParseResult {
  return format === 'csv' ? parseCsv(set, text) : parseJson(set, text);
}
