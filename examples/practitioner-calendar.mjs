// Subtract a practitioner's calendar from their availability. Run: node examples/practitioner-calendar.mjs
import { defineSeries, freeSlots, toZonedIso } from 'timeblocks';
import { busyBlocks, fromICalendar } from 'timeblocks/ical';

// Dr. Weber's Outlook calendar, as exported (normally read from a file or a feed URL).
const outlookExport = `BEGIN:VCALENDAR
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:team-meeting
SUMMARY:Team meeting
DTSTART;TZID=W. Europe Standard Time:20250303T090000
DTEND;TZID=W. Europe Standard Time:20250303T100000
RRULE:FREQ=WEEKLY;BYDAY=MO,TH
END:VEVENT
BEGIN:VEVENT
UID:team-meeting
RECURRENCE-ID;TZID=W. Europe Standard Time:20250331T090000
SUMMARY:Team meeting (moved)
DTSTART;TZID=W. Europe Standard Time:20250331T140000
DTEND;TZID=W. Europe Standard Time:20250331T150000
END:VEVENT
BEGIN:VEVENT
UID:lunch-walk
SUMMARY:Lunch walk (shown as free)
DTSTART;TZID=W. Europe Standard Time:20250331T120000
DTEND;TZID=W. Europe Standard Time:20250331T130000
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
`;

// First look at what the calendar holds, and at anything that could not be read.
const { series, problems } = fromICalendar(outlookExport);
for (const item of series) console.log(`${item.id}: ${item.meta.summary} (${item.timezone})`);
if (problems.length > 0) console.log('not read:', problems);

// Her consulting hours: Mondays 09:00–12:00 and 13:00–16:00.
const timezone = 'Europe/Berlin';
const hours = (id, startTime, endTime) =>
  defineSeries({ id, timezone, start: '2025-03-03', startTime, endTime, repeat: { freq: 'weekly', byWeekday: ['MO'] } });
const availability = [hours('mornings', '09:00', '12:00'), hours('afternoons', '13:00', '16:00')];

// Monday 31 March 2025, the day after the clocks went forward.
const window = { from: '2025-03-31T00:00:00+02:00', to: '2025-04-01T00:00:00+02:00' };
const busy = busyBlocks(series, window);
const slots = freeSlots({ availability, busy, window, duration: 'PT1H' });
for (const slot of slots) console.log(`free: ${toZonedIso(slot.start, timezone)} – ${toZonedIso(slot.end, timezone)}`);
