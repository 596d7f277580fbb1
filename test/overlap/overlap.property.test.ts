import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOverlaps, freeSlots, mergeBlocks, subtractBlocks, type Block, type TimeInterval } from '../../src/index.js';

const MIN = 60_000;
const base = Date.UTC(2025, 0, 6);

/** Small blocks on a minute grid over one day, in a few resources: easy to check by brute force. */
const blockList = fc.array(
  fc.record({
    seriesId: fc.constantFrom('a', 'b', 'c'),
    room: fc.constantFrom('r1', 'r2'),
    startMinute: fc.integer({ min: 0, max: 300 }),
    minutes: fc.integer({ min: 1, max: 90 }),
  }),
  { maxLength: 40 },
).map((items) =>
  items.map(({ seriesId, room, startMinute, minutes }, i) => ({
    seriesId,
    key: `k${i}`,
    room,
    start: base + startMinute * MIN,
    end: base + (startMinute + minutes) * MIN,
  })),
);

const intervalList = fc
  .array(fc.record({ startMinute: fc.integer({ min: 0, max: 300 }), minutes: fc.integer({ min: 1, max: 90 }) }), { maxLength: 25 })
  .map((items) => items.map(({ startMinute, minutes }) => ({ start: base + startMinute * MIN, end: base + (startMinute + minutes) * MIN })));

/** Oracle: which minutes of [0, 500) some interval covers. */
function occupancy(intervals: readonly TimeInterval[]): boolean[] {
  const minutes = new Array<boolean>(500).fill(false);
  for (const { start, end } of intervals) for (let m = (start - base) / MIN; m < (end - base) / MIN; m++) minutes[m] = true;
  return minutes;
}

/** Oracle: maximal runs of true minutes as intervals. */
function runs(minutes: readonly boolean[]): TimeInterval[] {
  const result: TimeInterval[] = [];
  for (let m = 0; m < minutes.length; m++) {
    if (!minutes[m] || (m > 0 && minutes[m - 1])) continue;
    let end = m;
    while (end < minutes.length && minutes[end]) end++;
    result.push({ start: base + m * MIN, end: base + end * MIN });
  }
  return result;
}

const pairId = ({ a, b }: { a: Block; b: Block }) => `${a.key}|${b.key}`;

