import { InvalidArgumentError } from '../errors.js';
import type { TimeInterval } from '../overlap/interval.js';
import { OutsideAvailabilityError } from './booking-errors.js';
import { type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { instantParam } from './series-row.js';
import { epochMsSql } from './stored-block.js';
import { RetryTransaction } from './transaction.js';

interface CoverRow {
  start_ms: number | string;
  end_ms: number | string;
  capacity: number;
}

/**
 * Locks (`FOR SHARE`) the open blocks of `resource` that overlap `interval` and checks that
 * they cover it without a gap; returns the seats it offers (the least capacity among them).
 *
 * The share locks last until the transaction ends, so a concurrent `regenerate`,
 * `cancelSeries` or `setBlockStatus` — which lock those rows `FOR UPDATE` before they look
 * for bookings inside — waits for this booking to commit and then sees it. One that got
 * there first changed or deleted the rows before we read them: a gap. A gap that a fresh
 * look (a new snapshot) no longer finds means availability was replaced while we waited:
 * the transaction runs again.
 *
 * @throws {OutsideAvailabilityError} naming the first uncovered stretch
 * @throws {InvalidArgumentError} naming `resource` when no series is stored on it
 */
export async function lockCoverage(tx: Queryable, names: SqlNames, resource: string, interval: TimeInterval): Promise<number> {
  const covering = await coverage(tx, names, resource, interval, 'for share of b');
  if (covering.gap === undefined) return covering.capacity;
  return refuseUncovered(tx, names, resource, interval);
}

/**
 * After a locking read found `interval` not covered: the typed refusal, or a rerun of the
 * transaction when a fresh look finds it covered (availability was replaced meanwhile).
 */
export async function refuseUncovered(tx: Queryable, names: SqlNames, resource: string, interval: TimeInterval): Promise<never> {
  const known = await tx.query(`select exists (select 1 from ${names.series} where resource = $1::text) as known`, [resource]);
  if (rowsOf<{ known: boolean }>(known)[0]?.known !== true) throw new InvalidArgumentError('resource', `no stored series has resource ${JSON.stringify(resource.slice(0, 200))}`);
  const fresh = await coverage(tx, names, resource, interval, '');
  if (fresh.gap === undefined) throw new RetryTransaction(`availability of resource "${resource}" changed while a booking waited for it`);
  throw new OutsideAvailabilityError(resource, interval, fresh.gap);
}

async function coverage(tx: Queryable, names: SqlNames, resource: string, interval: TimeInterval, lock: string): Promise<{ capacity: number; gap?: TimeInterval }> {
  const result = await tx.query(
    `select ${epochMsSql('lower(b.period)')} as start_ms, ${epochMsSql('upper(b.period)')} as end_ms, s.capacity
from ${names.blocks} b join ${names.series} s on s.id = b.series_id and s.resource = b.resource
where b.resource = $1::text and b.status = 'open' and b.period && tstzrange($2::text::timestamptz, $3::text::timestamptz, '[)')
order by lower(b.period)
${lock}`,
    [resource, instantParam(interval.start), instantParam(interval.end)],
  );
  return coverOf(rowsOf<CoverRow>(result), interval);
}

/** Live blocks never overlap (the blocks' exclusion constraint), so walking them in order finds any gap. */
function coverOf(rows: readonly CoverRow[], interval: TimeInterval): { capacity: number; gap?: TimeInterval } {
  let reached = interval.start;
  let capacity = Infinity;
  for (const row of rows) {
    const start = Number(row.start_ms);
    if (start > reached) return { capacity, gap: { start: reached, end: Math.min(start, interval.end) } };
    reached = Math.max(reached, Number(row.end_ms));
    capacity = Math.min(capacity, Number(row.capacity));
  }
  if (reached < interval.end) return { capacity, gap: { start: reached, end: interval.end } };
  return { capacity };
}
