import { defineConfig } from 'vitest/config';

const unitAndIntegration = ['src/**/*.test.ts', 'test/**/*.test.ts'];

/**
 * `npm test` runs every suite on the embedded database (pglite), again on a real PostgreSQL server
 * (postgres), then the browser end-to-end tests (e2e) in Debian's Chromium.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'artifacts/test-results.json' },
    projects: [
      {
        test: {
          name: 'pglite',
          include: unitAndIntegration,
          env: { SEKIMORI_TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: unitAndIntegration,
          env: { SEKIMORI_TEST_DB: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
