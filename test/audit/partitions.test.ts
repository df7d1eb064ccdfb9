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
});
