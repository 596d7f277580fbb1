import { describe, expect, it } from 'vitest';
import { defineSeries, expand, fromRRule, SeriesValidationError, toICalendar, toRRule, type ValidationIssue } from '../../src/index.js';
import { icalOccurrences, resetIcalZones } from '../support/ical-oracle.js';

const berlin = 'DTSTART;TZID=Europe/Berlin:20250106T093000';

function issuesOf(text: string, options: Partial<Parameters<typeof fromRRule>[1]> = {}): readonly ValidationIssue[] {
  try {
    fromRRule(text, { id: 'x', endTime: '10:00', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(SeriesValidationError);
    return (error as SeriesValidationError).issues;
  }
  throw new Error('expected a SeriesValidationError');
}

describe('fromRRule accepts what calendar clients write', () => {
  it('folded lines with CRLF', () => {
    const series = fromRRule(`${berlin}\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,\r\n FR;COUNT=10`, { id: 'x', endTime: '10:00' });
    expect(series.repeat).toEqual({ freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], weekStart: 'MO', count: 10 });
  });

  it('lower-case names and values, and WKST', () => {
    const series = fromRRule('dtstart;tzid=Europe/Berlin:20250106T093000\nrrule:freq=weekly;byday=mo;wkst=su;count=3', { id: 'x', endTime: '10:00' });
    expect(series).toMatchObject({ timezone: 'Europe/Berlin', start: '2025-01-06', startTime: '09:30' });
    expect(series.repeat).toMatchObject({ byWeekday: ['MO'], weekStart: 'SU', count: 3 });
  });

  it('a bare FREQ= line with the start given as options', () => {
    const series = fromRRule('FREQ=DAILY;COUNT=2', { id: 'x', endTime: '11:00', timezone: 'UTC', start: '2025-01-01', startTime: '10:00' });
    expect(expand(series).map((block) => block.key)).toEqual(['2025-01-01T10:00', '2025-01-02T10:00']);
  });

  it('a UTC UNTIL with a zoned DTSTART: the local day it falls on is the last', () => {
    // 13:00Z on 10 March is 09:00 EDT, the last occurrence's start.
    const series = fromRRule('DTSTART;TZID=America/New_York:20250301T090000\nRRULE:FREQ=DAILY;UNTIL=20250310T130000Z', { id: 'x', endTime: '10:00' });
    expect(series.repeat?.until).toBe('2025-03-10');
    expect(expand(series)).toHaveLength(10);
  });

  it('BYHOUR and BYMINUTE that agree with the start time', () => {
    expect(fromRRule(`${berlin}\nRRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=30;COUNT=3`, { id: 'x', endTime: '10:00' }).repeat).toMatchObject({ freq: 'daily', count: 3 });
  });
});

describe('fromRRule rejects, naming the part', () => {
  it.each([
    ['an unknown rule part', `${berlin}\nRRULE:FREQ=WEEKLY;FOO=1`, 'RRULE', /FOO is not a recurrence rule part/],
    ['a calendar other than the Gregorian', `${berlin}\nRRULE:RSCALE=HEBREW;FREQ=YEARLY;COUNT=3`, 'RRULE', /RSCALE=HEBREW: the hebrew calendar is not supported/],
    ['SKIP without RSCALE', `${berlin}\nRRULE:FREQ=MONTHLY;SKIP=BACKWARD;COUNT=3`, 'RRULE', /SKIP needs RSCALE=GREGORIAN/],
    ['an unknown SKIP', `${berlin}\nRRULE:RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=SIDEWAYS`, 'RRULE', /SKIP=SIDEWAYS is not one of OMIT, BACKWARD, FORWARD/],
    ['an hour out of range', `${berlin}\nRRULE:FREQ=DAILY;BYHOUR=24;COUNT=3`, 'RRULE.byHour[0]', /24 is not an hour \(0 to 23\)/],
    ['a leap second', `${berlin}\nRRULE:FREQ=MINUTELY;BYSECOND=60;COUNT=3`, 'RRULE.bySecond[0]', /60 is not a second \(0 to 59\)/],
    ['periods that never meet their hour', `${berlin}\nRRULE:FREQ=HOURLY;INTERVAL=2;BYHOUR=10`, 'RRULE', /never produces an occurrence/],
    ['a date UNTIL with a date-time DTSTART', `${berlin}\nRRULE:FREQ=DAILY;UNTIL=20250110`, 'RRULE.UNTIL', /is a date, but DTSTART is a date-time/],
    ['a malformed weekday', `${berlin}\nRRULE:FREQ=WEEKLY;BYDAY=XX`, 'RRULE', /"XX" is not a weekday/],
    ['an unknown time zone', 'DTSTART;TZID=Mars/Base:20250106T093000\nRRULE:FREQ=WEEKLY', 'DTSTART', /TZID "Mars\/Base" is not a known IANA time zone/],
    ['a zone in the wrong case', 'DTSTART;TZID=europe/berlin:20250106T093000\nRRULE:FREQ=WEEKLY', 'DTSTART', /TZID "europe\/berlin": time zone names are case-sensitive; did you mean Europe\/Berlin\?/],
    ['an EXDATE zone in the wrong case', `${berlin}\nRRULE:FREQ=WEEKLY;COUNT=3\nEXDATE;TZID=europe/berlin:20250113T093000`, 'EXDATE', /did you mean Europe\/Berlin\?/],
    ['an impossible date', 'DTSTART;TZID=Europe/Berlin:20250230T093000\nRRULE:FREQ=WEEKLY;COUNT=2', 'DTSTART', /is not a date-time/],
    ['a line that is not recurrence text', `${berlin}\nSUMMARY:x\nRRULE:FREQ=WEEKLY;COUNT=2`, 'SUMMARY', /not part of recurrence text/],
    ['COUNT with UNTIL', `${berlin}\nRRULE:FREQ=WEEKLY;COUNT=2;UNTIL=20250301T000000Z`, 'RRULE.until', /either count or until/],
    ['a zero interval', `${berlin}\nRRULE:FREQ=WEEKLY;INTERVAL=0`, 'RRULE.interval', /0 is not an interval/],
  ])('%s', (_name, text, path, message) => {
    const issues = issuesOf(text);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('reports every problem at once', () => {
    const issues = issuesOf('DTSTART;TZID=Mars/Base:20250106T093000\nSUMMARY:x\nRRULE:FREQ=FORTNIGHTLY');
    expect(issues.map((issue) => issue.path).sort()).toEqual(['DTSTART', 'RRULE', 'SUMMARY']);
  });
});

describe('overrides in RRULE text and iCalendar', () => {
  const series = defineSeries({
    id: 'class',
    timezone: 'Europe/Berlin',
    start: '2025-03-24',
    startTime: '09:30',
    endTime: '10:30',
    repeat: 'FREQ=DAILY;COUNT=10',
    overrides: {
      '2025-03-26T09:30': { cancelled: true },
      // Across the spring-forward night, to a day and time of its own.
      '2025-03-28T09:30': { date: '2025-03-31', startTime: '14:00', endTime: '15:00' },
    },
  });

  it('toRRule writes a cancelled occurrence as an EXDATE and refuses a move', () => {
    const cancelledOnly = defineSeries({ ...JSON.parse(JSON.stringify(series)), overrides: { '2025-03-26T09:30': { cancelled: true } } });
    expect(toRRule(cancelledOnly)).toBe('DTSTART;TZID=Europe/Berlin:20250324T093000\nRRULE:FREQ=DAILY;COUNT=10\nEXDATE;TZID=Europe/Berlin:20250326T093000');
    expect(() => toRRule(series)).toThrow(/overrides\.2025-03-28T09:30 moves an occurrence.*use toICalendar/);
  });

  it('toICalendar writes a move as a VEVENT with RECURRENCE-ID, and ical.js expands the same blocks', () => {
    resetIcalZones();
    const text = toICalendar([series]);
    expect(text).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20250328T093000\r\nDTSTART;TZID=Europe/Berlin:20250331T140000');
    const expected = expand(series).map(({ key, start, end }) => ({ key, start, end }));
    const actual = icalOccurrences(text, 'class@timeblocks').sort((a, b) => a.start - b.start);
    expect(actual).toEqual(expected);
    expect(expected.map((block) => block.key)).not.toContain('2025-03-26T09:30');
  });
});
