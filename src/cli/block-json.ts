import type { Block } from '../expand/types.js';

/** Blocks for machines: ISO 8601 UTC strings and epoch milliseconds. */
export function blocksToJson(blocks: readonly Block[]) {
  return blocks.map((block) => ({
    seriesId: block.seriesId,
    key: block.key,
    start: new Date(block.start).toISOString(),
    end: new Date(block.end).toISOString(),
    startMs: block.start,
    endMs: block.end,
    ...(block.adjusted === undefined ? {} : { adjusted: block.adjusted }),
  }));
}
