import { compareBlocks } from '../expand/block-order.js';
import type { Block } from '../expand/types.js';

/**
 * Blocks in block order (start, end, seriesId, key), fast: sorting is the floor of every
 * overlap search, so blocks are ordered by start without a comparator, and only runs of
 * equal starts are then ordered by `compareBlocks`. Two ways to order by start: while the
 * starts' span times the index space stays exact below 2^53, each start is packed with
 * its block's index into one float key (`(start - min) · 2^bits + index`) and sorted
 * natively; past that (a year of ms holds 2^18 blocks), a radix sort of the indices by
 * `start - min`, linear in the blocks whatever the span. Non-integer starts (and few
 * blocks) take the comparator sort.
 */
export function sortBlocks<T extends Block>(blocks: readonly T[]): T[] {
  const n = blocks.length;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const start = blocks[i]!.start;
    if (start < min) min = start;
    if (start > max) max = start;
    if (!Number.isInteger(start)) integers = false;
  }
  if (n < 64 || !integers || !Number.isSafeInteger(max - min)) return blocks.slice().sort(compareBlocks);
  const indexSpace = 2 ** Math.ceil(Math.log2(n + 1));
  const order = Number.isSafeInteger((max - min + 1) * indexSpace) ? packedOrder(blocks, min, indexSpace) : radixOrder(blocks, min, max);
  const sorted = new Array<T>(n);
  for (let i = 0; i < n; i++) sorted[i] = blocks[order[i]!]!;
  // Equal starts: order by the rest of the block order.
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j]!.start === sorted[i]!.start) j++;
    if (j - i > 1) {
      const run = sorted.slice(i, j).sort(compareBlocks);
      for (let k = i; k < j; k++) sorted[k] = run[k - i]!;
    }
    i = j;
  }
  return sorted;
}

/** Block indices by start: starts packed with their index into float keys, sorted natively. */
function packedOrder(blocks: readonly Block[], min: number, indexSpace: number): Uint32Array {
  const n = blocks.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (blocks[i]!.start - min) * indexSpace + i;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i]! % indexSpace;
  return order;
}

const radixBits = 16;
const radixMask = (1 << radixBits) - 1;
const twoTo32 = 2 ** 32;

/** Block indices by start: a stable LSD radix sort on `start - min` (below 2^53), 16 bits a pass. */
function radixOrder(blocks: readonly Block[], min: number, max: number): Uint32Array {
  const n = blocks.length;
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const offset = blocks[i]!.start - min;
    low[i] = offset >>> 0;
    high[i] = (offset - low[i]!) / twoTo32;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  const counts = new Uint32Array(1 << radixBits);
  const passes = Math.ceil(Math.log2(max - min + 1) / radixBits);
  for (let pass = 0; pass < passes; pass++) {
    const words = pass < 2 ? low : high;
    const shift = (pass % 2) * radixBits;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(words[i]! >>> shift) & radixMask]!++;
    let offset = 0;
    for (let digit = 0; digit < counts.length; digit++) {
      const count = counts[digit]!;
      counts[digit] = offset;
      offset += count;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i]!;
      spare[counts[(words[index]! >>> shift) & radixMask]!++] = index;
    }
    [order, spare] = [spare, order];
  }
  return order;
}
