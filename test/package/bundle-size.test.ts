import { describe, expect, it } from 'vitest';
import { bundles, gzippedBundleBytes } from '../../bench/bundle-size.mjs';

/**
 * The core must stay small in a browser: minified, gzipped esbuild bundles of the built
 * package stay under the sizes docs/performance.md promises (`dist/` is built by the
 * suite's global setup; `npm run bench` prints the same bundles beside rrule.js, luxon
 * and date-fns).
 */

const own = bundles.filter((bundle) => bundle.maxKb !== undefined);

describe('browser bundle size (esbuild, minified, gzip -9)', () => {
  it('measures both of timeblocks’ bundles', () => {
    expect(own.map((bundle) => [bundle.name, bundle.maxKb])).toEqual([
      ['timeblocks: defineSeries + expand', 20],
      ['timeblocks: the whole core', 35],
    ]);
  });

  it.each(own)('$name stays at most $maxKb KB', async ({ source, maxKb }) => {
    const bytes = await gzippedBundleBytes(source);
    expect(bytes).toBeGreaterThan(1024); // a real bundle, not an empty one
    expect(bytes).toBeLessThanOrEqual(maxKb! * 1024);
  });
});
