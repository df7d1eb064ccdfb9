// `prepare` runs on `npm ci` and again when `npx sekimori` links this checkout into npm's exec cache.
// Build only when a source or build-config file is newer than the last build, so the second run is instant.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const inputs = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts'];
const sourceTime = Math.max(
  ...inputs
    .map((p) => join(root, p))
    .filter(existsSync)
    .map(newest),
);
const builtTime = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;

if (
  builtTime > sourceTime &&
  existsSync(join(root, 'dist', 'server', 'cli', 'main.js')) &&
  existsSync(join(root, 'dist', 'web', 'index.html'))
) {
  process.stdout.write('sekimori: build is up to date\n');
} else {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}
