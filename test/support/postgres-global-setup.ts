import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The postgres project needs a real server. CI (.ci/run) starts one and exports TEST_DATABASE_URL;
 * on a developer machine without it we start a throwaway one from the installed binaries.
 */
export default function setup(): (() => void) | undefined {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const script = join(import.meta.dirname, '../../scripts/test-postgres.sh');
  const alreadyRunning = spawnSync('bash', [script, 'status']).status === 0;
  const url = execFileSync('bash', [script, 'start'], { encoding: 'utf8' }).trim();
  process.env.TEST_DATABASE_URL = url;
  // A server another run started (or a developer left running) is not ours to stop.
  if (alreadyRunning) return undefined;
  return () => {
    execFileSync('bash', [script, 'stop'], { stdio: 'ignore' });
  };
}
