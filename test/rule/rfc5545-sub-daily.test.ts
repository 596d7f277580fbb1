import { describe, expect, it } from 'vitest';
import { defineSeries, describe as describeSeries, expand, fromRRule, toICalendar, toRRule } from '../../src/index.js';

const start = 'DTSTART;TZID=America/New_York:19970902T090000';
const keys = (text: string) => expand(fromRRule(text, { id: 'x', duration: 'PT10M' })).map((block) => block.key);

/** RFC 5545 §3.8.5.3's sub-daily examples (all on 2 September 1997, EDT). */
describe('RFC 5545 §3.8.5.3, sub-daily examples', () => {
  it('every 3 hours from 09:00 until 17:00Z (13:00 EDT: UNTIL is inclusive, and 15:00 EDT is after it)', () => {
    expect(keys(`${start}\nRRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z`)).toEqual(['1997-09-02T09:00', '1997-09-02T12:00']);
  });

  it('every 15 minutes for 6 occurrences', () => {
    expect(keys(`${start}\nRRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6`)).toEqual(
      ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'].map((time) => `1997-09-02T${time}`),
    );
  });

  it('every hour and a half for 4 occurrences', () => {
    expect(keys(`${start}\nRRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4`)).toEqual(['09:00', '10:30', '12:00', '13:30'].map((time) => `1997-09-02T${time}`));
  });

  it('every 20 minutes from 09:00 to 16:40 every day, in both of the RFC’s forms', () => {
    const day = (date: string) => [9, 10, 11, 12, 13, 14, 15, 16].flatMap((hour) => [0, 20, 40].map((minute) => `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`));
    const expected = [...day('1997-09-02'), ...day('1997-09-03')];
    const until = ';UNTIL=19970904T035959Z';
    expect(keys(`${start}\nRRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40${until}`)).toEqual(expected);
    expect(keys(`${start}\nRRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16${until}`)).toEqual(expected);
  });
});

describe('sub-daily series on DST nights', () => {
  const berlin = { id: 's', timezone: 'Europe/Berlin', duration: 'PT30M' } as const;

  it('every hour across spring forward: 02:00 does not exist; shift moves it onto 03:00’s instant, both kept; skip drops it', () => {
    const shift = defineSeries({ ...berlin, start: '2025-03-30', startTime: '01:00', repeat: { freq: 'hourly', count: 3 } });
    const blocks = expand(shift);
    expect(blocks.map((block) => block.key)).toEqual(['2025-03-30T01:00', '2025-03-30T02:00', '2025-03-30T03:00']);
    expect(blocks[1]!.start).toBe(blocks[2]!.start);
    expect(blocks[1]!.adjusted).toEqual({ start: 'shifted' });
    const skip = defineSeries({ ...berlin, start: '2025-03-30', startTime: '01:00', repeat: { freq: 'hourly', count: 3 }, dst: { nonexistent: 'skip' } });
    expect(expand(skip).map((block) => block.key)).toEqual(['2025-03-30T01:00', '2025-03-30T03:00']);
  });

  it('every hour across fall back: the repeated 02:00 is generated once (the earlier, or the later)', () => {
    const earlier = defineSeries({ ...berlin, start: '2025-10-26', startTime: '01:00', repeat: { freq: 'hourly', count: 3 } });
    const starts = expand(earlier).map((block) => new Date(block.start).toISOString());
    expect(starts).toEqual(['2025-10-25T23:00:00.000Z', '2025-10-26T00:00:00.000Z', '2025-10-26T02:00:00.000Z']);
    const later = defineSeries({ ...berlin, start: '2025-10-26', startTime: '01:00', repeat: { freq: 'hourly', count: 3 }, dst: { ambiguous: 'later' } });
    expect(expand(later).map((block) => new Date(block.start).toISOString())[1]).toBe('2025-10-26T01:00:00.000Z');
  });

  it('with endTime, each occurrence lasts the nominal wall-clock length from its own wall time', () => {
    const series = defineSeries({ id: 's', timezone: 'Europe/Berlin', start: '2025-10-26', startTime: '01:30', endTime: '02:30', repeat: { freq: 'hourly', count: 3 } });
    const hours = expand(series).map((block) => (block.end - block.start) / 3_600_000);
    // 01:30–02:30 (1 h), 02:30–03:30 (the first 02:30 to 03:30 after the repeat: 2 h), 03:30–04:30 (1 h).
    expect(hours).toEqual([1, 2, 1]);
  });
});

describe('sub-daily rules through every reader and writer', () => {
  const every8 = defineSeries({ id: 'meds', timezone: 'Europe/Berlin', start: '2025-03-29', startTime: '06:00', duration: 'PT15M', repeat: 'FREQ=HOURLY;INTERVAL=8' });
  const twiceWeekdays = defineSeries({
    id: 'standup',
    timezone: 'Europe/Berlin',
    start: '2025-03-24',
    startTime: '09:00',
    endTime: '09:15',
    repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], byHour: [9, 14], byMinute: [30], count: 6 },
  });

  it('describe', () => {
    expect(describeSeries(every8)).toBe('Every 8 hours from 06:00, 15 minutes each, Europe/Berlin, from 29 Mar 2025, no end');
    expect(describeSeries(twiceWeekdays)).toBe('Every week on Monday to Friday at 09:30 and 14:30, 15 minutes each, Europe/Berlin, from 24 Mar 2025, 6 times');
  });

  it('toRRule / fromRRule round trip, EXDATE with a time excluding one occurrence', () => {
    const excluded = defineSeries({ ...JSON.parse(JSON.stringify(twiceWeekdays)), exclude: ['2025-03-25T14:30'] });
    const text = toRRule(excluded);
    expect(text).toBe(
      'DTSTART;TZID=Europe/Berlin:20250324T093000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,14;BYMINUTE=30;COUNT=6\nEXDATE;TZID=Europe/Berlin:20250325T143000',
    );
    const back = fromRRule(text, { id: 'standup', endTime: '09:45' });
    expect(back.exclude).toEqual(['2025-03-25T14:30']);
    expect(expand(back).map((block) => block.key)).toEqual(['2025-03-24T09:30', '2025-03-24T14:30', '2025-03-25T09:30', '2025-03-26T09:30', '2025-03-26T14:30']);
  });

  it('a date exclude removes the whole day; a date-time one, one occurrence', () => {
    const series = defineSeries({ ...JSON.parse(JSON.stringify(every8)), exclude: ['2025-03-30', '2025-03-31T14:00'], repeat: { freq: 'hourly', interval: 8, count: 9 } });
    expect(expand(series).map((block) => block.key)).toEqual(['2025-03-29T06:00', '2025-03-29T14:00', '2025-03-29T22:00', '2025-03-31T06:00', '2025-03-31T22:00']);
  });

  it('toICalendar carries the rule', () => {
    expect(toICalendar([every8])).toContain('RRULE:FREQ=HOURLY;INTERVAL=8\r\n');
  });
});
