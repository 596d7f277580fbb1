import type { Block } from './types.js';

/**
 * Compares two blocks in the one order used everywhere: start, then end, then series id,
 * then key (code-unit order, never locale-dependent).
 *
 * Pass it to `Array.prototype.sort` to order blocks from several series the way `expand`
 * orders them.
 *
 * @param a - a block
 * @param b - another block
 * @returns a negative number when `a` comes first, a positive one when `b` does, 0 when equal
 * @throws Never: it only reads the four fields.
 *
 * @example
 * expand(standup).reverse().sort(compareBlocks).map((block) => block.key);
 * //=> ['2025-03-24T09:30', '2025-03-26T09:30', '2025-03-28T09:30', '2025-03-31T09:30']
 */
export function compareBlocks(a: Block, b: Block): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.seriesId, b.seriesId) || compareStrings(a.key, b.key);
}

/** Code-unit order: locale-independent, unlike `localeCompare`. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
