import { defineConfig } from 'vitest/config';

// Conformance suite: runs against real public data in ../shared/data when present,
// and skips with a clear message when it is not (see scripts/**/*.conformance.test.ts).
export default defineConfig({
  test: {
    include: ['scripts/**/*.conformance.test.ts'],
    testTimeout: 120_000,
    passWithNoTests: true,
    env: { TZ: 'UTC' },
    setupFiles: ['scripts/tools/vitest-setup.ts'],
  },
});
