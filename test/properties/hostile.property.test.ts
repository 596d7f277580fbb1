import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, NonexistentTimeError, occurrences, SeriesValidationError, type SeriesInput } from '../../src/index.js';
import { seriesInputArbitrary } from '../../src/testing/index.js';

/** Either a series, or a SeriesValidationError whose issues each name a path and a message. */
function defineOrReject(input: unknown): void {
  try {
    const series = defineSeries(input as SeriesInput);
    expect(Object.isFrozen(series)).toBe(true);
  } catch (error) {
    if (!(error instanceof SeriesValidationError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** A valid input with one field replaced by something arbitrary, or removed. */
const mutatedInput = fc
  .record({
    input: seriesInputArbitrary({ withNeverEnding: true }),
    path: fc.constantFrom(
      'id', 'timezone', 'start', 'startTime', 'endTime', 'duration', 'repeat', 'exclude', 'include', 'dst',
      'repeat.freq', 'repeat.interval', 'repeat.byWeekday', 'repeat.byMonthDay', 'repeat.byMonth', 'repeat.bySetPos',
      'repeat.byYearDay', 'repeat.byWeekNo', 'repeat.weekStart', 'repeat.count', 'repeat.until', 'dst.nonexistent', 'extra',
    ),
    value: fc.oneof(anything, fc.string(), fc.integer(), fc.constant(undefined), fc.constantFrom('FREQ=DAILY', '2025-02-30', '24:00', 'PT0M', 'Europe/Nowhere', -1, 0, 1e9, NaN)),
  })
  .map(({ input, path, value }) => {
    const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
    const [head, tail] = path.split('.') as [string, string?];
    if (tail === undefined) copy[head] = value;
    else if (typeof copy[head] === 'object' && copy[head] !== null) (copy[head] as Record<string, unknown>)[tail] = value;
    else copy[head] = { [tail]: value };
    return copy;
  });

describe('hostile input', () => {
  it('defineSeries(anything) returns a Series or throws SeriesValidationError', () => {
    fc.assert(fc.property(anything, defineOrReject), { numRuns: 1000 });
  });

  it('defineSeries(an object of arbitrary fields) returns a Series or throws SeriesValidationError', () => {
    const keys = fc.constantFrom('id', 'timezone', 'start', 'startTime', 'endTime', 'duration', 'repeat', 'exclude', 'include', 'dst', '__proto__', 'constructor');
    fc.assert(fc.property(fc.dictionary(keys, anything), defineOrReject), { numRuns: 1000 });
  });

  it('defineSeries(a mutated valid input) returns a Series or throws SeriesValidationError', () => {
    fc.assert(fc.property(mutatedInput, defineOrReject), { numRuns: 1000 });
  });

  it('any defined series expands within a window, or ends, without spinning', () => {
    fc.assert(
      fc.property(mutatedInput, fc.integer({ min: -5000, max: 5000 }), (input, dayOffset) => {
        let series;
        try {
          series = defineSeries(input as unknown as SeriesInput);
        } catch {
          return;
        }
        const from = Date.parse(`${series.start}T00:00:00Z`) + dayOffset * 86_400_000;
        try {
          expand(series, { from, to: from + 60 * 86_400_000 });
          const iterator = occurrences(series, { from });
          for (let i = 0; i < 5 && !iterator.next().done; i++);
        } catch (error) {
          if (!(error instanceof NonexistentTimeError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects rules that can never produce an occurrence instead of spinning', () => {
    const never: SeriesInput['repeat'][] = [
      { freq: 'yearly', byMonth: [2], byMonthDay: [30] },
      { freq: 'monthly', byWeekday: ['MO'], bySetPos: [6] },
      { freq: 'daily', byMonth: [4], byMonthDay: [31] },
      { freq: 'yearly', byYearDay: [366], byMonth: [1] },
      'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2,4,6,9,11',
    ];
    for (const repeat of never) {
      const input: SeriesInput = { id: 'never', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', duration: 'PT1H', repeat };
      expect(() => defineSeries(input)).toThrow(/never produces an occurrence/);
    }
  });
});
