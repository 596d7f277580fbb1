import type { SqlNames } from './schema-options.js';
import type { Bind, SchemaObject } from './schema-object.js';

/** Booking statuses: only `live` bookings hold their seat. */
export const bookingStatuses = ['live', 'cancelled'] as const;

/**
 * The bookings layer's objects, after the series and blocks tables: the series' capacity
 * and the bookings table. Each is an upgrade step too: a schema migrated by an earlier
 * release gains the column, the table and its indexes in place.
 *
 * Every unique and exclusion constraint includes `resource`, so the table distributes by
 * resource (Citus) without losing the guarantee: the primary key is (resource, id), and
 * live bookings exclude each other per (resource, seat).
 */
export function bookingsSchemaObjects(names: SqlNames, literal: Bind): SchemaObject[] {
  const statuses = bookingStatuses.map((status) => `'${status}'`).join(', ');
  const relation = (quotedName: string): string => `to_regclass(${literal(quotedName)}) is not null`;
  return [
    // How many bookings may overlap at one instant inside the series' blocks (seats 1..capacity).
    {
      exists: `exists (select 1 from pg_attribute where attrelid = to_regclass(${literal(names.series)}) and attname = 'capacity' and not attisdropped)`,
      ddl: `alter table ${names.series} add column if not exists capacity integer not null default 1 constraint ${names.seriesCapacityCheck} check (capacity >= 1)`,
    },
    {
      exists: relation(names.bookings),
      ddl: `create table if not exists ${names.bookings} (
  id bigint generated always as identity,
  resource text not null,
  period tstzrange not null,
  seat integer not null default 1,
  ref text,
  metadata jsonb not null default '{}'::jsonb,
  status text not null default 'live',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint ${names.bookingsKey} primary key (resource, id),
  constraint ${names.bookingsStatusCheck} check (status in (${statuses})),
  constraint ${names.bookingsSeatCheck} check (seat >= 1),
  constraint ${names.bookingsPeriodCheck} check (not isempty(period) and lower_inc(period) and not upper_inc(period) and not lower_inf(period) and not upper_inf(period)),
  constraint ${names.bookingsNoOverlap} exclude using gist (resource with =, seat with =, period with &&) where (status = 'live')
)`,
    },
    // cancelBooking and moveBooking find a booking by its id alone.
    {
      exists: relation(`${names.schema}.${names.bookingsIdIndex}`),
      ddl: `create index if not exists ${names.bookingsIdIndex} on ${names.bookings} (id)`,
    },
    // listBookings({ ref }) finds the bookings of one application reference.
    {
      exists: relation(`${names.schema}.${names.bookingsRefIndex}`),
      ddl: `create index if not exists ${names.bookingsRefIndex} on ${names.bookings} (ref) where ref is not null`,
    },
  ];
}