describe('findOverlaps', () => {
  it('finds exactly the pairs an O(n²) scan finds (half-open: touching is not overlapping)', () => {
    fc.assert(
      fc.property(blockList, (blocks) => {
        const expected: string[] = [];
        for (let i = 0; i < blocks.length; i++) {
          for (let j = i + 1; j < blocks.length; j++) {
            const [x, y] = [blocks[i]!, blocks[j]!];
            if (x.start < y.end && y.start < x.end) expected.push([x.key, y.key].sort().join('|'));
          }
        }
        const found = findOverlaps(blocks);
        expect(found.map((pair) => [pair.a.key, pair.b.key].sort().join('|')).sort()).toEqual(expected.sort());
        for (const { a, b, start, end } of found) {
          expect(start).toBe(Math.max(a.start, b.start));
          expect(end).toBe(Math.min(a.end, b.end));
          expect(end).toBeGreaterThan(start);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with by, only pairs within one resource', () => {
    fc.assert(
      fc.property(blockList, (blocks) => {
        const byName = findOverlaps(blocks, { by: 'room' });
        const byFunction = findOverlaps(blocks, { by: (block) => block.room });
        expect(byName).toEqual(byFunction);
        expect(byName.every(({ a, b }) => a.room === b.room)).toBe(true);
        expect(byName.map(pairId)).toEqual(findOverlaps(blocks).filter(({ a, b }) => a.room === b.room).map(pairId));
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: shuffled input gives the same output', () => {
    fc.assert(
      fc.property(blockList.chain((blocks) => fc.tuple(fc.constant(blocks), fc.shuffledSubarray(blocks, { minLength: blocks.length }))), ([blocks, shuffled]) => {
        expect(findOverlaps(shuffled, { by: 'room' })).toEqual(findOverlaps(blocks, { by: 'room' }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('mergeBlocks and subtractBlocks', () => {
  it('mergeBlocks is the union, minute by minute, as maximal intervals', () => {
    fc.assert(
      fc.property(intervalList, (intervals) => {
        expect(mergeBlocks(intervals)).toEqual(runs(occupancy(intervals)));
      }),
      { numRuns: 300 },
    );
  });

  it('subtractBlocks leaves exactly the minutes in the first list and not in the second', () => {
    fc.assert(
      fc.property(intervalList, intervalList, (from, minus) => {
        const left = occupancy(from);
        const cut = occupancy(minus);
        expect(subtractBlocks(from, minus)).toEqual(runs(left.map((taken, m) => taken && !cut[m])));
      }),
      { numRuns: 300 },
    );
  });
});

describe('freeSlots', () => {
  it('agrees with a minute-by-minute oracle', () => {
    fc.assert(
      fc.property(
        intervalList,
        intervalList,
        fc.record({
          duration: fc.integer({ min: 1, max: 60 }),
          step: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
          before: fc.integer({ min: 0, max: 20 }),
          after: fc.integer({ min: 0, max: 20 }),
          notBefore: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
          windowFrom: fc.integer({ min: 0, max: 200 }),
          windowLength: fc.integer({ min: 1, max: 300 }),
        }),
        (availability, busy, o) => {
          const window = { from: base + o.windowFrom * MIN, to: base + (o.windowFrom + o.windowLength) * MIN };
          const slots = freeSlots({
            availability,
            busy,
            window,
            duration: `PT${o.duration}M`,
            step: o.step === undefined ? undefined : `PT${o.step}M`,
            buffer: { before: `PT${o.before}M`, after: `PT${o.after}M` },
            notBefore: o.notBefore === undefined ? undefined : base + o.notBefore * MIN,
          });
          // Oracle: free minutes are available, inside the window, and not within a buffered busy block.
          const available = occupancy(availability);
          const taken = occupancy(busy.map(({ start, end }) => ({ start: Math.max(base, start - o.before * MIN), end: end + o.after * MIN })));
          const free = available.map((yes, m) => yes && !taken[m] && m >= o.windowFrom && m < o.windowFrom + o.windowLength);
          const expected: TimeInterval[] = [];
          for (const run of runs(free)) {
            for (let start = run.start; start + o.duration * MIN <= run.end; start += (o.step ?? o.duration) * MIN) {
              if (o.notBefore === undefined || start >= base + o.notBefore * MIN) expected.push({ start, end: start + o.duration * MIN });
            }
          }
          expect(slots).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sortBlocks (the packed-key fast sort)', () => {
  it('gives exactly the comparator order, ties and wide spans included', async () => {
    const { sortBlocks } = await import('../../src/overlap/sort-blocks.js');
    const { compareBlocks } = await import('../../src/index.js');
    const block = fc.record({
      seriesId: fc.constantFrom('a', 'b'),
      key: fc.constantFrom('k1', 'k2', 'k3'),
      start: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -8e15, max: 8e15 }), fc.constant(1.5)),
      length: fc.integer({ min: 1, max: 5 }),
    }).map(({ seriesId, key, start, length }) => ({ seriesId, key, start, end: start + length }));
    fc.assert(
      fc.property(fc.array(block, { minLength: 0, maxLength: 300 }), fc.boolean(), (blocks, narrow) => {
        const input = narrow ? blocks.map((b) => ({ ...b, start: Math.abs(Math.round(b.start)) % 50, end: (Math.abs(Math.round(b.start)) % 50) + 3 })) : blocks;
        expect(sortBlocks(input)).toEqual(input.slice().sort(compareBlocks));
      }),
      { numRuns: 300 },
    );
  });
});
