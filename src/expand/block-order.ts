import type { Block } from './types.js';

/** The one order of blocks everywhere: start, then end, then series id, then key. */
export function compareBlocks(a: Block, b: Block): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.seriesId, b.seriesId) || compareStrings(a.key, b.key);
}

/** Code-unit order: locale-independent, unlike `localeCompare`. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
