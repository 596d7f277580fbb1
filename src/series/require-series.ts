import { InvalidArgumentError, SeriesValidationError } from '../errors.js';
import { defineSeries, isDefinedSeries } from './define.js';
import type { Series, SeriesInput } from './types.js';

/**
 * The series a public function was given, validated the one way every entry shares: a
 * series from `defineSeries` passes as is; any other object (JSON read back, a hand-built
 * input with an RRULE string) goes through `defineSeries`, so bad input is a typed error
 * and never reaches code that trusts the normalized shape (where it could crash or loop).
 *
 * @param value - what the caller passed
 * @param field - the argument's name in errors, e.g. `seriesList[2]`; issue paths are prefixed with it unless it is `series`
 * @throws {InvalidArgumentError} when `value` is not an object
 * @throws {SeriesValidationError} when it is an object but not a valid series
 */
export function requireSeries(value: unknown, field = 'series'): Series {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(field, 'expected a series (an object, as defineSeries takes or returns)');
  }
  if (isDefinedSeries(value)) return value;
  try {
    return defineSeries(value as SeriesInput);
  } catch (error) {
    if (field === 'series' || !(error instanceof SeriesValidationError)) throw error;
    const issues = error.issues.map((issue) => ({ path: issue.path === '' ? field : `${field}.${issue.path}`, message: issue.message }));
    throw new SeriesValidationError(issues, error.issueCount);
  }
}
