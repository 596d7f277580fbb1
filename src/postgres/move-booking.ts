import { InvalidArgumentError } from '../errors.js';
import type { InstantInput } from '../expand/types.js';
import type { TimeInterval } from '../overlap/interval.js';
import { lockCoverage } from './availability.js';
import { type Booking, bookingColumns, bookingFromRow, type BookingRow, readBookingId } from './booking.js';
import { readInterval } from './booking-input.js';
import { requireBooking } from './cancel-booking.js';
import { type Database, type Queryable, rowsOf } from './queryable.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { instantParam, readOptions } from './series-row.js';
import { sqlStateOf, sqlStates } from './sql-errors.js';
import { onLowestFreeSeat } from './take-seat.js';
import { inTransaction } from './transaction.js';

/** Options of `moveBooking`: the new interval. */
export interface MoveBookingOptions extends SchemaOptions {
  start: InstantInput;
  end: InstantInput;
}

/**
 * Moves a live booking to a new interval of its resource, in one transaction, with the
 * guarantees of `book`: the new interval lies inside live availability (locked until the
 * move commits) and takes the lowest seat free there (its own old interval does not count
 * against it). The booking keeps its id, `ref` and `metadata`. On any error it stays
 * where it was.
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param id - the booking's id
 * @param options - `start`, `end`, `schema`, `prefix`
 * @returns the booking as now stored
 * @throws {BookingConflictError} when every seat is taken somewhere in the new interval
 * @throws {OutsideAvailabilityError} when part of the new interval is not open availability
 * @throws {InvalidArgumentError} for a bad `start` or `end`, or `id` when no live booking has it
 * @throws {InvalidArgumentError} naming `db` when the connection is already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * const moved = await moveBooking(pool, booking.id, { start: '2025-03-11T11:00:00+01:00', end: '2025-03-11T11:30:00+01:00' });
 * new Date(moved.start).toISOString();
 * //=> '2025-03-11T10:00:00.000Z'
 */
export async function moveBooking(db: Database, id: string, options: MoveBookingOptions): Promise<Booking> {
  const opts = readOptions(options, "{ start, end }");
  const names = sqlNames(opts);
  const bookingId = readBookingId(id);
  const interval = readInterval(opts.start, opts.end);
  return inTransaction(db, async (tx) => {
    const current = await requireBooking(tx, names, bookingId, 'for update');
    if (current.status !== 'live') throw new InvalidArgumentError('id', `booking ${bookingId} is cancelled; book anew instead`);
    const capacity = await lockCoverage(tx, names, current.resource, interval);
    return onLowestFreeSeat(tx, names, { resource: current.resource, interval, capacity, except: bookingId, what: `Move of booking ${bookingId} to` }, () =>
      updateOnFreeSeat(tx, names, current.resource, bookingId, interval, capacity),
    );
  });
}

/** An UPDATE cannot skip a conflicting row as an insert can: a savepoint takes the exclusion violation. */
async function updateOnFreeSeat(tx: Queryable, names: SqlNames, resource: string, id: string, interval: TimeInterval, capacity: number): Promise<Booking | undefined> {
  await tx.query('savepoint timeblocks_move_booking');
  try {
    const result = await tx.query(
      `update ${names.bookings} k set period = tstzrange($3::text::timestamptz, $4::text::timestamptz, '[)'), seat = f.seat, updated_at = now()
from (
  select s.seat from generate_series(1, $5::text::int) as s(seat)
  where not exists (
    select 1 from ${names.bookings} o
    where o.resource = $1::text and o.seat = s.seat and o.status = 'live' and o.id <> $2::text::bigint and o.period && tstzrange($3::text::timestamptz, $4::text::timestamptz, '[)')
  )
  order by s.seat
  limit 1
) f
where k.resource = $1::text and k.id = $2::text::bigint
returning ${bookingColumns}`,
      [resource, id, instantParam(interval.start), instantParam(interval.end), capacity],
    );
    await tx.query('release savepoint timeblocks_move_booking');
    const row = rowsOf<BookingRow>(result)[0];
    return row === undefined ? undefined : bookingFromRow(row);
  } catch (error) {
    if (sqlStateOf(error) !== sqlStates.exclusionViolation) throw error;
    await tx.query('rollback to savepoint timeblocks_move_booking');
    return undefined;
  }
}
