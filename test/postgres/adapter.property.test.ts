import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSeries, expand, findOverlaps, type Block, type Series } from '../../src/index.js';
import { BlockConflictError, migrate, regenerate, saveSeries } from '../../src/postgres/index.js';
import { seriesArbitrary, windowArbitrary } from '../../src/testing/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const constraints = { withDstPolicies: false, maxCount: 30, minStart: '2024-01-01', maxStart: '2024-04-30' } as const;
const windows = windowArbitrary({ min: '2023-12-01', max: '2024-09-30', maxDays: 150 });
const plain = ({ seriesId, key, start, end, adjusted }: Block) => ({ seriesId, key, start, end, adjusted: adjusted ?? null });

/** What saveSeries must store for a series: its blocks in the window, or nothing when they overlap each other. */
function expected(series: Series, window: { from: number; to: number }): Block[] | 'conflict' {
  const blocks = expand(series, window);
  return findOverlaps(blocks).length > 0 ? 'conflict' : blocks;
}

describe('the adapter on random series (PGlite or a server)', () => {
  let t: TestDatabase;
  let run = 0;
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
  });
  afterAll(async () => {
    await t.close();
  });

  async function stored(seriesId: string) {
    return t.sql<ReturnType<typeof plain>>(
      `select series_id as "seriesId", key, round(extract(epoch from lower(period)) * 1000)::float8 as start,
              round(extract(epoch from upper(period)) * 1000)::float8 as "end", adjusted
         from ${t.table('blocks')} where series_id = $1 order by lower(period), upper(period), key`,
      [seriesId],
    );
  }

  it('saveSeries stores exactly expand(series, window), idempotently; regenerate stores exactly the edit from `from` on', async () => {
    await fc.assert(
      fc.asyncProperty(seriesArbitrary(constraints), seriesArbitrary(constraints), windows, fc.double({ min: 0, max: 1, noNaN: true }), async (original, other, window, cut) => {
        run += 1;
        const id = `p${run}`;
        const resource = `r${run}`;
        const series = defineSeries({ ...original, id });
        const want = expected(series, window);
        const save = () => saveSeries(t.db, series, { ...t.options, resource, window });
        if (want === 'conflict') {
          await expect(save()).rejects.toThrow(BlockConflictError);
          expect(await t.sql(`select id from ${t.table('series')} where id = $1`, [id])).toEqual([]);
          return;
        }
        expect((await save()).added).toBe(want.length);
        expect(await stored(id)).toEqual(want.map(plain));
        expect((await save()).added).toBe(0);

        const edited = defineSeries({ ...other, id });
        const from = window.from + Math.floor(cut * (window.to - window.from - 1));
        // Rows before `from` stay; the edit's blocks from `from` on replace the rest (a key already held by an earlier row stays with it).
        const before = want.filter((block) => block.start < from);
        const heldKeys = new Set(before.map((block) => block.key));
        const after = [...before, ...expand(edited, { from, to: window.to }).filter((block) => block.start >= from && !heldKeys.has(block.key))];
        const next = findOverlaps(after);
        const summary = await regenerate(t.db, edited, { ...t.options, from }).catch((error: unknown) => error);
        if (next.length > 0) {
          expect(summary).toBeInstanceOf(BlockConflictError);
          expect(await stored(id)).toEqual(want.map(plain));
          return;
        }
        const sorted = after.map(plain).sort((a, b) => a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        expect(await stored(id)).toEqual(sorted);
      }),
      { numRuns: 200 },
    );
  });
});
