import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * Applications and approvals (申請・決裁): APP-2 … APP-5, APP-11, CON-2, CON-3, GOV-1, GOV-2, ORG-3.
 * Decisions, history, comments, attachments, lend records and reviews are append-only for the
 * runtime role (roles.ts): the approval trail is a record, never edited. `requests` carries the
 * current state (the only row a transition updates); the route of each round is a snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    -- Lines of the trail carry a seq: their order, even when a test clock gives them one instant.
    -- Gap-free numbers per kind and year (request numbers, permit numbers): a row lock per kind/year.
    CREATE TABLE request_counters (
      kind text NOT NULL,
      year integer NOT NULL,
      last_value integer NOT NULL,
      PRIMARY KEY (kind, year)
    );

    CREATE TABLE requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      type_code text NOT NULL,
      state text NOT NULL CHECK (state IN ('draft','submitted','returned','approved','rejected','withdrawn','expired','cancelled')),
      applicant_id uuid NOT NULL REFERENCES users(id),
      applicant_unit_id uuid NOT NULL REFERENCES units(id),
      beneficiary_id uuid REFERENCES users(id),
      fields jsonb NOT NULL,
      round integer NOT NULL DEFAULT 0,
      current_position integer,
      stage_entered_at timestamptz,
      stage_due_at timestamptz,
      last_reminded_at timestamptz,
      submitted_at timestamptz,
      decided_at timestamptz,
      emergency boolean NOT NULL DEFAULT false,
      oral_at timestamptz,
      paperwork_due_at timestamptz,
      paperwork_done_at timestamptz,
      effect_applied_at timestamptz,
      valid_to date,
      -- CON-3: a change or abolition (ISK 様式2) names, at submission, the request whose permit it ends.
      supersedes_request_id uuid REFERENCES requests(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX requests_applicant_idx ON requests(applicant_id, created_at DESC);
    CREATE INDEX requests_beneficiary_idx ON requests(beneficiary_id);
    CREATE INDEX requests_type_state_idx ON requests(type_code, state, created_at DESC);
    CREATE INDEX requests_state_idx ON requests(state, stage_due_at);

    -- The route of one round, resolved at submission from the organisation: who decides is a rule
    -- (a post in a unit, or a role), matched against the organisation on the day of the decision.
    CREATE TABLE request_stages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES requests(id),
      round integer NOT NULL,
      position integer NOT NULL,
      -- Declared order within the round (stages of one position are parallel).
      seq integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('approve','concur')),
      label_ja text NOT NULL,
      label_en text NOT NULL,
      rule_kind text NOT NULL CHECK (rule_kind IN ('post','role')),
      post text,
      unit_id uuid REFERENCES units(id),
      role text,
      final boolean NOT NULL DEFAULT false,
      due_days integer NOT NULL,
      CHECK ((rule_kind = 'post' AND post IS NOT NULL AND unit_id IS NOT NULL) OR (rule_kind = 'role' AND role IS NOT NULL))
    );
    CREATE INDEX request_stages_request_idx ON request_stages(request_id, round, position);

    CREATE TABLE request_decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL,
      request_id uuid NOT NULL REFERENCES requests(id),
      stage_id uuid NOT NULL REFERENCES request_stages(id),
      round integer NOT NULL,
      decision text NOT NULL CHECK (decision IN ('approved','concurred','rejected','returned')),
      decider_id uuid NOT NULL REFERENCES users(id),
      decider_post text NOT NULL,
      on_behalf_of_id uuid REFERENCES users(id),
      comment text,
      override_reason text,
      flagged boolean NOT NULL DEFAULT false,
      emergency boolean NOT NULL DEFAULT false,
      decided_at timestamptz NOT NULL
    );
    CREATE INDEX request_decisions_request_idx ON request_decisions(request_id, decided_at);
    CREATE INDEX request_decisions_flagged_idx ON request_decisions(decided_at) WHERE flagged;
    -- A stage is decided once: a second approval of the same stage cannot be stored (with the row lock).
    CREATE UNIQUE INDEX request_decisions_stage_once ON request_decisions(stage_id);

    CREATE TABLE request_decision_reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      decision_id uuid NOT NULL REFERENCES request_decisions(id),
      reviewer_id uuid NOT NULL REFERENCES users(id),
      comment text NOT NULL,
      reviewed_at timestamptz NOT NULL
    );
    CREATE INDEX request_decision_reviews_decision_idx ON request_decision_reviews(decision_id);

    CREATE TABLE request_history (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL,
      request_id uuid NOT NULL REFERENCES requests(id),
      at timestamptz NOT NULL,
      actor_id uuid REFERENCES users(id),
      on_behalf_of_id uuid REFERENCES users(id),
      action text NOT NULL,
      from_state text,
      to_state text,
      round integer NOT NULL,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX request_history_request_idx ON request_history(request_id, at);

    CREATE TABLE request_comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL,
      request_id uuid NOT NULL REFERENCES requests(id),
      round integer NOT NULL,
      stage_id uuid REFERENCES request_stages(id),
      author_id uuid NOT NULL REFERENCES users(id),
      body text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX request_comments_request_idx ON request_comments(request_id, created_at);

    CREATE TABLE request_attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL,
      request_id uuid NOT NULL REFERENCES requests(id),
      round integer NOT NULL,
      stage_id uuid REFERENCES request_stages(id),
      uploaded_by uuid NOT NULL REFERENCES users(id),
      filename text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL,
      sha256 text NOT NULL,
      data bytea NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX request_attachments_request_idx ON request_attachments(request_id, created_at);

    -- 代決: a post or role holder names a deputy for a period.
    CREATE TABLE request_delegations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      principal_id uuid NOT NULL REFERENCES users(id),
      deputy_id uuid NOT NULL REFERENCES users(id),
      valid_from timestamptz NOT NULL,
      valid_to timestamptz NOT NULL,
      reason text NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users(id),
      CHECK (valid_to > valid_from),
      CHECK (principal_id <> deputy_id)
    );
    CREATE INDEX request_delegations_deputy_idx ON request_delegations(deputy_id, valid_from);
    CREATE INDEX request_delegations_principal_idx ON request_delegations(principal_id, valid_from);

    -- ISK 別記様式第3 持込許可証: gap-free numbers per calendar year (Asia/Tokyo).
    CREATE TABLE request_permits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL UNIQUE REFERENCES requests(id),
      number text NOT NULL UNIQUE,
      year integer NOT NULL,
      seq integer NOT NULL,
      valid_from date NOT NULL,
      valid_to date NOT NULL,
      issued_at timestamptz NOT NULL,
      revoked_at timestamptz,
      UNIQUE (year, seq),
      -- CON-3: a permit never ends before it starts (approval after the period is refused).
      CHECK (valid_from <= valid_to)
    );

    -- ISK 別記様式第1: lend / return / confirm lines.
    CREATE TABLE request_lend_records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL,
      request_id uuid NOT NULL REFERENCES requests(id),
      event text NOT NULL CHECK (event IN ('lent','returned','confirmed')),
      at timestamptz NOT NULL,
      actor_id uuid NOT NULL REFERENCES users(id),
      note text
    );
    CREATE INDEX request_lend_records_request_idx ON request_lend_records(request_id, at);

    -- GOV-2: approved external services with their named service manager (EDO 11.2(4)③, 11.3).
    CREATE TABLE external_services (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL UNIQUE REFERENCES requests(id),
      name text NOT NULL,
      kind text NOT NULL,
      max_confidentiality integer NOT NULL,
      manager_id uuid NOT NULL REFERENCES users(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      approved_at timestamptz NOT NULL,
      state text NOT NULL DEFAULT 'in_use' CHECK (state IN ('in_use','ended','cancelled')),
      ended_at timestamptz,
      ended_by uuid REFERENCES users(id),
      deletion_confirmed_at timestamptz,
      deletion_confirmed_by uuid REFERENCES users(id),
      end_note text,
      CHECK (NOT (kind = 'sns' AND max_confidentiality >= 2))
    );

    -- Effects for the later information-management module (use rights, registrars, applications,
    -- processing requests): one row per request and effect, so an effect is queued exactly once.
    CREATE TABLE request_effects_pending (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES requests(id),
      type_code text NOT NULL,
      effect text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      processed_at timestamptz,
      UNIQUE (request_id, effect)
    );
    CREATE INDEX request_effects_pending_open_idx ON request_effects_pending(created_at) WHERE processed_at IS NULL;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
