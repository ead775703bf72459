import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end suites start local servers and bot processes; two cores do not gain from more forks.
    maxWorkers: 2,
  },
});
