// Prints one closing line "vitest: N passed, N failed, N skipped" from Vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'artifacts/test-results.json';
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  process.stdout.write(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped\n`);
  if (report.numTotalTests === 0) process.exitCode = 1;
} catch (e) {
  process.stdout.write(`no test report at ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
