// The npm registry reachable from the project's machines lacks some platform builds that packages
// list as optional dependencies (e.g. @biomejs/cli-darwin-arm64, @tailwindcss/oxide-win32-x64-msvc).
// `npm install` then writes no lock entry for them and npm 11's `npm ci` refuses the lock as out of
// sync. This adds the entry npm would have written (version, optional, os/cpu/libc from the name),
// so `npm ci` skips those packages on this platform as it skips any foreign build. See decision 0006.
// Run after changing dependencies: `npm install && node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));

function platformOf(name) {
  const tail = name.split('/').pop();
  const os = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix'].find((o) => tail.includes(o));
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'wasm32', 's390x', 'ppc64', 'riscv64', 'loong64'].find((c) =>
    new RegExp(`(^|-)${c}($|-)`).test(tail),
  );
  const entry = {};
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (tail.includes('musl')) entry.libc = ['musl'];
  else if (os === 'linux' && !tail.includes('wasm')) entry.libc = ['glibc'];
  return entry;
}

let added = 0;
for (const [path, meta] of Object.entries(lock.packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[`${path}/node_modules/${dep}`]) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue;
    lock.packages[key] = { version: spec, ...(meta.dev ? { dev: true } : {}), optional: true, ...platformOf(dep) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} platform entries\n`);
