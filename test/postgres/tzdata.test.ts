/**
 * findStaleBlocks / reconcileTzdata against blocks written under simulated old tz rules
 * (Mexico City before 2022: see `old-tz-rules.ts`).
 */
import { describe, expect, it } from 'vitest';
import { defineSeries, expand, ExpansionLimitError, InvalidArgumentError, type Series, type SeriesInput, tzdataVersion } from '../../src/index.js';
import { book, findStaleBlocks, lockBlock, reconcileTzdata, saveSeries, setBlockStatus } from '../../src/postgres/index.js';
import { rejection } from '../support/thrown.js';
import { useMigratedDatabase } from './fixtures.js';
import { hour, oldVersion, writtenUnderOldRules as rewrite } from './old-tz-rules.js';

const window = { from: '2025-03-01T00:00:00Z', to: '2025-05-01T00:00:00Z' };

/** Mon–Fri 09:00–13:00 in Mexico City from 3 March 2025. */
const hoursInput: SeriesInput = {
  id: 'ana-hours',
  timezone: 'America/Mexico_City',
  start: '2025-03-03',
  startTime: '09:00',
  endTime: '13:00',
  repeat: { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'] },
};

describe('findStaleBlocks and reconcileTzdata', () => {
  const t = useMigratedDatabase();
  const o = () => t.options;

  const writtenUnderOldRules = (series: Series) => rewrite(t, series);

  const periods = (seriesId: string) =>
    t.sql<{ key: string; start: number; end: number; status: string; locked: boolean; version: string; identity: string }>(
      `select key, round(extract(epoch from lower(period)) * 1000)::float8 as start, round(extract(epoch from upper(period)) * 1000)::float8 as "end",
              status, locked, tzdata_version as version, (id, xmin, period, status, locked, tzdata_version, updated_at)::text as identity
       from ${t.table('blocks')} where series_id = $1 order by key`,
      [seriesId],
    );

  async function saveHours(): Promise<{ series: Series; shifted: string[] }> {
    const series = defineSeries(hoursInput);
    await saveSeries(t.db, series, { ...o(), resource: 'ana', window });
    return { series, shifted: await writtenUnderOldRules(series) };
  }

  it('finds exactly the blocks the old rules put elsewhere, with stored and current instants', async () => {
    const { series, shifted } = await saveHours();
    expect(shifted.length).toBeGreaterThan(10);
    expect(shifted[0]).toBe('2025-04-07T09:00'); // the first weekday after the old rules' spring change
    const current = new Map(expand(series, window).map((block) => [block.key, block]));
    const { stale, failed } = await findStaleBlocks(t.db, o());
    expect(failed).toEqual([]);
    expect(stale.map((block) => block.key)).toEqual(shifted);
    for (const block of stale) {
      const now = current.get(block.key)!;
      expect(block).toEqual({
        seriesId: 'ana-hours',
        key: block.key,
        resource: 'ana',
        status: 'open',
        locked: false,
        stored: { start: now.start - hour, end: now.end - hour },
        current: { start: now.start, end: now.end },
        tzdataVersion: oldVersion,
      });
    }
    // Narrowing: by series, by resource, by `from`.
    expect((await findStaleBlocks(t.db, { ...o(), seriesIds: ['other'] })).stale).toEqual([]);
    expect((await findStaleBlocks(t.db, { ...o(), resource: 'bob' })).stale).toEqual([]);
    expect((await findStaleBlocks(t.db, { ...o(), resource: 'ana', seriesIds: ['ana-hours'] })).stale).toHaveLength(shifted.length);
    expect((await findStaleBlocks(t.db, { ...o(), from: '2025-04-28T00:00:00Z' })).stale.map((b) => b.key)).toEqual(shifted.filter((key) => key >= '2025-04-28'));
  });

  it('reads only blocks of other tz versions unless allVersions is set', async () => {
    const { shifted } = await saveHours();
    await t.sql(`update ${t.table('blocks')} set tzdata_version = $1`, [tzdataVersion()]);
    expect((await findStaleBlocks(t.db, o())).stale).toEqual([]);
    expect((await findStaleBlocks(t.db, { ...o(), allVersions: true })).stale.map((b) => b.key)).toEqual(shifted);
  });

  it('moves the open ones, reports booked, blocked, locked and clashing ones untouched', async () => {
    const { series, shifted } = await saveHours();
    // Another series on the same resource, 18:00–18:30 UTC on 9 April: clear of that day's
    // block where the old rules put it (14:00–18:00 UTC), inside where it belongs now (15:00–19:00).
    const other = defineSeries({ id: 'ana-meeting', timezone: 'UTC', start: '2025-04-09', startTime: '18:00', endTime: '18:30' });
    await saveSeries(t.db, other, { ...o(), resource: 'ana' });
    const booking = await book(t.db, { ...o(), resource: 'ana', start: '2025-04-14T14:30:00Z', end: '2025-04-14T15:00:00Z', ref: 'patient-42' });
    await setBlockStatus(t.db, { seriesId: 'ana-hours', key: '2025-04-15T09:00' }, 'booked', o());
    await setBlockStatus(t.db, { seriesId: 'ana-hours', key: '2025-04-16T09:00' }, 'blocked', o());
    await lockBlock(t.db, { seriesId: 'ana-hours', key: '2025-04-17T09:00' }, o());
    const untouched = ['2025-04-09T09:00', '2025-04-14T09:00', '2025-04-15T09:00', '2025-04-16T09:00', '2025-04-17T09:00'];
    const before = new Map((await periods('ana-hours')).map((row) => [row.key, row.identity]));

    const report = await reconcileTzdata(t.db, o());
    expect(report.failed).toEqual([]);
    expect(report.next).toBeUndefined();
    expect(report.vanished).toEqual([]);
    expect(report.moved.map((b) => b.key)).toEqual(shifted.filter((key) => !untouched.includes(key)));
    expect(report.booked.map((b) => [b.key, b.status, b.bookingIds])).toEqual([
      ['2025-04-14T09:00', 'open', [booking.id]],
      ['2025-04-15T09:00', 'booked', []],
    ]);
    expect(report.blocked.map((b) => b.key)).toEqual(['2025-04-16T09:00']);
    expect(report.locked.map((b) => b.key)).toEqual(['2025-04-17T09:00']);
    expect(report.clashed).toHaveLength(1);
    expect(report.clashed[0]).toMatchObject({ key: '2025-04-09T09:00', existing: { seriesId: 'ana-meeting', key: '2025-04-09T18:00', start: Date.parse('2025-04-09T18:00:00Z') } });

    const current = new Map(expand(series, window).map((block) => [block.key, block]));
    for (const row of await periods('ana-hours')) {
      if (untouched.includes(row.key)) {
        expect(row.identity, row.key).toBe(before.get(row.key));
        continue;
      }
      // Everything else is where the running tz data puts it, stamped with its version.
      expect([row.start, row.end, row.status, row.version], row.key).toEqual([current.get(row.key)!.start, current.get(row.key)!.end, 'open', tzdataVersion()]);
    }
    // What is left stale is exactly what was reported and not moved; a second run moves nothing.
    const left = (await findStaleBlocks(t.db, o())).stale.map((b) => b.key);
    expect(left).toEqual(untouched);
    const again = await reconcileTzdata(t.db, o());
    expect(again.moved).toEqual([]);
    expect([...again.booked, ...again.blocked, ...again.locked, ...again.clashed].map((b) => b.key).sort()).toEqual(untouched);
  });

  it('moves back-to-back blocks of one series that trade places', async () => {
    // 09:00, 10:00 and 11:00, an hour each: under the old rules each one sits where the
    // running rules put the one before it.
    const series = defineSeries({ id: 'slots', timezone: 'America/Mexico_City', start: '2025-06-02', startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily', byHour: [9, 10, 11], count: 9 } });
    await saveSeries(t.db, series, { ...o(), resource: 'room' });
    const shifted = await writtenUnderOldRules(series);
    expect(shifted).toHaveLength(9);
    const report = await reconcileTzdata(t.db, o());
    expect(report.clashed).toEqual([]);
    expect(report.moved.map((b) => b.key)).toEqual(shifted);
    const rows = await periods('slots');
    expect(rows.map((row) => [row.key, row.start, row.end])).toEqual(expand(series).map((block) => [block.key, block.start, block.end]));
  });

  it('reports a series whose stored spec no longer validates, and goes on with the others', async () => {
    await saveHours();
    const broken = defineSeries({ ...hoursInput, id: 'broken' });
    await saveSeries(t.db, broken, { ...o(), resource: 'bob', window });
    await writtenUnderOldRules(broken);
    await t.sql(`update ${t.table('series')} set spec = jsonb_set(spec, '{timezone}', '"Mars/Olympus"') where id = 'broken'`);
    const found = await findStaleBlocks(t.db, o());
    expect(found.failed.map((f) => f.seriesId)).toEqual(['broken']);
    expect(found.stale.every((b) => b.seriesId === 'ana-hours')).toBe(true);
    const report = await reconcileTzdata(t.db, o());
    expect(report.failed.map((f) => [f.seriesId, f.error.name])).toEqual([['broken', 'SeriesValidationError']]);
    expect(report.moved.length).toBe(found.stale.length);
  });

  it('reports a block whose key the spec no longer gives (skipped in a gap) without touching it', async () => {
    // Berlin springs forward at 02:00 on 30 March 2025: a 02:30 start does not exist, and
    // `skip` drops it. A block stored for it stands for rules that had no gap that night.
    const series = defineSeries({ id: 'night', timezone: 'Europe/Berlin', start: '2025-03-28', startTime: '02:30', endTime: '03:30', repeat: { freq: 'daily', count: 4 }, dst: { nonexistent: 'skip' } });
    await saveSeries(t.db, series, { ...o(), resource: 'lab' });
    await t.sql(`insert into ${t.table('blocks')} (series_id, key, resource, period, tzdata_version) values ('night', '2025-03-30T02:30', 'lab', tstzrange('2025-03-30T01:30:00Z', '2025-03-30T02:30:00Z', '[)'), $1)`, [oldVersion]);
    const { stale } = await findStaleBlocks(t.db, o());
    expect(stale).toEqual([expect.objectContaining({ key: '2025-03-30T02:30', current: null, stored: { start: Date.parse('2025-03-30T01:30:00Z'), end: Date.parse('2025-03-30T02:30:00Z') } })]);
    const report = await reconcileTzdata(t.db, o());
    expect(report.vanished.map((b) => b.key)).toEqual(['2025-03-30T02:30']);
    expect(report.moved).toEqual([]);
    expect((await periods('night')).map((row) => row.key)).toContain('2025-03-30T02:30');
  });

  it('caps its reports: findStaleBlocks throws past limit, reconcileTzdata stops before the series that would not fit', async () => {
    const { shifted } = await saveHours();
    const second = defineSeries({ ...hoursInput, id: 'bob-hours' });
    await saveSeries(t.db, second, { ...o(), resource: 'bob', window });
    await writtenUnderOldRules(second);
    const error = await rejection(findStaleBlocks(t.db, { ...o(), limit: shifted.length }));
    expect(error).toBeInstanceOf(ExpansionLimitError);
    expect((error as Error).message).toContain('findStaleBlocks');
    expect((await findStaleBlocks(t.db, { ...o(), limit: 2 * shifted.length })).stale).toHaveLength(2 * shifted.length);

    const first = await reconcileTzdata(t.db, { ...o(), limit: shifted.length + 1 });
    expect([first.moved.length, first.next]).toEqual([shifted.length, 'ana-hours']);
    expect(new Set(first.moved.map((b) => b.seriesId))).toEqual(new Set(['ana-hours']));
    const rest = await reconcileTzdata(t.db, { ...o(), limit: shifted.length + 1, after: first.next! });
    expect([rest.moved.length, rest.next]).toEqual([shifted.length, undefined]);
    expect(new Set(rest.moved.map((b) => b.seriesId))).toEqual(new Set(['bob-hours']));
    // One series alone past the cap fails on its own, untouched.
    await writtenUnderOldRules(second);
    const alone = await reconcileTzdata(t.db, { ...o(), limit: 3 });
    expect(alone.failed.map((f) => [f.seriesId, f.error.name])).toEqual([['bob-hours', 'ExpansionLimitError']]);
    expect((await findStaleBlocks(t.db, { ...o(), seriesIds: ['bob-hours'] })).stale).toHaveLength(shifted.length);
  });

  it('refuses bad options with a typed error naming the field, before any SQL', async () => {
    const cases: Array<[object, string]> = [
      [{ seriesIds: [] }, 'seriesIds'],
      [{ seriesIds: 'ana-hours' }, 'seriesIds'],
      [{ seriesIds: [''] }, 'seriesIds[0]'],
      [{ resource: 'x'.repeat(501) }, 'resource'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 1_000_001 }, 'limit'],
      [{ allVersions: 'yes' }, 'allVersions'],
      [{ from: 'yesterday' }, 'from'],
    ];
    for (const [options, field] of cases) {
      for (const call of [findStaleBlocks, reconcileTzdata]) {
        const error = await rejection(call(t.db, { ...o(), ...options } as never));
        expect(error, `${call.name} ${JSON.stringify(options)}`).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).field).toBe(field);
      }
    }
    for (const call of [findStaleBlocks, reconcileTzdata]) expect(await rejection(call(t.db, null as never))).toMatchObject({ field: 'options' });
    const tooMany = await rejection(findStaleBlocks(t.db, { ...o(), seriesIds: Array.from({ length: 10_001 }, (_, i) => `s${i}`) }));
    expect((tooMany as InvalidArgumentError).field).toBe('seriesIds');
    expect((await rejection(reconcileTzdata(t.db, { ...o(), after: '' }))) as InvalidArgumentError).toMatchObject({ field: 'after' });
  });
});
