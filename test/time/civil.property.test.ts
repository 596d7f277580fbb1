import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilToEpochDays, daysInMonth, epochDaysToCivil, epochDaysToWeekday } from '../../src/time/civil.js';
import { formatLocalDate, parseLocalDate } from '../../src/time/local-format.js';

const DAY = 86_400_000;
const epochDay = fc.integer({ min: civilToEpochDays(1, 1, 1), max: civilToEpochDays(9999, 12, 31) });

/** The reference: JavaScript's own (UTC) calendar. */
function viaDate(days: number) {
  const date = new Date(days * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: (date.getUTCDay() + 6) % 7 };
}

describe('civil date math', () => {
  it('agrees with Date in UTC for every year 0001–9999', () => {
    fc.assert(
      fc.property(epochDay, (days) => {
        const expected = viaDate(days);
        expect(epochDaysToCivil(days)).toEqual({ year: expected.year, month: expected.month, day: expected.day });
        expect(civilToEpochDays(expected.year, expected.month, expected.day)).toBe(days);
        expect(epochDaysToWeekday(days)).toBe(expected.weekday);
      }),
      { numRuns: 2000 },
    );
  });

  it('formats and parses YYYY-MM-DD losslessly', () => {
    fc.assert(
      fc.property(epochDay, (days) => {
        const text = formatLocalDate(days);
        expect(text).toBe(new Date(days * DAY).toISOString().slice(0, 10).padStart(10, '0'));
        expect(parseLocalDate(text)).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});
