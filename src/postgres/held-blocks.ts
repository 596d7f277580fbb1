import type { TimeInterval } from '../overlap/interval.js';
import { type Booking, bookingColumns, bookingFromRow, type BookingRow } from './booking.js';
import { type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { instantParam } from './series-row.js';

/** An availability block an edit left as it was because live bookings lie in it. */
export interface HeldBlock {
  /** The block's key. */
  readonly key: string;
  /** The live bookings inside it, by id. */
  readonly bookingIds: readonly string[];
  /** Why it was kept, for a log line. */
  readonly reason: string;
  /** `regenerate` only: keys of the edited series' blocks not added because they overlap this block. */
  readonly displaced?: readonly string[];
}

/**
 * Of one series' blocks (by key), those that live bookings of their resource overlap.
 *
 * Call it after the blocks were locked `FOR UPDATE` by an earlier statement: `book` holds
 * `FOR SHARE` on the blocks it books in until it commits, so once the lock is ours every
 * booking inside them is committed, and this statement's fresh snapshot sees it.
 */
export async function blocksHoldingBookings(tx: Queryable, names: SqlNames, seriesId: string, keys: readonly string[], action: string): Promise<HeldBlock[]> {
  if (keys.length === 0) return [];
  const result = await tx.query(
    `select b.key, array_agg(k.id::text order by lower(k.period), k.seat, k.id) as ids
from ${names.blocks} b
join ${names.bookings} k on k.resource = b.resource and k.status = 'live' and k.period && b.period
where b.series_id = $1::text and b.key = any($2::text[])
group by b.key
order by b.key collate "C"`,
    [seriesId, keys],
  );
  return rowsOf<{ key: string; ids: string[] }>(result).map((row) =>
    Object.freeze({
      key: row.key,
      bookingIds: Object.freeze([...row.ids]),
      reason: `live booking${row.ids.length === 1 ? '' : 's'} ${row.ids.join(', ')} lie in it, so it was not ${action}; cancel or move ${row.ids.length === 1 ? 'it' : 'them'} first`,
    }),
  );
}

/** The earliest live booking of `resource` overlapping `interval`, if any (after the interval's blocks were locked). */
export async function firstBookingIn(tx: Queryable, names: SqlNames, resource: string, interval: TimeInterval): Promise<Booking | undefined> {
  const result = await tx.query(
    `select ${bookingColumns} from ${names.bookings} k
where k.resource = $1::text and k.status = 'live' and k.period && tstzrange($2::text::timestamptz, $3::text::timestamptz, '[)')
order by lower(k.period), k.seat, k.id
limit 1`,
    [resource, instantParam(interval.start), instantParam(interval.end)],
  );
  const row = rowsOf<BookingRow>(result)[0];
  return row === undefined ? undefined : bookingFromRow(row);
}
