import type { Migration } from 'kysely';
import * as foundation from './20261122T0000_foundation.js';
import * as rollingLockout from './20261122T0100_rolling_lockout.js';
import * as merkleAuditLog from './20261122T0200_merkle_audit_log.js';
import * as auditAppendFunction from './20261122T0300_audit_append_function.js';
import * as requests from './20261123T0000_requests.js';
import * as applications from './20261124T0000_applications.js';
import * as useRights from './20261124T0100_use_rights.js';
import * as inquiries from './20261124T0200_inquiries.js';
import * as outputs from './20261124T0300_outputs.js';
import * as recordNames from './20261124T0400_record_names.js';
import * as auditPartitionsInUtc from './20261125T0000_audit_partitions_in_utc.js';
import * as nearMatchIndexes from './20261126T0000_near_match_indexes.js';

/** Static list so the compiled server and the tests load the same migrations. */
export const migrations: Record<string, Migration> = {
  '20261122T0000_foundation': foundation,
  '20261122T0100_rolling_lockout': rollingLockout,
  '20261122T0200_merkle_audit_log': merkleAuditLog,
  '20261122T0300_audit_append_function': auditAppendFunction,
  '20261123T0000_requests': requests,
  '20261124T0000_applications': applications,
  '20261124T0100_use_rights': useRights,
  '20261124T0200_inquiries': inquiries,
  '20261124T0300_outputs': outputs,
  '20261124T0400_record_names': recordNames,
  '20261125T0000_audit_partitions_in_utc': auditPartitionsInUtc,
  '20261126T0000_near_match_indexes': nearMatchIndexes,
};
