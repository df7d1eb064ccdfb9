import { type Kysely, sql } from 'kysely';

/**
 * AUD-2: a month's payload partition is bounded at UTC midnight, as the writer names it (by the UTC
 * month of each entry). The bounds used to be dates, which PostgreSQL reads in the session's time
 * zone: on a server set to Asia/Tokyo the last nine hours of each UTC month fell outside their
 * partition into the default one, and from then on the next month's partition was never created
 * (rows of a month already in the default partition keep it there). Bounds are now written as UTC
 * instants, independent of the session's TimeZone and DateStyle.
 * Partitions already created keep their bounds. West of UTC an old partition reaches past UTC
 * midnight into the next month; creating that month would overlap it, so the month stays in the old
 * and the default partitions — partitions only place rows, and an append never fails for one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
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
      IF EXISTS (SELECT 1 FROM audit_events_default
                 WHERE occurred_at >= first_day::timestamp AT TIME ZONE 'UTC' AND occurred_at < next_day::timestamp AT TIME ZONE 'UTC') THEN
        RETURN;
      END IF;
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)', part,
        to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(next_day, 'YYYY-MM-DD') || ' 00:00:00+00');
    -- A partition another process created just before (seen late through a cached catalog) is fine.
    EXCEPTION
      WHEN duplicate_table THEN NULL;
      WHEN invalid_object_definition THEN
        RAISE WARNING 'audit partition % overlaps an older partition: its rows stay in that one and the default', part;
    END $fn$
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
