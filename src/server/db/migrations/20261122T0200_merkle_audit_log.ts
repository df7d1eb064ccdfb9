import { type Kysely, sql } from 'kysely';
import { carryOverLegacyEvents } from '../../modules/audit/carry-over.js';
import { execStatements } from '../exec-statements.js';

/**
 * AUD-1 … AUD-3: the audit trail becomes an RFC 9162 Merkle log.
 * - audit_events: canonical JSON payloads (with search columns), partitioned by month so old ones
 *   can be purged (AUD-2); seq is now given by the log (gap-free), no longer by a sequence;
 * - audit_tiles: the tree's hashes in tiles of 256 (leaf hashes at level 0, hashes of 256-leaf
 *   subtrees at level 1 …), kept when payloads are purged and used for proofs;
 * - audit_log_head: the single serialisation point (size, Merkle frontier, root);
 * - audit_checkpoints: signed checkpoints (the signing key never lives in the database).
 * The foundation's interim (unchained) rows are carried over in their order, hashed into the tree.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE audit_log_head (
      id smallint PRIMARY KEY CHECK (id = 1),
      size bigint NOT NULL,
      frontier bytea NOT NULL,
      root bytea NOT NULL,
      updated_at timestamptz NOT NULL
    );
    INSERT INTO audit_log_head (id, size, frontier, root, updated_at)
      VALUES (1, 0, ''::bytea, sha256(''::bytea), now());

    ALTER TABLE audit_events RENAME TO audit_legacy_events;
    ALTER INDEX audit_events_actor_idx RENAME TO audit_legacy_events_actor_idx;
    ALTER INDEX audit_events_action_idx RENAME TO audit_legacy_events_action_idx;

    CREATE TABLE audit_events (
      seq bigint NOT NULL,
      occurred_at timestamptz NOT NULL,
      action text NOT NULL,
      actor_user_id uuid,
      actor_unit_code text,
      target_type text,
      target_id text,
      outcome text NOT NULL,
      canonical text NOT NULL
    ) PARTITION BY RANGE (occurred_at);
    CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;
    CREATE INDEX audit_events_seq_idx ON audit_events (seq);
    CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, occurred_at);
    CREATE INDEX audit_events_time_brin ON audit_events USING brin (occurred_at);

    CREATE TABLE audit_tiles (
      level smallint NOT NULL,
      idx bigint NOT NULL,
      hashes bytea NOT NULL,
      PRIMARY KEY (level, idx)
    );

    CREATE TABLE audit_purges (
      first_seq bigint NOT NULL,
      last_seq bigint NOT NULL,
      cutoff timestamptz NOT NULL,
      purged_at timestamptz NOT NULL
    );

    CREATE TABLE audit_checkpoints (
      size bigint PRIMARY KEY,
      root bytea NOT NULL,
      note text NOT NULL,
      signed_at timestamptz NOT NULL
    );
  `,
  );

  // Monthly partitions are created by the owner only; the application may ask for them through
  // this function, which can do nothing else.
  await sql`
    CREATE FUNCTION audit_ensure_partition(p_month date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    DECLARE
      first_day date := date_trunc('month', p_month)::date;
      next_day date := (date_trunc('month', p_month) + interval '1 month')::date;
      part text := format('audit_events_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
    BEGIN
      IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
      -- Rows of that month already in the default partition keep it there (moving would rewrite them).
      IF EXISTS (SELECT 1 FROM audit_events_default WHERE occurred_at >= first_day AND occurred_at < next_day) THEN RETURN; END IF;
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)', part, first_day, next_day);
    EXCEPTION WHEN duplicate_table THEN NULL;
    END $fn$
  `.execute(db);

  // AUD-2: payloads older than the retention period may go; never younger than five years,
  // whatever the caller asks. Leaf hashes stay in audit_tiles, so the tree still verifies.
  await sql`
    CREATE FUNCTION audit_purge_payloads_before(p_cutoff timestamptz) RETURNS TABLE (first_seq bigint, last_seq bigint, purged bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    DECLARE
      r record;
      upper_bound timestamptz;
    BEGIN
      IF p_cutoff > now() - interval '5 years' THEN
        RAISE EXCEPTION 'audit payloads are kept at least five years (AUD-2)';
      END IF;
      SELECT min(seq), max(seq), count(*) INTO first_seq, last_seq, purged FROM audit_events WHERE occurred_at < p_cutoff;
      FOR r IN
        SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_events'::regclass AND c.relname <> 'audit_events_default'
      LOOP
        upper_bound := substring(r.bound from 'TO \\(''([^'']+)''\\)')::timestamptz;
        IF upper_bound IS NOT NULL AND upper_bound <= p_cutoff THEN
          EXECUTE format('DROP TABLE %I', r.relname);
        END IF;
      END LOOP;
      DELETE FROM audit_events WHERE occurred_at < p_cutoff;
      IF purged > 0 THEN
        INSERT INTO audit_purges (first_seq, last_seq, cutoff, purged_at) VALUES (first_seq, last_seq, p_cutoff, now());
      END IF;
      RETURN NEXT;
    END $fn$
  `.execute(db);

  await carryOverLegacyEvents(db);
  await sql`DROP TABLE audit_legacy_events`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
