import { milliInHour, milliInMinute, milliInSec } from '../../time/units.js';

/**
 * An RFC 5545 DURATION (§3.3.6): weeks and days are nominal (a day is the same wall time
 * the next day, 23 or 25 hours across DST), hours, minutes and seconds exact.
 */
export interface IcalDuration {
  readonly days: number;
  readonly exactMs: number;
}

const durationPattern = /^([+-])?P(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,8})H)?(?:(\d{1,8})M)?(?:(\d{1,10})S)?)?$/;

/** The duration, or a reason it is not one (negative durations included: an event cannot end before it starts). */
export function parseIcalDuration(text: string): IcalDuration | string {
  const value = text.trim().toUpperCase();
  const match = durationPattern.exec(value);
  if (match === null || value.endsWith('P') || value.endsWith('T')) return 'is not an RFC 5545 duration such as PT1H30M or P1D';
  if (match[1] === '-') return 'is negative: an event cannot end before it starts';
  const [weeks, days, hours, minutes, seconds] = match.slice(2).map((part) => (part === undefined ? 0 : Number(part)));
  return { days: weeks! * 7 + days!, exactMs: hours! * milliInHour + minutes! * milliInMinute + seconds! * milliInSec };
}

/** An exact length as an ISO 8601 duration in hours, minutes and seconds (`PT36H`, `PT1H30M`). */
export function exactIsoDuration(ms: number): string {
  const seconds = Math.round(ms / milliInSec);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}${s > 0 || seconds === 0 ? `${s}S` : ''}`;
}
