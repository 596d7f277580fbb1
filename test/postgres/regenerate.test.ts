import { describe, expect, it } from 'vitest';
import { defineSeries, expand, InvalidArgumentError, type Series, type SeriesInput } from '../../src/index.js';
import { BlockConflictError, extendHorizon, lockBlock, regenerate, saveSeries, setBlockStatus } from '../../src/postgres/index.js';
import { blockRowsSql, type BlockRowView, useMigratedDatabase } from './fixtures.js';

const input: SeriesInput = {
  id: 'class',
  timezone: 'Europe/Berlin',
  start: '2025-03-01',
  startTime: '09:00',
  endTime: '10:00',
  repeat: { freq: 'daily', count: 10 },
};
const from = '2025-03-05T00:00:00Z';

/** The edit: two dates cancelled, two moved, two more occurrences. */
const editedInput: SeriesInput = {
  ...input,
  repeat: { freq: 'daily', count: 12 },
  overrides: {
    '2025-03-07T09:00': { startTime: '13:00', endTime: '14:00' },
    '2025-03-08T09:00': { cancelled: true },
    '2025-03-09T09:00': { startTime: '11:00', endTime: '12:00' },
    '2025-03-10T09:00': { cancelled: true },
  },
};

describe('regenerate', () => {
  const t = useMigratedDatabase();

  const rows = (seriesId: string) => t.sql<BlockRowView>(blockRowsSql(t.table('blocks')), [seriesId]);
  const identities = () => t.sql<{ key: string; row: string }>(`select key, (id, xmin, ctid, updated_at)::text as row from ${t.table('blocks')} order by key`);

  async function storeWithBookings(): Promise<Series> {
    const series = defineSeries(input);
    await saveSeries(t.db, series, { ...t.options, resource: 'room-1' });
    await setBlockStatus(t.db, { seriesId: 'class', key: '2025-03-06T09:00' }, 'booked', t.options);
    await setBlockStatus(t.db, { seriesId: 'class', key: '2025-03-08T09:00' }, 'booked', t.options);
    await lockBlock(t.db, { seriesId: 'class', key: '2025-03-09T09:00' }, t.options);
    return series;
  }

  it('adds, removes and keeps open blocks; never modifies booked or locked ones; unchanged rows stay the same rows', async () => {
    await storeWithBookings();
    const before = new Map((await identities()).map(({ key, row }) => [key, row]));
    const edited = defineSeries(editedInput);
    const summary = await regenerate(t.db, edited, { ...t.options, from });
    expect(summary).toEqual({
      seriesId: 'class',
      added: ['2025-03-07T09:00', '2025-03-11T09:00', '2025-03-12T09:00'],
      removed: ['2025-03-07T09:00', '2025-03-10T09:00'],
      kept: ['2025-03-05T09:00', '2025-03-06T09:00'],
      preserved: ['2025-03-08T09:00', '2025-03-09T09:00'],
      heldByBookings: [],
    });
    const after = new Map((await identities()).map(({ key, row }) => [key, row]));
    // Untouched: everything before `from`, the kept rows, and the booked and locked ones.
    for (const day of ['01', '02', '03', '04', '05', '06', '08', '09']) {
      const key = `2025-03-${day}T09:00`;
      expect(after.get(key), key).toBe(before.get(key));
    }
    expect(after.has('2025-03-10T09:00')).toBe(false);
    expect(after.get('2025-03-07T09:00')).not.toBe(before.get('2025-03-07T09:00'));

    const stored = await rows('class');
    const original = new Map(expand(defineSeries(input)).map((block) => [block.key, block]));
    const wanted = new Map(expand(edited).map((block) => [block.key, block]));
    for (const row of stored) {
      // Preserved rows keep their old interval; every other row is what the edit says.
      const source = row.key === '2025-03-08T09:00' || row.key === '2025-03-09T09:00' ? original : wanted;
      expect([row.start, row.end], row.key).toEqual([source.get(row.key)!.start, source.get(row.key)!.end]);
    }
    expect(stored.map((row) => `${row.key} ${row.status}${row.locked ? ' locked' : ''}`)).toEqual([
      '2025-03-01T09:00 open',
      '2025-03-02T09:00 open',
      '2025-03-03T09:00 open',
      '2025-03-04T09:00 open',
      '2025-03-05T09:00 open',
      '2025-03-06T09:00 booked',
      '2025-03-07T09:00 open', // now 13:00–14:00
      '2025-03-08T09:00 booked',
      '2025-03-09T09:00 open locked',
      '2025-03-11T09:00 open',
      '2025-03-12T09:00 open',
    ]);
    const [spec] = await t.sql<{ spec: unknown }>(`select spec from ${t.table('series')} where id = 'class'`);
    expect(spec?.spec).toEqual(JSON.parse(JSON.stringify(edited)));
  });

  it('is idempotent: running the same edit again changes nothing', async () => {
    await storeWithBookings();
    const edited = defineSeries(editedInput);
    await regenerate(t.db, edited, { ...t.options, from });
    const before = await identities();
    const again = await regenerate(t.db, edited, { ...t.options, from });
    expect(again.added).toEqual([]);
    expect(again.removed).toEqual([]);
    expect(again.preserved).toEqual(['2025-03-08T09:00', '2025-03-09T09:00']);
    expect(await identities()).toEqual(before);
  });

  it('a new block that hits a live row raises BlockConflictError and writes nothing', async () => {
    await storeWithBookings();
    await saveSeries(t.db, defineSeries({ id: 'visit', timezone: 'UTC', start: '2025-03-11', startTime: '08:30', endTime: '08:45' }), {
      ...t.options,
      resource: 'room-1',
    });
    const before = await t.sql(`select * from ${t.table('blocks')} order by id`);
    const specBefore = await t.sql(`select spec, updated_at from ${t.table('series')} order by id`);
    const error = (await regenerate(t.db, defineSeries(editedInput), { ...t.options, from }).catch((caught: unknown) => caught)) as BlockConflictError;
    expect(error).toBeInstanceOf(BlockConflictError);
    expect(error.block.key).toBe('2025-03-11T09:00');
    expect(error.existing).toMatchObject({ seriesId: 'visit', key: '2025-03-11T08:30', status: 'open', resource: 'room-1' });
    expect(await t.sql(`select * from ${t.table('blocks')} order by id`)).toEqual(before);
    expect(await t.sql(`select spec, updated_at from ${t.table('series')} order by id`)).toEqual(specBefore);
  });

  it('a moved block clashing with its own preserved booking is a conflict, not an overlap', async () => {
    await storeWithBookings();
    // Moving the 09:00 class to 09:30 gives new keys that overlap the booked 09:00 rows.
    const later = defineSeries({ ...input, startTime: '09:30', endTime: '10:30' });
    const error = (await regenerate(t.db, later, { ...t.options, from }).catch((caught: unknown) => caught)) as BlockConflictError;
    expect(error).toBeInstanceOf(BlockConflictError);
    expect([error.block.key, error.existing.key, error.existing.status]).toEqual(['2025-03-06T09:30', '2025-03-06T09:00', 'booked']);
  });

  it('a never-ending series regenerates up to its stored horizon, or to until', async () => {
    const open = defineSeries({ ...input, id: 'open', repeat: { freq: 'daily' } });
    await saveSeries(t.db, open, { ...t.options, resource: 'room-2', window: { to: '2025-03-11T00:00:00Z' } });
    const shorter = defineSeries({ ...input, id: 'open', endTime: '09:45', repeat: { freq: 'daily' } });
    const summary = await regenerate(t.db, shorter, { ...t.options, from });
    expect(summary.added).toEqual(expand(shorter, { from, to: '2025-03-11T00:00:00Z' }).map((block) => block.key));
    expect(summary.removed).toEqual(summary.added);
    const further = await regenerate(t.db, shorter, { ...t.options, from, until: '2025-03-15T00:00:00Z' });
    expect(further.added).toEqual(['2025-03-11T09:00', '2025-03-12T09:00', '2025-03-13T09:00', '2025-03-14T09:00']);
    expect((await rows('open')).map((row) => row.key)).toEqual(expand(shorter, { to: '2025-03-15T00:00:00Z' }).map((block) => block.key));
  });

  it.each([
    ['series.id', () => defineSeries({ ...input, id: 'nope' }), { from }, 'series.id: no stored series has id "nope"'],
    ['from', () => defineSeries(input), {}, 'from: is required'],
    ['from', () => defineSeries(input), { from: 'tomorrow' }, 'from: "tomorrow" is not an ISO 8601 instant'],
    ['until', () => defineSeries(input), { from, until: from }, 'until: must be after from'],
    ['until', () => defineSeries({ ...input, repeat: { freq: 'daily' } }), { from }, 'until: series "class" now never ends and was stored whole'],
  ])('bad input names the field: %s', async (field, makeSeries, options, message) => {
    await saveSeries(t.db, defineSeries(input), { ...t.options, resource: 'room-1' });
    const before = await t.sql(`select * from ${t.table('blocks')} order by id`);
    const error = await regenerate(t.db, makeSeries(), { ...t.options, ...options } as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect((error as Error).message).toContain(message);
    expect(await t.sql(`select * from ${t.table('blocks')} order by id`)).toEqual(before);
  });

  it('saving the edited series again after regenerate changes nothing: no block regenerate left before from comes back', async () => {
    const daily: SeriesInput = { id: 'resave', timezone: 'UTC', start: '2025-03-01', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily' } };
    const window = { to: '2025-03-06T00:00:00Z' };
    await saveSeries(t.db, defineSeries(daily), { ...t.options, resource: 'room-resave', window });
    const edited = defineSeries({ ...daily, startTime: '13:00', endTime: '14:00' });
    await regenerate(t.db, edited, { ...t.options, from: '2025-03-04T00:00:00Z' });
    const before = await t.sql<{ key: string; row: string }>(`select key, (id, xmin, ctid)::text as row from ${t.table('blocks')} where series_id = 'resave' order by key`);
    expect(before.map((row) => row.key)).toEqual(['2025-03-01T09:00', '2025-03-02T09:00', '2025-03-03T09:00', '2025-03-04T13:00', '2025-03-05T13:00']);

    const again = await saveSeries(t.db, edited, { ...t.options, resource: 'room-resave', window });
    expect(again).toEqual({ seriesId: 'resave', created: false, blocks: 2, added: 0 });
    const after = await t.sql<{ key: string; row: string }>(`select key, (id, xmin, ctid)::text as row from ${t.table('blocks')} where series_id = 'resave' order by key`);
    expect(after).toEqual(before);
    // A wider window still adds what is missing, under the edited spec.
    const wider = await saveSeries(t.db, edited, { ...t.options, resource: 'room-resave', window: { to: '2025-03-08T00:00:00Z' } });
    expect(wider.added).toBe(2);
    const keys = await t.sql<{ key: string }>(`select key from ${t.table('blocks')} where series_id = 'resave' order by key`);
    expect(keys.map((row) => row.key).slice(-2)).toEqual(['2025-03-06T13:00', '2025-03-07T13:00']);
  });

  it('from beyond the stored horizon: the edit applies from the horizon, so no gap is left unfilled', async () => {
    const daily: SeriesInput = { id: 'gap', timezone: 'UTC', start: '2025-03-01', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily' } };
    await saveSeries(t.db, defineSeries(daily), { ...t.options, resource: 'room-gap', window: { to: '2025-03-04T00:00:00Z' } });
    const shorter = defineSeries({ ...daily, endTime: '09:30' });
    const summary = await regenerate(t.db, shorter, { ...t.options, from: '2025-03-08T00:00:00Z', until: '2025-03-10T00:00:00Z' });
    expect(summary.added).toEqual(['04', '05', '06', '07', '08', '09'].map((day) => `2025-03-${day}T09:00`));
    await extendHorizon(t.db, { ...t.options, until: '2025-03-12T00:00:00Z' });
    const stored = await rows('gap');
    expect(stored.map((row) => [row.key, (row.end - row.start) / 60_000])).toEqual([
      ...['01', '02', '03'].map((day) => [`2025-03-${day}T09:00`, 60]),
      ...['04', '05', '06', '07', '08', '09', '10', '11'].map((day) => [`2025-03-${day}T09:00`, 30]),
    ]);
    expect(stored).toEqual(expand(defineSeries(daily), { to: '2025-03-04T00:00:00Z' }).concat(expand(shorter, { from: '2025-03-04T00:00:00Z', to: '2025-03-12T00:00:00Z' })).map((block) => expect.objectContaining({ key: block.key, start: block.start, end: block.end })));
  });

  it('an edit from never-ending to finite materializes the series up to its end, past the old horizon', async () => {
    const daily: SeriesInput = { id: 'ends', timezone: 'UTC', start: '2025-03-01', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily' } };
    await saveSeries(t.db, defineSeries(daily), { ...t.options, resource: 'room-ends', window: { to: '2025-03-04T00:00:00Z' } });
    const finite = defineSeries({ ...daily, repeat: { freq: 'daily', count: 8 } });
    const summary = await regenerate(t.db, finite, { ...t.options, from: '2025-03-02T00:00:00Z' });
    expect(summary.added).toEqual(['04', '05', '06', '07', '08'].map((day) => `2025-03-${day}T09:00`));
    expect((await rows('ends')).map((row) => row.key)).toEqual(expand(finite).map((block) => block.key));
    const [series] = await t.sql<{ open_ended: boolean; materialized_until: Date | null }>(`select open_ended, materialized_until from ${t.table('series')} where id = 'ends'`);
    expect(series).toEqual({ open_ended: false, materialized_until: null });
  });
});

