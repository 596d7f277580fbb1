import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, type Series } from '../../src/index.js';
import { book, cancelSeries, type ExtendHorizonSummary, extendHorizon, regenerate, saveManySeries } from '../../src/postgres/index.js';
import { useMigratedDatabase } from './fixtures.js';

// Real server only: the nightly job running at the same time as another run of itself
// and as regenerate, cancelSeries and book, each on a connection of its own. Whatever
// the interleaving, every stored series keeps the no-gap invariant: its live blocks are
// exactly its occurrences from its start up to its horizon (and the cancel point).

const id = (i: number): string => `s-${String(i).padStart(3, '0')}`;
const resourceOf = (seriesId: string): string => `room-${seriesId}`;
const original = (seriesId: string): Series => defineSeries({ id: seriesId, timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily' } });
const edited = (seriesId: string): Series => defineSeries({ id: seriesId, timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '11:00', endTime: '12:00', repeat: { freq: 'daily' } });
const ms = (iso: string): number => Date.parse(iso);

interface StoredSeries {
  id: string;
  horizon: number;
  cancelled: number;
  specFrom: number;
}

describe('extendHorizon racing itself, regenerate, cancelSeries and book (real server)', () => {
  // Emptied after each test; one connection per call, so every call is in flight at once.
  const t = useMigratedDatabase();
  let pool: pg.Pool;
  beforeAll(() => {
    expect(t.kind).toBe('postgres');
    pool = new pg.Pool({ connectionString: t.url, max: 12 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  async function saveAll(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, (_, i) => id(i));
    await saveManySeries(pool, ids.map((seriesId) => ({ series: original(seriesId), resource: resourceOf(seriesId), window: { to: '2025-01-03T00:00:00Z' } })), t.options);
    return ids;
  }

  async function storedSeries(): Promise<StoredSeries[]> {
    const epoch = (column: string) => `round(extract(epoch from ${column}) * 1000)::float8`;
    const rows = await t.sql<{ id: string; horizon: number; cancelled: number | null; spec_from: number | null }>(
      `select id, ${epoch('materialized_until')} as horizon, ${epoch('cancelled_from')} as cancelled, ${epoch('spec_from')} as spec_from from ${t.table('series')} order by id`,
    );
    return rows.map((row) => ({
      id: row.id,
      horizon: Number(row.horizon),
      cancelled: row.cancelled === null ? Infinity : Number(row.cancelled),
      specFrom: row.spec_from === null ? -Infinity : Number(row.spec_from),
    }));
  }

  /** The oracle: the original spec before the edit point, the edited one from there, up to the horizon and the cancel point. */
  async function expectNoGaps(isEdited: (seriesId: string) => boolean): Promise<void> {
    const live = await t.sql<{ series_id: string; key: string }>(`select series_id, key from ${t.table('blocks')} where status <> 'cancelled' order by series_id, lower(period)`);
    const bySeries = new Map<string, string[]>();
    for (const row of live) bySeries.set(row.series_id, [...(bySeries.get(row.series_id) ?? []), row.key]);
    for (const series of await storedSeries()) {
      const end = Math.min(series.horizon, series.cancelled);
      const before = expand(original(series.id), { to: end }).filter((block) => block.start < series.specFrom);
      const after = isEdited(series.id) ? expand(edited(series.id), { to: end }).filter((block) => block.start >= series.specFrom) : [];
      const expected = isEdited(series.id) ? [...before, ...after] : expand(original(series.id), { to: end });
      expect({ id: series.id, keys: bySeries.get(series.id) ?? [] }).toEqual({ id: series.id, keys: expected.map((block) => block.key) });
    }
    const past = await t.sql<{ n: number }>(
      `select count(*)::int as n from ${t.table('blocks')} b join ${t.table('series')} s on s.id = b.series_id where lower(b.period) >= s.materialized_until`,
    );
    expect(past[0]!.n).toBe(0);
  }

  /** Added per series over several summaries; each series reported at most once per summary. */
  function addedPerSeries(summaries: readonly ExtendHorizonSummary[]): Map<string, number> {
    const total = new Map<string, number>();
    for (const summary of summaries) {
      expect(summary.conflicts).toEqual([]);
      expect(summary.failed).toEqual([]);
      const ids = summary.extended.map((e) => e.seriesId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { seriesId, added } of summary.extended) total.set(seriesId, (total.get(seriesId) ?? 0) + added);
    }
    return total;
  }

  it('three runs at once (two horizons, small batches): every block written once, every series at the furthest horizon', async () => {
    const ids = await saveAll(300);
    const runs = await Promise.all([
      extendHorizon(pool, { ...t.options, until: '2025-01-08T00:00:00Z', batchSize: 25 }),
      extendHorizon(pool, { ...t.options, until: '2025-01-10T00:00:00Z', batchSize: 40 }),
      extendHorizon(pool, { ...t.options, until: '2025-01-10T00:00:00Z', batchSize: 2000 }),
    ]);
    const total = addedPerSeries(runs);
    expect([...total.keys()].sort()).toEqual(ids);
    for (const seriesId of ids) expect(total.get(seriesId)).toBe(7);
    for (const series of await storedSeries()) expect(series.horizon).toBe(ms('2025-01-10T00:00:00Z'));
    await expectNoGaps(() => false);
  });

  it('racing regenerate, cancelSeries and book on the same series: no gap, nothing past a horizon or cancel point, every booking kept', async () => {
    for (let round = 0; round < 3; round++) {
      await t.sql(`delete from ${t.table('bookings')}`);
      await t.sql(`delete from ${t.table('series')}`);
      const ids = await saveAll(200);
      const cancelled = ids.filter((_, i) => i % 10 === 3);
      const regenerated = ids.filter((_, i) => i % 7 === 2 && i % 10 !== 3);
      const booked = ids.filter((_, i) => i % 5 === 1 && i % 7 !== 2 && i % 10 !== 3);
      const others = [
        ...cancelled.map((seriesId) => () => cancelSeries(pool, seriesId, { ...t.options, from: '2025-01-12T00:00:00Z' })),
        ...regenerated.map((seriesId) => () => regenerate(pool, edited(seriesId), { ...t.options, from: '2025-01-02T00:00:00Z' })),
        ...booked.map((seriesId) => () => book(pool, { ...t.options, resource: resourceOf(seriesId), start: '2025-01-02T08:15:00Z', end: '2025-01-02T08:45:00Z' })),
      ].sort(() => Math.random() - 0.5);
      const [jobs, results] = await Promise.all([
        Promise.all([
          extendHorizon(pool, { ...t.options, until: '2025-01-20T00:00:00Z', batchSize: 20 }),
          extendHorizon(pool, { ...t.options, until: '2025-01-20T00:00:00Z', batchSize: 50 }),
        ]),
        Promise.all(others.map(async (call, i) => {
          await new Promise((resolve) => setTimeout(resolve, i % 5));
          return call();
        })),
      ]);
      expect(results).toHaveLength(cancelled.length + regenerated.length + booked.length);
      addedPerSeries(jobs);
      await expectNoGaps((seriesId) => regenerated.includes(seriesId));
      for (const series of await storedSeries()) {
        expect(series.horizon).toBe(cancelled.includes(series.id) && series.horizon !== ms('2025-01-20T00:00:00Z') ? ms('2025-01-12T00:00:00Z') : ms('2025-01-20T00:00:00Z'));
        if (regenerated.includes(series.id)) expect(series.specFrom).toBe(ms('2025-01-02T00:00:00Z'));
      }
      const bookings = await t.sql<{ resource: string }>(`select resource from ${t.table('bookings')} where status = 'live' order by resource`);
      expect(bookings.map((b) => b.resource)).toEqual(booked.map(resourceOf));
    }
  });
});
