/**
 * Scale: how costs grow with input size, each as a ratio against a baseline measured in
 * the same process (interleaved in rounds). findOverlaps against a plain sort of the same
 * blocks by start, up to a million blocks; expand's cost per block from 1 000 to 100 000
 * blocks; defineSeries with 30 000 overrides on a `count` rule, and 10 000 with as
 * many excludes, per override against 1 000 of them.
 */
import { defineSeries, expand, findOverlaps } from '../dist/index.js';
import { interleave } from './timer.mjs';
import { randomBlocks } from './random-blocks.mjs';

const day = 86_400_000;

/** `count` blocks over a year, one resource per 4 000 blocks (about 11 a day each). */
const yearOfBlocks = (count, seed) => randomBlocks(count, Math.max(1, Math.round(count / 4000)), seed);

export const overlapSizes = [1_000, 10_000, 100_000, 1_000_000];
export const expandSizes = [1_000, 10_000, 100_000];

function isoDay(offset) {
  return new Date(Date.UTC(2000, 0, 1) + offset * day).toISOString().slice(0, 10);
}

/** A daily series from 2000-01-01 at 09:00 with `overrides` moved occurrences (every other day) and `excludes` excluded days (the days between). */
function overriddenInput(overrides, excludes, repeat) {
  const moved = {};
  for (let i = 0; i < overrides; i++) moved[`${isoDay(2 * i)}T09:00`] = { startTime: '10:00' };
  const exclude = Array.from({ length: excludes }, (_, i) => isoDay(2 * i + 1));
  return { id: 'scale', timezone: 'Europe/Berlin', start: '2000-01-01', startTime: '09:00', endTime: '09:30', repeat, overrides: moved, exclude };
}

export async function runScaleBench() {
  const rows = [];

  // The overlap runs come last: after a million blocks, every full collection leaves a
  // ~180 MB old space to sweep while the next samples run, and expand's and defineSeries'
  // large cases would be judged on that garbage rather than their own.
  const daily = defineSeries({ id: 'scale', timezone: 'America/New_York', start: '1990-01-01', startTime: '09:30', endTime: '10:30', repeat: { freq: 'daily' } });
  const from = Date.UTC(1990, 0, 1);
  const expandCalls = Object.fromEntries(expandSizes.map((n) => [n, () => expand(daily, { from, to: from + n * day })]));
  globalThis.gc?.();
  const expandTimes = interleave(expandCalls, String(expandSizes[0]), { rounds: 11, sampleMs: 20, maxMs: 30_000 });
  for (const n of expandSizes) {
    const { medianMs, ratio } = expandTimes[n];
    const perBlockRatio = (ratio * expandSizes[0]) / n;
    rows.push({ group: 'expand', size: n, name: `expand, ${n.toLocaleString('en-US')} blocks: ${((medianMs * 1e6) / n).toFixed(0)} ns a block`, medianMs, ratio: perBlockRatio, note: `× the cost a block at ${expandSizes[0].toLocaleString('en-US')}` });
  }

  const overrideCases = [
    // The sizes: 30 000 overrides on a count rule (≤ 200 ms), 10 000 with 10 000 excludes.
    { name: 'overrides on a count rule', size: 30_000, input: (n) => overriddenInput(n, 0, { freq: 'daily', count: 2 * n + 10 }) },
    { name: 'overrides with as many excludes', size: 10_000, input: (n) => overriddenInput(n, n, { freq: 'daily' }) },
  ];
  for (const { name, size, input } of overrideCases) {
    const small = input(1_000);
    const large = input(size);
    globalThis.gc?.();
    const times = interleave({ small: () => defineSeries(small), large: () => defineSeries(large) }, 'small', { rounds: 7, sampleMs: 20, maxMs: 30_000 });
    rows.push({ group: 'overrides', size, name: `defineSeries, ${size.toLocaleString('en-US')} ${name}`, medianMs: times.large.medianMs, ratio: (times.large.ratio * 1_000) / size, note: '× the cost an override at 1 000' });
  }

  for (const n of overlapSizes) {
    const blocks = yearOfBlocks(n, n);
    const limit = 10 * n; // about 0.45 pairs a block: past the default limit of 100 000 pairs at a million
    globalThis.gc?.();
    const big = n >= 1_000_000;
    const times = interleave(
      { sort: () => blocks.slice().sort((a, b) => a.start - b.start), findOverlaps: () => findOverlaps(blocks, { by: 'resource', limit }) },
      'sort',
      { rounds: big ? 5 : 11, sampleMs: 20, maxMs: big ? 60_000 : 20_000 },
    );
    rows.push({ group: 'overlaps', size: n, name: `findOverlaps, ${n.toLocaleString('en-US')} blocks`, medianMs: times.findOverlaps.medianMs, ratio: times.findOverlaps.ratio, note: '× sorting them by start' });
  }
  return rows;
}

export function scaleTargets(rows) {
  const targets = [];
  for (const row of rows.filter((r) => r.group === 'overlaps')) {
    targets.push({ target: `findOverlaps, ${row.size.toLocaleString('en-US')} blocks: within 1.5× of sorting them`, measured: `${row.ratio.toFixed(2)}×`, pass: row.ratio <= 1.5 });
  }
  const largest = rows.filter((r) => r.group === 'expand').at(-1);
  targets.push({ target: `expand, ${largest.size.toLocaleString('en-US')} blocks: cost a block within 1.5× of 1 000 blocks`, measured: `${largest.ratio.toFixed(2)}×`, pass: largest.ratio <= 1.5 });
  for (const row of rows.filter((r) => r.group === 'overrides')) {
    targets.push({ target: `${row.name}: linear (cost an override within 2× of 1 000)`, measured: `${row.ratio.toFixed(2)}×`, pass: row.ratio <= 2 });
  }
  const count = rows.find((r) => r.group === 'overrides' && r.name.includes('count'));
  targets.push({ target: `${count.name}: ≤ 200 ms`, measured: `${count.medianMs.toFixed(1)} ms`, pass: count.medianMs <= 200 });
  return targets;
}
