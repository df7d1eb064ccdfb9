import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Clock } from '../../shared/clock.js';
import { type Db, latestCheckpoint } from './log-repo.js';

export interface ClockStatus {
  /** How the host keeps time, as far as we can tell (systemd-timesyncd / chrony / unknown). */
  source: string;
  /** Whether the host reports its clock synchronised; null when it cannot be told. */
  synchronized: boolean | null;
  checkedAt: string;
  lastCheckpointAt: string | null;
  /** AUD-6: the clock reads earlier than the last signed checkpoint: record times cannot be trusted. */
  behindLastCheckpoint: boolean;
}

function hostSync(): { source: string; synchronized: boolean | null } {
  const timedatectl = spawnSync('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { encoding: 'utf8', timeout: 2_000 });
  if (timedatectl.status === 0) return { source: 'systemd', synchronized: timedatectl.stdout.trim() === 'yes' };
  const chrony = spawnSync('chronyc', ['-n', 'tracking'], { encoding: 'utf8', timeout: 2_000 });
  if (chrony.status === 0) return { source: 'chrony', synchronized: !/Not synchronised/i.test(chrony.stdout) };
  if (existsSync('/run/systemd/timesync/synchronized')) return { source: 'systemd-timesyncd', synchronized: true };
  return { source: 'unknown', synchronized: null };
}

/** AUD-6: recorded at start and shown in health. */
export async function checkClock(db: Db, clock: Clock): Promise<ClockStatus> {
  const now = clock.now();
  const last = await latestCheckpoint(db);
  const lastAt = last ? new Date(last.signed_at) : null;
  return {
    ...hostSync(),
    checkedAt: now.toISOString(),
    lastCheckpointAt: lastAt?.toISOString() ?? null,
    behindLastCheckpoint: lastAt !== null && now.getTime() < lastAt.getTime(),
  };
}
