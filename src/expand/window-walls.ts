import { zoneOffsetRange } from '../time/convert.js';
import { maxOffsetMs, milliInDay } from '../time/units.js';
import type { CompiledSeries } from './compiled-series.js';
import { RuleCursor } from '../rule/rule-cursor.js';

/**
 * Offsets more than this far (instants) from a window's end cannot matter to it: a block's
 * start or end differs from its wall time by an offset of the zone within a day of it, and
 * two offsets of one zone differ by less than two days.
 */
const nearMs = 4 * milliInDay;

/**
 * Longer windows and blocks bound their wall times by the widest offsets any zone has
 * instead: the saving is nil there, and reading the offsets at both ends of a long span
 * would make the zone's table jump between them (it starts afresh when asked about a year
 * far from the ones it holds) and sample every year in between twice.
 */
const maxNearSpanMs = 400 * milliInDay;

/**
 * Wall times whose occurrences can overlap [from, to): a block starts at its wall time
 * minus an offset the zone has near the window's end, and ends its wall length later
 * (give or take a DST change, within the same offsets). Reading the zone's offsets near
 * the window keeps the range tight: a one-day window walks about one day of wall times.
 */
export function wallRange(compiled: CompiledSeries, from: number, to: number): { firstWall: number; lastWall: number } {
  const length = compiled.wallLengthMs;
  const near = to - from + length <= maxNearSpanMs;
  const nearFrom = near && from !== -Infinity;
  const nearTo = near && to !== Infinity;
  const minOffset = nearFrom ? zoneOffsetRange(compiled.zone, from - length - nearMs, from + nearMs).min : -maxOffsetMs - milliInDay;
  const maxOffset = nearTo ? zoneOffsetRange(compiled.zone, to - nearMs, to + nearMs).max : maxOffsetMs + milliInDay;
  return {
    firstWall: from === -Infinity ? -Infinity : from - length + minOffset,
    lastWall: to === Infinity ? Infinity : to + maxOffset,
  };
}

/** The rule's occurrence walls from about `seekWall` on (the single start when there is no rule). */
export function ruleWalls(compiled: CompiledSeries, seekWall: number): { next(): number } {
  if (compiled.rule !== undefined) return new RuleCursor(compiled.rule, seekWall);
  let done = false;
  return {
    next: () => {
      if (done) return NaN;
      done = true;
      return compiled.startWall;
    },
  };
}

/** Whether a rule occurrence is excluded (its date or itself), cancelled or moved. */
export function isSkipped(compiled: CompiledSeries, wall: number): boolean {
  return compiled.skippedWalls.has(wall) || compiled.excludedDays.has(Math.floor(wall / milliInDay));
}
