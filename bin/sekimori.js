#!/usr/bin/env node
// Entry point of the `sekimori` command. Runs the compiled server (npm ci builds it via `prepare`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'server', 'cli', 'main.js');
if (!existsSync(compiled)) {
  process.stderr.write('sekimori: the server is not built yet. Run `npm ci` (or `npm run build`) in the checkout first.\n');
  process.exit(1);
}
// A closed pipe (`sekimori … | head`) is not an error worth a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import(pathToFileURL(compiled).href);
await main(process.argv);
