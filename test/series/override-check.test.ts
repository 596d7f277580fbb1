import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, SeriesValidationError, type SeriesInput } from '../../src/index.js';
import { limits } from '../../src/limits.js';

/**
 * defineSeries checks all overrides of a series at once (a `count` rule is walked once for
 * all of them, other rules seek to each): it must refuse exactly the keys that are not
 * occurrences, as the expanded series (the oracle) shows them.
 */

const day = 86_400_000;
const startMs = Date.UTC(2025, 0, 6);
const isoDay = (offset: number) => new Date(startMs + offset * day).toISOString().slice(0, 10);

const repeatArb = fc.record({
  freq: fc.constantFrom('daily' as const, 'weekly' as const, 'monthly' as const),
  interval: fc.integer({ min: 1, max: 3 }),
  byWeekday: fc.option(fc.subarray(['MO', 'WE', 'FR'] as const, { minLength: 1 }), { nil: undefined }),
  end: fc.oneof(fc.record({ count: fc.integer({ min: 1, max: 40 }) }), fc.record({ until: fc.integer({ min: 0, max: 200 }).map(isoDay) })),
});

describe('override keys are checked together against the rule', () => {
  it('refuses exactly the keys that are not occurrences, with count or until', () => {
    fc.assert(
      fc.property(repeatArb, fc.uniqueArray(fc.integer({ min: -3, max: 220 }), { minLength: 1, maxLength: 30 }), ({ end, byWeekday, ...rest }, offsets) => {
        const base: SeriesInput = {
          id: 's',
          timezone: 'Europe/Berlin',
          start: isoDay(0),
          startTime: '09:30',
          endTime: '10:00',
          repeat: { ...rest, ...(rest.freq === 'monthly' ? {} : byWeekday === undefined ? {} : { byWeekday: [...byWeekday] }), ...end },
        };
        const occurrences = new Set(expand(defineSeries(base)).map((block) => block.key));
        const keys = offsets.map((offset) => `${isoDay(offset)}T09:30`);
        const expected = keys.filter((key) => !occurrences.has(key)).map((key) => `overrides.${key}`).sort();
        const overrides = Object.fromEntries(keys.map((key) => [key, { cancelled: true as const }]));
        let refused: string[] = [];
        try {
          defineSeries({ ...base, overrides });
        } catch (error) {
          if (!(error instanceof SeriesValidationError)) throw error;
          refused = error.issues.map((issue) => issue.path).sort();
        }
        expect(refused).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('as many overrides as the cap allows, on a count rule, and with as many excludes, are accepted', () => {
    const cap = limits.overrides;
    const moved = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${isoDay(2 * i)}T09:30`, { startTime: '10:00' }]));
    const base = { id: 's', timezone: 'Europe/Berlin', start: isoDay(0), startTime: '09:30', endTime: '10:00' };
    const counted = defineSeries({ ...base, repeat: { freq: 'daily', count: 2 * cap + 10 }, overrides: moved(cap) });
    expect(Object.keys(counted.overrides!)).toHaveLength(cap);
    const excluded = defineSeries({
      ...base,
      repeat: { freq: 'daily' },
      overrides: moved(cap),
      exclude: Array.from({ length: limits.exclude }, (_, i) => isoDay(2 * i + 1)),
    });
    expect(excluded.exclude).toHaveLength(limits.exclude);
    expect(expand(excluded, { from: startMs, to: startMs + 4 * day }).map((block) => block.key)).toEqual([
      `${isoDay(0)}T09:30`,
      `${isoDay(2)}T09:30`,
    ]);
  });

  it('refuses two keys for one occurrence (09:30 and 09:30:00) instead of keeping one override silently', () => {
    const base = { id: 's', timezone: 'Europe/Berlin', start: isoDay(0), startTime: '09:30', endTime: '10:00', repeat: { freq: 'daily' as const, count: 5 } };
    const refused = (overrides: SeriesInput['overrides']) => {
      try {
        defineSeries({ ...base, overrides });
      } catch (error) {
        if (error instanceof SeriesValidationError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
        throw error;
      }
      return [];
    };
    const key = `${isoDay(1)}T09:30`;
    expect(refused({ [key]: { cancelled: true }, [`${key}:00`]: { startTime: '11:00' } })).toEqual([
      `overrides.${key}:00: names the same occurrence as overrides.${key}`,
    ]);
    expect(refused({ [`${key}:00`]: { cancelled: true }, [key]: { cancelled: true } })).toEqual([`overrides.${key}:00: names the same occurrence as overrides.${key}`]);
    // One past the count: the occurrence is refused once, and the second key for it as well.
    const past = `${isoDay(5)}T09:30`;
    expect(refused({ [past]: { cancelled: true }, [`${past}:00`]: { cancelled: true } })).toEqual([
      `overrides.${past}: is not an occurrence of this series (neither the rule nor include produces it)`,
      `overrides.${past}:00: names the same occurrence as overrides.${past}`,
    ]);
    expect(refused({ [key]: { cancelled: true } })).toEqual([]);
  });
});
