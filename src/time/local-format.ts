import { civilToEpochDays, daysInMonth } from './civil.js';
import { milliInDay, milliInHour, milliInMinute, milliInSec } from './units.js';
import { quoteText } from '../show-value.js';

/**
 * Parsing and printing of the local (zone-less) forms used in series and keys:
 * `YYYY-MM-DD`, `HH:mm[:ss]` and `YYYY-MM-DDTHH:mm[:ss]`. Years 0001–9999.
 */

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

export const minYear = 1;
export const maxYear = 9999;

/** Epoch day of a `YYYY-MM-DD` string, or a reason it is not a valid date. */
export function parseLocalDate(text: string): number | string {
  const match = datePattern.exec(text);
  if (match === null) return `${quoteText(text)} is not a date of the form YYYY-MM-DD`;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < minYear) return `${quoteText(text)}: years before 0001 are not supported`;
  if (month < 1 || month > 12) return `${quoteText(text)} has no month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `${quoteText(text)} does not exist (day ${day} of a ${daysInMonth(year, month)}-day month)`;
  return civilToEpochDays(year, month, day);
}

/** Milliseconds since local midnight of a `HH:mm[:ss]` string, or a reason it is invalid. */
export function parseLocalTime(text: string): number | string {
  const match = timePattern.exec(text);
  if (match === null) return `${quoteText(text)} is not a time of the form HH:mm or HH:mm:ss`;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  if (hours > 23 || minutes > 59 || seconds > 59) return `${quoteText(text)} is not a time of day (00:00 to 23:59:59)`;
  return hours * milliInHour + minutes * milliInMinute + seconds * milliInSec;
}

/** Wall ms (local date-time as if UTC) of `YYYY-MM-DDTHH:mm[:ss]`, or a reason it is invalid. */
export function parseLocalDateTime(text: string): number | string {
  const at = text.indexOf('T');
  if (at < 0) return `${quoteText(text)} is not a local date-time of the form YYYY-MM-DDTHH:mm`;
  const day = parseLocalDate(text.slice(0, at));
  if (typeof day === 'string') return day;
  const time = parseLocalTime(text.slice(at + 1));
  if (typeof time === 'string') return time;
  return day * milliInDay + time;
}

const twoDigits: string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** `-MM-DD` for month * 32 + day: keys are built on the hot path, so the pieces are cached. */
const monthDaySuffixes: string[] = Array.from({ length: 13 * 32 }, (_, i) => `-${twoDigits[Math.floor(i / 32)]}-${twoDigits[i % 32]}`);

/** `YYYY` of years 1–9999, made once each (a Map: an array indexed from 2000 up would go sparse and slow). */
const yearTexts = new Map<number, string>();

/** `YYYY` of a year 0001–9999. */
export function formatYear(year: number): string {
  let text = yearTexts.get(year);
  if (text === undefined) yearTexts.set(year, (text = String(year).padStart(4, '0')));
  return text;
}

/** `-MM-DD` of a month (1–12) and day of the month. */
export function formatMonthDay(month: number, day: number): string {
  return monthDaySuffixes[month * 32 + day]!;
}

/**
 * Civil date of a non-negative epoch day (years 0001–9999 lie far above day 0 − 719 468)
 * packed as `year * 512 + month * 32 + day`: `epochDaysToCivil` with integer arithmetic
 * and no object, for the hot paths that format dates.
 */
export function packedCivil(epochDays: number): number {
  const z = epochDays + 719468;
  const era = (z / 146097) | 0;
  const dayOfEra = z - era * 146097;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36524) | 0) - ((dayOfEra / 146096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const mp = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0)) * 512 + month * 32 + day;
}

/** `YYYY-MM-DD` of an epoch day (years 0001–9999). */
export function formatLocalDate(epochDays: number): string {
  const civil = packedCivil(epochDays);
  return formatYear(civil >> 9) + monthDaySuffixes[civil & 511]!;
}

const secondsSuffixes: string[] = twoDigits.slice(0, 60).map((ss) => `:${ss}`);

/** `:ss` of the whole seconds in `msOfMinute` (ms past a minute). */
export function formatSecondsSuffix(msOfMinute: number): string {
  return secondsSuffixes[Math.floor(msOfMinute / milliInSec)]!;
}

/** `HH:mm`, or `HH:mm:ss` when the seconds are not zero, of ms since midnight. */
export function formatLocalTime(msOfDay: number): string {
  const seconds = Math.floor(msOfDay / milliInSec);
  const hh = twoDigits[Math.floor(seconds / 3600)]!;
  const mm = twoDigits[Math.floor(seconds / 60) % 60]!;
  const ss = seconds % 60;
  return ss === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${twoDigits[ss]!}`;
}

/** `YYYY-MM-DDTHH:mm[:ss]` of a wall ms: the form of occurrence keys. */
export function formatLocalDateTime(wallMs: number): string {
  const epochDays = Math.floor(wallMs / milliInDay);
  return formatLocalDate(epochDays) + 'T' + formatLocalTime(wallMs - epochDays * milliInDay);
}

/** `+HH:MM` / `-HH:MM` (with `:SS` for historical second offsets). */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const seconds = Math.abs(offsetMs) / milliInSec;
  const text = `${sign}${twoDigits[Math.floor(seconds / 3600)]!}:${twoDigits[Math.floor(seconds / 60) % 60]!}`;
  return seconds % 60 === 0 ? text : `${text}:${twoDigits[seconds % 60]!}`;
}
