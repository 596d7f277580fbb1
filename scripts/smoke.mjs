// npm run smoke: the package as a user gets it from `npm install`.
//
// Packs the package (`npm pack`, which builds through `prepare`), installs the tarball into
// an empty temporary project (its dependencies, and fast-check for the optional peer, come
// from the npm registry), and there:
//   1. imports every entry point from ESM and checks it exports what this repo's build does;
//   2. type-checks a small TypeScript consumer against the shipped .d.ts files (this repo's
//      tsc, `module: nodenext`, strict, skipLibCheck off), including an `@ts-expect-error`
//      that only holds if the types are real rather than `any`;
//   3. runs the README's examples (at a glance, quickstart) and its `npx timeblocks preview …`
//      command exactly as written, and compares what they print with the README's output.
// Exits non-zero on the first failure. `--keep` leaves the temporary project for a look.
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const entries = Object.keys(manifest.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));

const work = mkdtempSync(join(tmpdir(), 'timeblocks-smoke-'));
const project = join(work, 'consumer');
let step = 'setup';

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function expectEqual(actual, expected, what) {
  if (actual === expected) return;
  throw new Error(`${what} differs.\n--- expected\n${expected}\n--- actual\n${actual}`);
}

/** A fenced block of `language` in the README section that starts with `heading`. */
function readmeBlock(heading, language, pattern = '([\\s\\S]*?)') {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}" section`);
  const match = new RegExp('```' + language + '\\n' + pattern + '```').exec(readme.slice(start));
  if (match === null) throw new Error(`README "${heading}" has no ${language} block`);
  return match[1];
}

try {
  step = 'pack';
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }).replace(/^[^[]*/, ''));
  const tarball = join(work, packed.filename);
  console.log(`smoke: packed ${packed.filename} (${packed.entryCount} files)`);

  step = 'install';
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  const fastCheck = `fast-check@${manifest.peerDependencies['fast-check']}`;
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball, fastCheck], { cwd: project });
  console.log(`smoke: installed the tarball and ${fastCheck} into an empty project`);

  step = 'import every entry point';
  const imports = entries.map((entry) => `import * as m${entries.indexOf(entry)} from '${entry}';`).join('\n');
  const report = entries.map((entry, i) => `${JSON.stringify(entry)}: Object.keys(m${i}).sort()`).join(', ');
  writeFileSync(join(project, 'imports.mjs'), `${imports}\nconsole.log(JSON.stringify({ ${report} }));\n`);
  const installed = JSON.parse(run(process.execPath, ['imports.mjs'], { cwd: project }));
  for (const [i, entry] of entries.entries()) {
    const subpath = Object.keys(manifest.exports)[i];
    const built = await import(pathToFileURL(join(root, manifest.exports[subpath].default)).href);
    expectEqual(installed[entry].join(', '), Object.keys(built).sort().join(', '), `exports of ${entry} from the tarball vs this repo's dist`);
  }
  for (const [entry, names] of [[manifest.name, ['defineSeries', 'expand', 'freeSlots', 'TimeblocksError']], [`${manifest.name}/testing`, ['seriesArbitrary', 'blockArbitrary']]]) {
    const lacking = names.filter((name) => !installed[entry].includes(name));
    if (lacking.length > 0) throw new Error(`${entry} does not export ${lacking.join(', ')}`);
  }
  console.log(`smoke: imported ${entries.map((entry) => `${entry} (${installed[entry].length} exports)`).join(', ')}`);

  step = 'type-check a TypeScript consumer';
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023'], types: [], strict: true, skipLibCheck: false, noEmit: true }, include: ['consumer.ts'] }, null, 2),
  );
  writeFileSync(
    join(project, 'consumer.ts'),
    `import { defineSeries, expand, findOverlaps, viewBlock, SeriesValidationError, type Block, type Series } from 'timeblocks';
import { seriesArbitrary, windowArbitrary, type Window } from 'timeblocks/testing';
import * as postgres from 'timeblocks/postgres';

const series: Series = defineSeries({
  id: 'room-42-standup',
  timezone: 'Europe/Berlin',
  start: '2025-03-24',
  startTime: '09:30',
  endTime: '10:00',
  repeat: { freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'], count: 4 },
});
const blocks: readonly Block[] = expand(series, { from: '2025-03-24T00:00:00Z', to: new Date('2025-04-01T00:00:00Z') });
const start: number = blocks[0]!.start;
const local: string = viewBlock(blocks[0]!, series.timezone).localStart;
const pairs: number = findOverlaps(blocks).length;
// @ts-expect-error: a block's start is epoch milliseconds, not a string (fails if the types were \`any\`)
const wrong: string = blocks[0]!.start;
const issues: readonly { path: string }[] = new SeriesValidationError([{ path: 'timezone', message: 'unknown' }]).issues;
const arbitrary = seriesArbitrary({ timezones: ['UTC'] });
const window: ReturnType<typeof windowArbitrary> = windowArbitrary();
type W = Window['from'];
const adapter: object = postgres;
export { start, local, pairs, wrong, issues, arbitrary, window, adapter };
export type { W };
`,
  );
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
  console.log('smoke: consumer.ts type-checks against the shipped .d.ts (nodenext, strict, skipLibCheck off)');

  for (const heading of ['## At a glance', '## Quickstart']) {
    step = `README ${heading.slice(3)}`;
    writeFileSync(join(project, 'readme-example.mjs'), readmeBlock(heading, 'js'));
    for (const tz of ['UTC', 'Pacific/Chatham']) {
      const printed = run(process.execPath, ['readme-example.mjs'], { cwd: project, env: { ...process.env, TZ: tz } });
      expectEqual(printed, readmeBlock(heading, 'text'), `README "${heading.slice(3)}" output (TZ=${tz})`);
    }
    console.log(`smoke: the README's "${heading.slice(3)}" example prints what the README shows`);
  }

  step = 'npx timeblocks preview';
  const command = readmeBlock('## Preview from the terminal', 'sh', '(npx timeblocks [^\\n]*)\\n');
  const expected = readmeBlock('## Preview from the terminal', 'text');
  for (const tz of ['UTC', 'America/Los_Angeles']) {
    // Through a shell, exactly as a user would paste it; npx finds the installed bin.
    const printed = execSync(command, { cwd: project, encoding: 'utf8', env: { ...process.env, TZ: tz, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    expectEqual(printed, expected, `\`${command}\` output (TZ=${tz})`);
  }
  console.log(`smoke: \`${command}\` prints what the README shows`);
  console.log('smoke: passed');
} catch (error) {
  const output = [error.stdout, error.stderr].filter(Boolean).join('\n');
  console.error(`smoke: FAILED at "${step}": ${error.message}${output ? `\n${output}` : ''}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`smoke: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
