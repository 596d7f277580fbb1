import type { InstantInput } from '../expand/types.js';
import type { TimeInterval } from '../overlap/interval.js';
import { lockCoverage, refuseUncovered } from './availability.js';
import { BookingConflictError } from './booking-errors.js';
import { type Booking, bookingColumns, bookingFromRow, type BookingRow, readRef } from './booking.js';
import { readBookingMetadata, readInterval } from './booking-input.js';
import { type Database, type Queryable, rowsOf } from './queryable.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { instantParam, readName, readOptions } from './series-row.js';
import { onLowestFreeSeat } from './take-seat.js';
import { inTransaction } from './transaction.js';

/** What `book` takes: the interval of a resource, and the application's own data. */
export interface BookOptions extends SchemaOptions {
  /** The resource whose availability the booking lies in (`saveSeries`' `resource`). */
  resource: string;
  /** `[start, end)`: epoch milliseconds, a `Date`, or ISO 8601 with an offset. */
  start: InstantInput;
  end: InstantInput;
  /** The application's reference (at most 1 000 characters), e.g. an appointment id. */
  ref?: string;
  /** The application's own data, stored as jsonb (at most 64 KiB of JSON). */
  metadata?: Record<string, unknown>;
}

/**
 * Books an interval of a resource, in one transaction, or refuses with a typed error.
 *
 * `[start, end)` must lie inside the resource's live availability — its open blocks,
 * possibly several adjacent ones — and those blocks are locked (`FOR SHARE`) until the
 * booking commits, so a concurrent `regenerate`, `cancelSeries` or `setBlockStatus` cannot
 * take the availability away from under it. It takes the lowest seat that no live booking
 * overlapping the interval holds, up to the capacity of the covering blocks (1 unless the
 * series was saved with `capacity`); the exclusion constraint per (resource, seat) decides
 * between concurrent bookers, so at any instant at most `capacity` live bookings overlap.
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param options - `resource`, `start`, `end`, optional `ref` and `metadata`, `schema`, `prefix`
 * @returns the stored booking, with its `id` and `seat`
 * @throws {BookingConflictError} when every seat is taken somewhere in the interval (`existing` is the booking hit)
 * @throws {OutsideAvailabilityError} when part of the interval is not open availability (`uncovered` says which)
 * @throws {InvalidArgumentError} for a bad `resource` (also: no series stored on it), `start`, `end` (not after `start`), `ref` or `metadata`
 * @throws {InvalidArgumentError} naming `db` when the connection is already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * const booking = await book(pool, { resource: 'dr-ana', start: '2025-03-11T10:30:00+01:00', end: '2025-03-11T11:00:00+01:00', ref: 'patient-42' });
 * [booking.seat, new Date(booking.start).toISOString()];
 * //=> [1, '2025-03-11T09:30:00.000Z']
 */
export async function book(db: Database, options: BookOptions): Promise<Booking> {
  const opts = readOptions(options, "{ resource: 'dr-ana', start, end }");
  const names = sqlNames(opts);
  const resource = readName(opts.resource, 'resource');
  const interval = readInterval(opts.start, opts.end);
  const ref = readRef(opts.ref);
  const metadata = readBookingMetadata(opts.metadata);
  return inTransaction(db, async (tx) => {
    const first = await bookInOneStatement(tx, names, resource, interval, ref, metadata);
    if (first.outcome === 'booked') return first.booking;
    if (first.outcome === 'uncovered') return refuseUncovered(tx, names, resource, interval);
    if (first.outcome === 'full') throw new BookingConflictError(resource, interval, first.booking);
    // A concurrent booker took the seat after this statement's snapshot: look again, seat by seat.
    const capacity = await lockCoverage(tx, names, resource, interval);
    return onLowestFreeSeat(tx, names, { resource, interval, capacity, except: null }, () => insertOnFreeSeat(tx, names, resource, interval, capacity, ref, metadata));
  });
}

type FirstTry = { outcome: 'booked' | 'full'; booking: Booking } | { outcome: 'uncovered' | 'raced' };

