import { describe, expect, it } from 'vitest';
import { expand } from '../../../src/index.js';
import { fromICalendar } from '../../../src/ical/index.js';

// Calendar import hands RRULEs to the core engine: sub-daily rules and RFC 7529 SKIP come
// through a VEVENT exactly as they do through defineSeries.
const calendar = (...event: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//engine rules//EN', 'BEGIN:VEVENT', 'DTSTAMP:20250101T000000Z', ...event, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

const instants = (text: string) => {
  const { series, problems } = fromICalendar(text);
  expect(problems).toEqual([]);
  return expand(series[0]!).map((block) => `${block.key} ${new Date(block.start).toISOString().slice(0, 16)}`);
};

describe('fromICalendar with the engine’s rules', () => {
  it('imports an hourly rule across the Berlin spring-forward night (02:00 shifts to 03:00 CEST)', () => {
    const text = calendar('UID:every-2h', 'DTSTART;TZID=Europe/Berlin:20250329T220000', 'DURATION:PT30M', 'RRULE:FREQ=HOURLY;INTERVAL=2;COUNT=4');
    expect(instants(text)).toEqual(['2025-03-29T22:00 2025-03-29T21:00', '2025-03-30T00:00 2025-03-29T23:00', '2025-03-30T02:00 2025-03-30T01:00', '2025-03-30T04:00 2025-03-30T02:00']);
  });

  it('imports RSCALE=GREGORIAN;SKIP=BACKWARD: the 31st, or the last day of shorter months', () => {
    const text = calendar('UID:month-end', 'DTSTART;TZID=Europe/Berlin:20250131T090000', 'DTEND;TZID=Europe/Berlin:20250131T100000', 'RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD;COUNT=3');
    expect(instants(text)).toEqual(['2025-01-31T09:00 2025-01-31T08:00', '2025-02-28T09:00 2025-02-28T08:00', '2025-03-31T09:00 2025-03-31T07:00']);
  });

  it('imports BYHOUR/BYMINUTE lists: weekdays at 09:00 and 14:30', () => {
    const text = calendar('UID:twice-daily', 'DTSTART;TZID=America/New_York:20251103T090000', 'DURATION:PT15M', 'RRULE:FREQ=DAILY;BYDAY=MO,TU;BYHOUR=9,14;BYMINUTE=0,30;COUNT=4');
    expect(instants(text)).toEqual(['2025-11-03T09:00 2025-11-03T14:00', '2025-11-03T09:30 2025-11-03T14:30', '2025-11-03T14:00 2025-11-03T19:00', '2025-11-03T14:30 2025-11-03T19:30']);
  });
});
