import { sql } from 'kysely';
import type { TestApp } from './test-app.js';

/**
 * Makes the audit table refuse every insert, as a broken or full audit store would: a trigger
 * that raises, so even audit_append() (which writes as the owner) fails. The test database's
 * login user is a superuser, so it can step out of the runtime role to set it up.
 */
export async function refuseAuditInserts(t: TestApp, refuse: boolean): Promise<void> {
  await t.ctx.db.connection().execute(async (conn) => {
    await sql`RESET ROLE`.execute(conn);
    try {
      if (refuse) {
        await sql`CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit store refuses the insert (test)'; END $$`.execute(conn);
        await sql`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`.execute(
          conn,
        );
      } else {
        await sql`DROP TRIGGER IF EXISTS test_refuse_audit ON audit_events`.execute(conn);
      }
    } finally {
      await sql`SET ROLE sekimori_app`.execute(conn);
    }
  });
}
