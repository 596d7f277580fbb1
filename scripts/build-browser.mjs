// Part of `npm run build`: bundles the HTML page's script (src/cli/views/page-script.ts,
// the timeblocks core with it) into dist/browser/page.js, which `--format html` inlines.
// One self-contained ES module for browsers, no imports left, minified.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The bundles this script writes, relative to the package root (scripts/check-pack.mjs ships exactly these). */
export const bundles = [{ entry: 'src/cli/views/page-script.ts', out: 'dist/browser/page.js' }];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { entry, out } of bundles) {
    await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2022'],
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
}
