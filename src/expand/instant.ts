import { quoteText, showValue } from '../show-value.js';
import { InvalidArgumentError } from '../errors.js';
import { civilToEpochDays, daysInMonth } from '../time/civil.js';
import { milliInDay, milliInHour, milliInMinute, milliInSec } from '../time/units.js';
import type { InstantInput } from './types.js';

const isoInstantPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/** Instants outside years 0001–9999 are outside the library's domain. */
export const minInstant = civilToEpochDays(1, 1, 1) * milliInDay;
export const maxInstant = civilToEpochDays(10000, 1, 1) * milliInDay;

/**
 * Epoch milliseconds of an instant given as epoch ms, a `Date` or an ISO 8601 string with
 * an offset. A string without an offset names no instant (which zone?), so it is an error.
 */
export function toEpochMs(value: InstantInput, field: string): number {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidArgumentError(field, `${value} is not a finite number of epoch milliseconds`);
    ms = value;
  } else if (value instanceof Date) {
    ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidArgumentError(field, 'is an invalid Date');
  } else if (typeof value === 'string') {
    ms = parseIsoInstant(value, field);
  } else {
    throw new InvalidArgumentError(field, `expected epoch milliseconds, a Date or an ISO 8601 string, got ${showValue(value)}`);
  }
  if (ms < minInstant || ms >= maxInstant) throw new InvalidArgumentError(field, `${ms} is outside years 0001–9999`);
  return ms;
}

function parseIsoInstant(text: string, field: string): number {
  // The longest instant (nanoseconds, an offset) has 35 characters: anything longer is not one, and is not scanned.
  const match = text.length > 40 ? null : isoInstantPattern.exec(text);
  if (match === null) {
    const localOnly = text.length <= 40 && /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(text);
    throw new InvalidArgumentError(
      field,
      localOnly
        ? `${quoteText(text)} has no UTC offset, so it names no instant; add Z or an offset such as +01:00`
        : `${quoteText(text)} is not an ISO 8601 instant such as 2025-03-30T01:00:00Z`,
    );
  }
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    throw new InvalidArgumentError(field, `${quoteText(text)} is not a valid date-time`);
  }
  const offset = zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * milliInHour + Number(om) * milliInMinute);
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * milliInSec);
  return (
    civilToEpochDays(year, month, day) * milliInDay +
    Number(h) * milliInHour +
    Number(mi) * milliInMinute +
    Number(s ?? 0) * milliInSec +
    millis -
    offset
  );
}
