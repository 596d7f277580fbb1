import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBlocks } from '../../src/expand/block-order.js';
import { sortBlocks } from '../../src/overlap/sort-blocks.js';

/**
 * sortBlocks orders by start without a comparator, one of two ways depending on the span
 * of starts times the number of blocks (packed float keys, or a radix sort past 2^53);
 * both must give exactly the comparator sort's block order, equal starts included.
 */

const base = Date.UTC(2025, 0, 6);

/** Blocks whose starts are `base + step · k` for small k (so equal starts are common). */
function blocksOver(step: number, count: { min: number; max: number }) {
  return fc
    .array(fc.record({ k: fc.integer({ min: 0, max: 50 }), length: fc.integer({ min: 1, max: 3 }), seriesId: fc.constantFrom('a', 'b') }), {
      minLength: count.min,
      maxLength: count.max,
    })
    .map((items) => items.map(({ k, length, seriesId }, i) => ({ seriesId, key: `k${i}`, start: base + step * k, end: base + step * (k + length) })));
}

describe('sortBlocks', () => {
  it('packs starts with indices when the span allows (a day of minutes)', () => {
    fc.assert(
      fc.property(blocksOver(60_000, { min: 64, max: 300 }), (blocks) => {
        expect(sortBlocks(blocks)).toEqual(blocks.slice().sort(compareBlocks));
      }),
      { numRuns: 100 },
    );
  });

  it('radix-sorts when packing would pass 2^53 (starts spread over a wide span)', () => {
    // 50 steps of 2·10^13 ms: a span of 10^15 ms, times 512 indices, is past 2^53.
    fc.assert(
      fc.property(blocksOver(2e13, { min: 300, max: 400 }), (blocks) => {
        expect(sortBlocks(blocks)).toEqual(blocks.slice().sort(compareBlocks));
      }),
      { numRuns: 100 },
    );
  });

  it('radix-sorts a million blocks over a year in block order', () => {
    const blocks = Array.from({ length: 1_000_000 }, (_, i) => {
      const start = base + ((i * 7919) % 525_600) * 60_000; // every minute of a year, about twice
      return { seriesId: 's', key: `k${String(i).padStart(7, '0')}`, start, end: start + 1_800_000 };
    });
    const sorted = sortBlocks(blocks);
    expect(sorted).toHaveLength(blocks.length);
    for (let i = 1; i < sorted.length; i++) if (compareBlocks(sorted[i - 1]!, sorted[i]!) > 0) expect.fail(`out of order at ${i}`);
    expect(new Set(sorted).size).toBe(blocks.length);
  });
});
