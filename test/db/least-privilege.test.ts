import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/schema.js';
import { createUnit, createUser, startTestApp, type TestApp } from '../support/test-app.js';
import { testDbKind } from '../support/test-db.js';

const REFUSED = /permission denied|must be owner/;

let t: TestApp;
let userId: string;

beforeAll(async () => {
  t = await startTestApp();
  await createUnit(t, 'U1', '試験課');
  userId = (await createUser(t, { loginId: 'priv-user', unitCode: 'U1' })).id;
});
afterAll(async () => t?.close());

/**
 * What the application's database role may and may not do (SEC-3, AUD-3). Run against the app's
 * own runtime connection and, on PostgreSQL, against fresh connections.
 */
function leastPrivilegeChecks(db: () => Kysely<Database>) {
  it('SEC-3: runs as the runtime role, not as the owner', async () => {
    const { rows } = await sql<{ current_user: string; is_super: string }>`
      SELECT current_user, current_setting('is_superuser') AS is_super`.execute(db());
    expect(rows[0]).toEqual({ current_user: 'sekimori_app', is_super: 'off' });
  });

  it('SEC-3: cannot DROP, ALTER or TRUNCATE tables, nor create new ones', async () => {
    await expect(sql`DROP TABLE audit_events`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`DROP TABLE users`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`ALTER TABLE users ADD COLUMN x int`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`ALTER TABLE audit_events DISABLE TRIGGER ALL`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`TRUNCATE audit_events`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`TRUNCATE sessions`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`CREATE TABLE shadow_audit (id int)`.execute(db())).rejects.toThrow(REFUSED);
    // Without the grant option a GRANT is only a warning; what matters is that it grants nothing.
    await sql`GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO sekimori_app`.execute(db()).catch(() => undefined);
    const { rows } = await sql<{ can: boolean }>`
      SELECT has_table_privilege('sekimori_app', 'audit_events', 'UPDATE, DELETE, TRUNCATE') AS can`.execute(db());
    expect(rows[0]?.can).toBe(false);
  });

  it('AUD-3: cannot rewrite or remove audit entries, password history or notice acknowledgements', async () => {
    await expect(db().updateTable('audit_events').set({ outcome: 'success' }).execute()).rejects.toThrow(REFUSED);
    await expect(db().deleteFrom('audit_events').execute()).rejects.toThrow(REFUSED);
    await expect(sql`DELETE FROM audit_events WHERE seq = 1`.execute(db())).rejects.toThrow(REFUSED);
    await expect(db().updateTable('password_history').set({ password_hash: 'x' }).execute()).rejects.toThrow(REFUSED);
    await expect(db().deleteFrom('password_history').execute()).rejects.toThrow(REFUSED);
    await expect(db().updateTable('notice_acknowledgements').set({ ip: 'x' }).execute()).rejects.toThrow(REFUSED);
    await expect(db().deleteFrom('notice_acknowledgements').execute()).rejects.toThrow(REFUSED);
  });

  it('AUD-3: hash tiles are written only through audit_append(), never directly', async () => {
    const tile = Buffer.alloc(32, 7);
    await expect(sql`INSERT INTO audit_tiles (level, idx, hashes) VALUES (5, 0, ${tile})`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`UPDATE audit_tiles SET hashes = ${tile}`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`DELETE FROM audit_tiles`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`INSERT INTO audit_tile_parts (level, idx, first, hashes) VALUES (5, 0, 0, ${tile})`.execute(db())).rejects.toThrow(
      REFUSED,
    );
    await expect(sql`DELETE FROM audit_tile_parts`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`DELETE FROM audit_log_head`.execute(db())).rejects.toThrow(REFUSED);
  });

  it('SEC-3: cannot read or change the migration bookkeeping', async () => {
    await expect(sql`SELECT * FROM kysely_migration`.execute(db())).rejects.toThrow(REFUSED);
    await expect(sql`DELETE FROM kysely_migration`.execute(db())).rejects.toThrow(REFUSED);
  });

  it('AUD-1: can append to and read the audit trail, and work with ordinary tables', async () => {
    const marker = `least-privilege-${randomBytes(4).toString('hex')}`;
    // A position of its own each time: this check runs once per connection on one database.
    const seq = String(900_000_000 + randomBytes(3).readUIntBE(0, 3));
    const inserted = await db()
      .insertInto('audit_events')
      .values({
        seq,
        occurred_at: new Date(),
        action: marker,
        outcome: 'success',
        canonical: JSON.stringify({ action: marker }),
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    const read = await db().selectFrom('audit_events').select('action').where('seq', '=', inserted.seq).executeTakeFirstOrThrow();
    expect(read.action).toBe(marker);
    const updated = await db().updateTable('users').set({ locale: 'ja' }).where('id', '=', userId).executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(1);
  });
}

describe('the application connection (SEC-3)', () => {
  leastPrivilegeChecks(() => t.ctx.db);

  it('SEC-3: the refused statements changed nothing', async () => {
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'x'`.execute(t.ctx.db);
    expect(columns.rows).toEqual([]);
    const count = await t.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
    const outcomes = await t.ctx.db.selectFrom('audit_events').select('outcome').distinct().execute();
    expect(outcomes.map((o) => o.outcome)).toContain('success');
    expect((await t.ctx.db.selectFrom('password_history').select('password_hash').execute()).every((r) => r.password_hash !== 'x')).toBe(
      true,
    );
  });
});

// Only the postgres project has separate connections to open (PGlite has one); defined only there.
if (testDbKind() === 'postgres') {
  describe('a separate PostgreSQL connection (SEC-3)', () => {
    let url: string;
    let separate: Kysely<Database>;

    beforeAll(async () => {
      const maybeUrl = (t.database as { url?: string }).url;
      if (!maybeUrl) throw new Error('the postgres test database has no URL');
      url = maybeUrl;
      // One connection, so the SET ROLE below holds for every later statement.
      separate = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
      await sql`SET ROLE sekimori_app`.execute(separate);
    });
    afterAll(async () => separate?.destroy());

    describe('the login user after SET ROLE sekimori_app', () => {
      leastPrivilegeChecks(() => separate);
    });

    describe('a login role that is only a member of sekimori_app (the production set-up of decision 0002)', () => {
      const loginRole = `sekimori_login_${randomBytes(4).toString('hex')}`;
      let member: Kysely<Database>;
      let owner: pg.Client;

      beforeAll(async () => {
        owner = new pg.Client({ connectionString: url });
        await owner.connect();
        await owner.query(`CREATE ROLE ${loginRole} LOGIN IN ROLE sekimori_app`);
        const u = new URL(url);
        u.username = loginRole;
        member = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: u.toString(), max: 1 }) }) });
      });
      afterAll(async () => {
        await member?.destroy();
        await owner?.query(`DROP ROLE IF EXISTS ${loginRole}`);
        await owner?.end();
      });

      it('SEC-3: even after RESET ROLE it cannot drop, truncate or rewrite the audit trail', async () => {
        await sql`RESET ROLE`.execute(member);
        const { rows } = await sql<{ current_user: string }>`SELECT current_user`.execute(member);
        expect(rows[0]?.current_user).toBe(loginRole);
        await expect(sql`DROP TABLE audit_events`.execute(member)).rejects.toThrow(REFUSED);
        await expect(sql`TRUNCATE audit_events`.execute(member)).rejects.toThrow(REFUSED);
        await expect(sql`ALTER TABLE users ADD COLUMN x int`.execute(member)).rejects.toThrow(REFUSED);
        await expect(sql`UPDATE audit_events SET outcome = 'success'`.execute(member)).rejects.toThrow(REFUSED);
        await expect(sql`DELETE FROM audit_events`.execute(member)).rejects.toThrow(REFUSED);
        await expect(sql`SET ROLE postgres`.execute(member)).rejects.toThrow(REFUSED);
        const appended = await member
          .insertInto('audit_events')
          .values({ seq: '900000002', occurred_at: new Date(), action: 'least-privilege.member', outcome: 'success', canonical: '{}' })
          .returning('seq')
          .executeTakeFirst();
        expect(appended?.seq).toBeDefined();
      });
    });
  });
}
