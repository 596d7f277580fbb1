import { describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError } from '../../src/index.js';
import {
  BlockConflictError,
  cancelSeries,
  extendHorizon,
  lockBlock,
  regenerate,
  saveSeries,
  setBlockStatus,
  UnexpectedBlockStatusError,
} from '../../src/postgres/index.js';
import { blockRowsSql, type BlockRowView, dailySeries, useMigratedDatabase } from './fixtures.js';

describe('cancelSeries, extendHorizon, setBlockStatus, lockBlock', () => {
  const t = useMigratedDatabase();

  const rows = (seriesId: string) => t.sql<BlockRowView>(blockRowsSql(t.table('blocks')), [seriesId]);
  const statuses = async (seriesId: string) => (await rows(seriesId)).map((row) => `${row.key.slice(5, 10)} ${row.status}${row.locked ? ' locked' : ''}`);
  const ref = (key: string) => ({ seriesId: 'daily', key });

  describe('cancelSeries', () => {
    it('cancels open, unlocked blocks from a point on, keeps booked and locked ones, and stops the series there', async () => {
      const series = dailySeries('daily', '2025-03-01', '09:00', '10:00');
      await saveSeries(t.db, series, { ...t.options, resource: 'room-1', window: { to: '2025-03-08T00:00:00Z' } });
      await setBlockStatus(t.db, ref('2025-03-05T09:00'), 'booked', t.options);
      await lockBlock(t.db, ref('2025-03-06T09:00'), t.options);
      const summary = await cancelSeries(t.db, 'daily', { ...t.options, from: '2025-03-04T00:00:00Z' });
      expect(summary).toEqual({
        seriesId: 'daily',
        cancelled: ['2025-03-04T09:00', '2025-03-07T09:00'],
        preserved: ['2025-03-05T09:00', '2025-03-06T09:00'],
        heldByBookings: [],
      });
      expect(await statuses('daily')).toEqual([
        '03-01 open',
        '03-02 open',
        '03-03 open',
        '03-04 cancelled',
        '03-05 booked',
        '03-06 open locked',
        '03-07 cancelled',
      ]);
      // Nothing is materialized past the cancel point any more.
      expect(await extendHorizon(t.db, { ...t.options, until: '2025-04-01T00:00:00Z' })).toEqual({ extended: [], conflicts: [], failed: [] });
      expect((await saveSeries(t.db, series, { ...t.options, resource: 'room-1', window: { to: '2025-04-01T00:00:00Z' } })).added).toBe(0);
      // A cancelled block frees its period.
      const other = await saveSeries(t.db, dailySeries('other', '2025-03-07', '09:00', '10:00', 1), { ...t.options, resource: 'room-1' });
      expect(other.added).toBe(1);
    });

    it('names a bad id or from', async () => {
      await expect(cancelSeries(t.db, 'nope', { ...t.options, from: '2025-03-04T00:00:00Z' })).rejects.toThrow('id: no stored series has id "nope"');
      await expect(cancelSeries(t.db, '', { ...t.options, from: '2025-03-04T00:00:00Z' })).rejects.toThrow(InvalidArgumentError);
      await expect(cancelSeries(t.db, 'daily', { ...t.options } as never)).rejects.toThrow('from: is required');
    });
  });

  describe('extendHorizon', () => {
    it('rolls every never-ending series forward, idempotently, and only those', async () => {
      const a = dailySeries('a', '2025-03-01', '09:00', '10:00');
      const b = defineSeries({ id: 'b', timezone: 'America/New_York', start: '2025-03-03', startTime: '02:30', endTime: '03:00', repeat: { freq: 'weekly' } });
      const finite = dailySeries('finite', '2025-03-01', '12:00', '13:00', 40);
      await saveSeries(t.db, a, { ...t.options, resource: 'room-1', window: { to: '2025-03-10T00:00:00Z' } });
      await saveSeries(t.db, b, { ...t.options, resource: 'room-2', window: { to: '2025-03-05T00:00:00Z' } });
      await saveSeries(t.db, finite, { ...t.options, resource: 'room-1', window: { to: '2025-03-10T00:00:00Z' } });
      const until = '2025-04-01T00:00:00Z';
      const summary = await extendHorizon(t.db, { ...t.options, until });
      expect(summary).toEqual({ extended: [{ seriesId: 'a', added: 22 }, { seriesId: 'b', added: 4 }], conflicts: [], failed: [] });
      for (const series of [a, b]) {
        const stored = (await rows(series.id)).map(({ key, start, end }) => ({ key, start, end }));
        expect(stored).toEqual(expand(series, { to: until }).map(({ key, start, end }) => ({ key, start, end })));
      }
      expect((await rows('finite')).length).toBe(9);
      const before = await t.sql(`select id, xmin::text from ${t.table('blocks')} order by id`);
      expect(await extendHorizon(t.db, { ...t.options, until })).toEqual({ extended: [], conflicts: [], failed: [] });
      expect(await extendHorizon(t.db, { ...t.options, until: '2025-03-20T00:00:00Z' })).toEqual({ extended: [], conflicts: [], failed: [] });
      expect(await t.sql(`select id, xmin::text from ${t.table('blocks')} order by id`)).toEqual(before);
    });

    it('reports a series that clashes, leaves it unchanged, and still extends the others', async () => {
      await saveSeries(t.db, dailySeries('a', '2025-03-01', '09:00', '10:00'), { ...t.options, resource: 'room-1', window: { to: '2025-03-05T00:00:00Z' } });
      await saveSeries(t.db, dailySeries('b', '2025-03-01', '09:00', '10:00'), { ...t.options, resource: 'room-2', window: { to: '2025-03-05T00:00:00Z' } });
      await saveSeries(t.db, dailySeries('visit', '2025-03-08', '09:30', '10:30', 1), { ...t.options, resource: 'room-1' });
      const summary = await extendHorizon(t.db, { ...t.options, until: '2025-03-10T00:00:00Z' });
      expect(summary.extended).toEqual([{ seriesId: 'b', added: 5 }]);
      expect(summary.conflicts).toHaveLength(1);
      expect(summary.conflicts[0]).toBeInstanceOf(BlockConflictError);
      expect([summary.conflicts[0]!.block.key, summary.conflicts[0]!.existing.seriesId]).toEqual(['2025-03-08T09:00', 'visit']);
      expect((await rows('a')).length).toBe(4);
      // Once the clash is gone, the next run catches up.
      await setBlockStatus(t.db, { seriesId: 'visit', key: '2025-03-08T09:30' }, 'cancelled', t.options);
      expect(await extendHorizon(t.db, { ...t.options, until: '2025-03-10T00:00:00Z' })).toEqual({ extended: [{ seriesId: 'a', added: 5 }], conflicts: [], failed: [] });
    });

    it('regenerate after extendHorizon uses the extended horizon', async () => {
      const series = dailySeries('daily', '2025-03-01', '09:00', '10:00');
      await saveSeries(t.db, series, { ...t.options, resource: 'room-1', window: { to: '2025-03-03T00:00:00Z' } });
      await extendHorizon(t.db, { ...t.options, until: '2025-03-06T00:00:00Z' });
      const edited = dailySeries('daily', '2025-03-01', '09:00', '09:30');
      const summary = await regenerate(t.db, edited, { ...t.options, from: '2025-03-01T00:00:00Z' });
      expect(summary.added).toHaveLength(5);
    });

    it('names a bad until', async () => {
      await expect(extendHorizon(t.db, { ...t.options, until: '2025-03-01' })).rejects.toThrow('until: "2025-03-01" has no UTC offset');
      await expect(extendHorizon(t.db, { ...t.options } as never)).rejects.toThrow('until: is required');
    });
  });

  describe('setBlockStatus and lockBlock', () => {
    it('books an open block once: a second booking with expected open fails with the actual status', async () => {
      await saveSeries(t.db, dailySeries('daily', '2025-03-01', '09:00', '10:00', 3), { ...t.options, resource: 'room-1' });
      const booked = await setBlockStatus(t.db, ref('2025-03-02T09:00'), 'booked', { ...t.options, expected: 'open', metadata: { bookingId: 'b-1' } });
      const block = expand(dailySeries('daily', '2025-03-01', '09:00', '10:00', 3))[1]!;
      expect(booked).toMatchObject({ seriesId: 'daily', key: '2025-03-02T09:00', start: block.start, end: block.end, resource: 'room-1', status: 'booked', locked: false });
      expect(booked.metadata).toEqual({ bookingId: 'b-1' });
      const error = await setBlockStatus(t.db, ref('2025-03-02T09:00'), 'booked', { ...t.options, expected: ['open'] }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnexpectedBlockStatusError);
      expect(error).toMatchObject({ seriesId: 'daily', key: '2025-03-02T09:00', expected: ['open'], actual: 'booked' });
      const [row] = await t.sql<{ metadata: unknown }>(`select metadata from ${t.table('blocks')} where key = '2025-03-02T09:00'`);
      expect(row?.metadata).toEqual({ bookingId: 'b-1' });
      const reopened = await setBlockStatus(t.db, ref('2025-03-02T09:00'), 'open', { ...t.options, expected: 'booked', metadata: { bookingId: null } });
      expect([reopened.status, reopened.metadata]).toEqual(['open', { bookingId: null }]);
    });

    it('reviving a cancelled block over a newer one is a BlockConflictError, and changes nothing', async () => {
      await saveSeries(t.db, dailySeries('daily', '2025-03-01', '09:00', '10:00', 3), { ...t.options, resource: 'room-1' });
      await setBlockStatus(t.db, ref('2025-03-02T09:00'), 'cancelled', t.options);
      await saveSeries(t.db, dailySeries('visit', '2025-03-02', '09:15', '09:45', 1), { ...t.options, resource: 'room-1' });
      const error = (await setBlockStatus(t.db, ref('2025-03-02T09:00'), 'open', t.options).catch((caught: unknown) => caught)) as BlockConflictError;
      expect(error).toBeInstanceOf(BlockConflictError);
      expect([error.block.key, error.existing.seriesId, error.existing.key, error.existing.status]).toEqual(['2025-03-02T09:00', 'visit', '2025-03-02T09:15', 'open']);
      expect(await statuses('daily')).toEqual(['03-01 open', '03-02 cancelled', '03-03 open']);
    });

    it('locks and unlocks', async () => {
      await saveSeries(t.db, dailySeries('daily', '2025-03-01', '09:00', '10:00', 1), { ...t.options, resource: 'room-1' });
      expect((await lockBlock(t.db, ref('2025-03-01T09:00'), t.options)).locked).toBe(true);
      expect((await lockBlock(t.db, ref('2025-03-01T09:00'), { ...t.options, locked: false })).locked).toBe(false);
    });

    it.each([
      ['block', () => setBlockStatus(t.db, ref('2025-03-09T09:00'), 'booked', t.options), 'block: no stored block has seriesId "daily" and key "2025-03-09T09:00"'],
      ['block.seriesId', () => setBlockStatus(t.db, { seriesId: '', key: 'k' }, 'booked', t.options), 'block.seriesId: expected a non-empty string'],
      ['block', () => setBlockStatus(t.db, null as never, 'booked', t.options), 'block: expected { seriesId, key }'],
      ['status', () => setBlockStatus(t.db, ref('2025-03-01T09:00'), 'taken' as never, t.options), 'status: "taken" is not one of open, booked, blocked, cancelled'],
      ['expected', () => setBlockStatus(t.db, ref('2025-03-01T09:00'), 'booked', { ...t.options, expected: 'free' as never }), 'expected: "free" is not one of'],
      ['expected[1]', () => setBlockStatus(t.db, ref('2025-03-01T09:00'), 'booked', { ...t.options, expected: ['open', 'x' as never] }), 'expected[1]: "x"'],
      ['metadata', () => setBlockStatus(t.db, ref('2025-03-01T09:00'), 'booked', { ...t.options, metadata: [] as never }), 'metadata: expected a plain object'],
      ['locked', () => lockBlock(t.db, ref('2025-03-01T09:00'), { ...t.options, locked: 'yes' as never }), 'locked: expected true or false'],
      ['block.key', () => lockBlock(t.db, { seriesId: 'daily' } as never, t.options), 'block.key: expected a non-empty string'],
    ])('bad input names the field: %s', async (field, call, message) => {
      await saveSeries(t.db, dailySeries('daily', '2025-03-01', '09:00', '10:00', 1), { ...t.options, resource: 'room-1' });
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe(field);
      expect((error as Error).message).toContain(message);
      expect(await statuses('daily')).toEqual(['03-01 open']);
    });
  });
});
