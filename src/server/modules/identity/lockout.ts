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
  failed_attempts: number;
  failure_window_started_at: Date | null;
}

export interface FailureOutcome {
  failed_attempts: number;
  failure_window_started_at: Date;
  locked_until: Date | null;
  lock_requires_admin: boolean;
}

export function nextFailureState(current: FailureState, privileged: boolean, now: Date): FailureOutcome {
  const windowStart = current.failure_window_started_at ? new Date(current.failure_window_started_at) : null;
  const inWindow = windowStart !== null && now.getTime() - windowStart.getTime() < LOCKOUT.windowMs;
  const attempts = inWindow ? current.failed_attempts + 1 : 1;
  const started = inWindow && windowStart ? windowStart : now;
  if (privileged && attempts >= LOCKOUT.privileged.maxFailures) {
    return { failed_attempts: attempts, failure_window_started_at: started, locked_until: ADMIN_UNLOCK_ONLY, lock_requires_admin: true };
  }
  if (!privileged && attempts >= LOCKOUT.ordinary.maxFailures) {
    return {
      failed_attempts: attempts,
      failure_window_started_at: started,
      locked_until: new Date(now.getTime() + LOCKOUT.ordinary.lockMs),
      lock_requires_admin: false,
    };
  }
  return { failed_attempts: attempts, failure_window_started_at: started, locked_until: null, lock_requires_admin: false };
}

export function isLocked(user: { locked_until: Date | null; lock_requires_admin: boolean }, now: Date): boolean {
  if (user.locked_until === null) return false;
  return user.lock_requires_admin || new Date(user.locked_until).getTime() > now.getTime();
}
