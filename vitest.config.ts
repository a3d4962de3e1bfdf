import { defineConfig } from 'vitest/config';

/**
 * One run, two projects: unit (fast, parallel) and e2e (Debian's Chromium against the browser
 * bridge, serial). The summary reporter prints the `N passed, N failed` line over both.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['parsers/**/*.test.ts', 'engine/**/*.test.ts', 'eval/**/*.test.ts', 'cli/**/*.test.ts', 'samples/**/*.test.ts', 'test/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
