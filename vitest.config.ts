import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build-dist.ts'],
    // The real-PostgreSQL suite needs a server (`npm run test:pg`), the browser suite
    // Chromium (`npm run test:browser`).
    exclude: ['test/**/*.pg.test.ts', 'test/**/*.browser.test.ts', 'node_modules/**'],
    // Property suites run hundreds of expansions per test.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
