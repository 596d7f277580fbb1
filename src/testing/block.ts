import fc from 'fast-check';
import type { Block } from '../expand/types.js';
import { formatLocalDateTime } from '../time/local-format.js';
import { milliInMinute } from '../time/units.js';
import { checkPositiveInteger, fail } from './constraints.js';
import { type Window, windowArbitrary } from './window.js';

/** Constraints of `blockArbitrary`; each field says its default. */
export interface BlockConstraints {
  /** Blocks start within this window. Default: `windowArbitrary()`'s range, 1995–2040. */
  within?: Window;
  /** Series ids to draw from. Default `['a', 'b', 'c']`. */
  seriesIds?: readonly string[];
  /** Shortest and longest block, minutes. Defaults 1 and 24 × 60. */
  minMinutes?: number;
  maxMinutes?: number;
}

/**
 * Valid blocks (`end > start`, minute-aligned), keyed by their UTC wall time, e.g. as
 * busy blocks for `freeSlots` or input to `findOverlaps`.
 *
 * @param constraints - the window blocks start in, their series ids and lengths; each field says its default
 * @returns a fast-check arbitrary of `Block`
 * @throws {RangeError} when a constraint is invalid (lengths below 1 minute or out of order,
 *   no series ids, a bad window), with the arbitrary's name in the message.
 *
 * @example
 * const block = fc.sample(blockArbitrary({ minMinutes: 30, maxMinutes: 30 }), 1)[0];
 * block.end - block.start; //=> 1800000
 */
export function blockArbitrary(constraints: BlockConstraints = {}): fc.Arbitrary<Block> {
  const name = 'blockArbitrary';
  const minMinutes = constraints.minMinutes ?? 1;
  const maxMinutes = constraints.maxMinutes ?? 24 * 60;
  checkPositiveInteger(name, 'minMinutes', minMinutes);
  checkPositiveInteger(name, 'maxMinutes', maxMinutes);
  if (maxMinutes < minMinutes) fail(name, 'maxMinutes must not be below minMinutes');
  const seriesIds = constraints.seriesIds ?? ['a', 'b', 'c'];
  if (seriesIds.length === 0) fail(name, 'seriesIds must not be empty');
  const within = constraints.within;
  if (within !== undefined && !(within.to > within.from)) fail(name, 'within.to must be after within.from');
  const start =
    within === undefined
      ? windowArbitrary().map((window) => window.from)
      : fc.integer({ min: 0, max: Math.max(0, Math.floor((within.to - within.from) / milliInMinute) - 1) }).map((m) => within.from + m * milliInMinute);
  return fc
    .record({ seriesId: fc.constantFrom(...seriesIds), start, minutes: fc.integer({ min: minMinutes, max: maxMinutes }) })
    .map(({ seriesId, start: at, minutes }) => ({
      seriesId,
      key: formatLocalDateTime(at),
      start: at,
      end: at + minutes * milliInMinute,
    }));
}
