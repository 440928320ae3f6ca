import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Storage and queue tests share one Postgres and one Redis; files isolate by schema/prefix.
    pool: 'forks',
  },
});
