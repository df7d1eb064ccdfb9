import { z } from 'zod';
import { ROLE_CODES } from '../org/catalog.js';

/** Organisation-wide settings an administrator changes at run time (stored in the database). */
export const settingsSchema = z.object({
  organizationType: z.enum(['police', 'local_government']),
  organizationName: z.string().min(1).max(100),
  /** ID-10: idle logoff. */
  idleTimeoutMinutes: z.number().int().min(1).max(240),
  /** ID-7: privileged sessions end after this long, however active. */
  privilegedSessionMaxMinutes: z.number().int().min(5).max(480),
  sessionMaxHours: z.number().int().min(1).max(24),
  /** ID-4 / ISK 第11-1(9): 0 = no forced periodic change (see docs/decisions/0004). */
  passwordMaxAgeDays: z.number().int().min(0).max(3650),
  /** EDO 9.2(1)③オ: privileged IDs rotate more strictly than ordinary ones. */
  privilegedPasswordMaxAgeDays: z.number().int().min(0).max(3650),
  /** ID-8: roles and units whose members must use a second factor (privileged roles always do). */
  mfaRequiredRoles: z.array(z.enum(ROLE_CODES)).max(20),
  mfaRequiredUnitCodes: z.array(z.string().min(1).max(32)).max(500),
  /** APP-5: days within which the written application must follow an oral one. */
  requestPaperworkDueDays: z.number().int().min(1).max(60),
});

export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();

export const DEFAULT_SETTINGS: Settings = {
  organizationType: 'police',
  organizationName: '関守',
  idleTimeoutMinutes: 30,
  privilegedSessionMaxMinutes: 120,
  sessionMaxHours: 12,
  passwordMaxAgeDays: 0,
  privilegedPasswordMaxAgeDays: 90,
  mfaRequiredRoles: ['system_admin', 'security_admin'],
  mfaRequiredUnitCodes: [],
  requestPaperworkDueDays: 7,
};
