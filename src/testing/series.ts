import fc from 'fast-check';
import { SeriesValidationError } from '../errors.js';
import { defineSeries } from '../series/define.js';
import type { Series } from '../series/types.js';
import { checkKnownKeys } from './constraints.js';
import { type SeriesInputConstraints, seriesInputArbitrary, seriesInputConstraintKeys } from './series-input.js';

/** Whether `defineSeries` accepts the input (generated inputs fail only for rules that never occur). */
function definable(input: Parameters<typeof defineSeries>[0]): boolean {
  try {
    defineSeries(input);
    return true;
  } catch (error) {
    if (error instanceof SeriesValidationError) return false;
    throw error;
  }
}

/**
 * Defined series (the output of `defineSeries`) drawn from `seriesInputArbitrary`.
 *
 * Inputs that `defineSeries` rejects (rules that never occur) are filtered out; every value
 * is a frozen `Series` ready for `expand`.
 *
 * @param constraints - as for `seriesInputArbitrary`; each field says its default
 * @returns a fast-check arbitrary of `Series`
 * @throws {RangeError} when a constraint is invalid, as `seriesInputArbitrary` does (an
 *   unknown key names `seriesArbitrary`).
 *
 * @example
 * fc.assert(fc.property(seriesArbitrary(), (series) => expand(series).every((b) => b.end > b.start)));
 * //=> passes (fc.assert throws on a counterexample)
 * Object.isFrozen(fc.sample(seriesArbitrary(), 1)[0]); //=> true
 */
export function seriesArbitrary(constraints: SeriesInputConstraints = {}): fc.Arbitrary<Series> {
  checkKnownKeys('seriesArbitrary', constraints, seriesInputConstraintKeys);
  return seriesInputArbitrary(constraints).filter(definable).map(defineSeries);
}
