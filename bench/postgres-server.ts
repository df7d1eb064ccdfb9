import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The PostgreSQL server a bench part measures on: TEST_DATABASE_URL or DATABASE_URL when set, else
 * the throwaway server of scripts/test-postgres.sh, started here and stopped again by `stop` (unless
 * it was already running). Null only when no server can be started on this machine.
 */
export function postgresServer(part: string): { url: string; stop: () => void } | null {
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  const script = join(import.meta.dirname, '../scripts/test-postgres.sh');
  try {
    const running = spawnSync('bash', [script, 'status']).status === 0;
    const url = execFileSync('bash', [script, 'start'], { encoding: 'utf8' }).trim();
    return { url, stop: () => (running ? undefined : execFileSync('bash', [script, 'stop'], { stdio: 'ignore' })) };
  } catch (e) {
    console.log(`${part}: PostgreSQL could not be started (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    return null;
  }
}
