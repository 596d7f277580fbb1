import { InvalidArgumentError } from '../errors.js';
import { type Booking, bookingColumns, bookingFromRow, type BookingRow, readBookingId } from './booking.js';
import { type Database, type Queryable, rowsOf } from './queryable.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { inTransaction } from './transaction.js';

/**
 * Cancels a booking: its status becomes `cancelled` and its seat is free at once. The row
 * stays (for the application's history). Cancelling a cancelled booking changes nothing.
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param id - the booking's id, as `book` returned it
 * @param options - `schema`, `prefix`
 * @returns the booking as now stored
 * @throws {InvalidArgumentError} naming `id` when it is not a booking id, or no booking has it
 * @throws {InvalidArgumentError} naming `db` when the connection is already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks made every retry of the transaction fail
 *
 * @example
 * (await cancelBooking(pool, booking.id)).status;
 * //=> 'cancelled'
 */
export async function cancelBooking(db: Database, id: string, options: SchemaOptions = {}): Promise<Booking> {
  const names = sqlNames(options);
  const bookingId = readBookingId(id);
  return inTransaction(db, async (tx) => {
    const updated = await tx.query(
      `update ${names.bookings} k set status = 'cancelled', updated_at = now() where k.id = $1::text::bigint and k.status = 'live' returning ${bookingColumns}`,
      [bookingId],
    );
    const row = rowsOf<BookingRow>(updated)[0];
    return row === undefined ? requireBooking(tx, names, bookingId, '') : bookingFromRow(row);
  });
}

/** The booking of that id (locked `FOR UPDATE` when `lock` says so), or an error naming `id`. */
export async function requireBooking(tx: Queryable, names: SqlNames, id: string, lock: '' | 'for update'): Promise<Booking> {
  const result = await tx.query(`select ${bookingColumns} from ${names.bookings} k where k.id = $1::text::bigint ${lock}`, [id]);
  const row = rowsOf<BookingRow>(result)[0];
  if (row === undefined) throw new InvalidArgumentError('id', `no booking has id ${id}`);
  return bookingFromRow(row);
}
