import fc from 'fast-check';
import { DateTime } from 'luxon';
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

const march = { from: Date.parse('2025-03-01T00:00:00Z'), to: Date.parse('2025-03-01T02:00:00Z') };
contract('blockArbitrary within a window', blockArbitrary({ within: march, maxMinutes: 90 }), (block) => {
  // Wholly within: starts at or after from, ends at or before to.
  expect(block.start).toBeGreaterThanOrEqual(march.from);
  expect(block.end).toBeLessThanOrEqual(march.to);
  expect(block.end - block.start).toBeLessThanOrEqual(90 * 60_000);
});

contract(
  'seriesInputArbitrary, sub-daily near offset changes',
  seriesInputArbitrary({ freqs: ['hourly', 'minutely', 'secondly', 'daily'], withTimesOfDay: true, nearOffsetChanges: true }),
  (input) => {
    try {
      defineSeries(input);
    } catch (error) {
      expect(String(error)).toMatch(/never produces an occurrence/);
    }
  },
);

describe('seriesInputArbitrary({ nearOffsetChanges })', () => {
  it('starts within two days and a few hours before one of the zone offset changes, in range', () => {
    const zones = ['Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    fc.assert(
      fc.property(seriesInputArbitrary({ timezones: zones, freqs: ['hourly'], nearOffsetChanges: true, minStart: '2000-01-01', maxStart: '2030-12-31' }), (input) => {
        // Offsets by Intl via luxon, independent of src/time. A start in a repeated hour may
        // read as the later instant, after the change: look from two hours before it.
        const start = DateTime.fromISO(`${input.start}T${input.startTime}`, { zone: input.timezone });
        expect(start.minus({ hours: 2 }).offset).not.toBe(start.plus({ days: 2, hours: 1 }).offset);
        expect(input.start >= '2000-01-01' && input.start <= '2030-12-31').toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('starts anywhere in a zone without changes, and leaves the default draws as they were', () => {
    const inputs = fc.sample(seriesInputArbitrary({ timezones: ['UTC'], nearOffsetChanges: true }), { seed: 1, numRuns: 50 });
    expect(new Set(inputs.map((input) => input.start.slice(0, 4))).size).toBeGreaterThan(5);
    // Asking for it changes nothing for those who do not: the same seed gives the same inputs.
    expect(fc.sample(seriesInputArbitrary({ nearOffsetChanges: false }), { seed: 2, numRuns: 20 })).toEqual(fc.sample(seriesInputArbitrary(), { seed: 2, numRuns: 20 }));
  });
});

describe('blockArbitrary({ within })', () => {
  it('keeps blocks wholly within the window, even when blocks may be longer than it', () => {
    const short = { from: Date.parse('2025-03-01T10:00:30Z'), to: Date.parse('2025-03-01T10:45:00Z') };
    fc.assert(
      fc.property(blockArbitrary({ within: short }), (block) => {
        expect(block.start).toBeGreaterThanOrEqual(short.from);
        expect(block.end).toBeLessThanOrEqual(short.to);
        expect(block.end).toBeGreaterThan(block.start);
      }),
      { numRuns: 300 },
    );
  });

  it('by default, blocks lie within 1995–2040', () => {
    fc.assert(
      fc.property(blockArbitrary(), (block) => {
        expect(block.start).toBeGreaterThanOrEqual(Date.parse('1995-01-01T00:00:00Z'));
        expect(block.end).toBeLessThanOrEqual(Date.parse('2040-12-31T00:00:00Z'));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a window too short for the shortest block, or with bounds that are not instants', () => {
    expect(() => blockArbitrary({ within: { from: 0, to: 30_000 } })).toThrow('timeblocks/testing blockArbitrary: within is shorter than minMinutes (1 minute)');
    expect(() => blockArbitrary({ within: { from: 0, to: 10 * 60_000 }, minMinutes: 11 })).toThrow(/blockArbitrary: within is shorter than minMinutes/);
    expect(() => blockArbitrary({ within: { from: '2025-01-01', to: '2025-02-01' } as never })).toThrow(/blockArbitrary: within.from must be a finite epoch-ms number/);
  });
});

describe('constraints are validated when the arbitrary is built', () => {
  it('rejects unknown constraint keys, naming the arbitrary and the key', () => {
    expect(() => blockArbitrary({ bogus: 1 } as never)).toThrow('timeblocks/testing blockArbitrary: unknown constraint "bogus"');
    expect(() => windowArbitrary({ maxdays: 3 } as never)).toThrow('timeblocks/testing windowArbitrary: unknown constraint "maxdays"');
    expect(() => seriesInputArbitrary({ timezone: ['UTC'] } as never)).toThrow('timeblocks/testing seriesInputArbitrary: unknown constraint "timezone"');
    expect(() => seriesArbitrary({ withNeverEnd: true } as never)).toThrow('timeblocks/testing seriesArbitrary: unknown constraint "withNeverEnd"');
    expect(() => blockArbitrary({ within: { from: 0, to: 3_600_000, end: 1 } } as never)).toThrow('timeblocks/testing blockArbitrary: unknown constraint "within.end"');
  });

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
