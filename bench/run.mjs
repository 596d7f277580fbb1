// npm run bench: every benchmark side by side in one run, reported as ratios.
import { existsSync } from 'node:fs';
import { measureBundles } from './bundle-size.mjs';
import { coreTargets, runCoreBench } from './core.bench.mjs';
import { runScaleBench, scaleTargets } from './scale.bench.mjs';
import { runSubDailyBench, subDailyTargets } from './sub-daily.bench.mjs';
import { formatCorrectness, runCorrectness } from './correctness.mjs';
import { formatMs } from './timer.mjs';

function table(rows, columns) {
  const cells = rows.map((row) => columns.map(([, value]) => String(value(row))));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((row) => row[i].length)));
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns.map(([title]) => title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Expansion rows: case, contender, blocks, median, throughput and the ratio to timeblocks. */
function expansionTable(rows) {
  return table(rows, [
    ['case', (r) => r.case],
    ['contender', (r) => r.contender],
    ['blocks', (r) => r.blocks],
    ['median', (r) => formatMs(r.medianMs)],
    ['blocks/s', (r) => Math.round(r.perSecond).toLocaleString('en-US')],
    ['× timeblocks (define + expand) time', (r) => r.ratio.toFixed(2)],
  ]);
}

console.log(`timeblocks benchmarks — Node ${process.version}, ${process.platform}/${process.arch}\n`);

const core = await runCoreBench();
console.log('Expansion (America/New_York, 1-hour blocks; construction inside every timed call but "expand only")\n');
console.log(expansionTable(core));

for (const note of core.notes ?? []) console.log(`\nnote: ${note}`);

const targets = [...coreTargets(core)];

const subDaily = await runSubDailyBench();
console.log('\nSub-daily rules (America/New_York, 30-minute blocks; construction inside every timed call but "expand only")\n');
console.log(expansionTable(subDaily));
for (const note of subDaily.notes) console.log(`\nnote: ${note}`);
targets.push(...subDailyTargets(subDaily));

const overlapBench = new URL('./overlap.bench.mjs', import.meta.url);
if (existsSync(overlapBench)) {
  const { runOverlapBench, overlapTargets } = await import(overlapBench.href);
  const rows = await runOverlapBench();
  console.log('\nOverlaps and free slots\n');
  console.log(
    table(rows, [
      ['case', (r) => r.name],
      ['median', (r) => formatMs(r.medianMs)],
      ['ratio', (r) => (r.ratio === undefined ? '' : r.ratio.toFixed(2))],
      ['note', (r) => r.note ?? ''],
    ]),
  );
  if (overlapTargets) targets.push(...overlapTargets(rows));
}

const scale = await runScaleBench();
console.log('\nScale (each ratio against a baseline run interleaved with it)\n');
console.log(
  table(scale, [
    ['case', (r) => r.name],
    ['median', (r) => formatMs(r.medianMs)],
    ['ratio', (r) => r.ratio.toFixed(2)],
    ['', (r) => r.note],
  ]),
);
targets.push(...scaleTargets(scale));

const bundles = await measureBundles();
console.log('\nBrowser bundles (esbuild, minified, gzip -9)\n');
console.log(table(bundles, [['bundle', (b) => b.name], ['gzipped', (b) => `${(b.bytes / 1024).toFixed(1)} KB`]]));
for (const bundle of bundles.filter((b) => b.maxKb !== undefined)) {
  targets.push({ target: `${bundle.name} ≤ ${bundle.maxKb} KB`, measured: `${(bundle.bytes / 1024).toFixed(1)} KB`, pass: bundle.bytes <= bundle.maxKb * 1024 });
}

// Correctness: the same DST-crossing series in every library, under several host TZs.
console.log(`\n${formatCorrectness(runCorrectness())}`);

console.log('\nTargets\n');
console.log(table(targets, [['target', (t) => t.target], ['measured', (t) => t.measured], ['', (t) => (t.pass ? 'PASS' : 'MISS')]]));
