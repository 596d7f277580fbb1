/**
 * Overlap and free-slot benchmarks: findOverlaps against sorting alone (the floor), a
 * plain sort-then-scan loop, and the O(n²) scan; freeSlots over a year of clinic hours.
 */
import { defineSeries, findOverlaps, freeSlots } from '../dist/index.js';
import { interleave, measure } from './timer.mjs';
import { randomBlocks } from './random-blocks.mjs';

const yearStart = Date.UTC(2025, 0, 1);

/** What a careful user writes by hand: sort by start, scan each resource's running blocks. */
function sortThenScan(blocks) {
  const sorted = blocks.slice().sort((a, b) => a.start - b.start);
  const running = new Map();
  const pairs = [];
  for (const block of sorted) {
    const active = (running.get(block.resource) ?? []).filter((other) => other.end > block.start);
    for (const other of active) pairs.push([other, block]);
    active.push(block);
    running.set(block.resource, active);
  }
  return pairs;
}

function quadratic(blocks) {
  const pairs = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const a = blocks[i];
      const b = blocks[j];
      if (a.resource === b.resource && a.start < b.end && b.start < a.end) pairs.push([a, b]);
    }
  }
  return pairs;
}

export async function runOverlapBench() {
  const rows = [];
  const blocks = randomBlocks(200_000, 50, 42);
  const pairs = findOverlaps(blocks, { by: 'resource' }).length;
  if (sortThenScan(blocks).length !== pairs) throw new Error('sort-then-scan disagrees with findOverlaps');
  // Interleaved in one process: a slow spell of the shared machine hits all three alike,
  // and the ratios are medians of per-round ratios.
  globalThis.gc?.();
  const times = interleave(
    { sort: () => blocks.slice().sort((a, b) => a.start - b.start), findOverlaps: () => findOverlaps(blocks, { by: 'resource' }), sortThenScan: () => sortThenScan(blocks) },
    'sort',
    { rounds: 11, sampleMs: 20, maxMs: 20_000 },
  );
  const sortMs = times.sort.medianMs;
  const oursMs = times.findOverlaps.medianMs;
  const scanMs = times.sortThenScan.medianMs;
  rows.push({ name: 'sort 200k blocks by start (floor)', medianMs: sortMs, ratio: 1 });
  rows.push({ name: `findOverlaps 200k blocks, 50 resources (${pairs} pairs)`, medianMs: oursMs, ratio: times.findOverlaps.ratio, note: '× sort' });
  rows.push({ name: 'sort-then-scan loop, 200k blocks', medianMs: scanMs, ratio: times.sortThenScan.ratio, note: '× sort' });

  const small = randomBlocks(5_000, 50, 7);
  if (quadratic(small).length !== findOverlaps(small, { by: 'resource' }).length) throw new Error('O(n²) scan disagrees with findOverlaps');
  const smallOurs = measure(() => findOverlaps(small, { by: 'resource' })).medianMs;
  const smallQuadratic = measure(() => quadratic(small), { minSamples: 5 }).medianMs;
  rows.push({ name: 'findOverlaps 5k blocks', medianMs: smallOurs, ratio: 1 });
  rows.push({ name: 'O(n²) scan 5k blocks', medianMs: smallQuadratic, ratio: smallQuadratic / smallOurs, note: '× findOverlaps' });

  const clinic = defineSeries({ id: 'clinic', timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '09:00', endTime: '17:00', repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], until: '2025-12-31' } });
  const busy = randomBlocks(5_000, 1, 99);
  const options = { availability: [clinic], busy, window: { from: yearStart, to: Date.UTC(2026, 0, 1) }, duration: 'PT30M', grid: { timezone: 'Europe/Berlin' } };
  const slotCount = freeSlots(options).length;
  globalThis.gc?.();
  const slotsMs = measure(() => freeSlots(options)).medianMs;
  rows.push({ name: `freeSlots: a year of weekday 09:00–17:00, 5k busy blocks, 30-min grid (${slotCount} slots)`, medianMs: slotsMs });
  return rows;
}

export function overlapTargets(rows) {
  const find = (prefix) => rows.find((row) => row.name.startsWith(prefix));
  const ratio = find('findOverlaps 200k').ratio;
  const slots = find('freeSlots').medianMs;
  return [
    { target: 'findOverlaps within 1.5× of sorting the blocks', measured: `${ratio.toFixed(2)}×`, pass: ratio <= 1.5 },
    { target: 'freeSlots, a year of clinic hours and 5k busy blocks, under 20 ms', measured: `${slots.toFixed(2)} ms`, pass: slots < 20 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await runOverlapBench()) console.log(row);
}
