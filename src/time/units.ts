/** Unit constants, named `xInY` (temporal-polyfill's habit). */
export const milliInSec = 1000;
export const milliInMinute = 60 * milliInSec;
export const milliInHour = 60 * milliInMinute;
export const milliInDay = 24 * milliInHour;
export const daysInWeek = 7;

/**
 * No zone's offset, historical local mean time included, is farther than this from UTC.
 * Used as a safety margin when turning instants into local days and back.
 */
export const maxOffsetMs = 16 * milliInHour;
