import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, type SeriesInput } from '../../src/index.js';
import {
  book,
  type Booking,
  BookingConflictError,
  cancelSeries,
  OutsideAvailabilityError,
  regenerate,
  saveSeries,
} from '../../src/postgres/index.js';
import { bookingViolations } from './booking-invariants.js';
import { useServerDatabase, waitUntil } from './fixtures.js';

// Real server only: PGlite has one connection, so nothing there runs concurrently.

const hoursInput: SeriesInput = { id: 'hours', timezone: 'UTC', start: '2025-06-02', startTime: '09:00', endTime: '17:00', repeat: { freq: 'daily', count: 5 } };
const resource = 'dr-ana';
const minute = 60_000;
const day0 = Date.parse('2025-06-02T00:00:00Z');
const at = (day: number, hhmm: string) => day0 + day * 1440 * minute + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * minute;

/** A deterministic pseudo-random sequence (mulberry32), so a failing round can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome = { ok: Booking } | { error: unknown };
const settle = (promise: Promise<Booking>): Promise<Outcome> => promise.then((ok) => ({ ok }), (error: unknown) => ({ error }));
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

describe('book under concurrency on a real server', () => {
  const { t, admin } = useServerDatabase();
  let pool: pg.Pool;
  beforeAll(() => {
    // One connection per call, so all 50 transactions are in flight at once.
    pool = new pg.Pool({ connectionString: t.url, max: 50 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  const save = (capacity: number, input = hoursInput) => saveSeries(t.db, defineSeries(input), { ...t.options, resource, capacity });

  for (const capacity of [1, 4]) {
    it(`50 bookers over one common instant: exactly ${capacity} win${capacity === 1 ? 's' : ''}, every loser a BookingConflictError (capacity ${capacity})`, async () => {
      await save(capacity);
      const next = random(capacity);
      // Every request holds 10:00–10:15 and reaches out by a random amount on each side.
      const requests = Array.from({ length: 50 }, () => ({ start: at(1, '10:00') - Math.floor(next() * 60) * minute, end: at(1, '10:15') + Math.floor(next() * 60) * minute }));
      const outcomes = await Promise.all(requests.map((r) => settle(book(pool, { ...t.options, resource, ...r }))));
      const winners = outcomes.flatMap((o) => ('ok' in o ? [o.ok] : []));
      expect(winners).toHaveLength(capacity);
      expect(new Set(winners.map((w) => w.seat))).toEqual(new Set(Array.from({ length: capacity }, (_, i) => i + 1)));
      for (const o of outcomes) if ('error' in o) expect(o.error).toBeInstanceOf(BookingConflictError);
      expect(await bookingViolations(t)).toEqual([]);
    });

    it(`50 bookers with random intervals: losers are justified, no over-capacity instant (capacity ${capacity})`, async () => {
      await save(capacity);
      const next = random(100 + capacity);
      const requests = Array.from({ length: 50 }, () => {
        const start = at(2, '09:00') + Math.floor(next() * 7 * 4) * 15 * minute;
        return { start, end: start + (1 + Math.floor(next() * 4)) * 15 * minute };
      });
      const outcomes = await Promise.all(requests.map((r) => settle(book(pool, { ...t.options, resource, ...r }))));
      const winners = outcomes.flatMap((o) => ('ok' in o ? [o.ok] : []));
      outcomes.forEach((o, i) => {
        if ('ok' in o) return;
        expect(o.error).toBeInstanceOf(BookingConflictError);
        const hit = (o.error as BookingConflictError).existing;
        // The booking it hit is a winner, overlaps the request, and no seat was free over the request.
        expect(winners.map((w) => w.id)).toContain(hit.id);
        expect(overlaps(hit, requests[i]!)).toBe(true);
        const seatsTaken = new Set(winners.filter((w) => overlaps(w, requests[i]!)).map((w) => w.seat));
        expect(seatsTaken.size).toBe(capacity);
      });
      expect(await bookingViolations(t)).toEqual([]);
    });
  }

  it('book racing regenerate and cancelSeries, many rounds of random timing: never a stranded booking', async () => {
    const next = random(7);
    for (let round = 0; round < 12; round++) {
      await t.sql(`delete from ${t.table('bookings')}`);
      await t.sql(`delete from ${t.table('series')}`);
      await save(1 + (round % 3));
      const bookings = Array.from({ length: 20 }, () => {
        const start = at(Math.floor(next() * 5), '08:00') + Math.floor(next() * 40) * 15 * minute;
        return { start, end: start + (1 + Math.floor(next() * 4)) * 15 * minute };
      });
      const delay = Math.floor(next() * 30);
      const edit = (async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        if (round % 2 === 0) return regenerate(pool, defineSeries({ ...hoursInput, startTime: '11:00', endTime: '19:00' }), { ...t.options, from: at(1, '00:00') });
        return cancelSeries(pool, 'hours', { ...t.options, from: at(2, '00:00') });
      })();
      const outcomes = await Promise.all(bookings.map((r) => settle(book(pool, { ...t.options, resource, ...r }))));
      const summary = await edit;
      for (const o of outcomes) if ('error' in o) expect([BookingConflictError, OutsideAvailabilityError].some((type) => o.error instanceof type), String(o.error)).toBe(true);
      expect(await bookingViolations(t), `round ${round}`).toEqual([]);
      // Every block held for bookings names bookings that exist and are live.
      const live = new Set((await t.sql<{ id: string }>(`select id::text from ${t.table('bookings')} where status = 'live'`)).map((r) => r.id));
      for (const held of summary.heldByBookings) for (const id of held.bookingIds) expect(live.has(id)).toBe(true);
    }
  });

  describe('deterministic orderings with two connections', () => {
    let blocker: pg.Client;
    beforeAll(async () => {
      blocker = new pg.Client({ connectionString: t.url });
      await blocker.connect();
    });
    afterAll(async () => {
      await blocker?.end();
    });
    const pidOf = async (client: pg.Client) => (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const blockedBy = (pid: number, what: string) =>
      waitUntil(admin(), `select count(*) >= 1 as ok from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))`, [pid], what);
    /** Sessions waiting (directly or behind another) on `pid`: `n` of them. */
    const waitingOn = (pid: number, n: number, what: string) =>
      waitUntil(
        admin(),
        `with recursive w(pid) as (select pid from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))
           union select a.pid from pg_stat_activity a join w on w.pid = any(pg_blocking_pids(a.pid)))
         select count(*) >= $2::int as ok from w`,
        [pid, n],
        what,
      );
    const edits = {
      regenerate: () => regenerate(pool, defineSeries({ ...hoursInput, startTime: '11:00', endTime: '19:00' }), { ...t.options, from: at(0, '00:00') }),
      cancelSeries: () => cancelSeries(pool, 'hours', { ...t.options, from: at(0, '00:00') }),
    };

    for (const name of ['regenerate', 'cancelSeries'] as const) {
      it(`book first, then ${name}: the edit waits for the booking and keeps its block`, async () => {
        await save(1);
        const blockerPid = await pidOf(blocker);
        // An uncommitted booking on seat 1 makes book wait in its insert, holding its share lock on the block.
        await blocker.query('begin');
        await blocker.query(`insert into ${t.table('bookings')} (resource, period, seat) values ($1, tstzrange($2::timestamptz, $3::timestamptz), 1)`, [
          resource,
          new Date(at(1, '09:00')).toISOString(),
          new Date(at(1, '09:30')).toISOString(),
        ]);
        const booking = settle(book(pool, { ...t.options, resource, start: at(1, '09:00'), end: at(1, '10:00') }));
        await blockedBy(blockerPid, 'book waits for the uncommitted booking');
        const edit = edits[name]();
        await waitingOn(blockerPid, 2, `${name} waits behind book`);
        await blocker.query('rollback');
        const outcome = await booking;
        const summary = await edit;
        expect('ok' in outcome).toBe(true);
        const booked = (outcome as { ok: Booking }).ok;
        expect(summary.heldByBookings).toEqual([expect.objectContaining({ key: '2025-06-03T09:00', bookingIds: [booked.id] })]);
        expect(await bookingViolations(t)).toEqual([]);
      });

      it(`${name} first, then book: the booking waits and is refused where availability went`, async () => {
        await save(1);
        const blockerPid = await pidOf(blocker);
        // A share lock on the series' last block (by id) holds the edit after it locked the earlier ones.
        await blocker.query('begin');
        await blocker.query(`select 1 from ${t.table('blocks')} where series_id = 'hours' and id = (select max(id) from ${t.table('blocks')} where series_id = 'hours') for share`);
        const edit = edits[name]();
        await blockedBy(blockerPid, `${name} waits for the last block`);
        const early = settle(book(pool, { ...t.options, resource, start: at(1, '09:00'), end: at(1, '10:00') }));
        await waitingOn(blockerPid, 2, `book waits behind ${name}`);
        await blocker.query('commit');
        await edit;
        const outcome = await early;
        expect('error' in outcome && outcome.error).toBeInstanceOf(OutsideAvailabilityError);
        expect(await bookingViolations(t)).toEqual([]);
        if (name === 'regenerate') {
          // Inside the edited hours the booking goes through, on the new block.
          expect((await book(pool, { ...t.options, resource, start: at(1, '11:00'), end: at(1, '12:00') })).seat).toBe(1);
        }
      });
    }
  });
});
