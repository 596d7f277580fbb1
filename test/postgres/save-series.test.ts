import { describe, expect, it } from 'vitest';
import { defineSeries, expand, ExpansionLimitError, InvalidArgumentError, SeriesValidationError, tzdataVersion } from '../../src/index.js';
import { BlockConflictError, saveSeries } from '../../src/postgres/index.js';
import { insertBlocks } from '../../src/postgres/insert-blocks.js';
import { sqlNames } from '../../src/postgres/schema-options.js';
import { inTransaction } from '../../src/postgres/transaction.js';
import { blockRowsSql, type BlockRowView, dailySeries, useMigratedDatabase } from './fixtures.js';

const window = { from: '2025-03-01T00:00:00Z', to: '2025-05-01T00:00:00Z' };

describe('saveSeries', () => {
  const t = useMigratedDatabase();

  const rows = (seriesId: string) => t.sql<BlockRowView>(blockRowsSql(t.table('blocks')), [seriesId]);
  const seriesIds = async () => (await t.sql<{ id: string }>(`select id from ${t.table('series')} order by id`)).map((row) => row.id);

  it('stores rows that match expand exactly, across the DST change, with the tz version', async () => {
    const series = dailySeries('standup', '2025-03-20', '02:30', '03:30'); // 30 March: the gap
    const result = await saveSeries(t.db, series, { ...t.options, resource: 'room-1', window });
    const expected = expand(series, window);
    expect(result).toEqual({ seriesId: 'standup', created: true, blocks: expected.length, added: expected.length });
    const stored = await rows('standup');
    expect(stored.map(({ seriesId, key, start, end }) => ({ seriesId, key, start, end }))).toEqual(
      expected.map(({ seriesId, key, start, end }) => ({ seriesId, key, start, end })),
    );
    expect(new Set(stored.map((row) => `${row.status} ${row.locked} ${row.tzdata_version}`))).toEqual(new Set([`open false ${tzdataVersion()}`]));
    const [spec] = await t.sql<{ spec: unknown; resource: string; open_ended: boolean }>(
      `select spec, resource, open_ended from ${t.table('series')} where id = 'standup'`,
    );
    expect(spec).toEqual({ spec: JSON.parse(JSON.stringify(series)), resource: 'room-1', open_ended: true });
    const adjusted = await t.sql<{ key: string; adjusted: unknown }>(`select key, adjusted from ${t.table('blocks')} where adjusted is not null`);
    expect(adjusted).toEqual([{ key: '2025-03-30T02:30', adjusted: { start: 'shifted', end: 'rebuilt' } }]);
  });

  it('is idempotent: a re-run adds nothing and leaves every row as it was', async () => {
    const series = dailySeries('s', '2025-03-01', '09:00', '10:00', 20);
    await saveSeries(t.db, series, { ...t.options, resource: 'room-1' });
    const before = await t.sql(`select id, xmin::text, ctid::text from ${t.table('blocks')} order by id`);
    const again = await saveSeries(t.db, series, { ...t.options, resource: 'room-1' });
    expect(again).toEqual({ seriesId: 's', created: false, blocks: 20, added: 0 });
    expect(await t.sql(`select id, xmin::text, ctid::text from ${t.table('blocks')} order by id`)).toEqual(before);
  });

  it('a wider window adds only the missing blocks and moves the horizon', async () => {
    const series = dailySeries('open', '2025-03-01', '09:00', '10:00');
    await saveSeries(t.db, series, { ...t.options, resource: 'r', window: { to: '2025-03-11T00:00:00Z' } });
    const wider = await saveSeries(t.db, series, { ...t.options, resource: 'r', window: { to: '2025-03-21T00:00:00Z' } });
    expect(wider).toMatchObject({ blocks: 20, added: 10 });
    expect((await rows('open')).map((row) => row.key)).toEqual(expand(series, { to: '2025-03-21T00:00:00Z' }).map((block) => block.key));
    const [row] = await t.sql<{ until: string }>(`select to_char(materialized_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as until from ${t.table('series')}`);
    expect(row?.until).toBe('2025-03-21 00:00');
  });

  it('a clash raises BlockConflictError with the stored row it hit, and writes nothing at all', async () => {
    await saveSeries(t.db, dailySeries('first', '2025-03-10', '09:00', '10:00', 5), { ...t.options, resource: 'room-1' });
    const second = dailySeries('second', '2025-03-01', '09:30', '10:30', 12); // first overlap on 10 March
    const error = await saveSeries(t.db, second, { ...t.options, resource: 'room-1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlockConflictError);
    const conflict = error as BlockConflictError;
    const firstBlocks = expand(dailySeries('first', '2025-03-10', '09:00', '10:00', 5));
    const secondBlocks = expand(second);
    expect(conflict.block).toEqual(secondBlocks.find((block) => block.key === '2025-03-10T09:30'));
    expect(conflict.resource).toBe('room-1');
    expect(conflict.existing).toEqual({
      seriesId: 'first',
      key: '2025-03-10T09:00',
      resource: 'room-1',
      start: firstBlocks[0]!.start,
      end: firstBlocks[0]!.end,
      status: 'open',
    });
    expect(conflict.message).toBe(
      'Block second 2025-03-10T09:30 [2025-03-10T08:30:00.000Z, 2025-03-10T09:30:00.000Z) overlaps open block ' +
        'first 2025-03-10T09:00 [2025-03-10T08:00:00.000Z, 2025-03-10T09:00:00.000Z) on resource "room-1"',
    );
    expect(await seriesIds()).toEqual(['first']);
    expect(await rows('second')).toEqual([]);
  });

  it('other resources and cancelled blocks do not clash; touching blocks do not overlap', async () => {
    await saveSeries(t.db, dailySeries('a', '2025-03-01', '09:00', '10:00', 3), { ...t.options, resource: 'room-1' });
    await saveSeries(t.db, dailySeries('b', '2025-03-01', '09:00', '10:00', 3), { ...t.options, resource: 'room-2' });
    await saveSeries(t.db, dailySeries('c', '2025-03-01', '10:00', '11:00', 3), { ...t.options, resource: 'room-1' });
    await t.sql(`update ${t.table('blocks')} set status = 'cancelled' where series_id = 'a'`);
    const d = await saveSeries(t.db, dailySeries('d', '2025-03-01', '09:00', '10:00', 3), { ...t.options, resource: 'room-1' });
    expect(d.added).toBe(3);
  });

  it('a series that overlaps itself is a BlockConflictError naming its own earlier block', async () => {
    const long = defineSeries({ id: 'long', timezone: 'UTC', start: '2025-03-01', startTime: '09:00', duration: 'PT25H', repeat: { freq: 'daily', count: 3 } });
    const error = (await saveSeries(t.db, long, { ...t.options, resource: 'r' }).catch((caught: unknown) => caught)) as BlockConflictError;
    expect(error).toBeInstanceOf(BlockConflictError);
    expect([error.block.key, error.existing.key, error.existing.seriesId]).toEqual(['2025-03-02T09:00', '2025-03-01T09:00', 'long']);
    expect(await seriesIds()).toEqual([]);
  });

  it('a stored id with another spec or resource is an error; nothing changes', async () => {
    const series = dailySeries('s', '2025-03-01', '09:00', '10:00', 3);
    await saveSeries(t.db, series, { ...t.options, resource: 'room-1' });
    await expect(saveSeries(t.db, series, { ...t.options, resource: 'room-2' })).rejects.toThrow(
      'resource: series "s" is stored on resource "room-1", not "room-2"',
    );
    const edited = dailySeries('s', '2025-03-01', '09:00', '11:00', 3);
    await expect(saveSeries(t.db, edited, { ...t.options, resource: 'room-1' })).rejects.toThrow(
      'series: a different series with id "s" is stored; apply edits with regenerate',
    );
    expect((await rows('s')).map((row) => row.end - row.start)).toEqual([3_600_000, 3_600_000, 3_600_000]);
  });

  it.each([
    ['resource', { resource: '' }, 'resource: expected a non-empty string, got an empty string'],
    ['resource', {}, 'resource: expected a non-empty string, got undefined'],
    ['window.to', { resource: 'r', window: { from: '2025-03-01T00:00:00Z' } }, 'window.to: series "open" never ends, so the window needs an end'],
    ['window.to', { resource: 'r', window: { from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' } }, 'window.to: must be after window.from'],
    ['window.from', { resource: 'r', window: { from: '2025-03-01', to: '2025-04-01T00:00:00Z' } }, 'window.from: "2025-03-01" has no UTC offset'],
    ['window.to', { resource: 'r', window: { to: Number.NaN } }, 'window.to: NaN is not a finite number'],
    ['window', { resource: 'r', window: 'soon' }, 'window: expected an object'],
    ['limit', { resource: 'r', window, limit: 0 }, 'limit: 0 is not a positive integer'],
    ['schema', { resource: 'r', window, schema: '' }, 'schema: must not be empty'],
  ])('bad input names the field: %s (%j)', async (field, options, message) => {
    const error = await saveSeries(t.db, dailySeries('open', '2025-03-01', '09:00', '10:00'), { ...t.options, ...options } as never).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect((error as Error).message).toContain(message);
    expect(await seriesIds()).toEqual([]);
  });

  it('an invalid series is a SeriesValidationError; too many blocks an ExpansionLimitError', async () => {
    await expect(saveSeries(t.db, { id: 'x' } as never, { ...t.options, resource: 'r' })).rejects.toThrow(SeriesValidationError);
    await expect(saveSeries(t.db, dailySeries('many', '2025-03-01', '09:00', '10:00', 50), { ...t.options, resource: 'r', limit: 10 })).rejects.toThrow(
      ExpansionLimitError,
    );
    await expect(saveSeries(t.db, dailySeries('x', '2025-03-01', '09:00', '10:00', 1), null as never)).rejects.toThrow('options: expected an object');
    expect(await seriesIds()).toEqual([]);
  });

  it('instants round-trip exactly in milliseconds, from year 1 to year 9999', async () => {
    const names = sqlNames(t.options);
    // A block's resource is its series' (the foreign key is (series_id, resource)).
    const resource = `r${Math.random()}`;
    await t.sql(`insert into ${t.table('series')} (id, resource, spec, open_ended) values ('ms', $1, '{}', false)`, [resource]);
    const instants = [1, 999, 1_743_298_200_001, -62_135_596_800_000, 253_402_300_799_998, 10_413_792_000_123, -1];
    const blocks = instants.map((start, i) => ({ seriesId: 'ms', key: `k${i}`, start, end: start + 1 }));
    const added = await inTransaction(t.db, (tx) => insertBlocks(tx, names, 'ms', resource, blocks));
    expect(added).toBe(instants.length);
    const stored = await t.sql<{ key: string; start: number; end: number }>(
      `select key, round(extract(epoch from lower(period)) * 1000)::float8 as start, round(extract(epoch from upper(period)) * 1000)::float8 as "end"
         from ${t.table('blocks')} where series_id = 'ms' order by key`,
    );
    expect(stored).toEqual(blocks.map(({ key, start, end }) => ({ key, start, end })).sort((a, b) => (a.key < b.key ? -1 : 1)));
  });
});
