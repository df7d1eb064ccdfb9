import { type Kysely, sql } from 'kysely';

/**
 * AUD-2: a month's payload partition is bounded at UTC midnight, as the writer names it (by the UTC
 * month of each entry). The bounds used to be dates, which PostgreSQL reads in the session's time
 * zone: on a server set to Asia/Tokyo the first nine hours of each UTC month fell outside their
 * partition into the default one, and from then on that month's partition was never created (rows
 * of the month already in the default partition keep it there). Bounds are now instants.
 * Partitions already created keep their bounds; rows always land in the partition that holds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION audit_ensure_partition(p_month date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    DECLARE
      first_day date := date_trunc('month', p_month)::date;
      next_day date := (date_trunc('month', p_month) + interval '1 month')::date;
      lower_at timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
      upper_at timestamptz := next_day::timestamp AT TIME ZONE 'UTC';
      part text := format('audit_events_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
    BEGIN
      IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
      PERFORM pg_advisory_xact_lock(7365020, 1);
      IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
      -- Rows of that month already in the default partition keep it there (moving would rewrite them).
      IF EXISTS (SELECT 1 FROM audit_events_default WHERE occurred_at >= lower_at AND occurred_at < upper_at) THEN RETURN; END IF;
      -- %L writes the instants with their offset, so the bounds do not depend on the session's zone.
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)', part, lower_at, upper_at);
    -- A partition another process created just before (seen late through a cached catalog) is fine.
    EXCEPTION WHEN duplicate_table THEN NULL;
    END $fn$
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
