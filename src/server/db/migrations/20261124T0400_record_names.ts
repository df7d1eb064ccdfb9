import { type Kysely, sql } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * The distinct folded names of each application's records (APP-7 near-match search). A near match
 * (pg_trgm) over the records themselves reads the long posting lists of common trigrams — every
 * たなか, every 佐藤 — for each query; over the distinct names (a few tens of thousands for a
 * million persons) it is a small index. The names found then select the records by the btree on
 * (application_id, name_key | kana_key). Kept by a statement trigger, so every way records are
 * written (import, demo seed) keeps it complete; append-only like the records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE app_record_names (
      application_id uuid NOT NULL REFERENCES applications(id),
      kind text NOT NULL CHECK (kind IN ('name','kana')),
      key text NOT NULL,
      -- key first: a search filters by application and kind, and must reach the names through the
      -- trigram index, not walk all of an application's names in this one.
      PRIMARY KEY (key, application_id, kind)
    );
    CREATE INDEX app_record_names_trgm ON app_record_names USING gin (key gin_trgm_ops);
  `,
  );
  // A function body holds semicolons: one statement of its own.
  await sql`
    CREATE FUNCTION app_record_names_collect() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO app_record_names (application_id, kind, key)
      SELECT application_id, 'name', name_key FROM new_rows WHERE name_key IS NOT NULL
      UNION
      SELECT application_id, 'kana', kana_key FROM new_rows WHERE kana_key IS NOT NULL
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $fn$`.execute(db);
  await execStatements(
    db,
    `
    CREATE TRIGGER app_record_names_collect AFTER INSERT ON app_records
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_record_names_collect();

    INSERT INTO app_record_names (application_id, kind, key)
    SELECT application_id, 'name', name_key FROM app_records WHERE name_key IS NOT NULL
    UNION
    SELECT application_id, 'kana', kana_key FROM app_records WHERE kana_key IS NOT NULL
    ON CONFLICT DO NOTHING;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
