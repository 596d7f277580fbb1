import { describe, expect, it } from 'vitest';
import { expand, InvalidArgumentError, SeriesValidationError } from '../../src/index.js';
import { BlockConflictError, regenerate, saveManySeries, saveSeries } from '../../src/postgres/index.js';
import { blockRowsSql, type BlockRowView, dailySeries, useMigratedDatabase } from './fixtures.js';

const window = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };

describe('saveManySeries', () => {
  const t = useMigratedDatabase();

  const rows = (seriesId: string) => t.sql<BlockRowView>(blockRowsSql(t.table('blocks')), [seriesId]);
  const seriesIds = async () => (await t.sql<{ id: string }>(`select id from ${t.table('series')} order by id`)).map((row) => row.id);
  const entries = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ series: dailySeries(`m${i}`, '2025-03-01', '09:00', '10:00'), resource: `room-${i}`, window }));

  it('stores every series and exactly the rows saveSeries would, in entry order', async () => {
    const list = entries(5);
    const results = await saveManySeries(t.db, list, t.options);
    expect(results).toEqual(list.map(({ series }) => ({ seriesId: series.id, created: true, blocks: 31, added: 31 })));
    for (const { series } of list) {
      expect((await rows(series.id)).map(({ key, start, end }) => ({ key, start, end }))).toEqual(
        expand(series, window).map(({ key, start, end }) => ({ key, start, end })),
      );
    }
    const [row] = await t.sql<{ resource: string; open_ended: boolean; until: Date }>(
      `select resource, open_ended, materialized_until as until from ${t.table('series')} where id = 'm3'`,
    );
    expect(row).toEqual({ resource: 'room-3', open_ended: true, until: new Date(window.to) });
  });

  it('is idempotent, per series: a re-run adds nothing and touches no row; a wider window adds the missing blocks', async () => {
    await saveManySeries(t.db, entries(3), t.options);
    const before = await t.sql(`select id, xmin::text, ctid::text from ${t.table('blocks')} order by id`);
    const again = await saveManySeries(t.db, entries(3), t.options);
    expect(again.map((r) => [r.created, r.added])).toEqual([
      [false, 0],
      [false, 0],
      [false, 0],
    ]);
    expect(await t.sql(`select id, xmin::text, ctid::text from ${t.table('blocks')} order by id`)).toEqual(before);
    // One new series, one already stored with a wider window.
    const wider = await saveManySeries(
      t.db,
      [
        { ...entries(1)[0]!, window: { ...window, to: '2025-04-03T00:00:00Z' } },
        { series: dailySeries('fresh', '2025-03-01', '09:00', '10:00', 2), resource: 'room-fresh' },
      ],
      t.options,
    );
    expect(wider).toEqual([
      { seriesId: 'm0', created: false, blocks: 33, added: 2 },
      { seriesId: 'fresh', created: true, blocks: 2, added: 2 },
    ]);
  });

  it('a clash with a stored block: BlockConflictError naming both blocks, and nothing of the call is written', async () => {
    await saveSeries(t.db, dailySeries('stored', '2025-03-10', '09:30', '10:30', 1), { ...t.options, resource: 'room-2' });
    const error = await saveManySeries(t.db, entries(4), t.options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlockConflictError);
    const conflict = error as BlockConflictError;
    expect([conflict.block.seriesId, conflict.block.key, conflict.resource]).toEqual(['m2', '2025-03-10T09:00', 'room-2']);
    expect(conflict.existing).toMatchObject({ seriesId: 'stored', key: '2025-03-10T09:30', resource: 'room-2', status: 'open' });
    expect(await seriesIds()).toEqual(['stored']);
    expect(await t.sql(`select count(*)::int as n from ${t.table('blocks')}`)).toEqual([{ n: 1 }]);
  });

  it('two entries that overlap on one resource clash with each other, before any SQL', async () => {
    const error = await saveManySeries(
      t.db,
      [
        { series: dailySeries('a', '2025-03-01', '09:00', '10:00', 3), resource: 'shared' },
        { series: dailySeries('b', '2025-03-03', '09:30', '10:30', 3), resource: 'shared' },
      ],
      t.options,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlockConflictError);
    expect([(error as BlockConflictError).block.seriesId, (error as BlockConflictError).existing.seriesId]).toEqual(['b', 'a']);
    expect(await seriesIds()).toEqual([]);
  });

  it('keeps saveSeries semantics after an edit: blocks before regenerate\'s from do not come back', async () => {
    const daily = dailySeries('edit', '2025-03-01', '09:00', '10:00');
    await saveManySeries(t.db, [{ series: daily, resource: 'room-e', window: { to: '2025-03-06T00:00:00Z' } }], t.options);
    const edited = dailySeries('edit', '2025-03-01', '13:00', '14:00');
    await regenerate(t.db, edited, { ...t.options, from: '2025-03-04T00:00:00Z' });
    const again = await saveManySeries(t.db, [{ series: edited, resource: 'room-e', window: { to: '2025-03-06T00:00:00Z' } }], t.options);
    expect(again).toEqual([{ seriesId: 'edit', created: false, blocks: 2, added: 0 }]);
  });

  it('bad entries are typed errors naming the entry, and nothing is written', async () => {
    const invalid = async (call: Promise<unknown>, field: string) => {
      const error = await call.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe(field);
    };
    const [first, second] = entries(2);
    await invalid(saveManySeries(t.db, 'nope' as never, t.options), 'entries');
    await invalid(saveManySeries(t.db, [first!, null as never], t.options), 'entries[1]');
    await invalid(saveManySeries(t.db, [first!, { ...second!, resource: '' }], t.options), 'entries[1].resource');
    await invalid(saveManySeries(t.db, [first!, { ...second!, window: {} }], t.options), 'entries[1].window.to');
    await invalid(saveManySeries(t.db, [first!, { ...first!, resource: 'other' }], t.options), 'entries[1].series');
    await saveSeries(t.db, first!.series, { ...t.options, resource: 'room-0', window });
    await invalid(saveManySeries(t.db, [second!, { ...first!, resource: 'elsewhere' }], t.options), 'entries[1].resource');
    await invalid(saveManySeries(t.db, [second!, { ...first!, series: dailySeries('m0', '2025-03-01', '11:00', '12:00') }], t.options), 'entries[1].series');
    await expect(saveManySeries(t.db, [second!, { series: { id: 'bad' } as never, resource: 'r' }], t.options)).rejects.toBeInstanceOf(SeriesValidationError);
    expect(await seriesIds()).toEqual(['m0']);
    expect(await saveManySeries(t.db, [], t.options)).toEqual([]);
  });
});
