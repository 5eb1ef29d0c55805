// One test run for the whole workspace: `pnpm test` (after a build) runs every project below.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          root: './shared',
          include: ['test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'api',
          root: './api',
          include: ['test/**/*.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // PostgreSQL only (roles, several processes on one database): present only when TEST_DATABASE_URL
      // is set, so a PGlite run shows nothing skipped. Each file makes its own database and roles.
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: 'api-postgres',
                root: './api',
                include: ['test-postgres/**/*.test.ts'],
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      './web/vitest.config.ts',
      {
        test: {
          name: 'e2e',
          root: './web',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['./e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
