import type { Block } from '../expand/types.js';
import { escapeInvisible } from '../show-value.js';

/**
 * JSON for stdout, indented, one value per run: C1 controls, bidi overrides and line
 * separators in ids are written as \u escapes (still the same JSON value), so the text
 * never rewrites a terminal line or a log.
 */
export function jsonText(value: unknown): string {
  // Line by line: the indentation's own line breaks stay.
  return `${JSON.stringify(value, null, 2).split('\n').map(escapeInvisible).join('\n')}\n`;
}

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