/**
 * The common cases in one statement (one round trip inside the transaction): lock the
 * open blocks over the interval (`FOR SHARE`), check that they cover it, and insert on
 * the lowest seat free in this snapshot (`on conflict do nothing`: the exclusion
 * constraint has the last word); when no seat is free, the earliest booking in the way.
 * `raced` when none of these holds: a concurrent booking committed after the snapshot.
 */
async function bookInOneStatement(tx: Queryable, names: SqlNames, resource: string, interval: TimeInterval, ref: string | null, metadata: string): Promise<FirstTry> {
  const period = `tstzrange($2::text::timestamptz, $3::text::timestamptz, '[)')`;
  const result = await tx.query(
    `with cover as (
  select b.period, s.capacity from ${names.blocks} b join ${names.series} s on s.id = b.series_id and s.resource = b.resource
  where b.resource = $1::text and b.status = 'open' and b.period && ${period}
  for share of b
),
fit as (
  select coalesce(range_agg(period) @> ${period}, false) as covered, coalesce(min(capacity), 0) as capacity from cover
),
ins as (
  insert into ${names.bookings} as k (resource, period, seat, ref, metadata)
  select $1::text, ${period}, s.seat, $4::text, $5::text::jsonb
  from fit, generate_series(1, fit.capacity) as s(seat)
  where fit.covered and not exists (
    select 1 from ${names.bookings} o
    where o.resource = $1::text and o.seat = s.seat and o.status = 'live' and o.period && ${period}
  )
  order by s.seat
  limit 1
  on conflict do nothing
  returning k.*
),
hits as (
  select o.* from ${names.bookings} o, fit
  where fit.covered and o.resource = $1::text and o.status = 'live' and o.seat <= fit.capacity and o.period && ${period}
)
select 'booked' as outcome, ${bookingColumns}, null::bigint as seats_taken, fit.capacity from ins k, fit
union all
select 'uncovered', null, null, null, null, null, null, null, null, null, fit.capacity from fit where not fit.covered
union all
(select 'full', ${bookingColumns}, (select count(distinct seat) from hits), fit.capacity from hits k, fit
  where not exists (select 1 from ins)
  order by lower(k.period), k.seat, k.id
  limit 1)`,
    [resource, instantParam(interval.start), instantParam(interval.end), ref, metadata],
  );
  const row = rowsOf<BookingRow & { outcome: 'booked' | 'uncovered' | 'full'; seats_taken: number | string | null; capacity: number }>(result)[0];
  if (row === undefined) return { outcome: 'raced' };
  if (row.outcome === 'uncovered') return { outcome: 'uncovered' };
  if (row.outcome === 'full' && Number(row.seats_taken) < Number(row.capacity)) return { outcome: 'raced' };
  return { outcome: row.outcome, booking: bookingFromRow(row) };
}

/**
 * One statement: the lowest seat free in this snapshot, inserted unless the exclusion
 * constraint finds it taken meanwhile (`on conflict do nothing` waits for a concurrent
 * booker of that seat and skips the row if it committed). `undefined` when nothing went in.
 */
async function insertOnFreeSeat(tx: Queryable, names: SqlNames, resource: string, interval: TimeInterval, capacity: number, ref: string | null, metadata: string): Promise<Booking | undefined> {
  const result = await tx.query(
    `insert into ${names.bookings} as k (resource, period, seat, ref, metadata)
select $1::text, tstzrange($2::text::timestamptz, $3::text::timestamptz, '[)'), s.seat, $5::text, $6::text::jsonb
from generate_series(1, $4::text::int) as s(seat)
where not exists (
  select 1 from ${names.bookings} o
  where o.resource = $1::text and o.seat = s.seat and o.status = 'live' and o.period && tstzrange($2::text::timestamptz, $3::text::timestamptz, '[)')
)
order by s.seat
limit 1
on conflict do nothing
returning ${bookingColumns}`,
    [resource, instantParam(interval.start), instantParam(interval.end), capacity, ref, metadata],
  );
  const row = rowsOf<BookingRow>(result)[0];
  return row === undefined ? undefined : bookingFromRow(row);
}
