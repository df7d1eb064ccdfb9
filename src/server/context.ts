import type { Kysely } from 'kysely';
import type { Authorizer } from './authz/authorizer.js';
import type { AppConfig } from './config.js';
import type { Database } from './db/schema.js';
import type { Checkpointer } from './modules/audit/checkpointer.js';
import type { ClockStatus } from './modules/audit/clock-status.js';
import type { AuditLog } from './modules/audit/service.js';
import type { SettingsService } from './modules/settings/service.js';
import type { Clock } from './shared/clock.js';

/** What every service needs; built once per process in app.ts. */
export interface ServiceContext {
  db: Kysely<Database>;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  config: AppConfig;
  audit: AuditLog;
  settings: SettingsService;
  authorizer: Authorizer;
  /** Set by `serve`: the checkpoint signer and the clock status (AUD-3, AUD-6). */
  auditRuntime: { checkpointer: Checkpointer | null; clock: ClockStatus | null; verifierKey: string | null };
}
