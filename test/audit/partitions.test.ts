import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner } from '../support/owner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * AUD-2 payload partitions: a month's partition holds that UTC month (the writer names partitions
 * by the UTC month of each entry), whatever time zone the database session runs in — a server set
 * up in Japan runs in Asia/Tokyo.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('audit payload partitions (AUD-2)', () => {
  it('AUD-2: a month created from an Asia/Tokyo session is bounded at UTC midnight, and an entry late on its last UTC day lands in it', async () => {
    const found = await asOwner(t, async (db) => {
      try {
        await sql`SET TimeZone = 'Asia/Tokyo'`.execute(db);
        await sql`SELECT audit_ensure_partition('2031-03-01'::date)`.execute(db);
        // 2031-03-31 23:30 UTC is already 1 April in Tokyo, yet it is March's entry. Rolled back.
        await sql`BEGIN`.execute(db);
        const routed = await sql<{ part: string }>`
          INSERT INTO audit_events (seq, occurred_at, action, outcome, canonical)
          VALUES (999999999, '2031-03-31T23:30:00Z', 'test.partition', 'success', '{}')
          RETURNING tableoid::regclass::text AS part`.execute(db);
        await sql`ROLLBACK`.execute(db);
        await sql`SET TimeZone = 'UTC'`.execute(db);
        const bound = await sql<{ bound: string }>`
          SELECT pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_class c WHERE c.relname = 'audit_events_y2031m03'`.execute(db);
        return { part: routed.rows[0]?.part, bound: bound.rows[0]?.bound };
      } finally {
        await sql`RESET TimeZone`.execute(db);
      }
    });
    expect(found.bound).toBe("FOR VALUES FROM ('2031-03-01 00:00:00+00') TO ('2031-04-01 00:00:00+00')");
    expect(found.part).toBe('audit_events_y2031m03');
  });

  it('AUD-2, AUD-1: next to an older partition that reaches past UTC midnight, the month is not created and appends go on', async () => {
    await asOwner(t, async (db) => {
      try {
        // The old function's bounds, from a session west of UTC: January ends at 1 February 05:00 UTC.
        await sql`SET TimeZone = 'America/New_York'`.execute(db);
        await sql`CREATE TABLE audit_events_y2032m01 PARTITION OF audit_events FOR VALUES FROM ('2032-01-01') TO ('2032-02-01')`.execute(
          db,
        );
      } finally {
        await sql`RESET TimeZone`.execute(db);
      }
    });
    t.clock.set('2032-02-01T02:00:00.000Z');
    const seq = await t.ctx.audit.record({ action: 'test.partition', actor: { type: 'system', via: 'test' }, outcome: 'success' });
    const placed = await asOwner(t, async (db) => {
      const row = await sql<{ part: string }>`SELECT tableoid::regclass::text AS part FROM audit_events WHERE seq = ${seq}::bigint`.execute(
        db,
      );
      const february = await sql<{ found: string | null }>`SELECT to_regclass('audit_events_y2032m02')::text AS found`.execute(db);
      return { part: row.rows[0]?.part, february: february.rows[0]?.found ?? null };
    });
    expect(placed).toEqual({ part: 'audit_events_y2032m01', february: null });
  });
});
