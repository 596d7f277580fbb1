// A clinic takes appointments; PostgreSQL keeps every booking inside availability and never double-books.
// Run: node examples/clinic.mjs   (PGlite in memory; set DATABASE_URL for a server)
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { defineSeries, toZonedIso } from 'timeblocks';
import {
  BookingConflictError,
  OutsideAvailabilityError,
  book,
  extendHorizon,
  findFreeSlots,
  getSeries,
  listBookings,
  migrate,
  regenerate,
  saveManySeries,
  saveSeries,
  withTransaction,
} from 'timeblocks/postgres';

const db = process.env.DATABASE_URL
  ? new (await import('pg')).default.Pool({ connectionString: process.env.DATABASE_URL })
  : await PGlite.create({ extensions: { btree_gist } });
const options = { schema: process.env.CLINIC_SCHEMA ?? 'clinic' };
await migrate(db, options);

const timezone = 'Europe/Berlin';
const show = (epochMs) => toZonedIso(epochMs, timezone).slice(0, 16).replace('T', ' ');
const span = ({ start, end }) => `${show(start)}–${show(end).slice(11)}`;
const fourWeeks = { from: '2025-03-03T00:00:00+01:00', to: '2025-03-31T00:00:00+02:00' };

const weekly = (id, byWeekday, startTime, endTime) =>
  defineSeries({ id, timezone, start: '2025-03-03', startTime, endTime, repeat: { freq: 'weekly', byWeekday } });
const anaHours = weekly('ana-hours', ['MO', 'TU', 'WE', 'TH', 'FR'], '09:00', '17:00');
await saveManySeries(
  db,
  [
    { series: anaHours, resource: 'dr-ana', window: fourWeeks },
    { series: weekly('ben-mornings', ['MO', 'WE', 'FR'], '08:00', '12:00'), resource: 'dr-ben', window: fourWeeks },
    { series: weekly('ben-afternoons', ['MO', 'WE', 'FR'], '13:00', '16:00'), resource: 'dr-ben', window: fourWeeks },
    { series: weekly('cleo-hours', ['TU', 'TH'], '10:00', '18:00'), resource: 'dr-cleo', window: fourWeeks },
  ],
  options,
);

const nextWeek = { from: '2025-03-10T00:00:00+01:00', to: '2025-03-15T00:00:00+01:00' };
const practitioners = ['dr-ana', 'dr-ben', 'dr-cleo'];
const slots = await findFreeSlots(db, { ...options, resources: practitioners, window: nextWeek, duration: 'PT30M', grid: { timezone } });
for (const resource of practitioners) {
  console.log(`${resource}: ${slots.filter((slot) => slot.resource === resource).length} free 30-minute slots next week`);
}
console.log('first:', slots.slice(0, 3).map((slot) => `${slot.resource} ${span(slot)}`));

const tuesday = { resource: 'dr-ana', start: '2025-03-11T10:30:00+01:00', end: '2025-03-11T11:00:00+01:00' };
const booking = await book(db, { ...options, ...tuesday, ref: 'patient-42', metadata: { reason: 'check-up' } });
console.log('booked', { ...booking, start: show(booking.start), end: show(booking.end) });

try {
  await book(db, { ...options, resource: 'dr-ana', start: '2025-03-11T10:45:00+01:00', end: '2025-03-11T11:15:00+01:00' });
} catch (error) {
  if (!(error instanceof BookingConflictError)) throw error;
  console.log(`refused: overlaps booking ${error.existing.id} (${span(error.existing)})`);
}
try {
  await book(db, { ...options, resource: 'dr-ana', start: '2025-03-11T16:30:00+01:00', end: '2025-03-11T17:30:00+01:00' });
} catch (error) {
  if (!(error instanceof OutsideAvailabilityError)) throw error;
  console.log(`refused: nothing open ${span(error.uncovered)}`);
}

