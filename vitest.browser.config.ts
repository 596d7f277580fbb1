import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the HTML pages in headless Chromium (the system's `chromium`
// package, driven by puppeteer-core; CHROMIUM_PATH overrides /usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    globalSetup: ['test/support/build-dist.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser at a time: the machine is small.
    fileParallelism: false,
  },
});
