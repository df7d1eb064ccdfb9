import { MINUTE } from '../../shared/clock.js';

/** ID-5 / EDO 9.2(1)③オ: ordinary IDs lock for 15 minutes after 5 failures in 15 minutes;
 *  privileged IDs lock after 3 and stay locked until an administrator unlocks them. */
export const LOCKOUT = {
  windowMs: 15 * MINUTE,
  ordinary: { maxFailures: 5, lockMs: 15 * MINUTE },
  privileged: { maxFailures: 3 },
} as const;

/** Far enough ahead to mean "until an administrator unlocks". */
export const ADMIN_UNLOCK_ONLY = new Date('9999-12-31T00:00:00.000Z');

export interface FailureState {
  recent_failures: string[];
}

export interface FailureOutcome {
  failed_attempts: number;
  recent_failures: string[];
  locked_until: Date | null;
  lock_requires_admin: boolean;
}

/** Counts this failure with the others of the last 15 minutes (a rolling window) and decides the lock. */
export function nextFailureState(current: FailureState, privileged: boolean, now: Date): FailureOutcome {
  const recent = (Array.isArray(current.recent_failures) ? current.recent_failures : [])
    .filter((at) => now.getTime() - new Date(at).getTime() < LOCKOUT.windowMs)
    .concat(now.toISOString());
  const attempts = recent.length;
  if (privileged && attempts >= LOCKOUT.privileged.maxFailures) {
    return { failed_attempts: attempts, recent_failures: recent, locked_until: ADMIN_UNLOCK_ONLY, lock_requires_admin: true };
  }
  if (!privileged && attempts >= LOCKOUT.ordinary.maxFailures) {
    return {
      failed_attempts: attempts,
      recent_failures: recent,
      locked_until: new Date(now.getTime() + LOCKOUT.ordinary.lockMs),
      lock_requires_admin: false,
    };
  }
  return { failed_attempts: attempts, recent_failures: recent, locked_until: null, lock_requires_admin: false };
}

export function isLocked(user: { locked_until: Date | null; lock_requires_admin: boolean }, now: Date): boolean {
  if (user.locked_until === null) return false;
  return user.lock_requires_admin || new Date(user.locked_until).getTime() > now.getTime();
}
