import { ExpansionLimitError, InvalidArgumentError } from '../errors.js';
import { defaultLimit, expand } from '../expand/expand.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import { parseDuration } from '../series/duration.js';
import type { Series } from '../series/types.js';
import { instantToWall, offsetRange, wallToInstants } from '../time/convert.js';
import { milliInDay } from '../time/units.js';
import { isKnownTimeZone } from '../time/zone.js';
import { type IntervalInput, readInterval, readIntervals, sortIntervals, type TimeInterval } from './interval.js';
import { limits } from '../limits.js';
import { quoteText, showValue } from '../show-value.js';
import { mergeSorted } from './merge-blocks.js';
import { subtractSorted } from './subtract-blocks.js';

/**
 * A length: an exact ISO 8601 duration such as `PT30M`, `PT1H30M` or `PT45S` (days and
 * weeks are 24 hours and 7 days). A bare number is refused: its unit would be a guess.
 */
export type DurationInput = string;

/** Options of `freeSlots`. */
export interface FreeSlotsOptions {
  /** When booking is possible: series (expanded in the window) and/or blocks. */
  availability: readonly (Series | IntervalInput)[];
  /** What is taken: blocks of any series, or any `{ start, end }` with instant ends (epoch ms, `Date`, ISO 8601). Default none. */
  busy?: readonly IntervalInput[];
  /** The window to search, `[from, to)`. */
  window: { from: InstantInput; to: InstantInput };
  /** Length of a slot. */
  duration: DurationInput;
  /** Distance between slot starts. Default: `duration`. */
  step?: DurationInput;
  /** Time kept free around each busy block: one length for both sides, or `{ before, after }`. Default 0. */
  buffer?: DurationInput | { before?: DurationInput; after?: DurationInput };
  /** No slot starts before this instant (pass "now" explicitly; the clock is never read). */
  notBefore?: InstantInput;
  /**
   * Align slot starts to a local wall-clock grid: local midnight plus multiples of `step`
   * in this zone (every :00 and :30 for a 30-minute step), correct across DST: grid times
   * in a gap do not exist and give no slot; a repeated hour gives both. Default: slots
   * start at the start of each free interval.
   */
  grid?: { timezone: string };
  /** Most slots to return before throwing `ExpansionLimitError` (never a silent truncation). Default 100 000, as `expand`. */
  limit?: number;
}

const optionKeys: Record<string, readonly string[]> = {
  '': ['availability', 'busy', 'window', 'duration', 'step', 'buffer', 'notBefore', 'grid', 'limit'],
  buffer: ['before', 'after'],
  grid: ['timezone'],
};

/**
 * Bookable slots: availability minus busy blocks (widened by `buffer`), cut into slots of
 * `duration` every `step`, inside the window and not before `notBefore`.
 *
 * @returns slots `{ start, end }` in epoch ms, sorted
 * @throws {InvalidArgumentError} for a bad window (`to <= from`), `duration` or `step` <= 0,
 *   a negative buffer, a length that is not a whole number of milliseconds, an unknown grid
 *   zone, a busy block with `end <= start`, a `limit` that is not a positive integer, or an
 *   unknown option key (`durration`, `buffer.befor`); `field` names it
 * @throws {ExpansionLimitError} when there are more than `limit` slots (`seriesId` is `''`)
 *
 * @example
 * freeSlots({ availability: [clinicHours], busy: appointments, duration: 'PT30M',
 *   window: { from: '2025-03-03T00:00:00+01:00', to: '2025-03-08T00:00:00+01:00' },
 *   grid: { timezone: 'Europe/Berlin' } }).length;
 * //=> 72
 */
export function freeSlots(options: FreeSlotsOptions): TimeInterval[] {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected { availability, window, duration, … }');
  checkOptionKeys(options);
  const from = toEpochMs(options.window?.from as InstantInput, 'window.from');
  const to = toEpochMs(options.window?.to as InstantInput, 'window.to');
  if (to <= from) throw new InvalidArgumentError('window.to', 'must be after window.from');
  const duration = readDuration(options.duration, 'duration', false);
  const step = options.step === undefined ? duration : readDuration(options.step, 'step', false);
  const { before, after } = readBuffer(options.buffer);
  const notBefore = options.notBefore === undefined ? from : Math.max(from, toEpochMs(options.notBefore, 'notBefore'));
  const limit = readLimit(options.limit);
  const timezone = options.grid?.timezone;
  if (options.grid !== undefined && (typeof timezone !== 'string' || !isKnownTimeZone(timezone))) {
    throw new InvalidArgumentError('grid.timezone', `${showValue(timezone)} is not a known IANA time zone`);
  }

  const available = mergeSorted(sortIntervals(availabilityIntervals(options.availability, from, to)));
  const busy = readIntervals(options.busy ?? [], 'busy');
  const taken = mergeSorted(sortIntervals(busy.map((block) => ({ start: block.start - before, end: block.end + after }))));
  const slots: TimeInterval[] = [];
  const add = (start: number): void => {
    if (slots.length === limit) throw new ExpansionLimitError('', limit, { subject: 'freeSlots', unit: 'slots', hint: 'lengthen `step`' });
    slots.push({ start, end: start + duration });
  };
  for (const free of subtractSorted(available, taken)) {
    if (free.end - free.start < duration || free.end - duration < notBefore) continue;
    if (timezone === undefined) {
      // Seek to the first step at or after notBefore instead of walking every step before it.
      const first = free.start >= notBefore ? free.start : free.start + Math.ceil((notBefore - free.start) / step) * step;
      for (let start = first; start + duration <= free.end; start += step) add(start);
    } else {
      gridStarts(timezone, step, { start: Math.max(free.start, notBefore), end: free.end }, duration, add);
    }
  }
  return slots;
}

