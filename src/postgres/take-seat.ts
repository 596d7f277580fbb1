import type { TimeInterval } from '../overlap/interval.js';
import { type Booking, bookingColumns, bookingFromRow, type BookingRow } from './booking.js';
import { BookingConflictError } from './booking-errors.js';
import { type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { instantParam } from './series-row.js';
import { RetryTransaction } from './transaction.js';

/**
 * After every try found its seat taken: the live booking that holds `interval` (the
 * earliest) when all `capacity` seats are taken somewhere in it, else `undefined` (a seat
 * is free again: try once more). `except` leaves out the booking being moved.
 */
export async function fullAt(tx: Queryable, names: SqlNames, resource: string, interval: TimeInterval, capacity: number, except: string | null): Promise<Booking | undefined> {
  const result = await tx.query(
    `with hits as (
  select * from ${names.bookings} k
  where k.resource = $1::text and k.status = 'live' and k.seat <= $4::text::int and k.period && tstzrange($2::text::timestamptz, $3::text::timestamptz, '[)')
    and ($5::text::bigint is null or k.id <> $5::text::bigint)
)
select ${bookingColumns}, (select count(distinct seat) from hits) as seats_taken
from hits k
order by lower(k.period), k.seat, k.id
limit 1`,
    [resource, instantParam(interval.start), instantParam(interval.end), capacity, except],
  );
  const row = rowsOf<BookingRow & { seats_taken: number | string }>(result)[0];
  if (row === undefined || Number(row.seats_taken) < capacity) return undefined;
  return bookingFromRow(row);
}

/**
 * Runs `attempt` (which stores the booking on the lowest free seat, or returns `undefined`
 * when the exclusion constraint found that seat taken by a concurrent booking) until it
 * succeeds or every seat is taken. Each failed try means one more seat was taken by a
 * committed booking, so `capacity + 1` tries are enough; past them, the transaction reruns.
 */
export async function onLowestFreeSeat(
  tx: Queryable,
  names: SqlNames,
  request: { resource: string; interval: TimeInterval; capacity: number; except: string | null; what?: string },
  attempt: () => Promise<Booking | undefined>,
): Promise<Booking> {
  for (let i = 0; i <= request.capacity; i++) {
    const booked = await attempt();
    if (booked !== undefined) return booked;
    const hit = await fullAt(tx, names, request.resource, request.interval, request.capacity, request.except);
    if (hit !== undefined) throw new BookingConflictError(request.resource, request.interval, hit, request.what);
  }
  throw new RetryTransaction(`the seats of resource "${request.resource}" kept changing while a booking looked for one`);
}
