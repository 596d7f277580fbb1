import { describe, expect, it } from 'vitest';
import { defineSeries, InvalidArgumentError, SeriesValidationError, TimeblocksError } from '../../src/index.js';
import { extendHorizon, saveSeries, setBlockStatus } from '../../src/postgres/index.js';
import { dailySeries, useMigratedDatabase } from './fixtures.js';

// Bad input reaches no SQL, or at least never surfaces as a driver error: a typed error
// names the field, and nothing is stored.

describe('typed errors instead of driver errors', () => {
  const t = useMigratedDatabase();
  const series = () => t.sql<{ id: string }>(`select id from ${t.table('series')} order by id`);

  async function invalid(call: Promise<unknown>, field: string, message?: RegExp): Promise<void> {
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    if (message !== undefined) expect((error as Error).message).toMatch(message);
  }

  it('a block that ends past year 9999 is an InvalidArgumentError naming the series, and nothing is stored', async () => {
    const late = defineSeries({ id: 'y10k', timezone: 'UTC', start: '9999-12-31', startTime: '23:30', endTime: '00:30' });
    await invalid(saveSeries(t.db, late, { ...t.options, resource: 'room' }), 'series', /9999/);
    expect(await series()).toEqual([]);
  });

  it('NUL characters in resource, block references and metadata are InvalidArgumentErrors naming the field', async () => {
    const daily = dailySeries('nul', '2025-01-01', '09:00', '10:00', 2);
    await invalid(saveSeries(t.db, daily, { ...t.options, resource: 'a\u0000b' }), 'resource', /NUL/);
    await saveSeries(t.db, daily, { ...t.options, resource: 'room' });
    const key = '2025-01-01T09:00';
    await invalid(setBlockStatus(t.db, { seriesId: 'nul', key: `${key}\u0000` }, 'booked', t.options), 'block.key', /NUL/);
    await invalid(setBlockStatus(t.db, { seriesId: 'nul\u0000', key }, 'booked', t.options), 'block.seriesId', /NUL/);
    await invalid(setBlockStatus(t.db, { seriesId: 'nul', key }, 'booked', { ...t.options, metadata: { note: 'x\u0000' } }), 'metadata', /note.*NUL/);
    await invalid(setBlockStatus(t.db, { seriesId: 'nul', key }, 'booked', { ...t.options, metadata: { nested: [{ ['k\u0000']: 1 }] } }), 'metadata', /NUL/);
    const rows = await t.sql<{ status: string }>(`select status from ${t.table('blocks')} where key = $1`, [key]);
    expect(rows).toEqual([{ status: 'open' }]);
  });

  it('a NUL character in the series (its id, say) is an InvalidArgumentError naming the series', async () => {
    let withNul;
    try {
      withNul = defineSeries({ id: 'x\u0000', timezone: 'UTC', start: '2025-01-01', startTime: '09:00', endTime: '10:00' });
    } catch (error) {
      // The core may reject it already: that is a typed error too.
      expect(error).toBeInstanceOf(SeriesValidationError);
      return;
    }
    await invalid(saveSeries(t.db, withNul, { ...t.options, resource: 'room' }), 'series', /NUL/);
    expect(await series()).toEqual([]);
  });

  it('a BigInt (or anything JSON cannot hold) in metadata is an InvalidArgumentError naming metadata', async () => {
    await saveSeries(t.db, dailySeries('big', '2025-01-01', '09:00', '10:00', 1), { ...t.options, resource: 'room' });
    await invalid(setBlockStatus(t.db, { seriesId: 'big', key: '2025-01-01T09:00' }, 'booked', { ...t.options, metadata: { n: 1n } }), 'metadata', /JSON/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await invalid(setBlockStatus(t.db, { seriesId: 'big', key: '2025-01-01T09:00' }, 'booked', { ...t.options, metadata: cyclic }), 'metadata', /JSON/);
  });

  it('extendHorizon collects a series whose stored spec no longer validates, and extends the others', async () => {
    await saveSeries(t.db, dailySeries('a-broken', '2025-01-01', '09:00', '10:00'), { ...t.options, resource: 'room-a', window: { to: '2025-01-03T00:00:00Z' } });
    await saveSeries(t.db, dailySeries('b-fine', '2025-01-01', '09:00', '10:00'), { ...t.options, resource: 'room-b', window: { to: '2025-01-03T00:00:00Z' } });
    await t.sql(`update ${t.table('series')} set spec = jsonb_set(spec, '{timezone}', '"Mars/Olympus"') where id = 'a-broken'`);
    const summary = await extendHorizon(t.db, { ...t.options, until: '2025-01-05T00:00:00Z' });
    expect(summary.extended).toEqual([{ seriesId: 'b-fine', added: 2 }]);
    expect(summary.conflicts).toEqual([]);
    expect(summary.failed.map((failure) => failure.seriesId)).toEqual(['a-broken']);
    expect(summary.failed[0]!.error).toBeInstanceOf(SeriesValidationError);
    expect(summary.failed[0]!.error).toBeInstanceOf(TimeblocksError);
  });
});
