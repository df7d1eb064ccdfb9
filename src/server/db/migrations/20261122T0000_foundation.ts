import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * Foundation: organisation (ORG-1, ORG-2), identity and sessions (ID-1 … ID-13),
 * settings, and the append-only audit event table (AUD-1, AUD-3).
 * The runtime role (see roles.ts) gets INSERT/SELECT only on append-only tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      name_en text,
      kind text NOT NULL,
      parent_id uuid REFERENCES units(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      abolished_on date
    );
    CREATE INDEX units_parent_idx ON units(parent_id);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      login_id text NOT NULL,
      name text NOT NULL,
      name_kana text,
      employment_type text NOT NULL DEFAULT 'regular',
      locale text NOT NULL DEFAULT 'ja',
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      failed_attempts integer NOT NULL DEFAULT 0,
      failure_window_started_at timestamptz,
      locked_until timestamptz,
      lock_requires_admin boolean NOT NULL DEFAULT false,
      disabled_at timestamptz,
      disabled_reason text,
      retired_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- ID-1: one ID per person, compared case-insensitively.
    CREATE UNIQUE INDEX users_login_id_key ON users (lower(login_id));

    CREATE TABLE user_assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      kind text NOT NULL DEFAULT 'primary',
      valid_from date NOT NULL,
      valid_to date,
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    );
    CREATE INDEX user_assignments_user_idx ON user_assignments(user_id, valid_from);
    CREATE INDEX user_assignments_unit_idx ON user_assignments(unit_id);

    CREATE TABLE post_assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      post text NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    );
    CREATE INDEX post_assignments_user_idx ON post_assignments(user_id);
    CREATE INDEX post_assignments_unit_idx ON post_assignments(unit_id, post);

    CREATE TABLE role_assignments (
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      granted_by uuid REFERENCES users(id),
      PRIMARY KEY (user_id, role)
    );

    CREATE TABLE password_history (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_history_user_idx ON password_history(user_id, created_at DESC);

    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      state text NOT NULL,
      privileged boolean NOT NULL,
      assignment_id uuid REFERENCES user_assignments(id),
      mfa_method text,
      mfa_credential_id text,
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      absolute_expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text
    );
    CREATE INDEX sessions_user_open_idx ON sessions(user_id) WHERE ended_at IS NULL;

    CREATE TABLE totp_credentials (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      secret text NOT NULL,
      confirmed_at timestamptz,
      last_used_step bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE webauthn_credentials (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      credential_id text NOT NULL UNIQUE,
      public_key text NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      transports text,
      label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    CREATE TABLE webauthn_challenges (
      session_id uuid NOT NULL REFERENCES sessions(id),
      purpose text NOT NULL,
      challenge text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (session_id, purpose)
    );

    CREATE TABLE notice_acknowledgements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      notice_version text NOT NULL,
      acknowledged_at timestamptz NOT NULL,
      ip text,
      UNIQUE (user_id, notice_version)
    );

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    );

    CREATE TABLE audit_events (
      seq bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      action text NOT NULL,
      actor_user_id uuid,
      actor_unit_code text,
      target_type text,
      target_id text,
      outcome text NOT NULL,
      canonical text NOT NULL
    );
    CREATE INDEX audit_events_actor_idx ON audit_events(actor_user_id, occurred_at DESC);
    CREATE INDEX audit_events_action_idx ON audit_events(action, occurred_at DESC);
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('foundation migration is not reversible');
}
