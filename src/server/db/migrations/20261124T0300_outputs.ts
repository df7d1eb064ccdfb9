import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * The output ledger (個人情報出力資料管理簿, OUT-1 … OUT-6) and the manuals ledger (取扱説明書, OUT-7).
 * A material carries its current state; every handling of it is an event (append-only), and every
 * confirmation by the unit head or the pre-delivery check (OUT-3, OUT-4) is a row of its own
 * (append-only), so the ledger is a record, never edited. Kept 5 years from the last event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE output_materials (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      application_id uuid NOT NULL REFERENCES applications(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      inquiry_id uuid REFERENCES inquiries(id),
      request_id uuid REFERENCES requests(id),
      copy_of uuid REFERENCES output_materials(id),
      -- OUT-1: why it may exist at all.
      basis text NOT NULL CHECK (basis IN ('application_purpose','lawful_provision','maintenance','temporary_output')),
      kind text NOT NULL CHECK (kind IN ('print','export','temporary_output','copy')),
      purpose text NOT NULL,
      summary text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      check_mode text NOT NULL CHECK (check_mode IN ('unit_head','pre_delivery')),
      state text NOT NULL CHECK (state IN ('held','delivered','returned','disposed')),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      last_event_at timestamptz NOT NULL
    );
    CREATE INDEX output_materials_unit_idx ON output_materials(unit_id, created_at);

    CREATE TABLE output_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      material_id uuid NOT NULL REFERENCES output_materials(id),
      seq integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('create','receive','copy','deliver','return','store','dispose')),
      at timestamptz NOT NULL,
      handler_id uuid NOT NULL REFERENCES users(id),
      quantity integer,
      recipient text,
      means text,
      method text,
      note text,
      -- OUT-5: delivery by post needs 総務部長's approval (its number); by file server, e-mail or fax
      -- the leak countermeasure agreed with the business unit. OUT-6: where it is locked away.
      approval text,
      countermeasure text,
      place text,
      UNIQUE (material_id, seq)
    );
    CREATE INDEX output_events_at_idx ON output_events(at);

    CREATE TABLE output_confirmations (
      event_id uuid PRIMARY KEY REFERENCES output_events(id),
      mode text NOT NULL CHECK (mode IN ('unit_head','pre_delivery')),
      confirmed_by uuid NOT NULL REFERENCES users(id),
      confirmed_at timestamptz NOT NULL,
      note text
    );

    CREATE TABLE manuals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      application_id uuid NOT NULL REFERENCES applications(id),
      title text NOT NULL,
      unit_id uuid NOT NULL REFERENCES units(id),
      copies integer NOT NULL CHECK (copies > 0),
      state text NOT NULL CHECK (state IN ('held','disposed')),
      registered_by uuid NOT NULL REFERENCES users(id),
      registered_at timestamptz NOT NULL,
      last_event_at timestamptz NOT NULL
    );

    CREATE TABLE manual_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      manual_id uuid NOT NULL REFERENCES manuals(id),
      seq integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('create','deliver','receive','copy','return','store','dispose')),
      at timestamptz NOT NULL,
      handler_id uuid NOT NULL REFERENCES users(id),
      recipient_id uuid REFERENCES users(id),
      quantity integer,
      place text,
      method text,
      note text,
      UNIQUE (manual_id, seq)
    );
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
