import { type Booking, bookingColumns, bookingFromRow, type BookingRow, type BookingStatus, compareBookings, readRef } from './booking.js';
import { bookingStatuses } from './bookings-schema.js';
import { type Database, rowsOf } from './queryable.js';
import { type ReadWindow, Filters, readQuery, readOneOrMany, readReadLimit, readWindow, withinLimit } from './read-query.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { instantParam, readName, readOptions } from './series-row.js';

/** Options of `listBookings`. */
export interface ListBookingsOptions extends SchemaOptions {
  /** Bookings overlapping `[from, to)`. Required. */
  window: ReadWindow;
  /** Only this resource's bookings. */
  resource?: string;
  /** Only bookings with this `ref`. */
  ref?: string;
  /** Only bookings of this status (or these). Default `live`. */
  status?: BookingStatus | readonly BookingStatus[];
  /** Most bookings to return; more is an `ExpansionLimitError`. Default 10 000, at most 1 000 000. */
  limit?: number;
}

/**
 * The stored bookings overlapping a window, as plain objects with epoch-ms instants,
 * sorted by start, end, resource, seat and id.
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param options - `window`, optional `resource`, `ref`, `status`, `limit`, `schema`, `prefix`
 * @returns the bookings, sorted
 * @throws {ExpansionLimitError} when more than `limit` bookings match (nothing is cut silently)
 * @throws {InvalidArgumentError} for a bad `window`, `resource`, `ref`, `status` or `limit`
 *
 * @example
 * (await listBookings(pool, { resource: 'dr-ana', window: { from: '2025-03-10T00:00:00Z', to: '2025-03-15T00:00:00Z' } })).map((b) => b.ref);
 * //=> ['patient-42']
 */
export async function listBookings(db: Database, options: ListBookingsOptions): Promise<Booking[]> {
  const opts = readOptions(options, '{ window: { from, to } }');
  const names = sqlNames(opts);
  const window = readWindow(opts.window);
  const statuses = opts.status === undefined ? ['live'] : readOneOrMany(opts.status, bookingStatuses, 'status');
  const limit = readReadLimit(opts.limit);
  const filters = new Filters()
    .add(`k.period && tstzrange($?::text::timestamptz, $?::text::timestamptz, '[)')`, instantParam(window.start), instantParam(window.end))
    .add('k.status = any($?::text[])', statuses);
  if (opts.resource !== undefined) filters.add('k.resource = $?::text', readName(opts.resource, 'resource'));
  if (opts.ref !== undefined) filters.add('k.ref = $?::text', readRef(opts.ref));
  const result = await readQuery(db, 
    `select ${bookingColumns} from ${names.bookings} k where ${filters.where}
order by lower(k.period), upper(k.period), k.resource collate "C", k.seat, k.id
limit ${filters.next(limit + 1)}::text::int`,
    filters.params,
  );
  return [...withinLimit(rowsOf<BookingRow>(result), limit, 'listBookings', 'bookings')].map(bookingFromRow).sort(compareBookings);
}
