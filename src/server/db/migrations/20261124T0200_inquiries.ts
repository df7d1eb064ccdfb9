import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * The query log (照会記録, APP-8, AUD-1): one row per answered query, pointing at its committed audit
 * entry (audit_seq), and one row per returned record so "who looked up this record / person" is an
 * index read. Both are append-only for the runtime role; the audit entry is the proof, these rows
 * are its index (they can be rebuilt from the log).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE inquiries (
      id uuid PRIMARY KEY,
      audit_seq bigint NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      unit_id uuid REFERENCES units(id),
      application_id uuid NOT NULL REFERENCES applications(id),
      purpose_code text NOT NULL,
      purpose_text text NOT NULL,
      case_number text,
      criteria jsonb NOT NULL,
      result_count integer NOT NULL,
      queried_at timestamptz NOT NULL
    );
    CREATE INDEX inquiries_user_at ON inquiries(user_id, queried_at);
    CREATE INDEX inquiries_unit_at ON inquiries(unit_id, queried_at);
    CREATE INDEX inquiries_app_at ON inquiries(application_id, queried_at);
    -- Access records page newest first by audit seq; a period view of every unit reads this backwards.
    CREATE INDEX inquiries_seq ON inquiries(audit_seq);

    CREATE TABLE inquiry_results (
      record_id uuid NOT NULL,
      inquiry_id uuid NOT NULL REFERENCES inquiries(id),
      subject_id uuid,
      queried_at timestamptz NOT NULL,
      PRIMARY KEY (record_id, inquiry_id)
    );
    CREATE INDEX inquiry_results_subject ON inquiry_results(subject_id, queried_at) WHERE subject_id IS NOT NULL;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
