import fc from 'fast-check';
import type { Block } from '../expand/types.js';
import { formatLocalDateTime } from '../time/local-format.js';
import { milliInDay, milliInMinute } from '../time/units.js';
import { parseLocalDate } from '../time/local-format.js';
import { checkKnownKeys, checkPositiveInteger, fail } from './constraints.js';
import type { Window } from './window.js';

/** Constraints of `blockArbitrary`; each field says its default. */
export interface BlockConstraints {
  /**
   * Blocks lie wholly within this window: `start >= within.from` and `end <= within.to`.
   * It must hold the shortest block (`minMinutes`). Default: `windowArbitrary()`'s range,
   * 1995-01-01 to 2040-12-31 (UTC).
   */
  within?: Window;
  /** Series ids to draw from. Default `['a', 'b', 'c']`. */
  seriesIds?: readonly string[];
  /** Shortest and longest block, minutes. Defaults 1 and 24 × 60. */
  minMinutes?: number;
  maxMinutes?: number;
}

/**
 * Valid blocks (`end > start`, whole minutes from `within.from`), keyed by their UTC wall
 * time, lying wholly within `within`, e.g. as busy blocks for `freeSlots` or input to
 * `findOverlaps`.
 *
 * @param constraints - the window blocks start in, their series ids and lengths; each field says its default
 * @returns a fast-check arbitrary of `Block`
 * @throws {RangeError} when a constraint is invalid (lengths below 1 minute or out of order,
 *   no series ids, a bad window or one shorter than `minMinutes`, an unknown key such as
 *   `bogus` or `within.end`), with the arbitrary's name in the message.
 *
 * @example
 * const block = fc.sample(blockArbitrary({ minMinutes: 30, maxMinutes: 30 }), 1)[0];
 * block.end - block.start; //=> 1800000
 */
export function blockArbitrary(constraints: BlockConstraints = {}): fc.Arbitrary<Block> {
  const name = 'blockArbitrary';
  checkKnownKeys(name, constraints, ['within', 'seriesIds', 'minMinutes', 'maxMinutes']);
  const minMinutes = constraints.minMinutes ?? 1;
  const maxMinutes = constraints.maxMinutes ?? 24 * 60;
  checkPositiveInteger(name, 'minMinutes', minMinutes);
  checkPositiveInteger(name, 'maxMinutes', maxMinutes);
  if (maxMinutes < minMinutes) fail(name, 'maxMinutes must not be below minMinutes');
  const seriesIds = constraints.seriesIds ?? ['a', 'b', 'c'];
  if (seriesIds.length === 0) fail(name, 'seriesIds must not be empty');
  const within = constraints.within ?? defaultWithin;
  checkKnownKeys(name, within, ['from', 'to'], 'within.');
  for (const bound of ['from', 'to'] as const) {
    if (typeof within[bound] !== 'number' || !Number.isFinite(within[bound])) fail(name, `within.${bound} must be a finite epoch-ms number`);
  }
  if (!(within.to > within.from)) fail(name, 'within.to must be after within.from');
  // Whole minutes from within.from that fit before within.to.
  const room = Math.floor((within.to - within.from) / milliInMinute);
  if (room < minMinutes) fail(name, `within is shorter than minMinutes (${minMinutes} minute${minMinutes === 1 ? '' : 's'})`);
  const longest = Math.min(maxMinutes, room);
  return fc
    .record({
      seriesId: fc.constantFrom(...seriesIds),
      offset: fc.integer({ min: 0, max: room - minMinutes }),
      minutes: fc.integer({ min: minMinutes, max: longest }),
    })
    .map(({ seriesId, offset, minutes }) => {
      // A block that would run past within.to starts earlier instead: it stays wholly inside.
      const at = within.from + Math.min(offset, room - minutes) * milliInMinute;
      return { seriesId, key: formatLocalDateTime(at), start: at, end: at + minutes * milliInMinute };
    });
}

/** `windowArbitrary()`'s default range. */
const defaultWithin: Window = {
  from: (parseLocalDate('1995-01-01') as number) * milliInDay,
  to: (parseLocalDate('2040-12-31') as number) * milliInDay,
};
