import { describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError, type Series, SeriesValidationError } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { BlockConflictError, DatabaseError, extendHorizon, saveManySeries, saveSeries, withTransaction } from '../../src/postgres/index.js';
import { dailySeries, useMigratedDatabase } from './fixtures.js';

// The set-based nightly job: batches of due series, one transaction each, and a series
// that fails isolated from the rest of its batch. Each extended series row carries the
// xmin of the transaction that moved its horizon, which counts the job's transactions.

const id = (i: number): string => `series-${String(i).padStart(4, '0')}`;

describe('extendHorizon in batches', () => {
  const t = useMigratedDatabase();

  /** `n` never-ending daily 09:00–10:00 Berlin series from 1 Jan, each on its own resource, stored up to 3 Jan. */
  async function saveDaily(n: number): Promise<Series[]> {
    const all = Array.from({ length: n }, (_, i) => dailySeries(id(i), '2025-01-01', '09:00', '10:00'));
    await saveManySeries(
      t.db,
      all.map((series) => ({ series, resource: `room-${series.id}`, window: { to: '2025-01-03T00:00:00Z' } })),
      t.options,
    );
    return all;
  }

  /** Transactions that moved the horizons of these series (each row's xmin). */
  async function transactionsOf(ids: readonly string[]): Promise<number> {
    const rows = await t.sql<{ n: number }>(`select count(distinct xmin::text)::int as n from ${t.table('series')} where id = any($1::text[])`, [ids]);
    return rows[0]!.n;
  }

  async function storedKeys(seriesId: string): Promise<string[]> {
    const rows = await t.sql<{ key: string }>(`select key from ${t.table('blocks')} where series_id = $1 order by lower(period)`, [seriesId]);
    return rows.map((row) => row.key);
  }

  it('a poison series, a clash and a broken spec in the middle of a batch of 1 000: each reported, the other 997 extended', async () => {
    const all = await saveDaily(1000);
    // 0250: its stored spec no longer validates; 0500: a trigger refuses its rows (any SQLSTATE); 0750: a clash.
    await t.sql(`update ${t.table('series')} set spec = jsonb_set(spec, '{timezone}', '"Mars/Olympus"') where id = $1`, [id(250)]);
    const fn = `${quoteIdentifier(t.options.schema)}.poison`;
    await t.sql(`create function ${fn}() returns trigger language plpgsql as $$ begin if new.series_id = 'series-0500' then raise sqlstate '22P02' using message = 'poisoned'; end if; return new; end $$`);
    await t.sql(`create trigger poison before insert on ${t.table('blocks')} for each row execute function ${fn}()`);
    await saveSeries(t.db, dailySeries('visit', '2025-01-04', '09:30', '10:30', 1), { ...t.options, resource: `room-${id(750)}` });

    const summary = await extendHorizon(t.db, { ...t.options, until: '2025-01-06T00:00:00Z' });

    const good = all.map((series) => series.id).filter((seriesId) => ![id(250), id(500), id(750)].includes(seriesId));
    expect(summary.extended).toEqual(good.map((seriesId) => ({ seriesId, added: 3 })));
    expect(summary.conflicts).toHaveLength(1);
    expect(summary.conflicts[0]).toBeInstanceOf(BlockConflictError);
    expect([summary.conflicts[0]!.block.seriesId, summary.conflicts[0]!.block.key, summary.conflicts[0]!.existing.seriesId]).toEqual([id(750), '2025-01-04T09:00', 'visit']);
    expect(summary.failed.map((f) => [f.seriesId, f.error.constructor.name])).toEqual([
      [id(250), SeriesValidationError.name],
      [id(500), DatabaseError.name],
    ]);
    expect((summary.failed[1]!.error as DatabaseError).sqlState).toBe('22P02');

    const expected = expand(all[0]!, { to: '2025-01-06T00:00:00Z' }).map((block) => block.key);
    for (const seriesId of [id(0), id(499), id(501), id(999)]) expect(await storedKeys(seriesId)).toEqual(expected);
    for (const seriesId of [id(250), id(500), id(750)]) expect(await storedKeys(seriesId)).toEqual(expected.slice(0, 2));
    const horizons = await t.sql<{ id: string; ms: number }>(
      `select id, round(extract(epoch from materialized_until) * 1000)::float8 as ms from ${t.table('series')} where id = any($1::text[]) order by id`,
      [[id(0), id(500), id(750)]],
    );
    expect(horizons.map((h) => [h.id, new Date(Number(h.ms)).toISOString()])).toEqual([
      [id(0), '2025-01-06T00:00:00.000Z'],
      [id(500), '2025-01-03T00:00:00.000Z'],
      [id(750), '2025-01-03T00:00:00.000Z'],
    ]);
    // Halving isolates the two SQL failures in a few dozen transactions, not one per series.
    expect(await transactionsOf(good)).toBeLessThanOrEqual(2 * 2 * Math.ceil(Math.log2(1000)));

    // Once the causes are gone, the next run catches them up and leaves the others alone.
    await t.sql(`drop trigger poison on ${t.table('blocks')}`);
    await t.sql(`delete from ${t.table('series')} where id = 'visit'`);
    const again = await extendHorizon(t.db, { ...t.options, until: '2025-01-06T00:00:00Z' });
    expect(again.extended).toEqual([
      { seriesId: id(500), added: 3 },
      { seriesId: id(750), added: 3 },
    ]);
    expect(again.failed.map((f) => f.seriesId)).toEqual([id(250)]);
  });

  it('without failures, one transaction per batch; pages by id across batches, each series once', async () => {
    const all = await saveDaily(25);
    const summary = await extendHorizon(t.db, { ...t.options, until: '2025-01-05T00:00:00Z', batchSize: 4 });
    expect(summary).toEqual({ extended: all.map((series) => ({ seriesId: series.id, added: 2 })), conflicts: [], failed: [] });
    // 25 series in batches of 4: seven transactions, batch i holding ids 4i … 4i+3.
    expect(await transactionsOf(all.map((series) => series.id))).toBe(7);
    for (let batch = 0; batch < 7; batch++) expect(await transactionsOf(all.slice(4 * batch, 4 * batch + 4).map((series) => series.id))).toBe(1);

    const bigger = await extendHorizon(t.db, { ...t.options, until: '2025-01-07T00:00:00Z' });
    expect(await transactionsOf(all.map((series) => series.id))).toBe(1);
    expect(bigger.extended).toHaveLength(25);
    expect(await extendHorizon(t.db, { ...t.options, until: '2025-01-07T00:00:00Z', batchSize: 3 })).toEqual({ extended: [], conflicts: [], failed: [] });
  });

  it('a batch exactly as large as the due series, and failures on the pages before and after it', async () => {
    await saveDaily(12);
    await t.sql(`update ${t.table('series')} set spec = jsonb_set(spec, '{timezone}', '"Mars/Olympus"') where id = any($1::text[])`, [[id(1), id(7)]]);
    const summary = await extendHorizon(t.db, { ...t.options, until: '2025-01-04T00:00:00Z', batchSize: 6 });
    expect(summary.extended.map((e) => e.seriesId)).toEqual([0, 2, 3, 4, 5, 6, 8, 9, 10, 11].map(id));
    expect(summary.failed.map((f) => f.seriesId)).toEqual([id(1), id(7)]);
  });

  it('two series of one resource whose new blocks overlap each other: the first by id is extended, the second reported', async () => {
    await saveSeries(t.db, dailySeries('a', '2025-01-10', '09:00', '10:00'), { ...t.options, resource: 'room', window: { to: '2025-01-05T00:00:00Z' } });
    await saveSeries(t.db, dailySeries('b', '2025-01-01', '09:30', '10:30'), { ...t.options, resource: 'room', window: { to: '2025-01-05T00:00:00Z' } });
    await saveSeries(t.db, dailySeries('c', '2025-01-01', '12:00', '13:00'), { ...t.options, resource: 'room', window: { to: '2025-01-05T00:00:00Z' } });
    const summary = await extendHorizon(t.db, { ...t.options, until: '2025-01-12T00:00:00Z' });
    expect(summary.extended).toEqual([
      { seriesId: 'a', added: 2 },
      { seriesId: 'c', added: 7 },
    ]);
    expect(summary.conflicts.map((c) => [c.block.seriesId, c.block.key, c.existing.seriesId, c.existing.key])).toEqual([['b', '2025-01-10T09:30', 'a', '2025-01-10T09:00']]);
    expect(await storedKeys('b')).toHaveLength(4);
  });

  it('more new blocks in one batch than one statement carries: every one stored, counted per series', async () => {
    // 12 series × 40 days × 24 half-hour blocks = 11 520 blocks, past the 10 000 per statement.
    const hourly = Array.from({ length: 12 }, (_, i) =>
      defineSeries({ id: id(i), timezone: 'Europe/Berlin', start: '2025-01-01', startTime: '00:00', endTime: '00:30', repeat: { freq: 'hourly' } }),
    );
    await saveManySeries(t.db, hourly.map((series) => ({ series, resource: `room-${series.id}`, window: { to: '2025-01-01T00:00:00Z' } })), t.options);
    const summary = await extendHorizon(t.db, { ...t.options, until: '2025-02-10T00:00:00Z' });
    const expected = expand(hourly[0]!, { to: '2025-02-10T00:00:00Z' }).filter((block) => block.start >= Date.parse('2025-01-01T00:00:00Z'));
    expect(summary.extended).toEqual(hourly.map((series) => ({ seriesId: series.id, added: expected.length })));
    expect(12 * expected.length).toBeGreaterThan(10_000);
    const counts = await t.sql<{ n: number }>(`select count(*)::int as n from ${t.table('blocks')}`);
    expect(counts[0]!.n).toBe(12 * expected.length + 12 * expand(hourly[0]!, { to: '2025-01-01T00:00:00Z' }).length);
    expect(await storedKeys(id(11))).toEqual(expand(hourly[11]!, { to: '2025-02-10T00:00:00Z' }).map((block) => block.key));
    expect(await transactionsOf(hourly.map((series) => series.id))).toBe(1);
  });

  it('inside withTransaction: batches and halves run in savepoints of the caller\'s transaction, which decides', async () => {
    const all = await saveDaily(40);
    await t.sql(`update ${t.table('series')} set spec = jsonb_set(spec, '{timezone}', '"Mars/Olympus"') where id = $1`, [id(5)]);
    await saveSeries(t.db, dailySeries('visit', '2025-01-04', '09:30', '10:30', 1), { ...t.options, resource: `room-${id(30)}` });
    const summary = await withTransaction(t.db, (tx) => extendHorizon(tx, { ...t.options, until: '2025-01-05T00:00:00Z', batchSize: 16 }));
    expect(summary.extended.map((e) => e.seriesId)).toEqual(all.map((series) => series.id).filter((seriesId) => seriesId !== id(5) && seriesId !== id(30)));
    expect(summary.failed.map((f) => f.seriesId)).toEqual([id(5)]);
    expect(summary.conflicts.map((c) => c.block.seriesId)).toEqual([id(30)]);
    expect(await storedKeys(id(29))).toEqual(['2025-01-01T09:00', '2025-01-02T09:00', '2025-01-03T09:00', '2025-01-04T09:00']);
    expect(await storedKeys(id(30))).toEqual(['2025-01-01T09:00', '2025-01-02T09:00']);

    // Rolled back by the caller: nothing of the job stays.
    const rolledBack = await withTransaction(t.db, async (tx) => {
      await extendHorizon(tx, { ...t.options, until: '2025-01-07T00:00:00Z' });
      throw new Error('the caller changes its mind');
    }).catch((error: unknown) => error);
    expect((rolledBack as Error).message).toBe('the caller changes its mind');
    expect(await storedKeys(id(29))).toHaveLength(4);
  });

  it('names a bad batchSize before any SQL', async () => {
    for (const batchSize of [0, -1, 1.5, 10_001, Number.NaN, '5', null]) {
      const error = await extendHorizon(t.db, { ...t.options, until: '2025-01-05T00:00:00Z', batchSize: batchSize as number }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('batchSize');
      expect((error as Error).message).toMatch(/integer from 1 to 10000/);
    }
    expect(await extendHorizon(t.db, { ...t.options, until: '2025-01-05T00:00:00Z', batchSize: 10_000 })).toEqual({ extended: [], conflicts: [], failed: [] });
  });
});
