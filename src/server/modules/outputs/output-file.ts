import type { AppRecordRow } from '../../db/schema-information.js';
import { type CsvCell, excelCsv } from '../../shared/excel-csv.js';
import { verifyRecordDigest } from '../applications/integrity.js';
import { licence, lostProperty, vehicle } from '../applications/record-sets.js';
import type { Watermark } from '../inquiries/watermark.js';

/*
 * The export file and the records of an output (APP-9, OUT-2): the watermark lines first, then the
 * records with their integrity (APP-12) checked again as they leave.
 */

/** The fields of each record set in the order their schema declares them. */
const FIELD_ORDER: Record<string, string[]> = {
  licence: Object.keys(licence.shape),
  vehicle: Object.keys(vehicle.shape),
  lost_property: Object.keys(lostProperty.shape),
};

export interface OutputRecord {
  id: string;
  recordSet: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  /** APP-12: the stored digest still matches the content. */
  integrity: 'ok' | 'mismatch';
}

export function outputRecords(rows: readonly AppRecordRow[]): OutputRecord[] {
  return rows.map((r) => ({
    id: r.id,
    recordSet: r.record_set,
    subjectId: r.subject_id,
    data: r.data,
    integrity: verifyRecordDigest(r) ? 'ok' : 'mismatch',
  }));
}

function cell(value: unknown): CsvCell {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('・');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The export file: watermark lines first, an empty line, then the records under their header. */
export function exportCsv(
  w: Watermark,
  meta: { applicationCode: string; applicationName: string; purpose: string },
  records: readonly OutputRecord[],
): { bytes: Buffer; unencodable: number } {
  const fields = [...new Set(records.flatMap((r) => FIELD_ORDER[r.recordSet] ?? Object.keys(r.data)))];
  const rows: CsvCell[][] = [
    ['閲覧者', w.name],
    ['ログインID', w.loginId],
    ['所属', w.unit ?? '（所属なし）'],
    ['出力日時', w.atJa],
    ['端末', w.terminal ?? '不明'],
    ['出力資料番号', w.number ?? ''],
    ['適用業務', `${meta.applicationCode} ${meta.applicationName}`],
    ['出力目的', meta.purpose],
    ['注意', '個人情報出力資料管理簿に記録済み。目的外利用・複写禁止。用済み後は返却又は廃棄すること。'],
    [],
    ['記録ID', '記録種別', '整合性', ...fields],
    ...records.map((r) => [r.id, r.recordSet, r.integrity === 'ok' ? '正常' : '不一致', ...fields.map((f) => cell(r.data[f]))]),
  ];
  return excelCsv(['個人情報出力資料', w.text], rows);
}
