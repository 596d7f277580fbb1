import type { ValidationIssue } from '../errors.js';
import { type LimitName, limits } from '../limits.js';

/** String fields of a series input and of an override, besides `id` (checked by the schema). */
const stringFields = ['timezone', 'start', 'startTime', 'endTime', 'duration'] as const;
const overrideStringFields = ['date', 'startTime', 'endTime', 'duration'] as const;
const byParts = ['byWeekday', 'byMonthDay', 'byMonth', 'bySetPos', 'byYearDay', 'byWeekNo'] as const satisfies readonly LimitName[];

/**
 * The size problems of a series input: lists longer than their cap, strings longer than any
 * valid value, too many overrides, objects with far more fields than they have, an RRULE
 * string too long to be one. Only lengths and key
 * counts are read, so this is cheap on any input; `defineSeries` runs it first and stops
 * there when it finds something, so no entry of an oversized list is ever validated.
 */
export function inputSizeIssues(input: Readonly<Record<string, unknown>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // A series has a dozen fields: thousands of unknown keys are not a typo to list one by one.
  const fieldCount = keyCount(input);
  if (fieldCount > limits.objectKeys) {
    issues.push({ path: '', message: `has ${fieldCount} fields; a series has at most ${limits.objectKeys} (id, timezone, start, …)` });
    return issues;
  }
  for (const field of stringFields) tooLong(issues, field, input[field], limits.fieldChars);
  tooMany(issues, 'exclude', input.exclude, limits.exclude);
  tooMany(issues, 'include', input.include, limits.include);

  const { repeat, overrides } = input;
  if (typeof repeat === 'string') tooLong(issues, 'repeat', repeat, limits.rruleChars);
  else if (isObject(repeat)) {
    tooManyKeys(issues, 'repeat', repeat);
    for (const part of byParts) tooMany(issues, `repeat.${part}`, repeat[part], limits[part]);
  }
  if (isObject(input.dst)) tooManyKeys(issues, 'dst', input.dst);

  if (isObject(overrides)) {
    const keys = Object.keys(overrides);
    if (keys.length > limits.overrides) {
      issues.push({ path: 'overrides', message: `has ${keys.length} keys; at most ${limits.overrides} are allowed` });
      return issues;
    }
    for (const key of keys) {
      if (key.length > limits.fieldChars) {
        issues.push({ path: 'overrides', message: `a key is ${key.length} characters long; at most ${limits.fieldChars} are allowed (a key is an occurrence's local start)` });
        continue;
      }
      const override = overrides[key];
      if (!isObject(override)) continue;
      // Paths are made only for a problem found: tens of thousands of overrides have none.
      if (keyCount(override) > limits.objectKeys) tooManyKeys(issues, `overrides.${key}`, override);
      for (const field of overrideStringFields) {
        const value = override[field];
        if (typeof value === 'string' && value.length > limits.fieldChars) tooLong(issues, `overrides.${key}.${field}`, value, limits.fieldChars);
      }
    }
  }
  return issues;
}

// The checks are plain functions, not closures: this runs on every defineSeries.
function tooLong(issues: ValidationIssue[], path: string, value: unknown, cap: number): void {
  if (typeof value === 'string' && value.length > cap) issues.push({ path, message: `is ${value.length} characters long; at most ${cap} are allowed` });
}

function tooManyKeys(issues: ValidationIssue[], path: string, value: Record<string, unknown>): void {
  const count = keyCount(value);
  if (count > limits.objectKeys) issues.push({ path, message: `has ${count} fields; at most ${limits.objectKeys} are allowed` });
}

function tooMany(issues: ValidationIssue[], path: string, value: unknown, cap: number): void {
  if (Array.isArray(value) && value.length > cap) issues.push({ path, message: `has ${value.length} entries; at most ${cap} are allowed` });
}

/** Own enumerable string keys, counted without listing them (as `Object.keys(value).length`). */
export function keyCount(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
