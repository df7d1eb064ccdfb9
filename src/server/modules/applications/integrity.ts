import type { AppRecordRow } from '../../db/schema-information.js';
import type { JsonValue } from '../audit/canonical-json.js';
import { recordDigest } from './record-sets.js';

/**
 * APP-12: a record read back is checked against the digest stored when it was imported. A row
 * changed outside the application (by SQL, by a restore of the wrong file) no longer matches; the
 * inquiry answer then marks it `mismatch` instead of presenting it as the record that was input.
 */
export function verifyRecordDigest(row: Pick<AppRecordRow, 'id' | 'record_set' | 'subject_id' | 'data' | 'digest'>): boolean {
  return recordDigest(row.id, row.record_set, row.subject_id, row.data as JsonValue) === row.digest;
}
