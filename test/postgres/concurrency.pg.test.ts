import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, type Series } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { BlockConflictError, migrate, saveSeries } from '../../src/postgres/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

// Real server only: PGlite has one connection, so nothing there ever runs concurrently.

const resource = 'room-1';
const window = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };

/** Five daily one-hour blocks, local `time` in Berlin, from `start`. */
function daily(id: string, start: string, startTime: string, endTime: string): Series {
  return defineSeries({ id, timezone: 'Europe/Berlin', start, startTime, endTime, repeat: { freq: 'daily', count: 5 } });
}

/** 20 series in 10 clashing pairs: a pair overlaps by 30 minutes, pairs never touch each other. */
function clashingPairs(): Array<[Series, Series]> {
  return Array.from({ length: 10 }, (_, pair) => {
    // Pair p owns the week of 2025-03-(3 + 7p) … (disjoint from every other pair's days).
    const day = new Date(Date.UTC(2025, 2, 3 + 7 * pair)).toISOString().slice(0, 10);
    return [daily(`pair-${pair}-a`, day, '09:00', '10:00'), daily(`pair-${pair}-b`, day, '09:30', '10:30')];
  });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

describe('concurrent saveSeries on a real server', () => {
  let t: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    t = await openTestDatabase();
    expect(t.kind).toBe('postgres');
    await migrate(t.db, t.options);
    // One connection per call, so all 20 transactions are in flight at once.
    pool = new pg.Pool({ connectionString: t.url, max: 20 });
  });
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });
  afterEach(async () => {
    await t.sql(`delete from ${t.table('blocks')}`);
    await t.sql(`delete from ${t.table('series')}`);
  });

  async function liveOverlapCount(): Promise<number> {
    const rows = await t.sql<{ n: number }>(
      `select count(*)::int as n
         from ${t.table('blocks')} a
         join ${t.table('blocks')} b
           on a.resource = b.resource and a.period && b.period and (a.series_id, a.key) < (b.series_id, b.key)
        where a.status <> 'cancelled' and b.status <> 'cancelled'`,
    );
    return rows[0]!.n;
  }

  async function storedKeys(seriesId: string): Promise<string[]> {
    const rows = await t.sql<{ key: string }>(`select key from ${t.table('blocks')} where series_id = $1 order by key`, [seriesId]);
    return rows.map((row) => row.key);
  }

  async function storedSeries(): Promise<string[]> {
    const rows = await t.sql<{ id: string }>(`select id from ${t.table('series')} order by id`);
    return rows.map((row) => row.id);
  }

  it('20 calls in 10 clashing pairs: one winner per pair, every loser a BlockConflictError, no overlap stored', async () => {
    const pairs = clashingPairs();
    const all = pairs.flat();
    // Sanity of the fixture: each series clashes with its partner and with nobody else.
    for (const [i, a] of all.entries()) {
      for (const [j, b] of all.entries()) {
        if (i >= j) continue;
        const clash = expand(a, window).some((x) => expand(b, window).some((y) => overlaps(x, y)));
        expect(clash).toBe(Math.floor(i / 2) === Math.floor(j / 2));
      }
    }

    const results = await Promise.allSettled(all.map((series) => saveSeries(pool, series, { ...t.options, resource, window })));
    // The pool only opens a connection when every open one is busy: 20 means 20 at once.
    expect(pool.totalCount).toBe(20);

    const winners: string[] = [];
    for (const [pair, [a, b]] of pairs.entries()) {
      const [ra, rb] = [results[2 * pair]!, results[2 * pair + 1]!];
      const outcomes = [ra.status, rb.status].sort();
      expect(outcomes, `pair ${pair}`).toEqual(['fulfilled', 'rejected']);
      const [winner, loser, lost] = ra.status === 'fulfilled' ? [a, b, rb] : [b, a, ra];
      winners.push(winner.id);
      const error = (lost as PromiseRejectedResult).reason;
      expect(error, `pair ${pair}`).toBeInstanceOf(BlockConflictError);
      const conflict = error as BlockConflictError;
      // It names the loser's block and the winner's stored row that it hit, which really overlap.
      expect(conflict.block.seriesId).toBe(loser.id);
      expect(conflict.existing.seriesId).toBe(winner.id);
      expect(overlaps(conflict.block, conflict.existing)).toBe(true);
      expect(await storedKeys(loser.id)).toEqual([]);
      expect(await storedKeys(winner.id)).toEqual(expand(winner, window).map((block) => block.key));
    }
    expect(await storedSeries()).toEqual(winners.sort());
    expect(await liveOverlapCount()).toBe(0);
  });

  it('20 calls that all clash with each other: exactly one winner', async () => {
    const all = Array.from({ length: 20 }, (_, i) => daily(`same-${String(i).padStart(2, '0')}`, '2025-06-02', '09:00', `10:${String(i).padStart(2, '0')}`));
    const results = await Promise.allSettled(all.map((series) => saveSeries(pool, series, { ...t.options, resource, window })));

    const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [all[i]!.id] : []));
    expect(won).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(BlockConflictError);
    }
    expect(await storedSeries()).toEqual(won);
    expect(await storedKeys(won[0]!)).toHaveLength(5);
    expect(await liveOverlapCount()).toBe(0);
  });
});

/**
 * A fresh database (so even `create extension btree_gist` races) when the server lets us
 * create one, as on the throwaway cluster; otherwise, on a DATABASE_URL without CREATEDB,
 * a fresh schema in the given database.
 */
async function freshMigrateTarget(t: TestDatabase, round: number): Promise<{ url: string; dropDatabase?: () => Promise<void> }> {
  const name = `tb_migrate_${process.pid}_${round}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await t.sql(`create database ${name}`);
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return { url: t.url! };
    throw error;
  }
  const url = new URL(t.url!);
  url.pathname = `/${name}`;
  return { url: url.toString(), dropDatabase: async () => void (await t.sql(`drop database ${name} with (force)`)) };
}

describe('concurrent migrate on a real server', () => {
  it('two processes migrating the same fresh database at once both succeed, five times over', async () => {
    const t = await openTestDatabase();
    try {
      for (let round = 0; round < 5; round++) {
        const target = await freshMigrateTarget(t, round);
        // Two separate connections, like two app instances starting together.
        const clients = [0, 1, 2].map(() => new pg.Client({ connectionString: target.url }));
        try {
          await Promise.all(clients.map((client) => client.connect()));
          const [first, second, check] = clients as [pg.Client, pg.Client, pg.Client];
          await Promise.all([migrate(first, t.options), migrate(second, t.options)]);
          // The schema is complete and usable, and a third run is still a no-op.
          await migrate(check, t.options);
          await saveSeries(check, daily('after-migrate', '2025-06-02', '09:00', '10:00'), { ...t.options, resource, window });
          const { rows } = await check.query<{ n: number }>(`select count(*)::int as n from ${t.table('blocks')}`);
          expect(rows[0]!.n).toBe(5);
          const extension = await check.query("select 1 from pg_extension where extname = 'btree_gist'");
          expect(extension.rowCount).toBe(1);
          if (target.dropDatabase === undefined) await check.query(`drop schema ${quoteIdentifier(t.options.schema)} cascade`);
        } finally {
          await Promise.all(clients.map((client) => client.end()));
          await target.dropDatabase?.();
        }
      }
    } finally {
      await t.close();
    }
  });
});
