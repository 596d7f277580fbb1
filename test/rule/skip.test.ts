import { describe, expect, it } from 'vitest';
import { defineSeries, describe as describeSeries, expand, fromRRule, toRRule, type RepeatInput } from '../../src/index.js';

/** The local dates of a rule's occurrences, at 10:00 UTC from `start`. */
function dates(start: string, repeat: RepeatInput | string): string[] {
  const series = defineSeries({ id: 's', timezone: 'UTC', start, startTime: '10:00', endTime: '11:00', repeat });
  return expand(series).map((block) => block.key.slice(0, 10));
}

/**
 * RFC 7529 §3.1–3.2 by hand: a day a rule names that its month (or year) lacks is dropped
 * (OMIT, RFC 5545's reading), moved to the last valid day before it (BACKWARD) or to the
 * first day after it (FORWARD); the moved day then counts for COUNT and takes part in
 * BYSETPOS, and one that lands on a day the rule already has is one occurrence.
 */
describe('RFC 7529 SKIP, hand-checked', () => {
  it.each([
    // Monthly on the 31st (the start's day, and BYMONTHDAY=31 alike).
    ['2025-01-31', 'FREQ=MONTHLY;COUNT=6', 'omit', ['2025-01-31', '2025-03-31', '2025-05-31', '2025-07-31', '2025-08-31', '2025-10-31']],
    ['2025-01-31', 'FREQ=MONTHLY;COUNT=6', 'backward', ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30']],
    ['2025-01-31', 'FREQ=MONTHLY;COUNT=6', 'forward', ['2025-01-31', '2025-03-01', '2025-03-31', '2025-05-01', '2025-05-31', '2025-07-01']],
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4', 'backward', ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']],
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4', 'forward', ['2025-01-31', '2025-03-01', '2025-03-31', '2025-05-01']],
    // -31 in a shorter month falls before its 1st: back to the previous month's last day, or forward to the 1st.
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=-31;COUNT=6', 'omit', ['2025-01-01', '2025-03-01', '2025-05-01', '2025-07-01', '2025-08-01', '2025-10-01']],
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=-31;COUNT=6', 'backward', ['2025-01-01', '2025-01-31', '2025-03-01', '2025-03-31', '2025-05-01', '2025-05-31']],
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=-31;COUNT=6', 'forward', ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']],
    // Yearly on 29 February.
    ['2024-02-29', 'FREQ=YEARLY;COUNT=5', 'omit', ['2024-02-29', '2028-02-29', '2032-02-29', '2036-02-29', '2040-02-29']],
    ['2024-02-29', 'FREQ=YEARLY;COUNT=5', 'backward', ['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']],
    ['2024-02-29', 'FREQ=YEARLY;COUNT=5', 'forward', ['2024-02-29', '2025-03-01', '2026-03-01', '2027-03-01', '2028-02-29']],
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3', 'backward', ['2024-02-29', '2025-02-28', '2026-02-28']],
    // Day 366 and -366 of a common year.
    ['2024-01-01', 'FREQ=YEARLY;BYYEARDAY=366;COUNT=4', 'omit', ['2024-12-31', '2028-12-31', '2032-12-31', '2036-12-31']],
    ['2024-01-01', 'FREQ=YEARLY;BYYEARDAY=366;COUNT=4', 'backward', ['2024-12-31', '2025-12-31', '2026-12-31', '2027-12-31']],
    ['2024-01-01', 'FREQ=YEARLY;BYYEARDAY=366;COUNT=4', 'forward', ['2024-12-31', '2026-01-01', '2027-01-01', '2028-01-01']],
    ['2024-01-01', 'FREQ=YEARLY;BYYEARDAY=-366;COUNT=4', 'backward', ['2024-01-01', '2024-12-31', '2025-12-31', '2026-12-31']],
    ['2024-01-01', 'FREQ=YEARLY;BYYEARDAY=-366;COUNT=4', 'forward', ['2024-01-01', '2025-01-01', '2026-01-01', '2027-01-01']],
    // With BYSETPOS: the moved day joins the month's set, duplicates merge, then the position is taken.
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=30,31;BYSETPOS=-1;COUNT=4', 'omit', ['2025-01-31', '2025-03-31', '2025-04-30', '2025-05-31']],
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=30,31;BYSETPOS=-1;COUNT=4', 'backward', ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']],
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=30,31;BYSETPOS=-1;COUNT=4', 'forward', ['2025-01-31', '2025-03-01', '2025-03-31', '2025-05-01']],
    ['2025-01-01', 'FREQ=MONTHLY;BYMONTHDAY=29,30;BYSETPOS=1;COUNT=3', 'backward', ['2025-01-29', '2025-02-28', '2025-03-29']],
    // RFC 7529 §3.2's order: the by-parts make the period's set, SKIP moves (or drops) its
    // invalid days, duplicates merge, and only then BYSETPOS picks and COUNT counts. So a
    // 29 February moved back onto the 28th that the rule already names is gone before
    // BYSETPOS=2 looks: no second day in a common year (were BYSETPOS first, 28 Feb would be picked).
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=2;COUNT=3', 'omit', ['2024-02-29', '2028-02-29', '2032-02-29']],
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=2;COUNT=3', 'backward', ['2024-02-29', '2028-02-29', '2032-02-29']],
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=2;COUNT=3', 'forward', ['2024-02-29', '2025-03-01', '2026-03-01']],
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1;COUNT=4', 'forward', ['2024-02-29', '2025-03-01', '2026-03-01', '2027-03-01']],
    // The moved day takes its place in the year's set by date: 1 March comes before 29 March.
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2,3;BYMONTHDAY=29;BYSETPOS=1;COUNT=4', 'omit', ['2024-02-29', '2025-03-29', '2026-03-29', '2027-03-29']],
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2,3;BYMONTHDAY=29;BYSETPOS=1;COUNT=4', 'backward', ['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28']],
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=2,3;BYMONTHDAY=29;BYSETPOS=1;COUNT=4', 'forward', ['2024-02-29', '2025-03-01', '2026-03-01', '2027-03-01']],
    // Every month's set is {1st, 31st}; FORWARD moves a missing 31st into the next month, and
    // BYSETPOS=-1 still picks it from the month whose set it was made in.
    ['2024-01-01', 'FREQ=MONTHLY;BYMONTHDAY=1,31;BYSETPOS=-1;COUNT=5', 'omit', ['2024-01-31', '2024-02-01', '2024-03-31', '2024-04-01', '2024-05-31']],
    ['2024-01-01', 'FREQ=MONTHLY;BYMONTHDAY=1,31;BYSETPOS=-1;COUNT=5', 'backward', ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']],
    ['2024-01-01', 'FREQ=MONTHLY;BYMONTHDAY=1,31;BYSETPOS=-1;COUNT=5', 'forward', ['2024-01-31', '2024-03-01', '2024-03-31', '2024-05-01', '2024-05-31']],
    // BYSETPOS=2 of {30th, 31st}: where both move to one day (February), the merged set has no second day.
    ['2024-01-01', 'FREQ=MONTHLY;BYMONTHDAY=30,31;BYSETPOS=2;COUNT=4', 'backward', ['2024-01-31', '2024-03-31', '2024-05-31', '2024-07-31']],
    ['2024-01-01', 'FREQ=MONTHLY;BYMONTHDAY=30,31;BYSETPOS=2;COUNT=4', 'forward', ['2024-01-31', '2024-03-31', '2024-05-01', '2024-05-31']],
    // A rule whose every day is invalid occurs only through SKIP.
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31;BYSETPOS=1;COUNT=3', 'backward', ['2024-04-30', '2025-04-30', '2026-04-30']],
    ['2024-01-01', 'FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31;BYSETPOS=1;COUNT=3', 'forward', ['2024-05-01', '2025-05-01', '2026-05-01']],
    // Where BYMONTHDAY limits (DAILY), a month's last or first day stands in for the missing one.
    ['2025-01-31', 'FREQ=DAILY;BYMONTHDAY=31;COUNT=4', 'backward', ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']],
    ['2025-01-31', 'FREQ=DAILY;BYMONTHDAY=31;COUNT=4', 'forward', ['2025-01-31', '2025-03-01', '2025-03-31', '2025-05-01']],
    // A moved day that the rule has anyway is one occurrence (April's 31st forward is 1 May).
    ['2025-04-01', 'FREQ=MONTHLY;BYMONTHDAY=1,31;COUNT=5', 'forward', ['2025-04-01', '2025-05-01', '2025-05-31', '2025-06-01', '2025-07-01']],
  ] as const)('%s %s SKIP=%s', (start, rule, skip, expected) => {
    const text = skip === 'omit' ? rule : `RSCALE=GREGORIAN;${rule};SKIP=${skip.toUpperCase()}`;
    expect(dates(start, text)).toEqual(expected);
    // The structured form says the same.
    const structured = defineSeries({ id: 's', timezone: 'UTC', start, startTime: '10:00', endTime: '11:00', repeat: text }).repeat!;
    expect(dates(start, { ...structured, skip })).toEqual(expected);
  });

  it('windows seek without changing what SKIP gives', () => {
    const series = defineSeries({ id: 's', timezone: 'Europe/Berlin', start: '2025-01-31', startTime: '09:00', endTime: '10:00', repeat: { freq: 'monthly', skip: 'backward' } });
    const keys = expand(series, { from: '2027-02-01T00:00:00Z', to: '2027-05-01T00:00:00Z' }).map((block) => block.key);
    expect(keys).toEqual(['2027-02-28T09:00', '2027-03-31T09:00', '2027-04-30T09:00']);
  });

  it('RSCALE=GREGORIAN is written back only when SKIP says something', () => {
    const base = { id: 's', timezone: 'Europe/Berlin', start: '2025-01-31', startTime: '09:00', endTime: '10:00' };
    const backward = defineSeries({ ...base, repeat: 'RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=BACKWARD;COUNT=3' });
    expect(backward.repeat).toEqual({ freq: 'monthly', interval: 1, weekStart: 'MO', skip: 'backward', count: 3 });
    expect(toRRule(backward)).toBe('DTSTART;TZID=Europe/Berlin:20250131T090000\nRRULE:RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=BACKWARD;COUNT=3');
    const back = fromRRule(toRRule(backward), { id: 's', endTime: '10:00' });
    expect(expand(back)).toEqual(expand(backward));
    const omit = defineSeries({ ...base, repeat: 'RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=OMIT;COUNT=3' });
    expect(omit.repeat).toEqual({ freq: 'monthly', interval: 1, weekStart: 'MO', count: 3 });
    expect(toRRule(omit)).toBe('DTSTART;TZID=Europe/Berlin:20250131T090000\nRRULE:FREQ=MONTHLY;COUNT=3');
  });

  it('describes it', () => {
    const series = defineSeries({ id: 's', timezone: 'Europe/Berlin', start: '2025-01-31', startTime: '09:00', endTime: '10:00', repeat: 'RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=BACKWARD' });
    expect(describeSeries(series)).toBe('Every month on the 31st, or the last day of shorter months, 09:00–10:00, Europe/Berlin, from 31 Jan 2025, no end');
  });

  it('refuses other calendars, naming them, and SKIP without RSCALE', () => {
    const base = { id: 's', timezone: 'UTC', start: '2025-01-31', startTime: '09:00', endTime: '10:00' };
    expect(() => defineSeries({ ...base, repeat: 'RSCALE=HEBREW;FREQ=YEARLY' })).toThrow(/RSCALE=HEBREW: the hebrew calendar is not supported/);
    expect(() => defineSeries({ ...base, repeat: 'FREQ=MONTHLY;SKIP=FORWARD' })).toThrow(/SKIP needs RSCALE=GREGORIAN/);
  });

  it('accepts a trailing semicolon, as Google Calendar writes it', () => {
    const base = { id: 's', timezone: 'UTC', start: '2025-01-31', startTime: '09:00', endTime: '10:00' };
    expect(defineSeries({ ...base, repeat: 'FREQ=YEARLY;' }).repeat).toEqual({ freq: 'yearly', interval: 1, weekStart: 'MO' });
    expect(() => defineSeries({ ...base, repeat: 'FREQ=YEARLY;;' })).toThrow(/is not a NAME=VALUE rule part/);
  });
});
