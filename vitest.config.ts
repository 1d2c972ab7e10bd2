import { defineConfig } from 'vitest/config';

// One suite: unit tests next to the code, server tests on port 0, browser tests driving Debian's Chromium.
// Files that render React set `// @vitest-environment happy-dom` themselves.
export default defineConfig({
  test: {
    include: ['{shared,cli,editor,runtime,web,bin,bench,.storybook,e2e,contract}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // TRIBUTARY_TEST_STORE=postgres: the servers the tests boot run on a throwaway PostgreSQL (docs/store.md).
    globalSetup: process.env.TRIBUTARY_TEST_STORE === 'postgres' ? ['testing/postgresGlobalSetup.ts'] : [],
  },
});
