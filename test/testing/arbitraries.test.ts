import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, type SeriesInput } from '../../src/index.js';
import { blockArbitrary, seriesArbitrary, seriesInputArbitrary, windowArbitrary } from '../../src/testing/index.js';

/** fast-check's contract for arbitraries: reproducible, valid, and shrinking towards smaller values. */
function contract<T>(name: string, arbitrary: fc.Arbitrary<T>, valid: (value: T) => void) {
  describe(name, () => {
    it('gives the same values for the same seed', () => {
      expect(fc.sample(arbitrary, { seed: 42, numRuns: 20 })).toEqual(fc.sample(arbitrary, { seed: 42, numRuns: 20 }));
    });

    it('only gives valid values', () => {
      fc.assert(fc.property(arbitrary, (value) => valid(value)), { numRuns: 200 });
    });

    it('shrinks a failing value to one no larger than the first', () => {
      const sizes: string[] = [];
      const details = fc.check(
        fc.property(arbitrary, (value) => {
          sizes.push(JSON.stringify(value));
          return false;
        }),
        { seed: 7, numRuns: 1 },
      );
      expect(details.failed).toBe(true);
      // The shrunk counterexample is no larger than the first failing value.
      const first = sizes[0]!;
      const last = JSON.stringify(details.counterexample![0]);
      expect(last.length).toBeLessThanOrEqual(first.length);
    });
  });
}

contract('seriesInputArbitrary', seriesInputArbitrary(), (input) => {
  try {
    defineSeries(input);
  } catch (error) {
    // The one documented exception: a drawn rule that can never occur.
    expect(String(error)).toMatch(/never produces an occurrence/);
  }
});

contract('seriesArbitrary', seriesArbitrary({ withNeverEnding: true }), (series) => {
  expect(Object.isFrozen(series)).toBe(true);
  expect(defineSeries(series as SeriesInput)).toEqual(series);
});

contract('windowArbitrary', windowArbitrary({ maxDays: 30 }), ({ from, to }) => {
  expect(to).toBeGreaterThan(from);
  expect(to - from).toBeLessThanOrEqual(30 * 86_400_000);
});

contract('blockArbitrary', blockArbitrary({ maxMinutes: 90 }), (block) => {
  expect(block.end).toBeGreaterThan(block.start);
  expect(block.end - block.start).toBeLessThanOrEqual(90 * 60_000);
});

describe('constraints are validated when the arbitrary is built', () => {
  it('names the arbitrary and the constraint', () => {
    expect(() => seriesInputArbitrary({ timezones: ['Mars/Base'] })).toThrow('timeblocks/testing seriesInputArbitrary: timezones: "Mars/Base" is not a known time zone');
    expect(() => seriesInputArbitrary({ minStart: '2030-01-01', maxStart: '2020-01-01' })).toThrow(/maxStart must not be before minStart/);
    expect(() => seriesInputArbitrary({ maxCount: 0 })).toThrow(/maxCount/);
    expect(() => windowArbitrary({ maxDays: -1 })).toThrow(/windowArbitrary: maxDays/);
    expect(() => blockArbitrary({ minMinutes: 10, maxMinutes: 5 })).toThrow(/blockArbitrary: maxMinutes/);
  });

  it('respects the constraints it is given', () => {
    fc.assert(
      fc.property(seriesArbitrary({ timezones: ['Asia/Kathmandu'], freqs: ['monthly'], withSingle: false, minStart: '2030-01-01', maxStart: '2030-12-31' }), (series) => {
        expect(series.timezone).toBe('Asia/Kathmandu');
        expect(series.repeat!.freq).toBe('monthly');
        expect(series.start.startsWith('2030-')).toBe(true);
        expect(expand(series).length).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 50 },
    );
  });
});
