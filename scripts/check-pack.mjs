// Part of `npm run check:package`: fails unless `npm pack` would ship exactly what belongs in
// the package, and everything package.json points at is in it.
//
// What ships, and why:
// - dist/: the build. Only `.js` and `.d.ts` files that come from a module in src/ (a file
//   left over from a module since deleted, or a compiled test, fails the check), and the
//   browser bundles scripts/build-browser.mjs writes (dist/browser/page.js: the HTML
//   page's script with the core, which `timeblocks … --format html` inlines).
// - package.json, README.md, LICENSE, CHANGELOG.md.
// - docs/**/*.md: the guides the README links to (concepts, DST, overlaps, editing, testing,
//   performance, recipes), so they can be read offline, next to the code they describe.
// Not shipped: docs/api/ (TypeDoc's HTML, built by `npm run docs`; the same text is in the
// shipped `.d.ts` files), test/, bench/, scripts/, src/, and examples/: the examples import
// 'timeblocks' and run from a clone of the repo, and each recipe in docs/recipes/ already
// holds its example's code verbatim.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundles } from './build-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// --ignore-scripts: pack what is built now (CI builds first); `prepare` would rebuild and
// print its output into the JSON.
const [pack] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
const shipped = pack.files.map((file) => file.path);
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const fixed = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', ...bundles.map((bundle) => bundle.out)]);

/** Why a shipped file does not belong, or undefined when it does. */
function unwanted(path) {
  if (fixed.has(path)) return undefined;
  if (path.startsWith('dist/')) {
    const module = /^dist\/(.+?)(\.d\.ts|\.js)$/.exec(path);
    if (module === null) return 'dist/ holds only .js and .d.ts files';
    return existsSync(`${root}src/${module[1]}.ts`) ? undefined : `no src/${module[1]}.ts: a stale or stray build file`;
  }
  if (path.startsWith('docs/api/')) return 'TypeDoc output is not shipped';
  if (/^docs\/.+\.md$/.test(path)) return undefined;
  return 'not part of the package';
}

/** Every file package.json points at: main, types, each export's targets, each bin. */
function pointedAt() {
  const targets = [manifest.main, manifest.types];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return targets.filter((target) => target !== undefined).map((target) => target.replace(/^\.\//, ''));
}

const problems = [];
for (const path of shipped) {
  const why = unwanted(path);
  if (why !== undefined) problems.push(`ships ${path}: ${why}`);
}
for (const path of [...fixed, ...pointedAt()]) {
  if (!shipped.includes(path)) problems.push(`does not ship ${path}${fixed.has(path) ? '' : ' (package.json points at it)'}`);
}
for (const bin of Object.values(manifest.bin ?? {})) {
  const path = `${root}${bin.replace(/^\.\//, '')}`;
  if (existsSync(path) && !readFileSync(path, 'utf8').startsWith('#!/usr/bin/env node\n')) problems.push(`${bin} does not start with #!/usr/bin/env node`);
}

for (const problem of problems) console.error(`check-pack: ${problem}`);
console.log(`check-pack: ${pack.name}@${pack.version}, ${shipped.length} files, ${(pack.size / 1024).toFixed(0)} kB packed, ${problems.length} problems`);
if (problems.length > 0) process.exit(1);
