import { describe, expect, it } from 'vitest';
import { defineSeries, expand, SeriesValidationError, TimeblocksError, type SeriesInput, type ValidationIssue } from '../../src/index.js';

const base: SeriesInput = { id: 'room-42', timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '09:30', endTime: '10:00' };

/** The issues `defineSeries` reports for `input`; fails the test when it does not throw a SeriesValidationError. */
function issuesOf(input: unknown): ValidationIssue[] {
  let caught: unknown;
  try {
    defineSeries(input as SeriesInput);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'defineSeries should have thrown').toBeInstanceOf(SeriesValidationError);
  expect(caught).toBeInstanceOf(TimeblocksError);
  return [...(caught as SeriesValidationError).issues];
}

/** Exactly one issue, at `path`, with a message matching `message`. */
function expectIssue(input: unknown, path: string, message: RegExp): void {
  const issues = issuesOf(input);
  expect(issues.map((issue) => issue.path)).toEqual([path]);
  expect(issues[0]!.message).toMatch(message);
}

describe('defineSeries: each problem has a path and a helpful message', () => {
  it('unknown time zone', () => {
    expectIssue({ ...base, timezone: 'Europe/Atlantis' }, 'timezone', /"Europe\/Atlantis".*not a known IANA time zone/);
    expectIssue({ ...base, timezone: 'europe/berlin ' }, 'timezone', /not a known IANA time zone/);
  });

  it('impossible dates', () => {
    expectIssue({ ...base, start: '2025-02-30' }, 'start', /2025-02-30.*does not exist/);
    expectIssue({ ...base, start: '2025-02-29' }, 'start', /does not exist/);
    expectIssue({ ...base, start: '2025-04-31' }, 'start', /does not exist/);
    expectIssue({ ...base, start: '2025-1-6' }, 'start', /YYYY-MM-DD/);
    expectIssue({ ...base, exclude: ['2025-01-13', '2025-11-31'] }, 'exclude[1]', /2025-11-31.*does not exist/);
    expectIssue({ ...base, repeat: { freq: 'daily', until: '2025-06-31' } }, 'repeat.until', /does not exist/);
  });

  it('leap day is a valid date in a leap year', () => {
    expect(defineSeries({ ...base, start: '2024-02-29' }).start).toBe('2024-02-29');
  });

  it('bad times', () => {
    expectIssue({ ...base, startTime: '25:00' }, 'startTime', /"25:00".*not a time of day/);
    expectIssue({ ...base, startTime: '09:60' }, 'startTime', /not a time of day/);
    expectIssue({ ...base, endTime: '9:30' }, 'endTime', /HH:mm/);
    expectIssue({ ...base, startTime: '09:30:60' }, 'startTime', /not a time of day/);
    expectIssue({ ...base, include: ['2025-01-07T24:00'] }, 'include[0]', /not a time of day/);
  });

  it.each([
    [0, /0 is not an interval/],
    [-1, /-1 is not an interval/],
    [1.5, /1.5 is not an integer/],
  ])('interval %s', (interval, message) => {
    expectIssue({ ...base, repeat: { freq: 'weekly', interval } }, 'repeat.interval', message);
  });

  it('count together with until', () => {
    expectIssue({ ...base, repeat: { freq: 'daily', count: 5, until: '2025-12-31' } }, 'repeat.until', /either count or until, not both/);
    expectIssue({ ...base, repeat: 'FREQ=DAILY;COUNT=5;UNTIL=20251231' }, 'repeat.until', /either count or until, not both/);
  });

  it('endTime together with duration, and neither', () => {
    expectIssue({ ...base, duration: 'PT30M' }, 'duration', /either endTime or duration, not both/);
    const { endTime: _, ...withoutEnd } = base;
    expectIssue(withoutEnd, 'endTime', /endTime or duration is required/);
  });

  it('sub-daily RRULE and time parts are accepted, structured the same', () => {
    expect(defineSeries({ ...base, repeat: 'FREQ=HOURLY;INTERVAL=8' }).repeat).toStrictEqual({ freq: 'hourly', interval: 8, weekStart: 'MO' });
    expect(defineSeries({ ...base, repeat: 'FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10' }).repeat).toStrictEqual(
      defineSeries({ ...base, repeat: { freq: 'minutely', interval: 15, byHour: [10, 9] } }).repeat,
    );
    // BYHOUR=9 alone agrees with 09:30: the minute comes from the start (RFC 5545), so it says nothing.
    expect(defineSeries({ ...base, repeat: 'FREQ=DAILY;BYHOUR=9;COUNT=1' }).repeat).toStrictEqual({ freq: 'daily', interval: 1, weekStart: 'MO', count: 1 });
    expect(defineSeries({ ...base, repeat: 'FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30' }).repeat).toStrictEqual({ freq: 'daily', interval: 1, byHour: [9, 17], weekStart: 'MO' });
    expectIssue({ ...base, repeat: { freq: 'fortnightly' } }, 'repeat.freq', /"fortnightly" is not a frequency \(yearly, monthly, weekly, daily, hourly, minutely, secondly\)/);
  });

  it('BYHOUR / BYMINUTE / BYSECOND that restate startTime are accepted (and dropped)', () => {
    const series = defineSeries({ ...base, repeat: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30;BYSECOND=0;COUNT=2' });
    expect(series.repeat).toStrictEqual({ freq: 'daily', interval: 1, weekStart: 'MO', count: 2 });
    expect(expand(series).map((block) => block.key)).toEqual(['2025-01-06T09:30', '2025-01-07T09:30']);
  });

  it('nth weekday with a weekly (or daily) rule', () => {
    expectIssue({ ...base, repeat: { freq: 'weekly', byWeekday: ['MO', { day: 'FR', nth: 2 }] } }, 'repeat.byWeekday[1]', /nth positions need freq monthly or yearly/);
    expectIssue({ ...base, repeat: 'FREQ=DAILY;BYDAY=-1SU' }, 'repeat.byWeekday[0]', /monthly or yearly/);
  });

  it('unknown fields, at any depth', () => {
    expectIssue({ ...base, colour: 'red' }, 'colour', /not a known field/);
    expectIssue({ ...base, repeat: { freq: 'daily', every: 2 } }, 'repeat.every', /not a known field/);
    expectIssue({ ...base, dst: { nonexistent: 'skip', gap: 'skip' } }, 'dst.gap', /not a known field/);
    expectIssue({ ...base, repeat: 'FREQ=DAILY;COLOR=RED' }, 'repeat', /COLOR is not a recurrence rule part/);
  });

  it('a rule that never produces an occurrence', () => {
    expectIssue({ ...base, repeat: { freq: 'yearly', byMonth: [2], byMonthDay: [30] } }, 'repeat', /never produces an occurrence/);
    expectIssue({ ...base, repeat: { freq: 'monthly', byWeekday: ['MO'], bySetPos: [6] } }, 'repeat', /never produces an occurrence/);
    expectIssue({ ...base, repeat: { freq: 'yearly', byMonth: [4, 6, 9, 11], byMonthDay: [31] } }, 'repeat', /never produces an occurrence/);
  });

  it('rules that are merely rare are fine: Feb 29, a 5th Monday, bySetPos 5 over Mondays', () => {
    expect(() => defineSeries({ ...base, repeat: { freq: 'yearly', byMonth: [2], byMonthDay: [29] } })).not.toThrow();
    expect(() => defineSeries({ ...base, repeat: { freq: 'monthly', byWeekday: [{ day: 'MO', nth: 5 }] } })).not.toThrow();
    expect(() => defineSeries({ ...base, repeat: { freq: 'monthly', byWeekday: ['MO'], bySetPos: [5] } })).not.toThrow();
  });

  it('bad DST policies', () => {
    expectIssue({ ...base, dst: { nonexistent: 'later' } }, 'dst.nonexistent', /"later" is not one of shift, skip, error/);
    expectIssue({ ...base, dst: { ambiguous: 'first' } }, 'dst.ambiguous', /"first" is not one of earlier, later/);
  });

  it('reports several problems together', () => {
    const issues = issuesOf({
      id: 'x',
      timezone: 'Mars/Olympus_Mons',
      start: '2025-02-30',
      startTime: '09:30',
      endTime: '10:00',
      duration: 'PT1H',
      repeat: { freq: 'weekly', interval: 0, byWeekday: ['MO', 'XX'] },
      extra: true,
    });
    const paths = issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['duration', 'extra', 'repeat.byWeekday[1]', 'repeat.interval', 'start', 'timezone']);
    const error = (() => {
      try {
        defineSeries({ ...base, timezone: 'Nowhere', startTime: '99:99' });
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/2 problems/);
    expect(error?.message).toMatch(/timezone: .*Nowhere/);
    expect(error?.message).toMatch(/startTime: .*99:99/);
  });
});

describe('defineSeries: normalization', () => {
  it('returns a frozen series, all the way down', () => {
    const series = defineSeries({ ...base, repeat: { freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }], byMonth: [1, 6] }, exclude: ['2025-06-27'] });
    expect(Object.isFrozen(series)).toBe(true);
    expect(Object.isFrozen(series.repeat)).toBe(true);
    expect(Object.isFrozen(series.repeat!.byWeekday)).toBe(true);
    expect(Object.isFrozen(series.repeat!.byWeekday![0])).toBe(true);
    expect(Object.isFrozen(series.repeat!.byMonth)).toBe(true);
    expect(Object.isFrozen(series.exclude)).toBe(true);
    expect(Object.isFrozen(series.include)).toBe(true);
    expect(Object.isFrozen(series.dst)).toBe(true);
    expect(() => {
      (series as { id: string }).id = 'other';
    }).toThrow(TypeError);
    expect(series.id).toBe('room-42');
  });

  it('does not keep references to the input', () => {
    const input = { ...base, exclude: ['2025-01-13'], repeat: { freq: 'weekly' as const, byWeekday: ['MO' as const] } };
    const series = defineSeries(input);
    input.exclude.push('2025-01-20');
    input.repeat.byWeekday.push('TU' as never);
    expect(series.exclude).toEqual(['2025-01-13']);
    expect(series.repeat!.byWeekday).toEqual(['MO']);
  });

  it('fills defaults', () => {
    const series = defineSeries({ ...base, repeat: { freq: 'weekly' } });
    expect(series).toStrictEqual({
      id: 'room-42',
      timezone: 'Europe/Berlin',
      start: '2025-01-06',
      startTime: '09:30',
      endTime: '10:00',
      repeat: { freq: 'weekly', interval: 1, weekStart: 'MO' },
      exclude: [],
      include: [],
      dst: { nonexistent: 'shift', ambiguous: 'earlier' },
    });
  });

  it('fills a partial dst', () => {
    expect(defineSeries({ ...base, dst: { ambiguous: 'later' } }).dst).toStrictEqual({ nonexistent: 'shift', ambiguous: 'later' });
    expect(defineSeries({ ...base, dst: { nonexistent: 'skip' } }).dst).toStrictEqual({ nonexistent: 'skip', ambiguous: 'earlier' });
  });

  it('sorts and deduplicates lists', () => {
    const series = defineSeries({
      ...base,
      repeat: { freq: 'monthly', byWeekday: ['FR', 'MO', 'WE', 'MO'], byMonthDay: [15, 1, -1, 15], byMonth: [12, 3, 3] },
      exclude: ['2025-03-01', '2025-02-01', '2025-03-01'],
      include: ['2025-02-20T15:00', '2025-02-10T08:00', '2025-02-20T15:00'],
    });
    expect(series.repeat!.byWeekday).toEqual(['MO', 'WE', 'FR']);
    expect(series.repeat!.byMonthDay).toEqual([-1, 1, 15]);
    expect(series.repeat!.byMonth).toEqual([3, 12]);
    expect(series.exclude).toEqual(['2025-02-01', '2025-03-01']);
    expect(series.include).toEqual(['2025-02-10T08:00', '2025-02-20T15:00']);
  });

  it('writes times in their shortest form', () => {
    const series = defineSeries({ ...base, startTime: '09:30:00', endTime: '10:00:00', include: ['2025-01-07T11:15:00'] });
    expect(series.startTime).toBe('09:30');
    expect(series.endTime).toBe('10:00');
    expect(series.include).toEqual(['2025-01-07T11:15']);
    expect(defineSeries({ ...base, startTime: '09:30:15' }).startTime).toBe('09:30:15');
  });

  describe('an RRULE string becomes the structured rule', () => {
    const structured = { freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], weekStart: 'MO', count: 10 };

    it.each(['FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10', 'freq=weekly;byday=mo,we,fr;count=10', 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10', 'rrule:FREQ=WEEKLY;COUNT=10;BYDAY=FR,WE,MO'])(
      '%s',
      (text) => {
        expect(defineSeries({ ...base, repeat: text }).repeat).toStrictEqual(structured);
      },
    );

    it('the string and the object give the same series', () => {
      expect(defineSeries({ ...base, repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10' })).toStrictEqual(
        defineSeries({ ...base, repeat: { freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'], count: 10 } }),
      );
    });

    it('nth weekdays, set positions, WKST and INTERVAL', () => {
      expect(defineSeries({ ...base, repeat: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR,+2MO;WKST=SU' }).repeat).toStrictEqual({
        freq: 'monthly',
        interval: 2,
        byWeekday: [
          { day: 'MO', nth: 2 },
          { day: 'FR', nth: -1 },
        ],
        weekStart: 'SU',
      });
      expect(defineSeries({ ...base, repeat: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1' }).repeat).toStrictEqual({
        freq: 'monthly',
        interval: 1,
        byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'],
        bySetPos: [-1],
        weekStart: 'MO',
      });
    });

    it('UNTIL as a date is the inclusive local until', () => {
      expect(defineSeries({ ...base, repeat: 'FREQ=DAILY;UNTIL=20251231' }).repeat!.until).toBe('2025-12-31');
    });

    it('UNTIL=20251231T235959Z with a zoned start: the last local date whose start is not after it', () => {
      // Berlin: 2026-01-01 00:59:59 local; 2026-01-01 09:30 is after it.
      expect(defineSeries({ ...base, repeat: 'FREQ=DAILY;UNTIL=20251231T235959Z' }).repeat!.until).toBe('2025-12-31');
      // Auckland: 2026-01-01 12:59:59 NZDT; 2026-01-01 09:30 is before it.
      expect(defineSeries({ ...base, timezone: 'Pacific/Auckland', repeat: 'FREQ=DAILY;UNTIL=20251231T235959Z' }).repeat!.until).toBe('2026-01-01');
      // Los Angeles: 2025-12-31 15:59:59 PST; 2025-12-31 18:00 is after it.
      const la = defineSeries({ ...base, timezone: 'America/Los_Angeles', startTime: '18:00', endTime: '19:00', start: '2025-12-28', repeat: 'FREQ=DAILY;UNTIL=20251231T235959Z' });
      expect(la.repeat!.until).toBe('2025-12-30');
      expect(expand(la).map((block) => block.key)).toEqual(['2025-12-28T18:00', '2025-12-29T18:00', '2025-12-30T18:00']);
    });

    it('UNTIL exactly at an occurrence’s start includes it (RFC 5545: inclusive)', () => {
      // 09:30 Berlin (CET) on 2025-01-10 = 08:30Z.
      expect(defineSeries({ ...base, repeat: 'FREQ=DAILY;UNTIL=20250110T083000Z' }).repeat!.until).toBe('2025-01-10');
      expect(defineSeries({ ...base, repeat: 'FREQ=DAILY;UNTIL=20250110T082959Z' }).repeat!.until).toBe('2025-01-09');
    });
  });

  it('JSON round trip: defineSeries(JSON.parse(JSON.stringify(series))) equals series', () => {
    const inputs: SeriesInput[] = [
      { ...base, repeat: 'RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20251231T235959Z', exclude: ['2025-05-30'], include: ['2025-02-20T15:00', '2025-02-21'] },
      { ...base, endTime: undefined, duration: 'PT1H30M', repeat: { freq: 'yearly', byWeekNo: [20], byWeekday: ['MO'], count: 3 }, dst: { nonexistent: 'error' } },
      { ...base, startTime: '22:00:30', endTime: '06:00', repeat: { freq: 'weekly', interval: 2, byWeekday: ['SU', 'TU'], weekStart: 'SU' } },
      { ...base, timezone: 'UTC' },
    ];
    for (const input of inputs) {
      const series = defineSeries(JSON.parse(JSON.stringify(input)) as SeriesInput);
      const again = defineSeries(JSON.parse(JSON.stringify(series)) as SeriesInput);
      expect(again).toStrictEqual(series);
      expect(JSON.stringify(again)).toBe(JSON.stringify(series));
    }
  });
});
