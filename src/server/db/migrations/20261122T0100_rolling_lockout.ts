import type { Kysely } from 'kysely';
import { execStatements } from '../exec-statements.js';

/**
 * ID-5: "5 failures within 15 minutes" is a rolling window, so the times of recent failures are
 * kept (ISO strings, newest last) instead of a fixed window that began at the first failure.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    ALTER TABLE users ADD COLUMN recent_failures jsonb NOT NULL DEFAULT '[]'::jsonb;
    ALTER TABLE users DROP COLUMN failure_window_started_at;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
