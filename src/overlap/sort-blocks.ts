import { compareBlocks } from '../expand/block-order.js';
import type { Block } from '../expand/types.js';

/** Blocks in block order (start, end, seriesId, key): `blockOrder` applied to a copy. */
export function sortBlocks<T extends Block>(blocks: readonly T[]): T[] {
  const { order } = blockOrder(blocks, startsOf(blocks));
  const sorted = new Array<T>(order.length);
  for (let i = 0; i < order.length; i++) sorted[i] = blocks[order[i]!]!;
  return sorted;
}

/** Each block's start, by index: one sequential read of the objects. */
export function startsOf(blocks: readonly Block[]): Float64Array {
  const starts = new Float64Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) starts[i] = blocks[i]!.start;
  return starts;
}

/** Block indices in block order, and the starts in that order. */
export interface BlockOrder {
  readonly order: Uint32Array;
  readonly sortedStarts: Float64Array;
}

/**
 * The indices of `blocks` in block order, fast: sorting is the floor of every overlap
 * search, so blocks are ordered by start (`starts`, by index) without a comparator, and
 * only runs of equal starts are then ordered by `compareBlocks`. Two ways to order by
 * start: while the starts' span times the index space stays exact below 2^53, each start
 * is packed with its block's index into one float key (`(start - min) · 2^bits + index`)
 * and sorted natively; past that (a year of ms holds 2^18 blocks), a radix sort of the
 * indices by `start - min`, linear in the blocks whatever the span. Non-integer starts
 * (and few blocks) take the comparator sort. Working on typed arrays of indices keeps
 * the sort from chasing block objects scattered in memory.
 */
export function blockOrder(blocks: readonly Block[], starts: Float64Array): BlockOrder {
  const n = blocks.length;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const start = starts[i]!;
    if (start < min) min = start;
    if (start > max) max = start;
    if (!Number.isInteger(start)) integers = false;
  }
  let order: Uint32Array;
  if (n < 64 || !integers || !Number.isSafeInteger(max - min)) {
    order = Uint32Array.from(Array.from({ length: n }, (_, i) => i).sort((i, j) => compareBlocks(blocks[i]!, blocks[j]!)));
    return { order, sortedStarts: permuted(starts, order) };
  }
  const indexSpace = 2 ** Math.ceil(Math.log2(n + 1));
  order = Number.isSafeInteger((max - min + 1) * indexSpace) ? packedOrder(starts, min, indexSpace) : radixOrder(starts, min, max);
  const sortedStarts = permuted(starts, order);
  // Equal starts: order by the rest of the block order.
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sortedStarts[j] === sortedStarts[i]) j++;
    if (j - i > 1) order.subarray(i, j).sort((a, b) => compareBlocks(blocks[a]!, blocks[b]!));
    i = j;
  }
  return { order, sortedStarts };
}

function permuted(values: Float64Array, order: Uint32Array): Float64Array {
  const result = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) result[i] = values[order[i]!]!;
  return result;
}

/** Block indices by start: starts packed with their index into float keys, sorted natively. */
function packedOrder(starts: Float64Array, min: number, indexSpace: number): Uint32Array {
  const n = starts.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (starts[i]! - min) * indexSpace + i;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i]! % indexSpace;
  return order;
}

const radixBits = 16;
const radixMask = (1 << radixBits) - 1;
const twoTo32 = 2 ** 32;

/** Block indices by start: a stable LSD radix sort on `start - min` (below 2^53), 16 bits a pass. */
function radixOrder(starts: Float64Array, min: number, max: number): Uint32Array {
  const n = starts.length;
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const offset = starts[i]! - min;
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
