import { parseLocalDate } from '../time/local-format.js';
import { isKnownTimeZone } from '../time/zone.js';
import type { Frequency } from '../series/types.js';

/** Zones with DST gaps and overlaps of every shape: the default for generated series. */
export const interestingTimeZones: readonly string[] = Object.freeze([
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'America/Santiago',
  'America/Havana',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Asia/Kathmandu',
  'Pacific/Chatham',
]);

/** Throws a message naming the arbitrary when a constraint is invalid (fast-check's habit). */
export function fail(arbitrary: string, message: string): never {
  throw new RangeError(`timeblocks/testing ${arbitrary}: ${message}`);
}

export function checkDate(arbitrary: string, name: string, value: string): number {
  const day = parseLocalDate(value);
  if (typeof day === 'string') fail(arbitrary, `${name} ${day}`);
  return day;
}

export function checkZones(arbitrary: string, zones: readonly string[]): void {
  if (zones.length === 0) fail(arbitrary, 'timezones must not be empty');
  for (const zone of zones) if (!isKnownTimeZone(zone)) fail(arbitrary, `timezones: "${zone}" is not a known time zone`);
}

export function checkFrequencies(arbitrary: string, freqs: readonly Frequency[]): void {
  if (freqs.length === 0) fail(arbitrary, 'freqs must not be empty');
  for (const freq of freqs) {
    if (!['yearly', 'monthly', 'weekly', 'daily', 'hourly', 'minutely', 'secondly'].includes(freq)) fail(arbitrary, `freqs: "${String(freq)}" is not a frequency`);
  }
}

export function checkPositiveInteger(arbitrary: string, name: string, value: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < 1 || value > max) fail(arbitrary, `${name} must be an integer from 1 to ${max}, got ${value}`);
}

/** A misspelt constraint (`maxdays`) would be ignored silently: reject any key not in `known`. */
export function checkKnownKeys(arbitrary: string, constraints: object, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(constraints)) {
    if (!known.includes(key)) fail(arbitrary, `unknown constraint "${prefix}${key}"`);
  }
}
