import { describe, expect, it } from 'vitest';
import { defineSeries, expand, NonexistentTimeError, toICalendar } from '../../../src/index.js';
import { fromICalendar } from '../../../src/ical/index.js';

/**
 * DTSTART is written at the rule's first occurrence, which for a sub-daily rule (or a
 * byHour list) can be another time of day than `startTime`, or a wall time in a DST gap.
 * Both found by the sub-daily round-trip property (round-trip.property.test.ts).
 */
describe('a sub-daily series whose first occurrence is not at startTime', () => {
  const lines = (text: string) => text.split('\r\n').filter((line) => /^(DTSTART;|DTEND|RRULE|RDATE;|EXDATE)/.test(line));

  it('toICalendar: DTEND is the written DTSTART plus the nominal length, not endTime on its day', () => {
    // 06:45–00:00 is 17 h 15 min; the rule's first occurrence is 00:00 the next day.
    const series = defineSeries({ id: 'a', timezone: 'Europe/London', start: '2008-03-28', startTime: '06:45', endTime: '00:00', repeat: { freq: 'minutely', interval: 5, byHour: [0], until: '2008-03-29' } });
    expect(lines(toICalendar([series])).slice(0, 2)).toEqual(['DTSTART;TZID=Europe/London:20080329T000000', 'DTEND;TZID=Europe/London:20080329T171500']);
    const [read] = fromICalendar(toICalendar([series])).series;
    expect(expand(read!).map(({ start, end }) => [start, end])).toEqual(expand(series).map(({ start, end }) => [start, end]));
  });

  // Santiago, 15 October 2006: 00:00 does not exist (clocks went from 00:00 to 01:00).
  const inGap = { id: 'a', timezone: 'America/Santiago', start: '2006-10-14', startTime: '20:49', endTime: '00:00', repeat: { freq: 'secondly' as const, byHour: [0], byMinute: [0], count: 1 } };

  it("fromICalendar: a DTSTART in a gap under dst 'error' is read (it used to throw NonexistentTimeError); expand then throws as the original does", () => {
    const series = defineSeries({ ...inGap, dst: { nonexistent: 'error' } });
    const { series: read, problems } = fromICalendar(toICalendar([series]));
    expect(problems).toEqual([]);
    expect(read[0]!.repeat).toEqual(series.repeat);
    expect(read[0]!.include).toEqual([]);
    expect(() => expand(read[0]!)).toThrow(NonexistentTimeError);
    expect(() => expand(read[0]!)).toThrow(/2006-10-15T00:00/);
  });

  it("fromICalendar: under dst 'skip' the rule still selects DTSTART (no RDATE-style include is added)", () => {
    const series = defineSeries({ ...inGap, repeat: { ...inGap.repeat, count: 2 }, dst: { nonexistent: 'skip' } });
    const [read] = fromICalendar(toICalendar([series])).series;
    expect(read!.include).toEqual([]);
    expect(read!.repeat).toEqual(series.repeat);
    expect(expand(read!).map(({ key, start }) => [key, start])).toEqual(expand(series).map(({ key, start }) => [key, start]));
  });
});
