import { milliInDay, milliInHour, milliInMinute, milliInSec } from '../time/units.js';
import { quoteText } from '../show-value.js';

const durationPattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Longest block a series may describe. */
export const maxDurationMs = 366 * milliInDay;

/**
 * Milliseconds of an exact ISO 8601 duration (`PT30M`, `PT1H30M`, `P1DT2H`, `P1W`), or a
 * reason it is not one. Weeks and days are exact (7 × 24 h, 24 h): a block's length is
 * elapsed time. Years and months have no fixed length and are rejected. Zero is refused
 * unless `allowZero` (a series' `PT0S`: an event with no length, which yields no blocks).
 */
export function parseDuration(text: string, { allowZero = false } = {}): number | string {
  const match = durationPattern.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) {
    return /^P[^T]*[YM]/.test(text)
      ? `${quoteText(text)}: years and months have no fixed length; use days or hours`
      : `${quoteText(text)} is not an ISO 8601 duration such as PT30M or PT1H30M`;
  }
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const ms =
    weeks! * 7 * milliInDay + days! * milliInDay + hours! * milliInHour + minutes! * milliInMinute + seconds! * milliInSec;
  if (ms === 0 && !allowZero) return `${quoteText(text)} is zero; a block must have a length`;
  if (ms > maxDurationMs) return `${quoteText(text)} is longer than 366 days`;
  return ms;
}
