import { describe, expect, it } from 'vitest';
import {
  defineSeries,
  expand,
  ExpansionLimitError,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  nthWeekdayOfMonthEachYear,
  occurrences,
  weekdays,
  type RepeatInput,
  type SeriesInput,
} from '../../src/index.js';

/** Dates (YYYY-MM-DD) of a UTC series with the given rule, starting `start`. */
function dates(repeat: RepeatInput | string, start = '2025-01-01', extra: Partial<SeriesInput> = {}): string[] {
  const series = defineSeries({ id: 'r', timezone: 'UTC', start, startTime: '10:00', duration: 'PT1H', repeat, ...extra });
  return expand(series).map((block) => block.key.slice(0, 10));
}

describe('calendar rules', () => {
  it('monthly on day 31 skips months without one', () => {
    expect(dates({ freq: 'monthly', byMonthDay: [31], count: 5 })).toEqual(['2025-01-31', '2025-03-31', '2025-05-31', '2025-07-31', '2025-08-31']);
  });

  it('monthly on day -1 is the last day of every month, leap February included', () => {
    expect(dates({ freq: 'monthly', byMonthDay: [-1], count: 4 }, '2024-01-01')).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
  });

  it('daily runs through leap days', () => {
    expect(dates({ freq: 'daily', count: 3 }, '2024-02-28')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(dates({ freq: 'daily', count: 2 }, '2100-02-28')).toEqual(['2100-02-28', '2100-03-01']);
  });

  it('yearly on February 29 occurs in leap years only', () => {
    expect(dates({ freq: 'yearly', count: 4 }, '2024-02-29')).toEqual(['2024-02-29', '2028-02-29', '2032-02-29', '2036-02-29']);
    expect(dates({ freq: 'yearly', byMonth: [2], byMonthDay: [29], count: 3 }, '2095-01-01')).toEqual(['2096-02-29', '2104-02-29', '2108-02-29']);
  });

  it('last Friday, 2nd Tuesday, and the last weekday of the month (bySetPos)', () => {
    expect(dates(lastWeekdayOfMonth('FR', { count: 3 }))).toEqual(['2025-01-31', '2025-02-28', '2025-03-28']);
    expect(dates(nthWeekdayOfMonth(2, 'TU', { count: 3 }))).toEqual(['2025-01-14', '2025-02-11', '2025-03-11']);
    expect(dates({ freq: 'monthly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], bySetPos: [-1], count: 4 })).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
  });

  it('BYDAY is one set: every Monday and the last Friday', () => {
    expect(dates({ freq: 'monthly', byWeekday: ['MO', { day: 'FR', nth: -1 }], until: '2025-01-31' })).toEqual([
      '2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27', '2025-01-31',
    ]);
  });

  it('yearly nth weekday counts within the month when byMonth is given, else within the year', () => {
    expect(dates(nthWeekdayOfMonthEachYear(4, 'TH', 11, { count: 3 }))).toEqual(['2025-11-27', '2026-11-26', '2027-11-25']);
    expect(dates({ freq: 'yearly', byWeekday: [{ day: 'MO', nth: 20 }], count: 2 })).toEqual(['2025-05-19', '2026-05-18']);
    expect(dates({ freq: 'yearly', byWeekday: [{ day: 'FR', nth: -1 }], count: 2 })).toEqual(['2025-12-26', '2026-12-25']);
  });

  it('weekly with interval 2 counts weeks from the week holding start; weekStart decides that week', () => {
    // 2025-01-05 is a Sunday. Weeks from Monday: it belongs to the week of 2024-12-30.
    expect(dates({ freq: 'weekly', interval: 2, byWeekday: ['SU', 'TU'], count: 4 }, '2025-01-05')).toEqual(['2025-01-05', '2025-01-14', '2025-01-19', '2025-01-28']);
    // Weeks from Sunday: it starts a week, and its Tuesday is in the same week.
    expect(dates({ freq: 'weekly', interval: 2, byWeekday: ['SU', 'TU'], weekStart: 'SU', count: 4 }, '2025-01-05')).toEqual(['2025-01-05', '2025-01-07', '2025-01-19', '2025-01-21']);
  });

  it('byWeekNo and byYearDay (yearly)', () => {
    // ISO week 1 of 2025 runs from Monday 2024-12-30; week 1 of 2026 from 2025-12-29.
    expect(dates({ freq: 'yearly', byWeekNo: [1], byWeekday: ['MO'], count: 2 }, '2025-01-01')).toEqual(['2025-12-29', '2027-01-04']);
    expect(dates({ freq: 'yearly', byWeekNo: [-1], byWeekday: ['SU'], count: 2 }, '2025-01-01')).toEqual(['2025-12-28', '2027-01-03']);
    expect(dates({ freq: 'yearly', byYearDay: [1, 100, -1], count: 4 })).toEqual(['2025-01-01', '2025-04-10', '2025-12-31', '2026-01-01']);
    expect(dates({ freq: 'yearly', byYearDay: [60], count: 2 }, '2024-01-01')).toEqual(['2024-02-29', '2025-03-01']);
  });

  it('start counts only if it matches the rule', () => {
    expect(dates({ freq: 'weekly', byWeekday: ['FR'], count: 2 }, '2025-01-01')).toEqual(['2025-01-03', '2025-01-10']);
  });

  it('defaults come from start: weekday, day of month, date of year', () => {
    expect(dates({ freq: 'weekly', count: 2 }, '2025-01-01')).toEqual(['2025-01-01', '2025-01-08']);
    expect(dates({ freq: 'monthly', count: 2 }, '2025-01-15')).toEqual(['2025-01-15', '2025-02-15']);
    expect(dates({ freq: 'yearly', count: 2 }, '2025-07-04')).toEqual(['2025-07-04', '2026-07-04']);
    expect(dates({ freq: 'yearly', byMonth: [3], count: 2 }, '2025-07-04')).toEqual(['2026-03-04', '2027-03-04']);
  });

  it('until is an inclusive local date', () => {
    expect(dates({ freq: 'daily', until: '2025-01-03' })).toEqual(['2025-01-01', '2025-01-02', '2025-01-03']);
  });

  it('weekdays() preset: Monday to Friday', () => {
    expect(dates(weekdays({ count: 6 }), '2025-01-03')).toEqual(['2025-01-03', '2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10']);
  });
});

describe('include, exclude and keys', () => {
  const base: SeriesInput = { id: 'k', timezone: 'UTC', start: '2025-01-06', startTime: '09:30', endTime: '10:00', repeat: { freq: 'weekly', byWeekday: ['MO'], count: 3 } };

  it('include stands outside count and until; one equal to a rule occurrence is one block', () => {
    const series = defineSeries({ ...base, include: ['2025-01-13T09:30', '2025-02-01T15:00', '2025-01-01'] });
    expect(expand(series).map((block) => block.key)).toEqual(['2025-01-01T09:30', '2025-01-06T09:30', '2025-01-13T09:30', '2025-01-20T09:30', '2025-02-01T15:00']);
  });

  it('an include at another time ends after the nominal length', () => {
    const block = expand(defineSeries({ ...base, include: ['2025-02-01T15:00'] })).at(-1)!;
    expect([new Date(block.start).toISOString(), new Date(block.end).toISOString()]).toEqual(['2025-02-01T15:00:00.000Z', '2025-02-01T15:30:00.000Z']);
  });

  it('exclude removes rule occurrences and included dates', () => {
    const series = defineSeries({ ...base, include: ['2025-02-01T15:00'], exclude: ['2025-01-13', '2025-02-01'] });
    expect(expand(series).map((block) => block.key)).toEqual(['2025-01-06T09:30', '2025-01-20T09:30']);
  });

  it('keys carry seconds when the start time has them', () => {
    const series = defineSeries({ ...base, startTime: '09:30:15' });
    expect(expand(series)[0]!.key).toBe('2025-01-06T09:30:15');
  });

  it('sorts by start, then end, then series id and key', () => {
    const series = defineSeries({ ...base, include: ['2025-01-06T09:00', '2025-01-06T09:45'], endTime: '10:30' });
    expect(expand(series).slice(0, 3).map((block) => block.key)).toEqual(['2025-01-06T09:00', '2025-01-06T09:30', '2025-01-06T09:45']);
  });
});

describe('windows and limits', () => {
  const daily = defineSeries({ id: 'd', timezone: 'UTC', start: '2025-01-01', startTime: '10:00', endTime: '11:00', repeat: { freq: 'daily' } });

  it('is half-open: a block ending at from or starting at to is outside', () => {
    expect(expand(daily, { from: '2025-01-02T11:00:00Z', to: '2025-01-03T10:00:00Z' })).toEqual([]);
    expect(expand(daily, { from: '2025-01-02T10:59:59Z', to: '2025-01-03T10:00:01Z' }).map((b) => b.key)).toEqual(['2025-01-02T10:00', '2025-01-03T10:00']);
  });

  it('takes epoch ms, Dates and ISO strings with an offset alike', () => {
    const byIso = expand(daily, { from: '2025-01-05T00:00:00+01:00', to: '2025-01-08T00:00:00Z' });
    expect(expand(daily, { from: Date.UTC(2025, 0, 4, 23), to: new Date(Date.UTC(2025, 0, 8)) })).toEqual(byIso);
    expect(byIso.map((b) => b.key)).toEqual(['2025-01-05T10:00', '2025-01-06T10:00', '2025-01-07T10:00']);
  });

  it('throws ExpansionLimitError instead of truncating', () => {
    let caught: unknown;
    try {
      expand(daily, { to: '2025-02-01T00:00:00Z', limit: 30 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpansionLimitError);
    expect(caught).toMatchObject({ seriesId: 'd', limit: 30 });
    expect(expand(daily, { to: '2025-01-31T00:00:00Z', limit: 30 })).toHaveLength(30);
  });

  it('seeks: a window decades after the start costs only the window', () => {
    const old = defineSeries({ id: 'o', timezone: 'America/New_York', start: '1900-01-01', startTime: '09:30', endTime: '10:30', repeat: { freq: 'daily' } });
    expect(expand(old, { from: '2900-01-01T00:00:00Z', to: '2900-01-03T00:00:00Z' }).map((b) => b.key)).toEqual(['2900-01-01T09:30', '2900-01-02T09:30']);
  });

  it('occurrences() pulls lazily from a never-ending series', () => {
    const iterator = occurrences(daily, { from: '2030-06-01T00:00:00Z' });
    expect(iterator.next().value!.key).toBe('2030-06-01T10:00');
    expect(iterator.next().value!.key).toBe('2030-06-02T10:00');
  });

  it('a series without repeat is one block on start', () => {
    expect(dates(undefined as unknown as RepeatInput, '2025-05-05')).toEqual(['2025-05-05']);
  });
});
