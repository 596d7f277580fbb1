import { civilToEpochDays, daysInMonth } from './civil.js';
import { milliInDay, milliInHour, milliInMinute, milliInSec } from './units.js';
import { quoteText } from '../show-value.js';

/**
 * Parsing and printing of the local (zone-less) forms used in series and keys:
 * `YYYY-MM-DD`, `HH:mm[:ss]` and `YYYY-MM-DDTHH:mm[:ss]`. Years 0001–9999.
 */

export const minYear = 1;
export const maxYear = 9999;

/** The value of the two ASCII digits at `at`, or -1 (no match arrays, no slices: these run on every `defineSeries`). */
function twoDigitsAt(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** `text` from `at` to `end`, quoted for a message. */
function quoteSlice(text: string, at: number, end: number): string {
  return quoteText(text.slice(at, end));
}

/** Epoch day of `YYYY-MM-DD` from `at` to `end` in `text`, or a reason it is not a valid date. */
function dateAt(text: string, at: number, end: number): number | string {
  const century = twoDigitsAt(text, at);
  const yearOfCentury = twoDigitsAt(text, at + 2);
  const month = twoDigitsAt(text, at + 5);
  const day = twoDigitsAt(text, at + 8);
  if (end - at !== 10 || text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45 || century < 0 || yearOfCentury < 0 || month < 0 || day < 0) {
    return `${quoteSlice(text, at, end)} is not a date of the form YYYY-MM-DD`;
  }
  const year = century * 100 + yearOfCentury;
  if (year < minYear) return `${quoteSlice(text, at, end)}: years before 0001 are not supported`;
  if (month < 1 || month > 12) return `${quoteSlice(text, at, end)} has no month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `${quoteSlice(text, at, end)} does not exist (day ${day} of a ${daysInMonth(year, month)}-day month)`;
  return civilToEpochDays(year, month, day);
}

/** Ms since midnight of `HH:mm[:ss]` from `at` to `end` in `text`, or a reason it is not a valid time. */
function timeAt(text: string, at: number, end: number): number | string {
  const length = end - at;
  const hours = twoDigitsAt(text, at);
  const minutes = twoDigitsAt(text, at + 3);
  const seconds = length === 8 ? twoDigitsAt(text, at + 6) : 0;
  if ((length !== 5 && length !== 8) || text.charCodeAt(at + 2) !== 58 || (length === 8 && text.charCodeAt(at + 5) !== 58) || hours < 0 || minutes < 0 || seconds < 0) {
    return `${quoteSlice(text, at, end)} is not a time of the form HH:mm or HH:mm:ss`;
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return `${quoteSlice(text, at, end)} is not a time of day (00:00 to 23:59:59)`;
  return hours * milliInHour + minutes * milliInMinute + seconds * milliInSec;
}

/** Epoch day of a `YYYY-MM-DD` string, or a reason it is not a valid date. */
export function parseLocalDate(text: string): number | string {
  return dateAt(text, 0, text.length);
}

/** Milliseconds since local midnight of a `HH:mm[:ss]` string, or a reason it is invalid. */
export function parseLocalTime(text: string): number | string {
  return timeAt(text, 0, text.length);
}

/** Wall ms (local date-time as if UTC) of `YYYY-MM-DDTHH:mm[:ss]`, or a reason it is invalid. */
export function parseLocalDateTime(text: string): number | string {
  const at = text.indexOf('T');
  if (at < 0) return `${quoteText(text)} is not a local date-time of the form YYYY-MM-DDTHH:mm`;
  const day = dateAt(text, 0, at);
  if (typeof day === 'string') return day;
  const time = timeAt(text, at + 1, text.length);
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
