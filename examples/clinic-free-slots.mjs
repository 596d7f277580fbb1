// Find bookable 30-minute slots for a clinic next week. Run: node examples/clinic-free-slots.mjs
import { defineSeries, expand, freeSlots, toZonedIso } from 'timeblocks';

const timezone = 'Europe/Berlin';

// Opening hours: weekdays 08:00–12:00 and 13:00–17:00, but Wednesday afternoons closed.
const mornings = defineSeries({
  id: 'clinic-mornings',
  timezone,
  start: '2025-01-06',
  startTime: '08:00',
  endTime: '12:00',
  repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'] },
});
const afternoons = defineSeries({
  id: 'clinic-afternoons',
  timezone,
  start: '2025-01-06',
  startTime: '13:00',
  endTime: '17:00',
  repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'TH', 'FR'] },
});

// What is already booked: a weekly team meeting, and two appointments (from your database).
const teamMeeting = defineSeries({
  id: 'team-meeting',
  timezone,
  start: '2025-01-06',
  startTime: '09:00',
  endTime: '10:00',
  repeat: { freq: 'weekly', byWeekday: ['TU'] },
});
const nextWeek = { from: '2025-03-24T00:00:00+01:00', to: '2025-03-29T00:00:00+01:00' };
const appointments = [
  { seriesId: 'appointments', key: 'a-1', start: Date.parse('2025-03-24T08:30:00+01:00'), end: Date.parse('2025-03-24T09:15:00+01:00') },
  { seriesId: 'appointments', key: 'a-2', start: Date.parse('2025-03-27T14:00:00+01:00'), end: Date.parse('2025-03-27T15:00:00+01:00') },
];

const slots = freeSlots({
  availability: [mornings, afternoons],
  busy: [...expand(teamMeeting, nextWeek), ...appointments],
  window: nextWeek,
  duration: 'PT30M',
  buffer: { after: 'PT10M' }, // time to tidy up after each appointment
  grid: { timezone }, // slots start on the local :00 and :30
  notBefore: '2025-03-24T08:00:00+01:00', // "now", passed in: the clock is never read
});

console.log(`${slots.length} free 30-minute slots next week`);
for (const slot of slots.slice(0, 6)) console.log(toZonedIso(slot.start, timezone), '→', toZonedIso(slot.end, timezone));
