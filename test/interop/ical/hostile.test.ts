import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromICalendar } from '../../../src/ical/index.js';
import { maxEvents, maxLineLength, maxTextLength } from '../../../src/interop/ical/limits.js';
import { maxProblems } from '../../../src/interop/ical/problems.js';
import { invalidArgument } from '../../support/thrown.js';

function events(count: number, lines: (i: number) => string[]): string {
  const parts = ['BEGIN:VCALENDAR', 'VERSION:2.0'];
  for (let i = 0; i < count; i++) parts.push('BEGIN:VEVENT', `UID:e${i}`, ...lines(i), 'END:VEVENT');
  parts.push('END:VCALENDAR');
  return parts.join('\r\n');
}

describe('fromICalendar on hostile input', () => {
  it('arbitrary text: returns series and bounded problems, or a typed error; never anything else', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('BEGIN:VCALENDAR', 'END:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'BEGIN:VTIMEZONE', 'UID:x', 'DTSTART:20250101T000000Z', 'DTSTART;TZID=Nowhere:20250101T000000',
        'RRULE:FREQ=SECONDLY', 'RRULE:FREQ=DAILY;COUNT=999999999', 'RECURRENCE-ID;RANGE=THISANDFUTURE:20250102T000000Z', 'EXDATE:20250101T000000Z,', 'RDATE;VALUE=PERIOD:/', 'DURATION:P', ' folded', 'DTEND:20240101T000000Z'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const { series, problems } = fromICalendar(lines.join('\r\n'));
        expect(Array.isArray(series)).toBe(true);
        for (const problem of problems) expect(problem.message.length).toBeLessThanOrEqual(401);
      }),
      { numRuns: 500 },
    );
  });

  it('100 000 nested components: no stack overflow, one problem, the rest read', () => {
    const deep = `${'BEGIN:X\r\n'.repeat(100_000)}${'END:X\r\n'.repeat(100_000)}`;
    const text = `BEGIN:VCALENDAR\r\n${deep}BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20250101T090000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR`;
    const { series, problems } = fromICalendar(text);
    expect(series.map((item) => item.id)).toEqual(['ok']);
    expect(problems).toEqual([{ uid: '', property: 'X', message: 'nested deeper than 8 components; skipped' }]);
  });

  it('over the caps: a typed error naming text, found before the work', () => {
    expect(invalidArgument(() => fromICalendar('x'.repeat(maxTextLength + 1))).message).toContain(`${maxTextLength}`);
    expect(invalidArgument(() => fromICalendar(events(maxEvents + 1, () => []))).message).toContain(`more than ${maxEvents} events`);
  });

  it('an over-long line is a problem; thousands of bad events give at most maxProblems problems and a count', () => {
    const long = fromICalendar(events(1, () => ['DTSTART:20250101T090000Z', 'DURATION:PT1H', `SUMMARY:${'x'.repeat(maxLineLength + 1)}`]));
    expect(long.series).toHaveLength(1);
    expect(long.problems[0]!.message).toContain('longer than');
    const bad = fromICalendar(events(3000, () => ['DTSTART:nope']));
    expect(bad.problems).toHaveLength(maxProblems + 1);
    expect(bad.problems[maxProblems]!.message).toBe(`${3000 - maxProblems} more problems not listed`);
  });

  it('a large feed (20 000 events, ~2 MB) imports', () => {
    const text = events(20_000, (i) => [`DTSTART;TZID=Europe/Berlin:2025${String((i % 12) + 1).padStart(2, '0')}10T090000`, 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=10', `SUMMARY:Event ${i}`]);
    const { series, problems } = fromICalendar(text);
    expect(problems).toEqual([]);
    expect(series).toHaveLength(20_000);
  }, 120_000);
});
