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
  const tooLong = (path: string, value: unknown, cap: number) => {
    if (typeof value === 'string' && value.length > cap) {
      issues.push({ path, message: `is ${value.length} characters long; at most ${cap} are allowed` });
    }
  };
  const tooManyKeys = (path: string, value: Record<string, unknown>) => {
    const count = Object.keys(value).length;
    if (count > limits.objectKeys) issues.push({ path, message: `has ${count} fields; at most ${limits.objectKeys} are allowed` });
  };
  const tooMany = (path: string, value: unknown, cap: number, noun = 'entries') => {
    if (Array.isArray(value) && value.length > cap) {
      issues.push({ path, message: `has ${value.length} ${noun}; at most ${cap} are allowed` });
    }
  };
  // A series has a dozen fields: thousands of unknown keys are not a typo to list one by one.
  const fieldCount = Object.keys(input).length;
  if (fieldCount > limits.objectKeys) {
    issues.push({ path: '', message: `has ${fieldCount} fields; a series has at most ${limits.objectKeys} (id, timezone, start, …)` });
    return issues;
  }
  for (const field of stringFields) tooLong(field, input[field], limits.fieldChars);
  tooMany('exclude', input.exclude, limits.exclude);
  tooMany('include', input.include, limits.include);

  const { repeat, overrides } = input;
  if (typeof repeat === 'string') tooLong('repeat', repeat, limits.rruleChars);
  else if (isObject(repeat)) {
    tooManyKeys('repeat', repeat);
    for (const part of byParts) tooMany(`repeat.${part}`, repeat[part], limits[part]);
  }
  if (isObject(input.dst)) tooManyKeys('dst', input.dst);

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
      tooManyKeys(`overrides.${key}`, override);
      for (const field of overrideStringFields) tooLong(`overrides.${key}.${field}`, override[field], limits.fieldChars);
    }
  }
  return issues;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
