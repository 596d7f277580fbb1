import type { Block } from '../expand/types.js';
import type { Conflict } from '../overlap/find-conflicts.js';
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

const iso = (ms: number) => new Date(ms).toISOString();

/** Blocks for machines: ISO 8601 UTC strings and epoch milliseconds. */
export function blocksToJson(blocks: readonly Block[]) {
  return blocks.map((block) => ({
    seriesId: block.seriesId,
    key: block.key,
    start: iso(block.start),
    end: iso(block.end),
    startMs: block.start,
    endMs: block.end,
    ...(block.adjusted === undefined ? {} : { adjusted: block.adjusted }),
  }));
}

/** Conflicts for machines: both occurrences by series id and key, and the overlap in UTC. */
export function conflictsToJson(conflicts: readonly Conflict[]) {
  return conflicts.map(({ a, b, start, end }) => ({
    a: { seriesId: a.seriesId, key: a.key },
    b: { seriesId: b.seriesId, key: b.key },
    start: iso(start),
    end: iso(end),
  }));
}

/** A free slot and the resource it belongs to. */
export interface ResourceSlot {
  readonly start: number;
  readonly end: number;
  readonly resource: string;
}

/** Free slots for machines: the resource, ISO 8601 UTC strings and epoch milliseconds. */
export function slotsToJson(slots: readonly ResourceSlot[]) {
  return slots.map(({ start, end, resource }) => ({ resource, start: iso(start), end: iso(end), startMs: start, endMs: end }));
}
