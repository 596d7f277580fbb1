import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError } from '../../src/index.js';
import {
  BlockConflictError,
  cancelSeries,
  extendHorizon,
  lockBlock,
  migrate,
  regenerate,
  saveManySeries,
  saveSeries,
  setBlockStatus,
} from '../../src/postgres/index.js';
import { blockRowsSql, type BlockRowView, dailySeries } from './fixtures.js';
import { type DriverHandle, openDriverHandles } from './driver-handles.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

/**
 * The driver matrix: the adapter's whole API through every kind of `db` it accepts (see
 * `driver-handles.ts`), each with real transactions, and what each one stored read back
 * through `pg` (or PGlite) and compared byte for byte with what the server makes of the
 * same input.
 */
const onServer = Boolean(process.env.DATABASE_URL);
const driverNames = onServer
  ? ['pg.Pool', 'pg.Client', 'pg PoolClient', 'postgres.js', 'Kysely (pg dialect)', 'Kysely with CamelCasePlugin']
  : ['PGlite', 'Kysely (on PGlite)'];

/** Metadata that a driver's own JSON or array handling would reshape. */
const awkwardMetadata = {
  patient: { id: 'p1', tags: ['a', 'b', ''], nested: { deeper: [1, 2.5, -3, { x: null }] } },
  unicode: 'Zürich — 東京 🎉 \u00e9\u0301',
  quotes: `it's "quoted" \\ back\\slash \\' \n tab\t`,
  empty: { object: {}, array: [], string: '' },
  list: [[], [[]], ['{}', '[]'], '{"looks":"like json"}'],
  flags: [true, false, null],
  numbers: [0, 1e21, 123456789012345, 0.1],
};

