import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand, NonexistentTimeError, toICalendar, type Block, type Series } from '../../../src/index.js';
import { fromICalendar } from '../../../src/ical/index.js';
import { seriesArbitrary } from '../../../src/testing/index.js';

/** Blocks without the series id (UIDs are `<id>@timeblocks`), or the error's name and key. */
function blocksOf(series: Series | undefined, window: { from: number; to: number }): Array<Omit<Block, 'seriesId'>> | string {
  if (series === undefined) return 'no series';
  try {
    return expand(series, window).map(({ seriesId: _id, ...block }) => block);
  } catch (error) {
    if (error instanceof NonexistentTimeError) return `${error.name} ${error.key}`;
    throw error;
  }
}

describe('fromICalendar(toICalendar(series)) round trip', () => {
  it('expands to the same blocks as the series, for every series the arbitraries make', () => {
    fc.assert(
      fc.property(seriesArbitrary({ withNeverEnding: true }), (series) => {
        const { series: read, problems } = fromICalendar(toICalendar([series]));
        expect(problems).toEqual([]);
        expect(read).toHaveLength(1);
        expect(read[0]!.id).toBe(`${series.id}@timeblocks`);
        const start = Date.parse(`${series.start}T00:00:00Z`);
        const window = { from: start - 86_400_000 * 40, to: start + 86_400_000 * 800 };
        expect(blocksOf(read[0], window)).toEqual(blocksOf(series, window));
      }),
      { numRuns: 300 },
    );
  });

  it('holds for sub-daily rules and several times a day, started near DST nights', () => {
    const subDaily = seriesArbitrary({ freqs: ['hourly', 'minutely', 'secondly', 'daily', 'weekly'], withTimesOfDay: true, withSingle: false, nearOffsetChanges: true, maxCount: 100 });
    fc.assert(
      fc.property(subDaily, (series) => {
        const { series: read, problems } = fromICalendar(toICalendar([series]));
        expect(problems).toEqual([]);
        const start = Date.parse(`${series.start}T00:00:00Z`);
        const window = { from: start - 86_400_000 * 32, to: start + 86_400_000 * 14 };
        expect(blocksOf(read[0], window)).toEqual(blocksOf(series, window));
      }),
      { numRuns: 150 },
    );
  });
});
