import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayLabel, periodStart, shiftPeriod, spanCovering, spanWindow } from '../../src/cli/views/period.js';

/** The calendar views' day math, against Date's UTC calendar as an independent oracle. */

const dayMs = 86_400_000;
const utc = (day: number) => new Date(day * dayMs);
const days = fc.integer({ min: -700_000, max: 2_900_000 }); // years 0053 to 9909

describe('calendar periods', () => {
  it('a week starts on the Monday on or before the day; a month on its 1st', () => {
    fc.assert(
      fc.property(days, (day) => {
        const monday = periodStart('week', day);
        expect(utc(monday).getUTCDay()).toBe(1);
        expect(day - monday).toBeGreaterThanOrEqual(0);
        expect(day - monday).toBeLessThan(7);
        const first = utc(periodStart('month', day));
        expect([first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()]).toEqual([utc(day).getUTCFullYear(), utc(day).getUTCMonth(), 1]);
      }),
    );
  });

  it('stepping months lands on the 1st of the month that many months away', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -30, max: 30 }), (day, steps) => {
        const from = utc(periodStart('month', day));
        const to = utc(shiftPeriod('month', periodStart('month', day), steps));
        expect(to.getUTCDate()).toBe(1);
        expect(to.getUTCFullYear() * 12 + to.getUTCMonth() - (from.getUTCFullYear() * 12 + from.getUTCMonth())).toBe(steps);
      }),
    );
  });

  it('labels days in English whatever the locale: weekday, day, month', () => {
    fc.assert(
      fc.property(days, (day) => {
        const date = utc(day);
        const expected = `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getUTCMonth()]}`;
        expect(dayLabel(day)).toBe(expected);
      }),
    );
  });

  it('a window covers whole local days of the zone, across DST and a midnight that does not exist', () => {
    // Berlin, the week of the spring change: 24 March 00:00 +01:00 to 31 March 00:00 +02:00 (167 hours).
    const week = spanCovering('week', 'Europe/Berlin', Date.parse('2025-03-26T12:00:00Z'));
    expect(spanWindow('Europe/Berlin', week)).toEqual({ from: Date.parse('2025-03-24T00:00:00+01:00'), to: Date.parse('2025-03-31T00:00:00+02:00') });
    // Asunción sprang forward at midnight on Sunday 1 October 2023: October starts at 01:00 −03:00.
    const october = spanCovering('month', 'America/Asuncion', Date.parse('2023-10-15T12:00:00Z'));
    expect(spanWindow('America/Asuncion', october)).toEqual({ from: Date.parse('2023-10-01T01:00:00-03:00'), to: Date.parse('2023-11-01T00:00:00-03:00') });
    // Several weeks: the span covers [from, to) exactly to the week holding the last instant.
    const span = spanCovering('week', 'UTC', Date.parse('2025-03-05T00:00:00Z'), Date.parse('2025-03-24T00:00:00Z'));
    expect(span.periods).toBe(3);
    expect(spanCovering('week', 'UTC', Date.parse('2025-03-05T00:00:00Z'), Date.parse('2025-03-24T00:00:00.001Z')).periods).toBe(4);
  });
});
