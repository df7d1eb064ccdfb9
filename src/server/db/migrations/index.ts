import type { Migration } from 'kysely';
import * as foundation from './20261122T0000_foundation.js';

/** Static list so the compiled server and the tests load the same migrations. */
export const migrations: Record<string, Migration> = {
  '20261122T0000_foundation': foundation,
};
