import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: build `dist/` once, before any suite runs, so the suites that test
 * the package as users get it (child processes, the README) all see the same fresh build.
 */
export default function buildDist(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // The HTML page's script: the core bundled for browsers (`--format html` inlines it).
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-browser.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
}
