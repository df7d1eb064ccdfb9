import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The e2e tests drive the built product: build it from the current source first. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: join(import.meta.dirname, '../../..'), stdio: 'inherit' });
}
