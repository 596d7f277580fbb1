import { showValue } from '../show-value.js';
import { InvalidArgumentError } from '../errors.js';
import { formatLocalDateTime, formatOffset } from '../time/local-format.js';
import { timeZoneProblem } from '../time/zone.js';
import { offsetAt } from '../time/convert.js';
import { maxOffsetMs, milliInSec } from '../time/units.js';
import { maxInstant, minInstant } from './instant.js';
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
 * Formats an instant as an ISO 8601 local date-time with the zone's offset.
 *
 * Seconds are always shown; milliseconds are dropped. The offset comes from the same zone
 * tables as expansion, so it never depends on the host time zone. Local mean time offsets
 * (before standard time, e.g. `+00:53:28` in Berlin before 1893) keep their seconds, so the
 * string names exactly the instant (see docs/concepts.md, Time zones).
 *
 * @param epochMs - the instant, epoch milliseconds
 * @param timezone - an IANA zone name or `'UTC'`
 * @returns e.g. `'2025-03-30T03:30:00+02:00'`
 * @throws {InvalidArgumentError} when `epochMs` is not a finite number or its local time is outside years 0001–9999,
 *   or `timezone` is not a known time zone (spelled as the tz database does)
 *
 * @example
 * toZonedIso(Date.UTC(2025, 2, 30, 1, 30), 'Europe/Berlin'); //=> '2025-03-30T03:30:00+02:00'
 */
export function toZonedIso(epochMs: number, timezone: string): string {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) throw new InvalidArgumentError('epochMs', `expected a finite number of epoch milliseconds, got ${showValue(epochMs)}`);
  checkTimezone(timezone);
  // The local time must have a four-digit year; the instant itself may lie up to one
  // offset beyond (a block ending 9999-12-31T23:00 in Los Angeles is in year 10000 UTC).
  const outside = () => new InvalidArgumentError('epochMs', `${epochMs} is outside years 0001–9999 in ${timezone}`);
  if (epochMs < minInstant - maxOffsetMs || epochMs >= maxInstant + maxOffsetMs) throw outside();
  const offset = offsetAt(timezone, epochMs);
  const wall = epochMs + offset;
  if (wall < minInstant || wall >= maxInstant) throw outside();
  // Milliseconds are dropped toward the past, also before 1970 (where % is negative).
  let local = formatLocalDateTime(wall - (((wall % milliInSec) + milliInSec) % milliInSec));
  if (local.length === 16) local += ':00';
  return local + formatOffset(offset);
}

/**
 * The display view of a block: its instants as ISO strings in UTC and in `timezone`.
 *
 * `timezone` is normally the block's series' zone; `adjusted` is copied when present.
 *
 * @param block - a block from `expand` or `occurrences`
 * @param timezone - an IANA zone name or `'UTC'`
 * @returns the block's `seriesId`, `key`, `localStart`/`localEnd`, `utcStart`/`utcEnd`
 * @throws {InvalidArgumentError} when `timezone` is not a known time zone, or the block's instants are not finite numbers
 *
 * @example
 * viewBlock(expand(standup)[3], 'Europe/Berlin');
 * //=> { seriesId: 'room-42-standup', key: '2025-03-31T09:30',
 * //     localStart: '2025-03-31T09:30:00+02:00', localEnd: '2025-03-31T10:00:00+02:00',
 * //     utcStart: '2025-03-31T07:30:00.000Z', utcEnd: '2025-03-31T08:00:00.000Z' }
 */
export function viewBlock(block: Block, timezone: string): BlockView {
  if (typeof block !== 'object' || block === null) throw new InvalidArgumentError('block', 'expected a block from expand or occurrences');
  checkTimezone(timezone);
  const view: BlockView = {
    seriesId: block.seriesId,
    key: block.key,
    localStart: toZonedIsoOf(block.start, timezone, 'block.start'),
    localEnd: toZonedIsoOf(block.end, timezone, 'block.end'),
    utcStart: new Date(block.start).toISOString(),
    utcEnd: new Date(block.end).toISOString(),
  };
  return block.adjusted === undefined ? view : { ...view, adjusted: block.adjusted };
}

function checkTimezone(timezone: string): void {
  if (typeof timezone !== 'string') throw new InvalidArgumentError('timezone', `${JSON.stringify(timezone)} is not a known IANA time zone`);
  const problem = timeZoneProblem(timezone);
  if (problem !== undefined) throw new InvalidArgumentError('timezone', problem);
}

/** `toZonedIso`, naming the block field when the instant is bad. */
function toZonedIsoOf(epochMs: number, timezone: string, field: string): string {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) throw new InvalidArgumentError(field, `expected a finite number of epoch milliseconds, got ${showValue(epochMs)}`);
  return toZonedIso(epochMs, timezone);
}