// Two patients click the same slot at once: the exclusion constraint lets exactly one in.
const sameSlot = { ...options, resource: 'dr-cleo', start: '2025-03-13T15:00:00+01:00', end: '2025-03-13T15:30:00+01:00' };
const race = await Promise.allSettled([book(db, { ...sameSlot, ref: 'patient-7' }), book(db, { ...sameSlot, ref: 'patient-8' })]);
console.log('race:', race.map((r) => (r.status === 'fulfilled' ? 'booked' : r.reason.name)).sort());

// A group class: one resource, twelve places would be capacity 12; three here.
const yoga = defineSeries({ id: 'back-yoga', timezone, start: '2025-03-05', startTime: '18:00', endTime: '19:00', repeat: { freq: 'weekly' } });
await saveSeries(db, yoga, { ...options, resource: 'studio', window: fourWeeks, capacity: 3 });
const classTime = { ...options, resource: 'studio', start: '2025-03-12T18:00:00+01:00', end: '2025-03-12T19:00:00+01:00' };
for (const patient of ['p1', 'p2', 'p3', 'p4']) {
  try {
    const place = await book(db, { ...classTime, ref: patient });
    console.log(`${patient} has seat ${place.seat}`);
  } catch (error) {
    if (!(error instanceof BookingConflictError)) throw error;
    console.log(`${patient}: the class is full`);
  }
}

// From 17 March, Ana starts at 10:00. A patient already booked Tuesday 18 March, 09:00.
const early = await book(db, { ...options, resource: 'dr-ana', start: '2025-03-18T09:00:00+01:00', end: '2025-03-18T09:30:00+01:00', ref: 'patient-9' });
const later = weekly('ana-hours', ['MO', 'TU', 'WE', 'TH', 'FR'], '10:00', '18:00');
const edit = await regenerate(db, later, { ...options, from: '2025-03-17T00:00:00+01:00' });
console.log(`edit: ${edit.added.length} blocks added, ${edit.removed.length} removed`);
for (const held of edit.heldByBookings) {
  const whose = held.bookingIds.includes(early.id) ? "patient-9's booking" : held.bookingIds.join(', ');
  console.log(`kept ${held.key} for ${whose}; not added: ${held.displaced.join(', ')}`);
}
console.log('patient-9 still inside availability:', (await listBookings(db, { ...options, window: fourWeeks, ref: 'patient-9' }))[0]?.id === early.id);

// The nightly job: availability is stored up to a horizon; past it, findFreeSlots says so.
const april = { from: '2025-04-07T00:00:00+02:00', to: '2025-04-12T00:00:00+02:00' };
try {
  await findFreeSlots(db, { ...options, resources: practitioners, window: april, duration: 'PT30M' });
} catch (error) {
  console.log(error.message);
}
const nightly = await extendHorizon(db, { ...options, until: '2025-04-14T00:00:00+02:00' });
console.log('nightly:', nightly.extended.map(({ seriesId, added }) => `${seriesId} +${added}`).join(', '));
const inApril = await findFreeSlots(db, { ...options, resources: practitioners, window: april, duration: 'PT30M' });
console.log(`${inApril.length} free slots in the week of 7 April; ana's horizon now ${show((await getSeries(db, 'ana-hours', options)).horizon)}`);

// The booking and the application's own appointment row: one transaction, all or nothing.
const appointments = `"${options.schema}".appointments`;
await db.query(`create table if not exists ${appointments} (booking_id text primary key, patient text not null)`);
const appointment = await withTransaction(db, async (tx) => {
  let made;
  try {
    made = await book(tx, { ...options, ...tuesday, ref: 'patient-43' });
  } catch (error) {
    if (!(error instanceof BookingConflictError)) throw error; // only this call was undone
    made = await book(tx, { ...options, resource: 'dr-ana', start: '2025-03-11T11:00:00+01:00', end: '2025-03-11T11:30:00+01:00', ref: 'patient-43' });
  }
  await tx.query(`insert into ${appointments} (booking_id, patient) values ($1::text, $2::text)`, [made.id, 'patient-43']);
  return made;
});
const { rows } = await db.query(`select patient from ${appointments} where booking_id = $1::text`, [appointment.id]);
console.log(`appointment for ${rows[0].patient}, ${span(appointment)}`);

if (process.env.DATABASE_URL) await db.end();
else await db.close();
