import { type Kysely, sql } from 'kysely';

/** Tables the application may only append to and read (AUD-3, SEC-3). */
export const APPEND_ONLY_TABLES = [
  'audit_events',
  'audit_checkpoints',
  'audit_purges',
  'password_history',
  'notice_acknowledgements',
  // The approval trail (ORG-3, APP-2 … APP-5): decisions, their route, history, comments, files.
  'request_stages',
  'request_decisions',
  'request_decision_reviews',
  'request_history',
  'request_comments',
  'request_attachments',
  'request_lend_records',
  // Information management: application versions, the query log, ledger events and confirmations.
  'application_versions',
  'record_imports',
  // APP-12: records are written once by an import; a change means a new import, never an UPDATE.
  'app_records',
  'app_record_names',
  'inquiries',
  'inquiry_results',
  'output_events',
  'output_confirmations',
  'manual_events',
];

/**
 * Tables updated in place but never emptied: the log's head row; requests (their state), counters,
 * delegations (revocation), permits, registers and the effect queue.
 */
const NO_DELETE_TABLES = [
  'audit_log_head',
  'requests',
  'request_counters',
  'request_delegations',
  'request_permits',
  'external_services',
  'request_effects_pending',
  'applications',
  'contracts',
  'use_rights',
  'output_materials',
  'manuals',
];

/** Hash tiles: written only by audit_append() (SECURITY DEFINER), read by the application (AUD-3). */
const READ_ONLY_TABLES = ['audit_tiles', 'audit_tile_parts'];

const ROLE_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates the runtime role and gives it exactly the privileges it needs.
 * The role owns nothing, so it can never ALTER, DROP or TRUNCATE a table;
 * on append-only tables it cannot UPDATE or DELETE either (SEC-3).
 */
export async function grantRuntimeRole(db: Kysely<unknown>, role: string): Promise<void> {
  if (!ROLE_PATTERN.test(role)) throw new Error(`invalid runtime role name: ${role}`);
  const ident = sql.id(role);
  // CREATE ROLE is cluster-wide; concurrent migrations of several databases may race.
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(role)}) THEN
        CREATE ROLE ${ident} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;
  `.execute(db);
  await sql`GRANT USAGE ON SCHEMA public TO ${ident}`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident}`.execute(db);
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident}`.execute(db);
  for (const table of APPEND_ONLY_TABLES) {
    await sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${sql.table(table)} FROM ${ident}`.execute(db);
  }
  for (const table of NO_DELETE_TABLES) {
    await sql`REVOKE DELETE, TRUNCATE ON ${sql.table(table)} FROM ${ident}`.execute(db);
  }
  for (const table of READ_ONLY_TABLES) {
    await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${sql.table(table)} FROM ${ident}`.execute(db);
  }
  // Partitions of the audit table are tables too: reached directly they must be just as closed.
  const partitions = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = to_regclass('audit_events')`.execute(db);
  for (const { name } of partitions.rows) {
    await sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${sql.table(name)} FROM ${ident}`.execute(db);
  }
  await sql`REVOKE ALL ON FUNCTION audit_purge_payloads_before(timestamptz) FROM PUBLIC`.execute(db).catch(() => undefined);
  await sql`GRANT EXECUTE ON FUNCTION audit_purge_payloads_before(timestamptz) TO ${ident}`.execute(db).catch(() => undefined);
  await sql`REVOKE ALL ON kysely_migration, kysely_migration_lock FROM ${ident}`.execute(db);
}
