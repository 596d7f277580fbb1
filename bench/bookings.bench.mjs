/**
 * Bookings benchmark, part of `npm run bench:pg` (real server):
 *
 * - booking attempts per second, with p50/p99 latency of each attempt as the caller sees
 *   it (waiting for a pooled connection included): 50 concurrent bookers compete for 200
 *   quarter-hour slots of one practitioner through a pool of 10 connections, each attempt
 *   a `book` call that succeeds or is refused (`BookingConflictError`), until every slot
 *   is taken; side by side with the floor, the same contest as one bare
 *   `INSERT … ON CONFLICT DO NOTHING` per attempt on a table with the same exclusion
 *   constraint (no availability check, no lock, no typed error);
 * - `findFreeSlots` for 20 practitioners over one week (30-minute slots on a Berlin grid,
 *   a few bookings each), the whole call timed.
 *
 * Targets: ≥ 1 000 attempts/s with p99 ≤ 100 ms; findFreeSlots ≤ 20 ms (median).
 */
import pg from 'pg';
import { defineSeries } from '../dist/index.js';
import { book, BookingConflictError, findFreeSlots, migrate, saveManySeries } from '../dist/postgres/index.js';
import { formatTable } from './timer.mjs';

const schema = 'timeblocks_bench_bookings';
const timezone = 'Europe/Berlin';
const q = (name) => `"${name.replaceAll('"', '""')}"`;
const week = { from: '2025-03-10T00:00:00+01:00', to: '2025-03-15T00:00:00+01:00' };
const practitioners = Array.from({ length: 20 }, (_, i) => `practitioner-${i}`);
const minute = 60_000;

