import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * Business use rights (業務利用権, APP-3 … APP-6, ID-11) and contractor scopes (APP-6).
 * A right is registered by the unit's 登録担当者 (a post, designated via 様式3) from an approved
 * 様式4/様式5; it is bound to the assignment it was granted for, so a transfer or retirement ends it
 * even before the sweep writes the end. Rights are never deleted: ending one is a row update.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE contracts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      contract_name text NOT NULL,
      application_codes text[] NOT NULL,
      valid_from date NOT NULL,
      valid_to date NOT NULL,
      registered_by uuid REFERENCES users(id),
      registered_at timestamptz NOT NULL,
      ended_at timestamptz,
      CHECK (valid_to >= valid_from)
    );
    CREATE INDEX contracts_user_idx ON contracts(user_id);

    CREATE TABLE use_rights (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      application_id uuid NOT NULL REFERENCES applications(id),
      kind text NOT NULL CHECK (kind IN ('regular','dispatch','emergency')),
      -- Where the right is used: the user's unit, or the host unit of a dispatch (APP-4).
      unit_id uuid NOT NULL REFERENCES units(id),
      -- The assignment it was granted for (regular, emergency): a transfer ends it (APP-3).
      assignment_id uuid REFERENCES user_assignments(id),
      contract_id uuid REFERENCES contracts(id),
      access_scope text NOT NULL,
      dispatch_name text,
      valid_from date NOT NULL,
      valid_to date,
      grant_request_id uuid REFERENCES requests(id),
      -- APP-5: an emergency grant registered on an oral application; paperwork due by this date.
      paperwork_due_on date,
      registered_by uuid REFERENCES users(id),
      registered_at timestamptz NOT NULL,
      ended_at timestamptz,
      -- 'disabled': the account was stopped (ID-12); a right does not come back when it is re-enabled.
      end_reason text CHECK (end_reason IN ('removed','transfer','retirement','dispatch_end','expired','contract_end','cancelled','abolished','disabled')),
      end_request_id uuid REFERENCES requests(id),
      ended_by uuid REFERENCES users(id),
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CHECK ((ended_at IS NULL) = (end_reason IS NULL))
    );
    CREATE UNIQUE INDEX use_rights_one_open ON use_rights(user_id, application_id, kind, unit_id) WHERE ended_at IS NULL;
    CREATE INDEX use_rights_unit_idx ON use_rights(unit_id) WHERE ended_at IS NULL;
    CREATE INDEX use_rights_user_idx ON use_rights(user_id, application_id);
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
