/**
 * Browser bundle sizes, measured the way a user's bundler makes them: esbuild, ES module,
 * minified, for the browser, then gzip -9. timeblocks is bundled from the built `dist/`;
 * the peers from their installed packages, each for the imports a schedule needs from it.
 * The bundle-size test and `npm run bench` both use this.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const core = JSON.stringify(fileURLToPath(new URL('../dist/index.js', import.meta.url)));

/** What is bundled: an ES module's source, and what it stands for. */
export const bundles = [
  // maxKb is both the test's limit and the benchmark's target (issue 12: 20 KB and 35 KB).
  { name: 'timeblocks: defineSeries + expand', source: `export { defineSeries, expand } from ${core};`, maxKb: 20 },
  { name: 'timeblocks: the whole core', source: `export * from ${core};`, maxKb: 35 },
  { name: 'rrule.js: RRule, RRuleSet, rrulestr', source: `export { RRule, RRuleSet, rrulestr } from 'rrule';` },
  { name: 'luxon: DateTime, Interval', source: `export { DateTime, Interval } from 'luxon';` },
  {
    name: 'date-fns + @date-fns/tz: TZDate, addDays, addWeeks, addMonths, areIntervalsOverlapping',
    source: `export { addDays, addWeeks, addMonths, areIntervalsOverlapping } from 'date-fns'; export { TZDate } from '@date-fns/tz';`,
  },
];

/** Gzipped bytes of a minified browser bundle of `source` (an ES module), resolved from the project root. */
export async function gzippedBundleBytes(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

/** Every bundle above with its gzipped size in bytes. */
export async function measureBundles() {
  const rows = [];
  for (const bundle of bundles) rows.push({ ...bundle, bytes: await gzippedBundleBytes(bundle.source) });
  return rows;
}
