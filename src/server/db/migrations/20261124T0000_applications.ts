import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * Applications (適用業務, APP-1, APP-2, CLS-1) and their record sets (APP-12).
 * An application is created, changed and abolished only as the effect of an approved 様式1/様式2;
 * every version is kept (application_versions, append-only). Records arrive only through an approved
 * 様式6 import (record_imports) and carry a digest of their content so tampering is detected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      state text NOT NULL CHECK (state IN ('development','active','abolished')),
      personal_information boolean NOT NULL,
      -- CLS-1: 機密性 1–3 of the data the application handles.
      classification smallint NOT NULL CHECK (classification BETWEEN 1 AND 3),
      business_unit_id uuid REFERENCES units(id),
      -- AIC 第4: purpose, operating structure, datasets, procedures, access criteria, handling of
      -- input/output material, how query records are checked, outsourcing, manuals, terminals.
      particulars jsonb NOT NULL,
      -- APP-3 第5-3: who may hold a right (posts, units, employment types) and the scopes offered.
      access_criteria jsonb NOT NULL,
      -- APP-8: the purpose codes a querier chooses from, and which of them need a case number.
      purpose_codes jsonb NOT NULL,
      -- APP-7: a query returning more people than this is refused as too broad.
      max_people integer NOT NULL DEFAULT 20 CHECK (max_people > 0),
      -- OUT-3 / OUT-4: unit-head confirmation or the pre-delivery check by the direct supervisor.
      output_check text NOT NULL DEFAULT 'unit_head' CHECK (output_check IN ('unit_head','pre_delivery')),
      version integer NOT NULL DEFAULT 1,
      request_id uuid REFERENCES requests(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      abolished_on date
    );

    CREATE TABLE application_versions (
      application_id uuid NOT NULL REFERENCES applications(id),
      version integer NOT NULL,
      snapshot jsonb NOT NULL,
      request_id uuid REFERENCES requests(id),
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (application_id, version)
    );

    CREATE TABLE record_imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications(id),
      request_id uuid REFERENCES requests(id),
      record_set text NOT NULL,
      format text NOT NULL CHECK (format IN ('csv','json','seed')),
      encoding text,
      row_count integer NOT NULL,
      source_sha256 text NOT NULL,
      imported_by uuid REFERENCES users(id),
      imported_at timestamptz NOT NULL
    );

    -- One table for every record set; the typed content is data (validated by the record set's
    -- schema in code), the search columns are derived from it by the name folding of inquiries.
    CREATE TABLE app_records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications(id),
      record_set text NOT NULL,
      -- The person the record is about, shared by that person's records in every application,
      -- so "who looked up this person" finds licence, vehicle and lost-property look-ups alike.
      subject_id uuid,
      name_key text,
      kana_key text,
      birth_date date,
      key_text text,
      data jsonb NOT NULL,
      -- APP-12: SHA-256 over the record's canonical content; a mismatch on read is reported.
      digest text NOT NULL,
      import_id uuid REFERENCES record_imports(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX app_records_name_trgm ON app_records USING gin (name_key gin_trgm_ops);
    CREATE INDEX app_records_kana_trgm ON app_records USING gin (kana_key gin_trgm_ops);
    CREATE INDEX app_records_app_name ON app_records (application_id, name_key);
    CREATE INDEX app_records_app_kana ON app_records (application_id, kana_key);
    CREATE INDEX app_records_app_birth ON app_records (application_id, birth_date);
    CREATE INDEX app_records_app_key ON app_records (application_id, key_text);
    CREATE INDEX app_records_subject ON app_records (subject_id);

    -- Who processed a queued effect of an approved request (registrar, system manager) and how.
    ALTER TABLE request_effects_pending ADD COLUMN processed_by uuid REFERENCES users(id);
    ALTER TABLE request_effects_pending ADD COLUMN outcome jsonb;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
