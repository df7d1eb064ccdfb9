import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * APP-7 near matches, and the indexes behind them (decision 0019).
 * - The trigram index over the distinct names writes new names straight in. With GIN's fast update
 *   they waited in a pending list that every search reads in full, merged only by VACUUM, by
 *   autovacuum's ANALYZE, by gin_clean_pending_list or by an insert finding it over 4 MB; the
 *   planner, counting those pages, then read every name instead. After seeds of 20,000 persons a
 *   near match took 78–80 ms in most runs, and 2.4–2.5 ms with this. New names are few (the
 *   distinct names, not the records), so the slower insert costs little.
 * - The trigram indexes over the records themselves are dropped: since 20261124T0400 near matches
 *   go through the distinct names, and nothing reads these. They cost every import and seed a GIN
 *   insert per name and reading.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    ALTER INDEX app_record_names_trgm SET (fastupdate = off);
    SELECT gin_clean_pending_list('app_record_names_trgm'::regclass);
    DROP INDEX app_records_name_trgm;
    DROP INDEX app_records_kana_trgm;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
