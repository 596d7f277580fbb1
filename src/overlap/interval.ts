import { showValue } from '../show-value.js';
import { InvalidArgumentError } from '../errors.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';

/** A half-open interval of instants `[start, end)`, epoch ms. Every block is one. */
export interface TimeInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * An interval given to `freeSlots`, `mergeBlocks` or `subtractBlocks`: its ends in any
 * instant form (epoch ms, `Date`, ISO 8601 with an offset), as a window's are. Results
 * are always `TimeInterval`s in epoch ms.
 */
export interface IntervalInput {
  readonly start: InstantInput;
  readonly end: InstantInput;
}

/**
 * Intervals in epoch ms from any instant forms, checked: `end > start`. Throws naming the
 * entry, e.g. `busy[3].end: must be after start`.
 */
export function readIntervals(intervals: readonly IntervalInput[], field: string): TimeInterval[] {
  if (!Array.isArray(intervals)) throw new InvalidArgumentError(field, 'expected an array of blocks');
  const result: TimeInterval[] = new Array(intervals.length);
  for (let i = 0; i < intervals.length; i++) result[i] = readInterval(intervals[i], `${field}[${i}]`);
  return result;
}

/** One interval in epoch ms; `path` names it in errors. */
export function readInterval(interval: unknown, path: string): TimeInterval {
  if (typeof interval !== 'object' || interval === null) throw new InvalidArgumentError(path, 'expected a block { start, end }');
  const { start: startInput, end: endInput } = interval as Record<string, unknown>;
  const start = toEpochMs(startInput as InstantInput, `${path}.start`);
  const end = toEpochMs(endInput as InstantInput, `${path}.end`);
  if (!(end > start)) throw new InvalidArgumentError(`${path}.end`, 'must be after start');
  return { start, end };
}

/**
 * Checks a list of intervals (finite instants, `end > start`) and returns their bounds as
 * typed arrays by index, read in one sequential pass. Throws naming the entry, e.g.
 * `blocks[3].end: must be after start`.
 */
export function intervalBounds(intervals: readonly TimeInterval[], field: string): { starts: Float64Array; ends: Float64Array } {
  if (!Array.isArray(intervals)) throw new InvalidArgumentError(field, 'expected an array of blocks');
  const starts = new Float64Array(intervals.length);
  const ends = new Float64Array(intervals.length);
  for (let i = 0; i < intervals.length; i++) {
    const interval = intervals[i];
    // The entry's path is built only for an error: not once per interval.
    if (typeof interval !== 'object' || interval === null) checkInterval(interval, `${field}[${i}]`);
    const { start, end } = interval;
    if (typeof start !== 'number' || typeof end !== 'number' || !(end > start) || !Number.isFinite(start) || !Number.isFinite(end)) {
      checkInterval(interval, `${field}[${i}]`);
    }
    starts[i] = start;
    ends[i] = end;
  }
  return { starts, ends };
}

/** Checks one interval; `path` names it in the error. */
export function checkInterval(interval: unknown, path: string): asserts interval is TimeInterval {
  if (typeof interval !== 'object' || interval === null) throw new InvalidArgumentError(path, 'expected a block { start, end }');
  const { start, end } = interval as Record<string, unknown>;
  if (typeof start !== 'number' || !Number.isFinite(start)) throw new InvalidArgumentError(`${path}.start`, `${showValue(start)} is not a finite instant`);
  if (typeof end !== 'number' || !Number.isFinite(end)) throw new InvalidArgumentError(`${path}.end`, `${showValue(end)} is not a finite instant`);
  if (!(end > start)) throw new InvalidArgumentError(`${path}.end`, 'must be after start');
}

/** Intervals sorted by start, then end (a copy). */
export function sortIntervals<T extends TimeInterval>(intervals: readonly T[]): T[] {
  return intervals.slice().sort((a, b) => a.start - b.start || a.end - b.end);
}
