import { compareBlocks } from '../expand/block-order.js';
import type { Block } from '../expand/types.js';

/**
 * Blocks in block order (start, end, seriesId, key), fast: sorting is the floor of every
 * overlap search, so the starts are packed with each block's index into one float key
 * (`(start - min) · 2^bits + index`, exact below 2^53) and sorted natively, without a
 * comparator; only runs of equal starts are then ordered by `compareBlocks`. When the
 * span of starts is too wide to pack, it falls back to a comparator sort.
 */
export function sortBlocks<T extends Block>(blocks: readonly T[]): T[] {
  const n = blocks.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const start = blocks[i]!.start;
    if (start < min) min = start;
    if (start > max) max = start;
  }
  const indexSpace = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (n < 64 || !Number.isSafeInteger((max - min + 1) * indexSpace) || !blocks.every((block) => Number.isInteger(block.start))) {
    return blocks.slice().sort(compareBlocks);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (blocks[i]!.start - min) * indexSpace + i;
  keys.sort();
  const sorted = new Array<T>(n);
  for (let i = 0; i < n; i++) sorted[i] = blocks[keys[i]! % indexSpace]!;
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
