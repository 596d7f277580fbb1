import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand } from '../../src/index.js';
import { book, findStaleBlocks, lockBlock, migrate, reconcileTzdata, saveSeries, setBlockStatus } from '../../src/postgres/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { writtenUnderOldRules } from './old-tz-rules.js';

/**
 * Whatever state each stale block is in, reconcileTzdata moves exactly the open, unlocked,
 * unbooked ones that fit, reports every other one in its own list, and leaves it where it
 * was. The blocks are back to back (09:00, 10:00, 11:00, an hour each, in Mexico City
 * under the old rules), so a block that stays put can stand in the way of the one before
 * it, and that one of the one before, and so on; another series may also take the place
 * where a day's last block belongs now. The oracle works the chain out plainly, from
 * intervals, as the docs state the rule: a move is made unless where it goes overlaps a
 * block that stays.
 */
type State = 'open' | 'booked' | 'blocked' | 'locked' | 'held';
const states: State[] = ['open', 'booked', 'blocked', 'locked', 'held'];
const days = ['2025-04-07', '2025-04-08', '2025-04-09'];
const hours = [9, 10, 11];
const resource = 'mx-slots';

describe('reconcileTzdata: property over block states', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves exactly what the oracle says and reports the rest untouched', async () => {
    const series = defineSeries({ id: 'slots', timezone: 'America/Mexico_City', start: days[0]!, startTime: '09:00', endTime: '10:00', repeat: { freq: 'daily', byHour: hours, count: 9 } });
    const current = expand(series);
    const old = new Map(current.map((b) => [b.key, { start: b.start - 3_600_000, end: b.end - 3_600_000 }]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...states), { minLength: 9, maxLength: 9 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), async (blockStates, takers) => {
        await t.sql(`delete from ${t.table('series')}`);
        await t.sql(`delete from ${t.table('bookings')}`);
        const o = t.options;
        await saveSeries(t.db, series, { ...o, resource });
        await writtenUnderOldRules(t, series);
        const obstacles: Array<{ start: number; end: number }> = [];
        for (const [day, taken] of takers.entries()) {
          if (!taken) continue;
          // Where the day's 11:00 block belongs now, clear of every stored block.
          const last = current[day * 3 + 2]!;
          const taker = defineSeries({ id: `taker-${day}`, timezone: 'UTC', start: days[day]!, startTime: new Date(last.end - 1_800_000).toISOString().slice(11, 16), endTime: new Date(last.end).toISOString().slice(11, 16) });
          await saveSeries(t.db, taker, { ...o, resource });
          obstacles.push({ start: last.end - 1_800_000, end: last.end });
        }
        const bookingIds = new Map<string, string>();
        for (const [i, state] of blockStates.entries()) {
          const ref = { seriesId: 'slots', key: current[i]!.key };
          if (state === 'booked' || state === 'blocked') await setBlockStatus(t.db, ref, state, o);
          if (state === 'locked') await lockBlock(t.db, ref, o);
          if (state === 'held') {
            const at = old.get(ref.key)!;
            bookingIds.set(ref.key, (await book(t.db, { ...o, resource, start: at.start, end: at.start + 600_000 })).id);
          }
        }

        // The oracle: a move is refused while where it goes overlaps a block that stays.
        const staying = new Set(current.filter((_, i) => blockStates[i] !== 'open').map((b) => b.key));
        const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
        for (let changed = true; changed; ) {
          changed = false;
          for (const block of current) {
            if (staying.has(block.key)) continue;
            if (obstacles.some((x) => overlaps(x, block)) || [...staying].some((key) => overlaps(old.get(key)!, block))) {
              staying.add(block.key);
              changed = true;
            }
          }
        }
        const keysIn = (state: State) => current.filter((_, i) => blockStates[i] === state).map((b) => b.key);

        const report = await reconcileTzdata(t.db, o);
        expect(report.moved.map((b) => b.key)).toEqual(current.filter((b) => !staying.has(b.key)).map((b) => b.key));
        expect(report.clashed.map((b) => b.key)).toEqual(keysIn('open').filter((key) => staying.has(key)));
        expect(report.booked.map((b) => [b.key, b.bookingIds])).toEqual(
          current.filter((_, i) => blockStates[i] === 'booked' || blockStates[i] === 'held').map((b) => [b.key, bookingIds.has(b.key) ? [bookingIds.get(b.key)] : []]),
        );
        expect(report.blocked.map((b) => b.key)).toEqual(keysIn('blocked'));
        expect(report.locked.map((b) => b.key)).toEqual(keysIn('locked'));
        expect([report.vanished, report.failed]).toEqual([[], []]);

        const stored = await t.sql<{ key: string; start: number; end: number }>(
          `select key, round(extract(epoch from lower(period)) * 1000)::float8 as start, round(extract(epoch from upper(period)) * 1000)::float8 as "end"
           from ${t.table('blocks')} where series_id = 'slots' order by key`,
        );
        expect(stored.map((r) => [r.key, Number(r.start), Number(r.end)])).toEqual(
          current.map((b) => (staying.has(b.key) ? [b.key, old.get(b.key)!.start, old.get(b.key)!.end] : [b.key, b.start, b.end])),
        );
        expect((await findStaleBlocks(t.db, o)).stale.map((b) => b.key)).toEqual([...staying].sort());
      }),
      { numRuns: process.env.DATABASE_URL ? 25 : 15 },
    );
  });
});
