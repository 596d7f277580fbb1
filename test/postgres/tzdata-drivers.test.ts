import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, tzdataVersion } from '../../src/index.js';
import { book, findStaleBlocks, migrate, reconcileTzdata, saveSeries, withTransaction } from '../../src/postgres/index.js';
import { type DriverHandle, openDriverHandles } from './driver-handles.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { writtenUnderOldRules } from './old-tz-rules.js';

// findStaleBlocks and reconcileTzdata through every driver the adapter accepts, alone and
// inside withTransaction: what they read back and what they write is the same whatever the driver.

const window = { from: '2025-03-31T00:00:00Z', to: '2025-04-19T00:00:00Z' };

describe('tz data reconciliation through every driver', () => {
  let t: TestDatabase;
  let handles: DriverHandle[];
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
    handles = await openDriverHandles(t);
  });
  afterAll(async () => {
    for (const handle of handles ?? []) await handle.close();
    await t?.close();
  });

  it('finds the stale blocks, moves the open ones and reports the booked one, alone and in a caller transaction', async () => {
    for (const [i, { name, db }] of handles.entries()) {
      const o = t.options;
      const series = defineSeries({ id: `mx-${i}`, timezone: 'America/Mexico_City', start: '2025-03-31', startTime: '09:00', endTime: '13:00', repeat: { freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'] } });
      await saveSeries(db, series, { ...o, resource: `mx-room-${i}`, window });
      const shifted = await writtenUnderOldRules(t, series);
      expect(shifted, name).toEqual(['2025-04-07T09:00', '2025-04-09T09:00', '2025-04-11T09:00', '2025-04-14T09:00', '2025-04-16T09:00', '2025-04-18T09:00']);
      const booking = await book(db, { ...o, resource: `mx-room-${i}`, start: '2025-04-09T14:00:00Z', end: '2025-04-09T14:30:00Z' });

      const found = await findStaleBlocks(db, { ...o, seriesIds: [series.id] });
      expect(found.stale.map((b) => b.key), name).toEqual(shifted);
      const now = new Map(expand(series, window).map((block) => [block.key, block]));
      expect(found.stale.map((b) => b.current), name).toEqual(shifted.map((key) => ({ start: now.get(key)!.start, end: now.get(key)!.end })));

      // Half in the caller's transaction (savepoints inside it), half on its own.
      const first = await withTransaction(db, (tx) => reconcileTzdata(tx, { ...o, seriesIds: [series.id], from: '2025-04-10T00:00:00Z' }));
      expect(first.moved.map((b) => b.key), name).toEqual(shifted.slice(2));
      const rest = await reconcileTzdata(db, { ...o, seriesIds: [series.id] });
      expect(rest.moved.map((b) => b.key), name).toEqual(['2025-04-07T09:00']);
      expect(rest.booked.map((b) => [b.key, b.bookingIds]), name).toEqual([['2025-04-09T09:00', [booking.id]]]);
      const stored = await t.sql<{ key: string; start: number; version: string }>(
        `select key, round(extract(epoch from lower(period)) * 1000)::float8 as start, tzdata_version as version from ${t.table('blocks')} where series_id = $1 order by key`,
        [series.id],
      );
      for (const row of stored) {
        const kept = row.key === '2025-04-09T09:00';
        expect([row.key, Number(row.start), row.version], name).toEqual([row.key, now.get(row.key)!.start - (kept ? 3_600_000 : 0), kept ? '2022a' : tzdataVersion()]);
      }
    }
  });
});
