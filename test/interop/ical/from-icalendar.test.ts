import { describe, expect, it } from 'vitest';
import { expand, SeriesValidationError, type Series } from '../../../src/index.js';
import { fromICalendar } from '../../../src/ical/index.js';
import { invalidArgument, thrown } from '../../support/thrown.js';

/** A VCALENDAR around some lines (CRLF, as files have them). */
function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function event(uid: string, ...lines: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT'];
}

function only(text: string, options = {}): Series {
  const { series, problems } = fromICalendar(text, options);
  expect(problems).toEqual([]);
  expect(series).toHaveLength(1);
  return series[0]!;
}

function isoBlocks(series: Series, from = '2025-01-01T00:00:00Z', to = '2026-01-01T00:00:00Z'): string[] {
  return expand(series, { from, to }).map((block) => `${new Date(block.start).toISOString().slice(0, 16)}/${new Date(block.end).toISOString().slice(0, 16)}`);
}

const berlinVtimezone = [
  'BEGIN:VTIMEZONE', 'TZID:Custom Berlin',
  'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
  'END:VTIMEZONE',
];

describe('fromICalendar: zones', () => {
  it('keeps IANA TZIDs, maps Windows names through CLDR and strips vendor prefixes', () => {
    const text = calendar(
      ...event('iana', 'DTSTART;TZID=America/New_York:20250303T090000', 'DURATION:PT1H'),
      ...event('windows', 'DTSTART;TZID=W. Europe Standard Time:20250303T090000', 'DURATION:PT1H'),
      ...event('windows-quoted', 'DTSTART;TZID="Tokyo Standard Time":20250303T090000', 'DURATION:PT1H'),
      ...event('mozilla', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20250303T090000', 'DURATION:PT1H'),
      ...event('citadel', 'DTSTART;TZID=/citadel.org/20190914_1/America/Argentina/Buenos_Aires:20250303T090000', 'DURATION:PT1H'),
    );
    const { series, problems } = fromICalendar(text);
    expect(problems).toEqual([]);
    expect(series.map((item) => item.timezone)).toEqual(['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Europe/Berlin', 'America/Argentina/Buenos_Aires']);
  });

  it('an IANA or Windows name wins over the file’s own VTIMEZONE of that name', () => {
    const wrong = (tzid: string) => ['BEGIN:VTIMEZONE', `TZID:${tzid}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0500', 'TZOFFSETTO:+0500', 'END:STANDARD', 'END:VTIMEZONE'];
    const text = calendar(...wrong('Europe/Berlin'), ...wrong('W. Europe Standard Time'),
      ...event('a', 'DTSTART;TZID=Europe/Berlin:20250303T090000', 'DURATION:PT1H'),
      ...event('b', 'DTSTART;TZID=W. Europe Standard Time:20250303T090000', 'DURATION:PT1H'));
    const { series } = fromICalendar(text);
    expect(series.map((item) => isoBlocks(item)[0])).toEqual(['2025-03-03T08:00/2025-03-03T09:00', '2025-03-03T08:00/2025-03-03T09:00']);
  });

  it('matches a custom VTIMEZONE to an IANA zone whose transitions agree over the event’s span', () => {
    const text = calendar(...berlinVtimezone, ...event('custom', 'DTSTART;TZID=Custom Berlin:20250303T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY'));
    const series = only(text);
    expect(isoBlocks(series, '2025-03-24T00:00:00Z', '2025-04-01T00:00:00Z')).toEqual(['2025-03-24T08:00/2025-03-24T09:00', '2025-03-31T07:00/2025-03-31T08:00']);
    // Several zones agree since 1996 (Berlin, Paris, Rome…); the pick is deterministic and has Berlin's offsets.
    expect(series.timezone).toMatch(/^Europe\//);
    expect(only(text).timezone).toBe(series.timezone);
  });

  it('prefers a zone whose city the TZID names, and a fixed offset is an Etc/GMT zone', () => {
    const named = berlinVtimezone.map((line) => line.replace('Custom Berlin', '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna'));
    const fixed = ['BEGIN:VTIMEZONE', 'TZID:Fixed +3', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0300', 'TZOFFSETTO:+0300', 'END:STANDARD', 'END:VTIMEZONE'];
    const text = calendar(...named, ...fixed,
      ...event('named', 'DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20250303T090000', 'DURATION:PT1H'),
      ...event('fixed', 'DTSTART;TZID=Fixed +3:20250303T090000', 'DURATION:PT1H'));
    const { series, problems } = fromICalendar(text);
    expect(problems).toEqual([]);
    expect(series.map((item) => item.timezone)).toEqual(['Europe/Amsterdam', 'Etc/GMT-3']);
  });

  it('a custom VTIMEZONE that agrees with no IANA zone, or a TZID with none, is a problem naming the TZID', () => {
    // Berlin's rules, but switching on the first Sunday of April: no IANA zone does that.
    const odd = berlinVtimezone.map((line) => line.replace('Custom Berlin', 'Odd').replace('BYDAY=-1SU;BYMONTH=3', 'BYDAY=1SU;BYMONTH=4'));
    const text = calendar(...odd,
      ...event('odd', 'DTSTART;TZID=Odd:20250303T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY'),
      ...event('missing', 'DTSTART;TZID=Mars/Olympus:20250303T090000', 'DURATION:PT1H'),
      ...event('fine', 'DTSTART:20250303T090000Z', 'DURATION:PT1H'));
    const { series, problems } = fromICalendar(text);
    expect(series.map((item) => item.id)).toEqual(['fine']);
    expect(problems).toEqual([
      { uid: 'odd', property: 'DTSTART', message: expect.stringMatching(/^TZID "Odd": its VTIMEZONE agrees with no IANA zone over the event's span \(2025-03-02 to 2055-/) },
      { uid: 'missing', property: 'DTSTART', message: 'TZID "Mars/Olympus" is neither an IANA nor a Windows zone name, and the calendar has no VTIMEZONE for it' },
    ]);
  });

  it('a custom zone that agrees only over a short event’s span matches for it, not for a never-ending one', () => {
    // Berlin's offsets until 2030, then no more DST: agrees with Berlin for a 2025 event only.
    const until2030 = [
      'BEGIN:VTIMEZONE', 'TZID:Short',
      'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;UNTIL=20291028T010000Z', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;UNTIL=20290325T010000Z', 'END:DAYLIGHT',
      'END:VTIMEZONE',
    ];
    const text = calendar(...until2030,
      ...event('short', 'DTSTART;TZID=Short:20250303T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=10'),
      ...event('forever', 'DTSTART;TZID=Short:20250303T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY'));
    const { series, problems } = fromICalendar(text);
    expect(series.map((item) => item.id)).toEqual(['short']);
    expect(problems.map((problem) => [problem.uid, problem.property])).toEqual([['forever', 'DTSTART']]);
  });
});

describe('fromICalendar: floating and all-day times', () => {
  const text = (...header: string[]) => calendar(...header,
    ...event('floating', 'DTSTART:20250303T090000', 'DURATION:PT1H'),
    ...event('all-day', 'DTSTART;VALUE=DATE:20250330', 'DTEND;VALUE=DATE:20250331'));

  it('take options.timezone, else X-WR-TIMEZONE', () => {
    const fromOption = fromICalendar(text('X-WR-TIMEZONE:America/New_York'), { timezone: 'Europe/Berlin' });
    expect(fromOption.series.map((item) => item.timezone)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
    const fromHeader = fromICalendar(text('X-WR-TIMEZONE:America/New_York'));
    expect(fromHeader.series.map((item) => item.timezone)).toEqual(['America/New_York', 'America/New_York']);
  });

  it('are problems with neither', () => {
    const { series, problems } = fromICalendar(text());
    expect(series).toEqual([]);
    expect(problems.map((problem) => [problem.uid, problem.property])).toEqual([['floating', 'DTSTART'], ['all-day', 'DTSTART']]);
    expect(problems[0]!.message).toContain('options.timezone');
  });

  it('an all-day event is its whole local day, 23 hours on a spring-forward day', () => {
    const allDay = fromICalendar(text(), { timezone: 'Europe/Berlin' }).series[1]!;
    expect(allDay).toMatchObject({ start: '2025-03-30', startTime: '00:00', endTime: '00:00' });
    expect(isoBlocks(allDay)).toEqual(['2025-03-29T23:00/2025-03-30T22:00']);
  });

  it('a multi-day all-day event happening once keeps its whole days; recurring in a DST zone it is a problem', () => {
    const once = only(calendar(...event('vacation', 'DTSTART;VALUE=DATE:20250328', 'DTEND;VALUE=DATE:20250401')), { timezone: 'Europe/Berlin' });
    expect(isoBlocks(once)).toEqual(['2025-03-27T23:00/2025-03-31T22:00']);
    const utc = only(calendar(...event('festival', 'DTSTART;VALUE=DATE:20250328', 'DTEND;VALUE=DATE:20250330', 'RRULE:FREQ=YEARLY')), { timezone: 'UTC' });
    expect(utc.duration).toBe('PT48H');
    const { series, problems } = fromICalendar(calendar(...event('festival', 'DTSTART;VALUE=DATE:20250328', 'DTEND;VALUE=DATE:20250330', 'RRULE:FREQ=YEARLY')), { timezone: 'Europe/Berlin' });
    expect(series).toEqual([]);
    expect(problems).toEqual([{ uid: 'festival', property: 'DTEND', message: expect.stringContaining('a length of 2 days in Europe/Berlin') }]);
  });
});

describe('fromICalendar: lengths', () => {
  it('DTEND is exact elapsed time for every instance; DURATION:P1D the same wall time next day', () => {
    const dtend = only(calendar(...event('x', 'DTSTART;TZID=Europe/Berlin:20250329T120000', 'DTEND;TZID=Europe/Berlin:20250330T120000', 'RRULE:FREQ=DAILY;COUNT=2')));
    expect(dtend.duration).toBe('PT23H'); // the clocks go forward that night
    expect(isoBlocks(dtend)).toEqual(['2025-03-29T11:00/2025-03-30T10:00', '2025-03-30T10:00/2025-03-31T09:00']);
    const nominal = only(calendar(...event('x', 'DTSTART;TZID=Europe/Berlin:20250329T120000', 'DURATION:P1D', 'RRULE:FREQ=DAILY;COUNT=2')));
    expect(nominal.endTime).toBe('12:00');
    expect(isoBlocks(nominal)).toEqual(['2025-03-29T11:00/2025-03-30T10:00', '2025-03-30T10:00/2025-03-31T10:00']);
  });

  it('DTEND in another zone than DTSTART measures between the two instants', () => {
    const series = only(calendar(...event('x', 'DTSTART;TZID=Europe/London:20250106T160000', 'DTEND;TZID=Europe/Berlin:20250106T180000')));
    expect(series.duration).toBe('PT1H');
  });

  it('an event with no DTEND or DURATION occupies no time: PT0S, no blocks', () => {
    const series = only(calendar(...event('reminder', 'DTSTART:20250303T090000Z', 'RRULE:FREQ=DAILY;COUNT=3')));
    expect(series.duration).toBe('PT0S');
    expect(expand(series)).toEqual([]);
  });
});

describe('fromICalendar: recurrence', () => {
  it('reads EXDATEs in other zones, in UTC, as lists and as dates', () => {
    const series = only(calendar(...event('x',
      'DTSTART;TZID=Europe/Berlin:20250303T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=6',
      'EXDATE;TZID=America/New_York:20250304T030000', 'EXDATE:20250305T080000Z,20250306T080000Z', 'EXDATE;VALUE=DATE:20250307')));
    expect(expand(series).map((block) => block.key)).toEqual(['2025-03-03T09:00', '2025-03-08T09:00']);
  });

  it('reads RDATEs: date-times in other zones, dates, and periods with their own length', () => {
    const series = only(calendar(...event('x',
      'DTSTART;TZID=Europe/Berlin:20250303T090000', 'DURATION:PT1H',
      'RDATE;TZID=America/New_York:20250310T050000', 'RDATE;VALUE=DATE:20250312', 'RDATE;VALUE=PERIOD:20250314T120000Z/20250314T150000Z,20250315T120000Z/PT30M')));
    expect(isoBlocks(series)).toEqual([
      '2025-03-03T08:00/2025-03-03T09:00', '2025-03-10T09:00/2025-03-10T10:00', '2025-03-12T08:00/2025-03-12T09:00',
      '2025-03-14T12:00/2025-03-14T15:00', '2025-03-15T12:00/2025-03-15T12:30',
    ]);
  });

  it('counts DTSTART as the first instance when the rule does not select it (RFC 5545)', () => {
    const series = only(calendar(...event('x', 'DTSTART;TZID=Europe/Berlin:20250302T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3')));
    expect(expand(series).map((block) => block.key)).toEqual(['2025-03-02T09:00', '2025-03-03T09:00', '2025-03-10T09:00']);
  });

  it('RECURRENCE-ID children move or cancel single instances; THISANDFUTURE splits', () => {
    const text = calendar(
      ...event('x', 'DTSTART;TZID=Europe/Berlin:20250303T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=6', 'SUMMARY:Weekly'),
      ...event('x', 'RECURRENCE-ID;TZID=Europe/Berlin:20250310T090000', 'DTSTART;TZID=Europe/Berlin:20250311T150000', 'DTEND;TZID=Europe/Berlin:20250311T170000'),
      ...event('x', 'RECURRENCE-ID:20250317T080000Z', 'DTSTART;TZID=Europe/Berlin:20250317T090000', 'STATUS:CANCELLED'),
      ...event('x', 'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20250331T090000', 'DTSTART;TZID=Europe/Berlin:20250331T100000', 'DURATION:PT30M'),
    );
    const { series, problems } = fromICalendar(text);
    expect(problems).toEqual([]);
    expect(series.map((item) => item.id)).toEqual(['x', 'x~2025-03-31T09:00']);
    expect(series[1]!.meta).toEqual({ summary: 'Weekly' });
    expect(series.flatMap((item) => isoBlocks(item))).toEqual([
      '2025-03-03T08:00/2025-03-03T09:00', '2025-03-11T14:00/2025-03-11T16:00', '2025-03-24T08:00/2025-03-24T09:00',
      '2025-03-31T08:00/2025-03-31T08:30', '2025-04-07T08:00/2025-04-07T08:30',
    ]);
  });

  it('an exception without its master is an event of its own', () => {
    const series = only(calendar(...event('shared', 'RECURRENCE-ID;TZID=Europe/Berlin:20250310T090000', 'DTSTART;TZID=Europe/Berlin:20250310T100000', 'DURATION:PT1H')));
    expect(series.id).toBe('shared~20250310T090000');
    expect(isoBlocks(series)).toEqual(['2025-03-10T09:00/2025-03-10T10:00']);
  });

  it('carries SUMMARY, LOCATION, TRANSP, STATUS and e-mails as meta', () => {
    const series = only(calendar(...event('x', 'DTSTART:20250303T090000Z', 'DURATION:PT1H', 'SUMMARY:Team\\, weekly\\nsync', 'LOCATION:Room 1',
      'TRANSP:TRANSPARENT', 'STATUS:TENTATIVE', 'ORGANIZER;CN=Ann:mailto:ann@example.com', 'ATTENDEE;CN=Bo:MAILTO:bo@example.com', 'ATTENDEE:mailto:cy@example.com')));
    expect(series.meta).toEqual({ summary: 'Team, weekly\nsync', location: 'Room 1', transparency: 'transparent', status: 'tentative', organizer: 'ann@example.com', attendees: ['bo@example.com', 'cy@example.com'] });
    expect(Object.isFrozen(series.meta!.attendees)).toBe(true);
  });
});

describe('fromICalendar: problems', () => {
  const good = event('good', 'DTSTART:20250303T090000Z', 'DURATION:PT1H');
  const malformed: Array<[string, string[], string]> = [
    ['no-dtstart', ['DURATION:PT1H'], 'DTSTART'],
    ['bad-dtstart', ['DTSTART:2025-03-03', 'DURATION:PT1H'], 'DTSTART'],
    ['bad-date', ['DTSTART:20250230T090000Z', 'DURATION:PT1H'], 'DTSTART'],
    ['bad-rrule', ['DTSTART:20250303T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=FORTNIGHTLY'], 'RRULE'],
    ['two-rrules', ['DTSTART:20250303T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY'], 'RRULE'],
    ['end-before-start', ['DTSTART:20250303T090000Z', 'DTEND:20250303T080000Z'], 'DTEND'],
    ['end-and-duration', ['DTSTART:20250303T090000Z', 'DTEND:20250303T100000Z', 'DURATION:PT1H'], 'DTEND'],
    ['bad-duration', ['DTSTART:20250303T090000Z', 'DURATION:1 hour'], 'DURATION'],
    ['negative-duration', ['DTSTART:20250303T090000Z', 'DURATION:-PT1H'], 'DURATION'],
    ['mixed-end', ['DTSTART:20250303T090000Z', 'DTEND;VALUE=DATE:20250304'], 'DTEND'],
    ['tzid-and-z', ['DTSTART;TZID=Europe/Berlin:20250303T090000Z', 'DURATION:PT1H'], 'DTSTART'],
    ['too-long', ['DTSTART:20250303T090000Z', 'DURATION:P400D'], 'DURATION'],
  ];
  for (const [uid, lines, property] of malformed) {
    it(`${uid}: a problem at ${property} with the UID; the rest imports`, () => {
      const { series, problems } = fromICalendar(calendar(...good, ...event(uid, ...lines), ...good.map((line) => line.replace('UID:good', 'UID:good-2'))));
      expect(series.map((item) => item.id)).toEqual(['good', 'good-2']);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]).toMatchObject({ uid, property });
      for (const problem of problems) expect(problem.message.length).toBeLessThanOrEqual(401);
    });
  }

  it('an unreadable EXDATE or RDATE value is a problem; the event imports without it', () => {
    const { series, problems } = fromICalendar(calendar(...event('x', 'DTSTART:20250303T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:tomorrow,20250304T090000Z', 'RDATE:20250399T090000Z')));
    expect(series.map((item) => expand(item).map((block) => block.key))).toEqual([['2025-03-03T09:00', '2025-03-05T09:00']]);
    expect(problems).toEqual([
      { uid: 'x', property: 'RDATE', message: '"20250399T090000Z" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])' },
      { uid: 'x', property: 'EXDATE', message: '"tomorrow" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])' },
    ]);
  });

  it('an event without UID, a duplicate UID and an exception naming no instance are problems', () => {
    const { series, problems } = fromICalendar(calendar(
      ...good, ...good, ['BEGIN:VEVENT', 'DTSTART:20250303T090000Z', 'SUMMARY:anonymous', 'END:VEVENT'].join('\r\n'),
      ...event('r', 'DTSTART:20250303T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=2'),
      ...event('r', 'RECURRENCE-ID:20250310T090000Z', 'DTSTART:20250310T100000Z'),
    ));
    expect(series.map((item) => item.id)).toEqual(['good', 'r']);
    expect(problems.map((problem) => [problem.uid, problem.property])).toEqual([['', 'UID'], ['good', 'UID'], ['r', 'RECURRENCE-ID']]);
  });

  it('structural damage (stray END, lines outside components, missing END) is reported and the rest read', () => {
    const text = ['NAME:stray', 'BEGIN:VCALENDAR', 'END:VTODO', ...good, 'garbage line', 'BEGIN:VEVENT', 'UID:open', 'DTSTART:20250303T090000Z', 'DURATION:PT1H'].join('\n');
    const { series, problems } = fromICalendar(text);
    expect(series.map((item) => item.id)).toEqual(['good', 'open']);
    expect(problems.map((problem) => problem.property)).toEqual(['NAME', 'VCALENDAR', 'VCALENDAR', 'VCALENDAR', 'VEVENT']);
  });

  it('strict: every problem in one SeriesValidationError', () => {
    const error = thrown(() => fromICalendar(calendar(...good, ...event('bad', 'DTSTART:nope')), { strict: true }));
    expect(error).toBeInstanceOf(SeriesValidationError);
    expect((error as SeriesValidationError).issues).toEqual([{ path: 'bad.DTSTART', message: expect.stringContaining('"nope"') }]);
  });

  it('bad arguments are typed errors naming the field', () => {
    expect(invalidArgument(() => fromICalendar(42 as unknown as string)).field).toBe('text');
    expect(invalidArgument(() => fromICalendar('', { timezone: 'Mars/Base' })).field).toBe('timezone');
    expect(invalidArgument(() => fromICalendar('', { zone: 'UTC' } as never)).field).toBe('zone');
    expect(invalidArgument(() => fromICalendar('', { strict: 'yes' } as never)).field).toBe('strict');
  });
});
