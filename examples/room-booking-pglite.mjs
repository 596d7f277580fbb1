// A music school books lesson rooms; PostgreSQL makes double booking impossible.
// Run: node examples/room-booking-pglite.mjs   (PGlite in memory; set DATABASE_URL for a server)
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { defineSeries, toZonedIso } from 'timeblocks';
import {
  BlockConflictError,
  UnexpectedBlockStatusError,
  extendHorizon,
  migrate,
  regenerate,
  saveSeries,
  setBlockStatus,
} from 'timeblocks/postgres';

// PGlite needs btree_gist loaded; with node-postgres, a pg.Pool is the handle.
const db = process.env.DATABASE_URL
  ? new (await import('pg')).default.Pool({ connectionString: process.env.DATABASE_URL })
  : await PGlite.create({ extensions: { btree_gist } });
const options = { schema: process.env.BOOKING_SCHEMA ?? 'music_school' };
await migrate(db, options); // idempotent: safe on every start, from several processes at once

const timezone = 'Europe/Berlin';
const today = '2025-03-03T00:00:00Z'; // fixed, so the output is the same on every run
const fourWeeksOn = '2025-03-31T00:00:00Z';
const show = (epochMs) => toZonedIso(epochMs, timezone).slice(0, 16).replace('T', ' ');
// The tables are yours to query: "<schema>"."timeblocks_series" and "timeblocks_blocks".
const table = (name) => `"${options.schema}"."timeblocks_${name}"`;

const pianoInput = {
  id: 'piano-lessons',
  timezone,
  start: '2025-03-04',
  startTime: '17:00',
  endTime: '18:00',
  repeat: { freq: 'weekly', byWeekday: ['TU', 'TH'] }, // never ends
};
const piano = defineSeries(pianoInput);
const saved = await saveSeries(db, piano, { ...options, resource: 'room-1', window: { from: today, to: fourWeeksOn } });
console.log('saved', saved);
console.log('saved again', await saveSeries(db, piano, { ...options, resource: 'room-1', window: { from: today, to: fourWeeksOn } }));

const choir = defineSeries({
  id: 'choir',
  timezone,
  start: '2025-03-06',
  startTime: '17:30',
  endTime: '19:00',
  repeat: { freq: 'weekly', count: 4 },
});
try {
  await saveSeries(db, choir, { ...options, resource: 'room-1' });
} catch (error) {
  if (!(error instanceof BlockConflictError)) throw error;
  const { block, existing } = error;
  console.log(`choir ${block.key} clashes with ${existing.seriesId} ${existing.key} (${show(existing.start)}–${show(existing.end).slice(11)})`);
  const stored = await db.query(`select 1 from ${table('series')} where id = $1`, ['choir']);
  console.log('choir stored?', stored.rows.length > 0); // a clash writes nothing, not even the series
  await saveSeries(db, choir, { ...options, resource: 'room-2' });
  console.log('choir saved in room-2');
}

// Booking: take a block only if it is still open, atomically.
async function book(seriesId, key, student) {
  try {
    await setBlockStatus(db, { seriesId, key }, 'booked', { ...options, expected: 'open', metadata: { student } });
    console.log(`${student} booked ${seriesId} ${key}`);
  } catch (error) {
    if (!(error instanceof UnexpectedBlockStatusError)) throw error;
    console.log(`${student} is too late: ${seriesId} ${key} is ${error.actual}`);
  }
}
await book('piano-lessons', '2025-03-11T17:00', 'ana');
await book('piano-lessons', '2025-03-11T17:00', 'ben');
await book('piano-lessons', '2025-03-27T17:00', 'ben');

async function schedule(resource, from, to) {
  const { rows } = await db.query(
    `select key, status, metadata->>'student' as student, round(extract(epoch from lower(period)) * 1000)::float8 as start_ms
       from ${table('blocks')}
      where resource = $1 and status <> 'cancelled' and period && tstzrange($2::timestamptz, $3::timestamptz)
      order by lower(period)`,
    [resource, from, to],
  );
  for (const row of rows) console.log(`  ${show(Number(row.start_ms))}  ${row.status}${row.student ? ` (${row.student})` : ''}`);
}
console.log('room-1, week of 24 March:');
await schedule('room-1', '2025-03-24T00:00:00Z', '2025-03-31T00:00:00Z');

// From 25 March on, lessons start half an hour later. Booked blocks are never moved by
// regenerate, and a new 17:30 block would overlap ben's booked 17:00 lesson on 27 March.
const later = defineSeries({ ...pianoInput, startTime: '17:30', endTime: '18:30' });
const editFrom = '2025-03-25T00:00:00Z';
try {
  await regenerate(db, later, { ...options, from: editFrom });
} catch (error) {
  if (!(error instanceof BlockConflictError)) throw error;
  console.log(`edit blocked: ${error.block.key} would overlap ${error.existing.status} ${error.existing.key}`);
  // Move ben's booking along: free his block, apply the edit, book the new one for him.
  const { key, metadata } = await setBlockStatus(db, { seriesId: 'piano-lessons', key: error.existing.key }, 'cancelled', {
    ...options,
    expected: 'booked',
  });
  const summary = await regenerate(db, later, { ...options, from: editFrom });
  console.log('regenerated', summary);
  await book('piano-lessons', key.replace('T17:00', 'T17:30'), metadata.student);
}
console.log('room-1, week of 24 March:');
await schedule('room-1', '2025-03-24T00:00:00Z', '2025-03-31T00:00:00Z');

// The nightly job: keep four weeks of never-ending series materialized. Idempotent.
const nightly = await extendHorizon(db, { ...options, until: '2025-04-07T00:00:00Z' });
console.log('nightly', nightly.extended, `${nightly.conflicts.length} conflicts`);
console.log('nightly again', (await extendHorizon(db, { ...options, until: '2025-04-07T00:00:00Z' })).extended);
for (const conflict of nightly.conflicts) console.error(conflict.message); // a clash holds back only its own series

if (process.env.DATABASE_URL) await db.end();
else await db.close();
