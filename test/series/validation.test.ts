import { describe, expect, it } from 'vitest';
import { defineSeries, SeriesValidationError, type SeriesInput, type ValidationIssue } from '../../src/index.js';

const valid: SeriesInput = { id: 'v', timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '09:30', endTime: '10:00' };

function issues(input: unknown): ValidationIssue[] {
  try {
    defineSeries(input as SeriesInput);
  } catch (error) {
    if (error instanceof SeriesValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected SeriesValidationError');
}

const one = (input: unknown) => {
  const found = issues(input);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('defineSeries rejects, naming the field', () => {
  it.each([
    [{ timezone: 'Mars/Base' }, 'timezone', /"Mars\/Base" is not a known IANA time zone/],
    [{ timezone: '+05:00' }, 'timezone', /not a known IANA time zone/],
    [{ start: '2025-02-30' }, 'start', /does not exist \(day 30 of a 28-day month\)/],
    [{ start: '2025-13-01' }, 'start', /has no month 13/],
    [{ start: '6 Jan 2025' }, 'start', /not a date of the form YYYY-MM-DD/],
    [{ startTime: '24:00' }, 'startTime', /not a time of day/],
    [{ startTime: '9:30' }, 'startTime', /not a time of the form HH:mm/],
    [{ endTime: undefined, duration: 'P1M' }, 'duration', /years and months have no fixed length/],
    [{ endTime: undefined, duration: '30 minutes' }, 'duration', /not an ISO 8601 duration/],
    [{ duration: 'PT30M' }, 'duration', /either endTime or duration, not both/],
    [{ endTime: undefined }, 'endTime', /endTime or duration is required/],
    [{ id: '' }, 'id', /must not be empty/],
    [{ id: 42 }, 'id', /expected a string, got 42/],
    [{ timeZone: 'UTC' }, 'timeZone', /is not a known field/],
    [{ exclude: ['2025-02-29'] }, 'exclude[0]', /does not exist/],
    [{ include: ['2025-01-07T25:00'] }, 'include[0]', /not a time of day/],
    [{ dst: { nonexistent: 'maybe' } }, 'dst.nonexistent', /"maybe" is not one of shift, skip, error/],
    [{ repeat: { freq: 'weekly', interval: 0 } }, 'repeat.interval', /0 is not an interval \(1 to 10000\)/],
    [{ repeat: { freq: 'weekly', interval: -2 } }, 'repeat.interval', /not an interval/],
    [{ repeat: { freq: 'weekly', interval: 1.5 } }, 'repeat.interval', /1.5 is not an integer/],
    [{ repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'XX'] } }, 'repeat.byWeekday[2]', /"XX" is not a weekday/],
    [{ repeat: { freq: 'weekly', byWeekday: [{ day: 'FR', nth: -1 }] } }, 'repeat.byWeekday[0]', /nth positions need freq monthly or yearly/],
    [{ repeat: { freq: 'monthly', byWeekday: [{ day: 'FR', nth: 6 }] } }, 'repeat.byWeekday[0]', /at most 5 of each weekday/],
    [{ repeat: { freq: 'monthly', byMonthDay: [0] } }, 'repeat.byMonthDay[0]', /not a day of the month/],
    [{ repeat: { freq: 'monthly', byMonthDay: [] } }, 'repeat.byMonthDay', /must not be empty/],
    [{ repeat: { freq: 'daily', count: 3, until: '2025-12-31' } }, 'repeat.until', /either count or until, not both/],
    [{ repeat: { freq: 'daily', until: '2024-12-31' } }, 'repeat.until', /is before start/],
    [{ repeat: { freq: 'weekly', byMonthDay: [1] } }, 'repeat.byMonthDay', /not allowed with freq weekly/],
    [{ repeat: { freq: 'monthly', byWeekNo: [1] } }, 'repeat.byWeekNo', /only allowed with freq yearly/],
    [{ repeat: { freq: 'daily', byYearDay: [1] } }, 'repeat.byYearDay', /not allowed with freq daily/],
    [{ repeat: { freq: 'monthly', bySetPos: [1] } }, 'repeat.bySetPos', /needs another by-part/],
    [{ repeat: { freq: 'quarterly' } }, 'repeat.freq', /"quarterly" is not a frequency/],
    [{ repeat: 'FREQ=HOURLY;INTERVAL=2;BYHOUR=10' }, 'repeat', /never produces an occurrence/],
    [{ repeat: { freq: 'hourly', byWeekday: [{ day: 'MO', nth: 1 }] } }, 'repeat.byWeekday[0]', /nth positions need freq monthly or yearly/],
    [{ repeat: { freq: 'daily', byHour: [25] } }, 'repeat.byHour[0]', /25 is not an hour/],
    [{ repeat: { freq: 'daily', skip: 'sideways' } }, 'repeat.skip', /"sideways" is not one of omit, backward, forward/],
    [{ repeat: { freq: 'daily', until: '2025-01-01T25:00' } }, 'repeat.until', /./],
    [{ repeat: 'FREQ=DAILY;FOO=1' }, 'repeat', /FOO is not a recurrence rule part/],
    [{ repeat: 'FREQ=WEEKLY;BYDAY=MO;BYDAY=TU' }, 'repeat', /BYDAY is given twice/],
    [{ repeat: 'INTERVAL=2' }, 'repeat', /FREQ is required/],
    [{ repeat: 'FREQ=DAILY;UNTIL=2025-12-31' }, 'repeat', /UNTIL=2025-12-31 is not a date/],
    [{ repeat: { freq: 'yearly', byMonth: [2], byMonthDay: [30] } }, 'repeat', /never produces an occurrence/],
    [{ repeat: { freq: 'monthly', byWeekday: ['MO'], bySetPos: [6] } }, 'repeat', /never produces an occurrence/],
    [{ repeat: 42 }, 'repeat', /expected an object or an RRULE string/],
  ])('%j → %s', (change, path, message) => {
    const issue = one({ ...valid, ...change });
    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(message);
  });

  it('reports every problem at once', () => {
    const found = issues({ id: '', timezone: 'Nowhere/City', start: '2025-02-30', startTime: '25:00', endTime: '10:00', repeat: { freq: 'weekly', byWeekday: ['XX'] } });
    expect(found.map((issue) => issue.path)).toEqual(['id', 'timezone', 'start', 'startTime', 'repeat.byWeekday[0]']);
  });

  it('rejects what is not an object', () => {
    for (const input of [null, undefined, 42, 'series', [], true]) expect(issues(input)[0]!.message).toMatch(/expected a series object/);
  });

  it('accepts BYHOUR/BYMINUTE that restate the start time', () => {
    expect(defineSeries({ ...valid, repeat: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30;BYSECOND=0;COUNT=2' }).repeat).toEqual({ freq: 'daily', interval: 1, weekStart: 'MO', count: 2 });
  });
});

describe('normalization', () => {
  it('returns a frozen series with defaults filled and lists sorted and deduplicated', () => {
    const series = defineSeries({
      ...valid,
      startTime: '09:30:00',
      repeat: { freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }, 'MO', 'MO'], byMonth: [12, 3, 3], count: 4 },
      exclude: ['2025-03-03', '2025-01-06', '2025-03-03'],
      include: ['2025-02-01', '2025-01-20T15:00:00'],
    });
    expect(series).toEqual({
      id: 'v',
      timezone: 'Europe/Berlin',
      start: '2025-01-06',
      startTime: '09:30',
      endTime: '10:00',
      repeat: { freq: 'monthly', interval: 1, byWeekday: ['MO', { day: 'FR', nth: -1 }], byMonth: [3, 12], weekStart: 'MO', count: 4 },
      exclude: ['2025-01-06', '2025-03-03'],
      include: ['2025-01-20T15:00', '2025-02-01T09:30'],
      dst: { nonexistent: 'shift', ambiguous: 'earlier' },
    });
    expect(Object.isFrozen(series)).toBe(true);
    expect(Object.isFrozen(series.repeat)).toBe(true);
    expect(Object.isFrozen(series.exclude)).toBe(true);
    expect(defineSeries(JSON.parse(JSON.stringify(series)))).toEqual(series);
  });

  it('turns RRULE strings into the structured rule, any case, with or without RRULE:', () => {
    const expected = { freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], weekStart: 'MO', count: 10 };
    expect(defineSeries({ ...valid, repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10' }).repeat).toEqual(expected);
    expect(defineSeries({ ...valid, repeat: 'rrule:freq=weekly;byday=fr,mo,we;count=10' }).repeat).toEqual(expected);
    expect(defineSeries({ ...valid, repeat: 'RRULE:FREQ=MONTHLY;BYDAY=-1FR,2TU;WKST=SU;INTERVAL=2' }).repeat).toEqual({
      freq: 'monthly', interval: 2, byWeekday: [{ day: 'TU', nth: 2 }, { day: 'FR', nth: -1 }], weekStart: 'SU',
    });
  });

  it('converts UNTIL forms to an inclusive local date', () => {
    // 09:30 Berlin on 2025-12-31 is 08:30Z: an UNTIL of 08:30Z keeps it, 08:29:59Z does not.
    expect(defineSeries({ ...valid, repeat: 'FREQ=DAILY;UNTIL=20251231T083000Z' }).repeat!.until).toBe('2025-12-31');
    expect(defineSeries({ ...valid, repeat: 'FREQ=DAILY;UNTIL=20251231T082959Z' }).repeat!.until).toBe('2025-12-30');
    expect(defineSeries({ ...valid, repeat: 'FREQ=DAILY;UNTIL=20251231T235959Z' }).repeat!.until).toBe('2025-12-31');
    expect(defineSeries({ ...valid, repeat: 'FREQ=DAILY;UNTIL=20251231T093000' }).repeat!.until).toBe('2025-12-31');
    expect(defineSeries({ ...valid, repeat: 'FREQ=DAILY;UNTIL=20251231' }).repeat!.until).toBe('2025-12-31');
  });
});

/**
 * Strict objects are zod leaves of ours, not `$ZodObject`s: they must read objects as zod
 * does (own and inherited enumerable keys, `__proto__` as an own key when JSON made it one,
 * null prototypes) and put each problem at its full path, nested overrides included.
 */
describe('objects of odd shapes, at every depth', () => {
  const ruled: SeriesInput = { ...valid, repeat: { freq: 'daily', count: 3 } };
  const paths = (input: unknown) => issues(input).map((issue) => `${issue.path}: ${issue.message}`);

  it('names an own __proto__ key (as JSON.parse makes one) as unknown, at the top, in repeat, dst and an override', () => {
    const json = JSON.stringify(ruled).slice(0, -1);
    expect(paths(JSON.parse(`${json},"__proto__":{"id":"x"}}`))).toEqual(['__proto__: is not a known field']);
    expect(paths({ ...ruled, repeat: JSON.parse('{"freq":"daily","__proto__":{"count":2}}') })).toEqual(['repeat.__proto__: is not a known field']);
    expect(paths({ ...ruled, dst: JSON.parse('{"__proto__":{}}') })).toEqual(['dst.__proto__: is not a known field']);
    expect(paths({ ...ruled, overrides: { '2025-01-07T09:30': JSON.parse('{"cancelled":true,"__proto__":1}') } })).toEqual([
      'overrides.2025-01-07T09:30.__proto__: is not a known field',
    ]);
  });

  it('accepts null-prototype objects as plain ones, and reads their fields', () => {
    const bare = <T extends object>(value: T): T => Object.assign(Object.create(null) as T, value);
    const series = defineSeries(bare({ ...ruled, dst: bare({ nonexistent: 'skip' as const }), overrides: bare({ '2025-01-07T09:30': bare({ cancelled: true as const }) }) }));
    expect(series.dst.nonexistent).toBe('skip');
    expect(series.overrides).toEqual({ '2025-01-07T09:30': { cancelled: true } });
    expect(paths(bare({ ...ruled, overrides: bare({ '2025-01-07T09:30': bare({ date: '2025-02-30' }) }) }))).toEqual([
      'overrides.2025-01-07T09:30.date: "2025-02-30" does not exist (day 30 of a 28-day month)',
    ]);
  });

  it('reads inherited enumerable fields, and names inherited unknown ones', () => {
    const { endTime: _, ...own } = valid;
    const inherited = Object.assign(Object.create({ colour: 'red', endTime: '11:00' }) as object, own);
    expect(paths(inherited)).toEqual(['colour: is not a known field']);
    expect(defineSeries(Object.assign(Object.create({ endTime: '11:00' }) as object, own) as SeriesInput).endTime).toBe('11:00');
  });

  it('says what a list given for an object should have been', () => {
    expect(paths({ ...ruled, dst: [] })).toEqual(['dst: expected an object, got a list']);
    expect(paths({ ...ruled, overrides: [] })).toEqual(['overrides: expected an object keyed by occurrence key, got a list']);
    expect(paths({ ...ruled, overrides: { '2025-01-07T09:30': [{ cancelled: true }] } })).toEqual([
      'overrides.2025-01-07T09:30: expected { cancelled: true } or a move { date, startTime, endTime | duration }, got a list',
    ]);
  });

  it('lists every problem of nested overrides in order, each at its own path', () => {
    const overrides = { '2025-01-07T09:30': { date: '2025-02-30', colour: 'red', endTime: 5, size: 1 }, '2025-01-08T09:30': { cancelled: false } };
    expect(paths({ ...ruled, overrides })).toEqual([
      'overrides.2025-01-07T09:30.date: "2025-02-30" does not exist (day 30 of a 28-day month)',
      'overrides.2025-01-07T09:30.endTime: expected a string, got 5',
      'overrides.2025-01-07T09:30.colour: is not a known field',
      'overrides.2025-01-07T09:30.size: is not a known field',
      'overrides.2025-01-08T09:30.cancelled: false: only cancelled: true cancels',
    ]);
  });

  it('names each unknown key of an object within the cap, and refuses a bigger object by its size alone', () => {
    const unknown = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    const error = (input: unknown) => {
      try {
        defineSeries(input as SeriesInput);
      } catch (caught) {
        return caught as SeriesValidationError;
      }
      throw new Error('expected SeriesValidationError');
    };
    const within = error({ ...ruled, overrides: { '2025-01-07T09:30': { cancelled: true, ...unknown(31) } } });
    expect(within.issueCount).toBe(31);
    expect(within.issues[0]).toEqual({ path: 'overrides.2025-01-07T09:30.k0', message: 'is not a known field' });
    const beyond = error({ ...ruled, overrides: { '2025-01-07T09:30': { cancelled: true, ...unknown(10_000) } } });
    expect(beyond.issueCount).toBe(1);
    expect(beyond.message.length).toBeLessThan(200);
  });
});
