import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import {
  defineSeries,
  describe,
  InvalidArgumentError,
  SeriesValidationError,
  splitSeries,
  toICalendar,
  toRRule,
  type Series,
  type SeriesInput,
} from '../../src/index.js';
import { thrown } from '../support/thrown.js';

// Every public entry that takes a series treats raw input the way expand does (requireSeries).

const raw: SeriesInput = {
  id: 'standup',
  timezone: 'Europe/Berlin',
  start: '2025-01-06',
  startTime: '09:30',
  endTime: '10:00',
  repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10',
  exclude: ['2025-01-08'],
};
const structured: SeriesInput = { ...raw, repeat: { freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'], count: 10 } };
const invalid = { ...raw, startTime: '25:00' };

const entries: Array<[string, (series: Series) => unknown, string]> = [
  ['toRRule', (series) => toRRule(series), 'series'],
  ['toICalendar', (series) => toICalendar([series]), 'seriesList[0]'],
  ['splitSeries', (series) => splitSeries(series, '2025-01-13T09:30'), 'series'],
  ['describe', (series) => describe(series), 'series'],
];


group.each(entries)('%s and raw input', (_, entry, field) => {
  it('a raw RRULE-string repeat gives the same result as the defined series', () => {
    expect(entry(raw as unknown as Series)).toEqual(entry(defineSeries(raw)));
  });

  it('a raw structured repeat, and a series read back from JSON, give the same result', () => {
    expect(entry(structured as unknown as Series)).toEqual(entry(defineSeries(raw)));
    expect(entry(JSON.parse(JSON.stringify(defineSeries(raw))) as Series)).toEqual(entry(defineSeries(raw)));
  });

  it('raw invalid input is a SeriesValidationError at the bad field', () => {
    const error = thrown(() => entry(invalid as unknown as Series));
    expect(error).toBeInstanceOf(SeriesValidationError);
    const prefix = field === 'series' ? '' : `${field}.`;
    expect((error as SeriesValidationError).issues.map((issue) => issue.path)).toContain(`${prefix}startTime`);
  });

  it.each([null, undefined, 'FREQ=DAILY;COUNT=5', 42, []])('%j is an InvalidArgumentError naming the argument', (value) => {
    const error = thrown(() => entry(value as unknown as Series));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
  });
});

group('raw RRULE-string repeats return, for any rule', () => {
  it('toRRule, toICalendar and describe of raw input equal those of its defined series', () => {
    const rules = fc
      .record({
        freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
        interval: fc.integer({ min: 1, max: 4 }),
        count: fc.integer({ min: 1, max: 30 }),
      })
      .map(({ freq, interval, count }) => `FREQ=${freq};INTERVAL=${interval};COUNT=${count}`);
    fc.assert(
      fc.property(rules, (repeat) => {
        const input = { ...raw, exclude: [], repeat };
        const defined = defineSeries(input);
        expect(toRRule(input as unknown as Series)).toBe(toRRule(defined));
        expect(toICalendar([input as unknown as Series])).toBe(toICalendar([defined]));
        expect(describe(input as unknown as Series)).toBe(describe(defined));
      }),
      { numRuns: 50 },
    );
  });
});
