import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Ceilings for broken tests, not speed targets: end-to-end waits give up after 15 s with a message saying
    // what did arrive, and these leave room for that on a slow, loaded machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end suites start local servers and bot processes; two cores do not gain from more forks.
    maxWorkers: 2,
  },
});