describe('drivers: the adapter through every accepted kind of db', () => {
  let t: TestDatabase;
  let handles: DriverHandle[];
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
    handles = await openDriverHandles(t);
    expect(handles.map((handle) => handle.name)).toEqual(driverNames);
  });
  afterAll(async () => {
    for (const handle of handles ?? []) await handle.close();
    await t?.close();
  });

  const rows = (seriesId: string) => t.sql<BlockRowView>(blockRowsSql(t.table('blocks')), [seriesId]);
  const periods = async (seriesId: string) => (await rows(seriesId)).map(({ key, start, end, status, locked }) => ({ key, start, end, status, locked }));
  const expected = (series: ReturnType<typeof dailySeries>, to: string, status = () => 'open') =>
    expand(series, { to }).map(({ key, start, end }) => ({ key, start, end, status: status(), locked: false }));

  for (const [index, name] of driverNames.entries()) {
    describe(name, () => {
      const handle = () => handles[index]!;
      const id = (suffix: string) => `d${index}-${suffix}`;
      const resource = (suffix: string) => `room-${index}-${suffix}`;

      it('migrate (again), saveSeries, saveManySeries, regenerate, cancelSeries, extendHorizon, setBlockStatus, lockBlock', async () => {
        const { db } = handle();
        await migrate(db, t.options);
        const a = dailySeries(id('a'), '2025-03-01', '09:00', '10:00');
        const saved = await saveSeries(db, a, { ...t.options, resource: resource('a'), window: { to: '2025-03-06T00:00:00Z' } });
        expect(saved).toEqual({ seriesId: id('a'), created: true, blocks: 5, added: 5 });
        expect(await saveSeries(db, a, { ...t.options, resource: resource('a'), window: { to: '2025-03-06T00:00:00Z' } })).toEqual({ ...saved, created: false, added: 0 });
        const many = await saveManySeries(db, [
          { series: dailySeries(id('b'), '2025-03-01', '11:00', '12:00', 3), resource: resource('b') },
          { series: dailySeries(id('c'), '2025-03-01', '11:00', '12:00', 2), resource: resource('c') },
        ], t.options);
        expect(many.map((result) => result.added)).toEqual([3, 2]);

        const edited = dailySeries(id('a'), '2025-03-01', '09:00', '09:30');
        const summary = await regenerate(db, edited, { ...t.options, from: '2025-03-04T00:00:00Z' });
        expect(summary.added).toEqual(['2025-03-04T09:00', '2025-03-05T09:00']);
        expect(summary.removed).toEqual(['2025-03-04T09:00', '2025-03-05T09:00']);

        const extended = await extendHorizon(db, { ...t.options, until: '2025-03-08T00:00:00Z' });
        expect(extended.extended).toEqual([{ seriesId: id('a'), added: 2 }]);
        expect(extended.conflicts).toEqual([]);
        expect(extended.failed).toEqual([]);

        const booked = await setBlockStatus(db, { seriesId: id('a'), key: '2025-03-06T09:00' }, 'booked', { ...t.options, expected: 'open', metadata: awkwardMetadata });
        expect(booked.status).toBe('booked');
        expect(booked.metadata).toEqual(awkwardMetadata);
        expect((await lockBlock(db, { seriesId: id('a'), key: '2025-03-05T09:00' }, t.options)).locked).toBe(true);
        const cancelled = await cancelSeries(db, id('a'), { ...t.options, from: '2025-03-05T00:00:00Z' });
        expect(cancelled).toEqual({ seriesId: id('a'), cancelled: ['2025-03-07T09:00'], preserved: ['2025-03-05T09:00', '2025-03-06T09:00'], heldByBookings: [] });

        const all = expected(edited, '2025-03-08T00:00:00Z');
        const before = expected(a, '2025-03-04T00:00:00Z');
        expect(await periods(id('a'))).toEqual([
          ...before,
          { ...all[3]!, status: 'open' },
          { ...all[4]!, locked: true },
          { ...all[5]!, status: 'booked' },
          { ...all[6]!, status: 'cancelled' },
        ]);
        expect(await periods(id('b'))).toEqual(expected(dailySeries(id('b'), '2025-03-01', '11:00', '12:00', 3), '2026-01-01T00:00:00Z'));
      });

      it('a clash rolls back the whole call, series row included', async () => {
        const { db } = handle();
        await saveSeries(db, dailySeries(id('held'), '2025-05-01', '09:00', '10:00', 3), { ...t.options, resource: resource('clash') });
        const error = await saveSeries(db, dailySeries(id('late'), '2025-04-28', '09:00', '10:00', 5), { ...t.options, resource: resource('clash') }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(BlockConflictError);
        expect((error as BlockConflictError).existing).toMatchObject({ seriesId: id('held'), key: '2025-05-01T09:00' });
        expect(await t.sql(`select id from ${t.table('series')} where id = $1`, [id('late')])).toEqual([]);
      });

      it('stores series, metadata and blocks byte-equal to what the server makes of the same JSON', async () => {
        const { db } = handle();
        const series = defineSeries({
          id: id('round-trip ✓ \'"\\'),
          timezone: 'America/New_York',
          start: '2025-03-07',
          startTime: '02:30',
          endTime: '03:30',
          repeat: { freq: 'daily', count: 4 },
          exclude: ['2025-03-08'],
          include: ['2025-03-20T15:00'],
        });
        await saveSeries(db, series, { ...t.options, resource: resource('ü 東京 "x"') });
        const key = '2025-03-09T02:30';
        await setBlockStatus(db, { seriesId: series.id, key }, 'blocked', { ...t.options, metadata: awkwardMetadata });
        await setBlockStatus(db, { seriesId: series.id, key }, 'blocked', { ...t.options, metadata: { more: [] } });
        const [stored] = await t.sql<{ spec: string; expected_spec: string; resource: string }>(
          `select spec::text as spec, $2::text::jsonb::text as expected_spec, resource from ${t.table('series')} where id = $1`,
          [series.id, JSON.stringify(series)],
        );
        expect(stored!.spec).toBe(stored!.expected_spec);
        expect(stored!.resource).toBe(resource('ü 東京 "x"'));
        expect(JSON.parse(stored!.spec)).toEqual(JSON.parse(JSON.stringify(series)));
        const blocks = await t.sql<{ key: string; metadata: string; expected: string; adjusted: string | null; resource: string }>(
          `select key, metadata::text as metadata, $2::text::jsonb::text as expected, adjusted::text as adjusted, resource
             from ${t.table('blocks')} where series_id = $1 order by lower(period)`,
          [series.id, JSON.stringify({ ...awkwardMetadata, more: [] })],
        );
        const byKey = new Map(blocks.map((row) => [row.key, row]));
        expect(byKey.get(key)!.metadata).toBe(byKey.get(key)!.expected);
        expect(blocks.filter((row) => row.key !== key).map((row) => row.metadata)).toEqual(['{}', '{}', '{}']);
        // The spring-forward block records what the zone did, as a jsonb object, not a string.
        const shifted = expand(series, {}).find((block) => block.adjusted !== undefined)!;
        expect(JSON.parse(byKey.get(shifted.key)!.adjusted!)).toEqual(shifted.adjusted);
        expect(byKey.get(shifted.key)!.adjusted).toMatch(/^\{/);
        expect(await periods(series.id)).toEqual(expand(series, {}).map(({ key: k, start, end }) => ({ key: k, start, end, status: k === key ? 'blocked' : 'open', locked: false })));
      });
    });
  }

  it('sent every parameter as text, cast in the SQL ($1::text, $2::text::jsonb, $3::text[]::timestamptz[])', () => {
    const recorded = handles.flatMap((handle) => handle.statements ?? []);
    expect(recorded.length).toBeGreaterThan(20);
    const placeholders = recorded.flatMap((text) => [...text.matchAll(/\$\d+(::[a-z[\]]+)?/g)].map((match) => ({ text, placeholder: match[0], cast: match[1] })));
    expect(placeholders.length).toBeGreaterThan(50);
    expect(placeholders.filter((p) => p.cast !== '::text' && p.cast !== '::text[]')).toEqual([]);
  });
});

describe('drivers: anything else is refused before any SQL runs', () => {
  let statements = 0;
  const counting = { query: async () => ((statements += 1), { rows: [] }) };
  const notDatabases: Array<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'postgres://localhost/db'],
    ['an object with only query (a home-made wrapper)', counting],
    ['a function', async () => [] as unknown[]],
    ['an instance of another class', new (class Mongo {
      async query() {
        statements += 1;
        return { rows: [] };
      }
    })()],
  ];
  for (const [what, db] of notDatabases) {
    it(what, async () => {
      const error = await migrate(db as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('db');
      expect((error as Error).message).toMatch(/pg Pool or Client, a PGlite instance, a postgres\.js instance \(postgres\(\)\) or a Kysely instance/);
      expect((error as Error).message.length).toBeLessThan(300);
      await expect(saveSeries(db as never, dailySeries('x', '2025-01-01', '09:00', '10:00', 1), { resource: 'r' })).rejects.toThrow(InvalidArgumentError);
      expect(statements).toBe(0);
    });
  }
});
