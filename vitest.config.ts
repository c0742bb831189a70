import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites share one machine's two cores; files run in parallel, tests in a file in order.
    pool: 'forks',
    maxWorkers: 2,
  },
});