/** Unknown keys are typos (`durration`) that would otherwise be ignored: reject them by name. */
function checkOptionKeys(options: FreeSlotsOptions): void {
  for (const [parent, known] of Object.entries(optionKeys)) {
    const value: unknown = parent === '' ? options : options[parent as 'buffer' | 'grid'];
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      const field = parent === '' ? key : `${parent}.${key}`;
      if (!known.includes(key)) throw new InvalidArgumentError(field, `unknown option (known: ${known.join(', ')})`);
    }
  }
}

function readLimit(limit: unknown): number {
  if (limit === undefined) return defaultLimit;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidArgumentError('limit', `${typeof limit === 'string' ? JSON.stringify(limit) : String(limit)} is not a positive integer`);
  }
  return limit;
}

/** Availability as intervals clipped to the window: series are expanded there. */
function availabilityIntervals(availability: FreeSlotsOptions['availability'], from: number, to: number): TimeInterval[] {
  if (!Array.isArray(availability)) throw new InvalidArgumentError('availability', 'expected an array of series and blocks');
  const intervals: TimeInterval[] = [];
  availability.forEach((entry: unknown, i) => {
    if (typeof entry === 'object' && entry !== null && 'timezone' in entry && 'startTime' in entry) {
      for (const block of expand(entry as Series, { from, to })) intervals.push(block);
    } else {
      intervals.push(readInterval(entry, `availability[${i}]`));
    }
  });
  return intervals
    .map((interval) => ({ start: Math.max(interval.start, from), end: Math.min(interval.end, to) }))
    .filter((interval) => interval.end > interval.start);
}

/** Grid starts are found in runs of this many steps, so a fine grid never builds every start first. */
const gridStepsPerRun = 4096;

/**
 * Calls `add` for each grid instant in `free` with room for `duration`, in order: local
 * midnight + k × step. The walls of instants in a run [a, b) lie within the zone's offset
 * range there, so only those walls are tried; a repeated hour gives its instants out of
 * order, so each run is sorted before it is handed on.
 */
function gridStarts(timezone: string, step: number, free: TimeInterval, duration: number, add: (start: number) => void): void {
  const lastStart = free.end - duration;
  const run = step * gridStepsPerRun;
  for (let a = free.start; a <= lastStart; a += run) {
    const b = Math.min(a + run, lastStart + 1);
    const { min, max } = offsetRange(timezone, a, b);
    const firstWall = a + min;
    const lastWall = b - 1 + max;
    const starts = new Set<number>();
    for (let day = Math.floor(firstWall / milliInDay); day * milliInDay <= lastWall; day++) {
      const midnight = day * milliInDay;
      const firstK = Math.max(0, Math.ceil((firstWall - midnight) / step));
      for (let wall = midnight + firstK * step; wall < midnight + milliInDay && wall <= lastWall; wall += step) {
        for (const instant of wallToInstants(timezone, wall)) {
          if (instant >= a && instant < b && instantToWall(timezone, instant) === wall) starts.add(instant);
        }
      }
    }
    for (const start of [...starts].sort((x, y) => x - y)) add(start);
  }
}

/**
 * Milliseconds of an ISO 8601 duration option. A number is refused, never read in some
 * unit: `duration: 30` meant minutes to one caller and milliseconds to the code.
 */
function readDuration(value: unknown, field: string, allowZero: boolean): number {
  if (typeof value === 'number') {
    const example = Number.isSafeInteger(value) && value > 0 ? `'PT${value}M' for ${value} minutes, 'PT${value}S' for ${value} seconds` : "'PT30M' for 30 minutes";
    throw new InvalidArgumentError(field, `${showValue(value)} is a bare number, whose unit would be a guess; write an ISO 8601 duration such as ${example}`);
  }
  if (typeof value !== 'string') throw new InvalidArgumentError(field, `expected an ISO 8601 duration such as 'PT30M', got ${showValue(value)}`);
  if (value.length > limits.fieldChars) throw new InvalidArgumentError(field, `${quoteText(value)} is not an ISO 8601 duration such as PT30M`);
  const parsed = parseDuration(value, { allowZero });
  if (typeof parsed === 'string') throw new InvalidArgumentError(field, parsed);
  return parsed;
}

/** Buffer lengths in ms, validated as `freeSlots` does (the PostgreSQL adapter widens its booking query by them). */
export function readBuffer(buffer: FreeSlotsOptions['buffer']): { before: number; after: number } {
  if (buffer === undefined) return { before: 0, after: 0 };
  if (typeof buffer === 'object' && buffer !== null) {
    return {
      before: buffer.before === undefined ? 0 : readDuration(buffer.before, 'buffer.before', true),
      after: buffer.after === undefined ? 0 : readDuration(buffer.after, 'buffer.after', true),
    };
  }
  const both = readDuration(buffer, 'buffer', true);
  return { before: both, after: both };
}
