import { type Kysely, sql } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * AUD-3 at speed: one statement per commit of the audit log.
 * - audit_append(…) inserts the entries, moves the head from the size and root the writer
 *   expected and writes their tile hashes, all in one call (one round trip, its own transaction
 *   when called outside one). A writer that expected a head that has moved gets SQLSTATE SK001,
 *   nothing is kept, and it computes the batch again from the new head.
 * - The growing edge of each tile is kept as fragments (audit_tile_parts, one row per commit)
 *   instead of rewriting the whole tile on every commit; a tile becomes one row of audit_tiles
 *   when its 256th hash arrives. audit_tiles_all shows both as whole tiles to readers.
 * - Tiles are written only by the function: the runtime role may read them, not write them.
 * - The search index by person holds the person alone: a person's many entries then share one
 *   key (B-tree deduplication), about 30 bytes less per entry than (person, time) — the time
 *   range of a search comes from the BRIN index on occurred_at.
 * Tile geometry (256 hashes of 32 bytes) is fixed here as in tiles.ts: a stored log never changes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE audit_tile_parts (
      level smallint NOT NULL,
      idx bigint NOT NULL,
      first smallint NOT NULL,
      hashes bytea NOT NULL,
      PRIMARY KEY (level, idx, first)
    );
    INSERT INTO audit_tile_parts (level, idx, first, hashes)
      SELECT level, idx, 0, hashes FROM audit_tiles WHERE length(hashes) < 8192;
    DELETE FROM audit_tiles WHERE length(hashes) < 8192;

    DROP INDEX audit_events_actor_idx;
    CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id);

    CREATE VIEW audit_tiles_all AS
      SELECT level, idx, hashes FROM audit_tiles
      UNION ALL
      SELECT level, idx, string_agg(hashes, ''::bytea ORDER BY first) AS hashes FROM audit_tile_parts GROUP BY level, idx
  `,
  );

  // No SET search_path on these SECURITY DEFINER functions (it costs on every call): every relation
  // is schema-qualified, functions are pg_catalog's, and the runtime role can create nothing in a
  // schema that is searched (pg_temp is never searched for functions or operators). The several-array
  // unnest stays unqualified: the parser turns it into ROWS FROM, which a qualified name would not.
  await sql`
    CREATE FUNCTION audit_append(
      p_expected_size bigint, p_expected_root bytea, p_size bigint, p_frontier bytea, p_root bytea, p_at timestamptz,
      p_seq bigint[], p_occurred_at timestamptz[], p_action text[], p_actor_user_id uuid[], p_actor_unit_code text[],
      p_target_type text[], p_target_id text[], p_outcome text[], p_canonical text[],
      p_tile_level smallint[], p_tile_idx bigint[], p_tile_first smallint[], p_tile_hashes bytea[]
    ) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER AS $fn$
    DECLARE
      i int;
      held bytea;
    BEGIN
      IF p_seq[1] <> p_expected_size OR p_seq[pg_catalog.array_length(p_seq, 1)] <> p_size - 1 THEN
        RAISE EXCEPTION 'audit entries do not follow the head at %', p_expected_size;
      END IF;
      -- The entries go in before the head's lock is taken, so a writer whose previous commit is
      -- still in flight does this work meanwhile; they are invisible until this commits. (Tile
      -- fragments wait for the lock: their primary key would make two writers wait on each other.)
      INSERT INTO public.audit_events (seq, occurred_at, action, actor_user_id, actor_unit_code, target_type, target_id, outcome, canonical)
        SELECT * FROM unnest(p_seq, p_occurred_at, p_action, p_actor_user_id, p_actor_unit_code, p_target_type, p_target_id, p_outcome, p_canonical);
      -- The serialisation point: the head row, moved only from the state the writer computed from.
      -- Otherwise nothing of this call stays (SQLSTATE SK001: the writer computes again from the new head).
      UPDATE public.audit_log_head SET size = p_size, frontier = p_frontier, root = p_root, updated_at = p_at
        WHERE id = 1 AND size = p_expected_size AND root = p_expected_root;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the audit log head is no longer at %', p_expected_size USING ERRCODE = 'SK001';
      END IF;
      FOR i IN 1 .. coalesce(pg_catalog.array_length(p_tile_level, 1), 0) LOOP
        IF p_tile_first[i] * 32 + pg_catalog.length(p_tile_hashes[i]) < 8192 THEN
          -- The primary key refuses a second fragment at the same place.
          INSERT INTO public.audit_tile_parts (level, idx, first, hashes)
            VALUES (p_tile_level[i], p_tile_idx[i], p_tile_first[i], p_tile_hashes[i]);
        ELSE
          SELECT coalesce(pg_catalog.string_agg(hashes, ''::bytea ORDER BY first), ''::bytea) INTO held
            FROM public.audit_tile_parts WHERE level = p_tile_level[i] AND idx = p_tile_idx[i];
          IF pg_catalog.length(held) <> p_tile_first[i] * 32 OR pg_catalog.length(held) + pg_catalog.length(p_tile_hashes[i]) <> 8192 THEN
            RAISE EXCEPTION 'audit tile %/% holds % bytes where % hashes belong: refusing to complete it',
              p_tile_level[i], p_tile_idx[i], pg_catalog.length(held), p_tile_first[i];
          END IF;
          INSERT INTO public.audit_tiles (level, idx, hashes) VALUES (p_tile_level[i], p_tile_idx[i], held || p_tile_hashes[i]);
          DELETE FROM public.audit_tile_parts WHERE level = p_tile_level[i] AND idx = p_tile_idx[i];
        END IF;
      END LOOP;
      RETURN true;
    END $fn$
  `.execute(db);

  // Two writers creating the month's partition at once would deadlock on the parent's locks:
  // creation is serialised by a transaction-level advisory lock (the existing check stays first).
  await sql`
    CREATE OR REPLACE FUNCTION audit_ensure_partition(p_month date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    DECLARE
      first_day date := date_trunc('month', p_month)::date;
      next_day date := (date_trunc('month', p_month) + interval '1 month')::date;
      part text := format('audit_events_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
    BEGIN
      IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
      PERFORM pg_advisory_xact_lock(7365020, 1);
      IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
      -- Rows of that month already in the default partition keep it there (moving would rewrite them).
      IF EXISTS (SELECT 1 FROM audit_events_default WHERE occurred_at >= first_day AND occurred_at < next_day) THEN RETURN; END IF;
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)', part, first_day, next_day);
    -- A partition another process created just before (seen late through a cached catalog) is fine.
    EXCEPTION WHEN duplicate_table THEN NULL;
    END $fn$
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
