import { formatLocalDateTime, formatOffset } from '../time/local-format.js';
import { offsetAt } from '../time/convert.js';
import { milliInSec } from '../time/units.js';
import type { Adjusted, Block } from './types.js';

/** A block as people read it: ISO strings in UTC and in a zone's local time with offset. */
export interface BlockView {
  readonly seriesId: string;
  readonly key: string;
  /** `2025-03-30T03:30:00+02:00` */
  readonly localStart: string;
  readonly localEnd: string;
  /** `2025-03-30T01:30:00.000Z` */
  readonly utcStart: string;
  readonly utcEnd: string;
  readonly adjusted?: Adjusted;
}

/**
 * An instant as an ISO 8601 local date-time with the zone's offset, seconds always shown.
 *
 * @example
 * toZonedIso(Date.UTC(2025, 2, 30, 1, 30), 'Europe/Berlin'); //=> '2025-03-30T03:30:00+02:00'
 */
export function toZonedIso(epochMs: number, timezone: string): string {
  const offset = offsetAt(timezone, epochMs);
  let local = formatLocalDateTime(epochMs + offset - ((epochMs + offset) % milliInSec));
  if (local.length === 16) local += ':00';
  return local + formatOffset(offset);
}

/**
 * The display view of a block in `timezone` (normally its series' zone).
 *
 * @example
 * viewBlock(block, 'Europe/Berlin').localStart; //=> '2025-03-30T03:30:00+02:00'
 */
export function viewBlock(block: Block, timezone: string): BlockView {
  const view: BlockView = {
    seriesId: block.seriesId,
    key: block.key,
    localStart: toZonedIso(block.start, timezone),
    localEnd: toZonedIso(block.end, timezone),
    utcStart: new Date(block.start).toISOString(),
    utcEnd: new Date(block.end).toISOString(),
  };
  return block.adjusted === undefined ? view : { ...view, adjusted: block.adjusted };
}
