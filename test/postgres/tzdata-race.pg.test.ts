import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, type SeriesInput } from '../../src/index.js';
import { book, type Booking, findStaleBlocks, OutsideAvailabilityError, reconcileTzdata, saveSeries } from '../../src/postgres/index.js';
import { bookingViolations } from './booking-invariants.js';
import { useServerDatabase, waitUntil } from './fixtures.js';
import { hour, writtenUnderOldRules } from './old-tz-rules.js';

// Real server only: reconcileTzdata racing bookings and other writers. The database
// decides: a block a booking lands in before the move is locked is reported, never moved
// from under it; a place another session takes first is a clash, reported.

const input: SeriesInput = { id: 'mx', timezone: 'America/Mexico_City', start: '2025-04-07', startTime: '09:00', endTime: '13:00', repeat: { freq: 'daily', count: 10 } };
const resource = 'mx-room';

describe('reconcileTzdata under concurrency on a real server', () => {
  const { t, admin } = useServerDatabase();
  let other: pg.Client | undefined;
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: t.url, max: 30 });
  });
  afterAll(async () => {
    await pool?.end();
  });
  afterEach(async () => {
    await other?.end().catch(() => undefined);
    other = undefined;
  });

  async function staleSeries() {
    const series = defineSeries(input);
    await saveSeries(t.db, series, { ...t.options, resource });
    const shifted = await writtenUnderOldRules(t, series);
    expect(shifted).toHaveLength(10);
    return { series, current: new Map(expand(series).map((block) => [block.key, block])) };
  }

  async function otherSession(): Promise<{ client: pg.Client; pid: number }> {
    const client = new pg.Client({ connectionString: t.url });
    client.on('error', () => undefined);
    await client.connect();
    other = client;
    return { client, pid: (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid };
  }
  const blockedBy = `select count(*) >= 1 as ok from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))`;

  it('a booking committed while reconcile waits for its block keeps the block where it was', async () => {
    await staleSeries();
    const { client, pid } = await otherSession();
    // What book does: lock the covering block FOR SHARE, then insert the booking.
    await client.query('begin');
    await client.query(`select 1 from ${t.table('blocks')} where series_id = 'mx' and key = '2025-04-10T09:00' for share`);
    const reconciled = reconcileTzdata(t.db, t.options);
    await waitUntil(admin(), blockedBy, [pid], 'reconcileTzdata waiting for the booking session');
    const inserted = await client.query<{ id: string }>(
      `insert into ${t.table('bookings')} (resource, period) values ($1, tstzrange('2025-04-10T14:00Z', '2025-04-10T15:00Z', '[)')) returning id::text`,
      [resource],
    );
    await client.query('commit');
    const report = await reconciled;
    expect(report.booked.map((b) => [b.key, b.bookingIds])).toEqual([['2025-04-10T09:00', [inserted.rows[0]!.id]]]);
    expect(report.moved).toHaveLength(9);
    expect(await bookingViolations(t)).toEqual([]);
  });

  it('a place another session takes while reconcile waits is reported as a clash, the rest moved', async () => {
    const { current } = await staleSeries();
    const { client, pid } = await otherSession();
    const taken = current.get('2025-04-11T09:00')!;
    // An uncommitted block of another series where 11 April's block belongs now, clear of where it is.
    await client.query('begin');
    await client.query(`insert into ${t.table('series')} (id, resource, spec, open_ended) values ('taker', $1, '{}', false)`, [resource]);
    await client.query(`insert into ${t.table('blocks')} (series_id, key, resource, period, tzdata_version) values ('taker', 'k', $1, tstzrange($2::timestamptz, $3::timestamptz, '[)'), 'x')`, [
      resource,
      new Date(taken.end - hour / 2).toISOString(),
      new Date(taken.end).toISOString(),
    ]);
    const reconciled = reconcileTzdata(t.db, { ...t.options, seriesIds: ['mx'] });
    await waitUntil(admin(), blockedBy, [pid], 'reconcileTzdata waiting on the uncommitted block');
    await client.query('commit');
    const report = await reconciled;
    expect(report.clashed.map((b) => [b.key, b.existing.seriesId])).toEqual([['2025-04-11T09:00', 'taker']]);
    expect(report.moved).toHaveLength(9);
    expect((await findStaleBlocks(t.db, { ...t.options, seriesIds: ['mx'] })).stale.map((b) => b.key)).toEqual(['2025-04-11T09:00']);
  });

  it('30 bookers and 3 reconcilers at once: no booking ends outside open availability, every block is moved or holds a booking', async () => {
    const { current } = await staleSeries();
    const keys = [...current.keys()];
    // Bookings where the blocks are now (old rules) — 14:00–15:00 UTC lies outside where they belong.
    const attempts = Array.from({ length: 30 }, (_, i) => {
      const block = current.get(keys[i % keys.length]!)!;
      const start = block.start - hour + (i % 3) * hour;
      return { start, end: start + hour };
    });
    const outcomes = await Promise.all([
      ...attempts.map((a) => book(pool, { ...t.options, resource, start: a.start, end: a.end }).then((ok: Booking) => ({ ok }), (error: unknown) => ({ error }))),
      ...[0, 1, 2].map(() => reconcileTzdata(pool, t.options).then((ok) => ({ ok }), (error: unknown) => ({ error }))),
    ]);
    for (const outcome of outcomes) if ('error' in outcome) expect(outcome.error).toBeInstanceOf(OutsideAvailabilityError);
    expect(await bookingViolations(t)).toEqual([]);
    // Settled: a final run moves nothing; every block is where it belongs or holds a live booking.
    const final = await reconcileTzdata(t.db, t.options);
    expect(final.moved).toEqual([]);
    const left = (await findStaleBlocks(t.db, t.options)).stale;
    expect(left.map((b) => b.key)).toEqual(final.booked.map((b) => b.key));
    expect(final.booked.every((b) => b.bookingIds.length > 0)).toBe(true);
    // Each block moved once at most, by one of the racing runs; the others hold bookings.
    const movedKeys = outcomes.flatMap((o) => ('ok' in o && 'moved' in o.ok ? o.ok.moved.map((b) => b.key) : []));
    expect(new Set(movedKeys).size).toBe(movedKeys.length);
    expect([...movedKeys, ...left.map((b) => b.key)].sort()).toEqual(keys.sort());
  });
});
