import { defineConfig } from 'vitest/config';

// `npm run test:pg`: the adapter suite (the same files `npm test` runs on PGlite) plus the
// real-server-only `*.pg.test.ts` files, against a real PostgreSQL server.
export default defineConfig({
  test: {
    include: ['test/postgres/**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/support/build-dist.ts', 'test/support/pg-global-setup.ts'],
    setupFiles: ['test/support/pg-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
