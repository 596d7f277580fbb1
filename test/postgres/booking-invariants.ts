import type { TestDatabase } from './harness.js';

/**
 * What must hold after any interleaving, checked in SQL on the stored rows, independently
 * of the adapter: no instant where more live bookings overlap than the capacity of the
 * availability there, and no live booking outside the resource's open blocks.
 * Returns readable descriptions of every violation (empty when all is well).
 */
export async function bookingViolations(t: TestDatabase): Promise<string[]> {
  const bookings = t.table('bookings');
  const blocks = t.table('blocks');
  const series = t.table('series');
  // Overlap counts change only at booking starts, so checking each live booking's start suffices.
  const over = await t.sql<{ id: string; at: string; n: number; capacity: number }>(
    `select a.id::text, lower(a.period)::text as at, count(*)::int as n,
            (select min(s.capacity) from ${blocks} b join ${series} s on s.id = b.series_id
              where b.resource = a.resource and b.status = 'open' and b.period @> lower(a.period))::int as capacity
       from ${bookings} a join ${bookings} o on o.resource = a.resource and o.status = 'live' and o.period @> lower(a.period)
      where a.status = 'live'
      group by a.id, a.resource, a.period
     having count(*) > coalesce((select min(s.capacity) from ${blocks} b join ${series} s on s.id = b.series_id
              where b.resource = a.resource and b.status = 'open' and b.period @> lower(a.period)), 0)`,
  );
  const outside = await t.sql<{ id: string; period: string }>(
    `select k.id::text, k.period::text from ${bookings} k
      where k.status = 'live'
        and not coalesce((select range_agg(b.period) from ${blocks} b where b.resource = k.resource and b.status = 'open' and b.period && k.period) @> k.period, false)`,
  );
  return [
    ...over.map((row) => `${row.n} live bookings at ${row.at} (booking ${row.id}), capacity ${row.capacity ?? 0}`),
    ...outside.map((row) => `live booking ${row.id} ${row.period} is outside open availability`),
  ];
}