/** `perDay` slots of `length` minutes a weekday, Mon–Fri 08:00–18:00 Berlin, in the week of 10 March. */
function weekSlots(length) {
  const perDay = (10 * 60) / length;
  return Array.from({ length: 5 * perDay }, (_, i) => {
    const start = Date.parse(`2025-03-${String(10 + Math.floor(i / perDay)).padStart(2, '0')}T08:00:00+01:00`) + (i % perDay) * length * minute;
    return { start, end: start + length * minute };
  });
}
/** The 200 quarter-hour slots the bookers compete for. */
const slots = weekSlots(15);
const halfHours = weekSlots(30);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** 50 bookers take random slots not yet known to be taken until all are; every attempt timed. */
async function contest(attempt) {
  const open = new Set(slots.map((_, i) => i));
  const latencies = [];
  let refused = 0;
  const booker = async () => {
    while (open.size > 0) {
      const candidates = [...open];
      const index = candidates[Math.floor(Math.random() * candidates.length)];
      const started = performance.now();
      const ok = await attempt(slots[index]);
      latencies.push(performance.now() - started);
      if (ok) open.delete(index);
      else {
        refused += 1;
        open.delete(index);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 50 }, booker));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { attempts: latencies.length, refused, perSecond: latencies.length / (elapsed / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * Runs the bookings benchmark on the server at `url`; prints its tables with `log`.
 * Returns the target rows `{ target, measured, pass }`.
 */
export async function benchBookings(url, log, { rounds = 3 } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // When the throwaway server stops, a connection the pool still holds must not crash the run.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
    await migrate(pool, { schema });
    const hours = (i) => defineSeries({ id: `hours-${i}`, timezone, start: '2025-03-03', startTime: '08:00', endTime: '18:00', repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'] } });
    await saveManySeries(pool, practitioners.map((resource, i) => ({ series: hours(i), resource, window: { from: '2025-03-03T00:00:00+01:00', to: '2025-03-31T00:00:00+02:00' } })), { schema });
    const bookings = `${q(schema)}.${q('timeblocks_bookings')}`;
    await pool.query(`CREATE TABLE ${q(schema)}.floor_bookings (resource text not null, period tstzrange not null, EXCLUDE USING gist (resource WITH =, period WITH &&))`);

    const viaBook = async (slot) => {
      try {
        await book(pool, { schema, resource: practitioners[0], ...slot });
        return true;
      } catch (error) {
        if (error instanceof BookingConflictError) return false;
        throw error;
      }
    };
    const viaInsert = async (slot) => {
      const result = await pool.query(
        `INSERT INTO ${q(schema)}.floor_bookings (resource, period) VALUES ($1::text, tstzrange($2::timestamptz, $3::timestamptz, '[)')) ON CONFLICT DO NOTHING`,
        [practitioners[0], new Date(slot.start).toISOString(), new Date(slot.end).toISOString()],
      );
      return result.rowCount === 1;
    };

    const contenders = [
      { name: 'timeblocks book', run: viaBook, reset: () => pool.query(`DELETE FROM ${bookings}`), results: [] },
      { name: '(floor) bare INSERT … ON CONFLICT DO NOTHING', run: viaInsert, reset: () => pool.query(`DELETE FROM ${q(schema)}.floor_bookings`), results: [] },
    ];
    for (let round = 0; round <= rounds; round++) {
      for (const contender of contenders) {
        await contender.reset();
        const result = await contest(contender.run);
        const stored = Number((await pool.query(`SELECT count(*) AS n FROM ${contender === contenders[0] ? bookings : `${q(schema)}.floor_bookings`}`)).rows[0].n);
        if (stored !== slots.length) throw new Error(`${contender.name}: ${stored} bookings stored, expected ${slots.length}`);
        if (round > 0) contender.results.push(result); // round 0 warms up
      }
    }
    const summary = contenders.map((c) => {
      const best = [...c.results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(c.results.length / 2)];
      return { name: c.name, ...best };
    });
    log(`\nBooking contest: 50 bookers, 200 slots of one practitioner, pool of 10 (median of ${rounds} rounds)\n`);
    log(
      formatTable(summary, [
        ['contender', (r) => r.name],
        ['attempts', (r) => r.attempts],
        ['refused', (r) => r.refused],
        ['attempts/s', (r) => Math.round(r.perSecond).toLocaleString('en-US')],
        ['p50', (r) => `${r.p50.toFixed(1)} ms`],
        ['p99', (r) => `${r.p99.toFixed(1)} ms`],
        ['× floor speed', (r) => (r.perSecond / summary[1].perSecond).toFixed(2)],
      ]),
    );

    // A few bookings for every practitioner, so there is something to subtract.
    for (const [i, resource] of practitioners.entries()) {
      if (i === 0) continue;
      for (let k = 0; k < 10; k++) await book(pool, { schema, resource, ...halfHours[(k * 7 + i) % halfHours.length] });
    }
    await pool.query(`DELETE FROM ${bookings} WHERE resource = $1::text`, [practitioners[0]]);
    const options = { schema, resources: practitioners, window: week, duration: 'PT30M', grid: { timezone } };
    const found = await findFreeSlots(pool, options);
    const expectedSlots = practitioners.length * halfHours.length - (practitioners.length - 1) * 10;
    if (found.length !== expectedSlots) throw new Error(`findFreeSlots found ${found.length} slots, expected ${expectedSlots}`);
    const samples = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      await findFreeSlots(pool, options);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const freeMedian = percentile(samples, 50);
    log(`\nfindFreeSlots, 20 practitioners, one week, 30-minute slots on a grid: median ${freeMedian.toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms (${found.length} slots)\n`);

    const ours = summary[0];
    return [
      { target: 'book: ≥ 1 000 attempts/s (50 bookers, pool of 10)', measured: `${Math.round(ours.perSecond)}/s`, pass: ours.perSecond >= 1000 },
      { target: 'book: p99 latency ≤ 100 ms', measured: `${ours.p99.toFixed(1)} ms`, pass: ours.p99 <= 100 },
      { target: 'findFreeSlots, 20 practitioners × 1 week: ≤ 20 ms', measured: `${freeMedian.toFixed(2)} ms`, pass: freeMedian <= 20 },
    ];
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}
